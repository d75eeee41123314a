// The database goes away under running engines (a PostgreSQL restart, a SQLite file locked by another
// process for longer than the busy timeout) and comes back: no engine exits, nothing accepted is lost,
// and only requests that were in flight at the outage may arrive twice.
#include "IntegratorProcess.h"
#include "PostgresCluster.h"
#include "ScriptedEndpoint.h"
#include "storage/Database.h"
#include "TestDatabase.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>
#include <unistd.h>
#include <vector>

class TestDatabaseOutage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void postgresStoppedWhileThreeWorkersDeliver();
    void pushApiAnswers503UntilPostgresIsBack();
    void sqliteLockedByAnotherProcessMidRun();
    void fullDiskRefusesPushesKeepsWhatItAcceptedAndRecovers();

private:
    QStringList setUp(const QStringList &database, int messages, const QJsonArray &stores = {});
    static int deliveredCount(const DatabaseLocation &location);
    static QJsonArray pushStore();
    static int listeningPort(QProcess &engine);
    // POSTs one message to the push API; the HTTP status, or -1 when no answer came.
    int push(int port, const QByteArray &payload, QByteArray *retryAfter = nullptr,
             QByteArray *body = nullptr);

    QNetworkAccessManager network_;

    std::unique_ptr<ScriptedEndpoint> endpoint_;
    QHash<QString, int> received_;
    std::function<void()> onReceived_; // runs after each request is counted
};

namespace {

QStringList databaseArguments(const QString &postgresUrl)
{
    return {QStringLiteral("--database"), postgresUrl};
}

bool allRunning(const std::vector<std::unique_ptr<QProcess>> &workers)
{
    for (const auto &worker : workers) {
        if (worker->state() != QProcess::Running)
            return false;
    }
    return true;
}

QByteArray stderrOf(const std::vector<std::unique_ptr<QProcess>> &workers, std::vector<QByteArray> *seen)
{
    QByteArray all;
    for (std::size_t i = 0; i < workers.size(); ++i) {
        (*seen)[i] += workers[i]->readAllStandardError();
        all += (*seen)[i];
    }
    return all;
}

} // namespace

void TestDatabaseOutage::init()
{
    received_.clear();
    onReceived_ = nullptr;
    endpoint_ = std::make_unique<ScriptedEndpoint>();
    QVERIFY(endpoint_->listen());
    endpoint_->setRecordBodies(false);
    endpoint_->setHandler([this](const RecordedRequest &request) {
        const QString id = request.json()[QStringLiteral("message_id")].toString();
        ++received_[id];
        if (onReceived_)
            onReceived_();
        return ScriptedResponse::json(200, {{QStringLiteral("message_id"), id}});
    });
}

QStringList TestDatabaseOutage::setUp(const QStringList &database, int messages, const QJsonArray &stores)
{
    QJsonObject config{
        {QStringLiteral("endpoints"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("counter")},
                                {QStringLiteral("url"), endpoint_->url().toString()}}}},
        {QStringLiteral("mappings"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("count")},
                                {QStringLiteral("endpoint"), QStringLiteral("counter")},
                                {QStringLiteral("messages"), QJsonArray{QStringLiteral("order:*")}},
                                {QStringLiteral("options"), QJsonObject{{QStringLiteral("timeout"), 2}}}}}}};
    if (!stores.isEmpty())
        config.insert(QStringLiteral("stores"), stores);
    CliResult result = runIntegrator(
        database + QStringList{QStringLiteral("config"), QStringLiteral("import"), QStringLiteral("-")},
        QJsonDocument(config).toJson());
    if (result.exitCode != 0) {
        qWarning("config import: %s", qPrintable(result.describe()));
        return {};
    }
    if (messages == 0)
        return {};
    QJsonArray batch;
    for (int i = 0; i < messages; ++i)
        batch.append(QJsonObject{{QStringLiteral("message"), QStringLiteral("order:new")},
                                 {QStringLiteral("payload"), QJsonObject{{QStringLiteral("n"), i}}}});
    result = runIntegrator(database + QStringList{QStringLiteral("push"), QStringLiteral("-")},
                           QJsonDocument(batch).toJson(QJsonDocument::Compact), 120000);
    QStringList ids;
    for (const QByteArray &line : result.out.trimmed().split('\n'))
        ids << QString::fromLatin1(line);
    return ids;
}

int TestDatabaseOutage::deliveredCount(const DatabaseLocation &location)
{
    Database db(location, QStringLiteral("inspect-outage"));
    QString error;
    if (!db.open(&error))
        return -1;
    QSqlQuery query(db.connection());
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'delivered'")) ||
        !query.next())
        return -1;
    return query.value(0).toInt();
}

// PostgreSQL stops for 5 s once a sixth of the messages have arrived, then starts again. Every message is
// delivered, no worker exits, each says the database went away and came back, and a message that
// arrived twice had its first request out before the server was back (it was in flight at the outage).
void TestDatabaseOutage::postgresStoppedWhileThreeWorkersDeliver()
{
    constexpr int kMessages = 3000;
    PostgresCluster cluster;
    QString error;
    QVERIFY2(cluster.start(&error), qPrintable(error));
    const QStringList database = databaseArguments(cluster.url());
    const QStringList ids = setUp(database, kMessages);
    QCOMPARE(ids.size(), kMessages);

    bool outageStarted = false;
    bool outageOver = false;
    QSet<QString> firstSentBeforeRestart;
    onReceived_ = [&] {
        if (!outageStarted && received_.size() >= kMessages / 6) {
            outageStarted = true;
            // Queued: the endpoint answers this request first, as a server going down mid-run would.
            QTimer::singleShot(0, this, [&] {
                QString stopError;
                QVERIFY2(cluster.stop(&stopError), qPrintable(stopError));
                QTimer::singleShot(5000, this, [&] {
                    for (auto it = received_.cbegin(); it != received_.cend(); ++it)
                        firstSentBeforeRestart.insert(it.key());
                    QString startError;
                    QVERIFY2(cluster.start(&startError), qPrintable(startError));
                    outageOver = true;
                });
            });
        }
    };

    std::vector<std::unique_ptr<QProcess>> workers;
    workers.reserve(3);
    for (int i = 0; i < 3; ++i)
        workers.push_back(startIntegrator(database + QStringList{QStringLiteral("run")}));
    QTRY_VERIFY_WITH_TIMEOUT(outageOver, 120000);
    QTRY_VERIFY_WITH_TIMEOUT(received_.size() == kMessages || !allRunning(workers), 300000);
    QVERIFY2(allRunning(workers), "a worker exited during the outage");
    DatabaseLocation location;
    QVERIFY2(DatabaseLocation::postgres(cluster.url(), &location, &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(deliveredCount(location), kMessages, 120000);

    std::vector<QByteArray> seen(workers.size());
    QTRY_VERIFY_WITH_TIMEOUT(
        stderrOf(workers, &seen).count("database reachable again") == int(workers.size()), 60000);
    for (const QByteArray &text : seen) {
        QVERIFY2(text.contains("integrator: database unreachable since ") && text.contains("retrying"),
                 text.constData());
        QVERIFY2(!text.contains("engine stopped"), text.constData());
    }
    int duplicates = 0;
    for (const QString &id : ids) {
        const int times = received_.value(id);
        QVERIFY2(times >= 1, qPrintable(QStringLiteral("%1 was never delivered").arg(id)));
        if (times > 1) {
            ++duplicates;
            QVERIFY2(
                firstSentBeforeRestart.contains(id),
                qPrintable(
                    QStringLiteral("%1 arrived %2 times, the first after the outage").arg(id).arg(times)));
        }
    }
    qInfo("%d of %d messages arrived twice (in flight at the outage)", duplicates, kMessages);
    for (auto &worker : workers) {
        worker->terminate();
        QVERIFY(waitForExit(*worker));
        QCOMPARE(worker->exitCode(), 0);
    }
}

QJsonArray TestDatabaseOutage::pushStore()
{
    return QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("shop")},
                                  {QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9")},
                                  {QStringLiteral("collections"), QJsonObject{}},
                                  {QStringLiteral("push_token"), QStringLiteral("push-secret-123")}}};
}

int TestDatabaseOutage::listeningPort(QProcess &engine)
{
    QByteArray announced;
    if (!QTest::qWaitFor(
            [&] { return (announced += engine.readAllStandardError()).contains("accepting pushes on"); },
            30000))
        return 0;
    const int line = int(announced.indexOf("accepting pushes on"));
    const QByteArray portLine = announced.mid(line, announced.indexOf('\n', line) - line);
    return portLine.mid(portLine.lastIndexOf(':') + 1).trimmed().toInt();
}

int TestDatabaseOutage::push(int port, const QByteArray &payload, QByteArray *retryAfter, QByteArray *body)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/api/stores/shop/messages").arg(port)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("X-Augury-Token", "push-secret-123");
    QNetworkReply *reply = network_.post(request, "{\"message\":\"order:new\",\"payload\":" + payload + "}");
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(30000))
        return -1;
    if (retryAfter)
        *retryAfter = reply->rawHeader("Retry-After");
    if (body)
        *body = reply->readAll();
    reply->deleteLater();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

// While PostgreSQL is down, pushes are answered 503 with Retry-After and nothing is half-stored; once it
// is back the same engine accepts them again (a new connection) and delivers them.
void TestDatabaseOutage::pushApiAnswers503UntilPostgresIsBack()
{
    PostgresCluster cluster;
    QString error;
    QVERIFY2(cluster.start(&error), qPrintable(error));
    const QStringList database = databaseArguments(cluster.url());
    setUp(database, 0, pushStore());
    std::unique_ptr<QProcess> engine =
        startIntegrator(database + QStringList{QStringLiteral("run"), QStringLiteral("--listen"),
                                               QStringLiteral("127.0.0.1:0")});
    const int port = listeningPort(*engine);
    QVERIFY(port > 0);

    QCOMPARE(push(port, "{\"n\":1}"), 201);
    QTRY_COMPARE_WITH_TIMEOUT(received_.size(), 1, 30000);

    QVERIFY2(cluster.stop(&error), qPrintable(error));
    QByteArray retryAfter;
    QCOMPARE(push(port, "{\"n\":2}", &retryAfter), 503);
    QVERIFY2(retryAfter.toInt() > 0, retryAfter.constData());
    QCOMPARE(engine->state(), QProcess::Running);

    QVERIFY2(cluster.start(&error), qPrintable(error));
    // The push API opens a new connection at most once a second: the first pushes may still hear 503,
    // and store nothing.
    int status = 503;
    QVERIFY(QTest::qWaitFor([&] { return (status = push(port, "{\"n\":3}")) != 503; }, 30000));
    QCOMPARE(status, 201);
    QTRY_COMPARE_WITH_TIMEOUT(received_.size(), 2, 60000);
    QCOMPARE(engine->state(), QProcess::Running);
    engine->terminate();
    QVERIFY(waitForExit(*engine));
    QCOMPARE(engine->exitCode(), 0);
}

// Another process holds SQLite's write lock (BEGIN EXCLUSIVE) for 12 s, longer than the engine's 10 s busy
// timeout, once a fifth of the messages have arrived: the engine says the database is unreachable, keeps
// going, and delivers every message once the lock is released.
void TestDatabaseOutage::sqliteLockedByAnotherProcessMidRun()
{
    constexpr int kMessages = 500;
    TestDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.error()));
    const QStringList ids = setUp(database.cliArguments(), kMessages);
    QCOMPARE(ids.size(), kMessages);

    QSqlDatabase locker = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("locker"));
    locker.setDatabaseName(database.location().sqlitePath);
    QVERIFY(locker.open());
    bool locked = false;
    bool released = false;
    onReceived_ = [&] {
        if (locked || received_.size() < kMessages / 5)
            return;
        locked = true;
        QSqlQuery begin(locker);
        QVERIFY2(begin.exec(QStringLiteral("BEGIN EXCLUSIVE")), qPrintable(locker.lastError().text()));
        QTimer::singleShot(12000, this, [&] {
            QSqlQuery commit(locker);
            QVERIFY(commit.exec(QStringLiteral("COMMIT")));
            released = true;
        });
    };
    std::unique_ptr<QProcess> engine =
        startIntegrator(database.cliArguments() + QStringList{QStringLiteral("run")});
    QTRY_VERIFY_WITH_TIMEOUT(released, 120000);
    QByteArray text;
    QTRY_VERIFY_WITH_TIMEOUT((text += engine->readAllStandardError()).contains("database reachable again") ||
                                 engine->state() != QProcess::Running,
                             120000);
    QCOMPARE(engine->state(), QProcess::Running);
    QVERIFY2(text.contains("database unreachable since ") && text.contains("database is locked"),
             text.constData());
    QTRY_COMPARE_WITH_TIMEOUT(deliveredCount(database.location()), kMessages, 120000);
    for (const QString &id : ids)
        QVERIFY2(received_.value(id) >= 1, qPrintable(id));
    engine->terminate();
    QVERIFY(waitForExit(*engine));
    QCOMPARE(engine->exitCode(), 0);
    locker.close();
    locker = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("locker"));
}

// The database's disk fills up (a 16 MB tmpfs, 8 MB of it taken by another file) while 100 KB messages are
// pushed: the push that no longer fits is refused with a 503 that says why, the engine keeps running, and
// once the other file is gone it accepts pushes again and delivers every message it ever accepted.
void TestDatabaseOutage::fullDiskRefusesPushesKeepsWhatItAcceptedAndRecovers()
{
    QTemporaryDir mountPoint;
    QVERIFY(mountPoint.isValid());
    if (::geteuid() != 0 ||
        QProcess::execute(QStringLiteral("mount"),
                          {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                           QStringLiteral("size=16m"), QStringLiteral("tmpfs"), mountPoint.path()}) != 0)
        QSKIP("a small disk is a 16 MB tmpfs, which only root may mount (CI runs as root)");
    const auto unmount = qScopeGuard([&] {
        QProcess::execute(QStringLiteral("umount"), {QStringLiteral("-l"), mountPoint.path()});
    });
    QFile filler(mountPoint.filePath(QStringLiteral("other-file")));
    QVERIFY(filler.open(QIODevice::WriteOnly));
    QCOMPARE(filler.write(QByteArray(8 * 1024 * 1024, 'x')), qint64(8 * 1024 * 1024));
    filler.close();

    const QStringList database{QStringLiteral("--db"),
                               mountPoint.filePath(QStringLiteral("integrator.sqlite"))};
    setUp(database, 0, pushStore());
    std::unique_ptr<QProcess> engine =
        startIntegrator(database + QStringList{QStringLiteral("run"), QStringLiteral("--listen"),
                                               QStringLiteral("127.0.0.1:0")});
    const int port = listeningPort(*engine);
    QVERIFY(port > 0);

    const QByteArray big = "{\"text\":\"" + QByteArray(100 * 1024, 'a') + "\"}";
    int accepted = 0;
    int status = 201;
    QByteArray body;
    for (int i = 0; status == 201 && i < 200; ++i) {
        status = push(port, big, nullptr, &body);
        accepted += status == 201 ? 1 : 0;
    }
    QCOMPARE(status, 503);
    QVERIFY2(body.contains("disk is full"), body.constData());
    QVERIFY(accepted > 0);
    QCOMPARE(engine->state(), QProcess::Running);

    QVERIFY(filler.remove());
    status = 503;
    QVERIFY(QTest::qWaitFor([&] { return (status = push(port, "{\"n\":1}")) != 503; }, 30000));
    QCOMPARE(status, 201);
    ++accepted;
    QTRY_COMPARE_WITH_TIMEOUT(int(received_.size()), accepted, 120000);
    QCOMPARE(engine->state(), QProcess::Running);
    engine->terminate();
    QVERIFY(waitForExit(*engine));
    QCOMPARE(engine->exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestDatabaseOutage)
#include "tst_databaseoutage.moc"
