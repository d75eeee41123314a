// Several `integrator run` processes share one PostgreSQL database: every message is delivered
// exactly once while all live; when one is killed, none is lost and only its claims arrive twice.
#include "IntegratorProcess.h"
#include "ScriptedEndpoint.h"
#include "SpreeStoreServer.h"
#include "storage/Database.h"
#include "TestDatabase.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>
#include <QTest>

#include <memory>
#include <vector>

class TestWorkers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void threeWorkersDeliverEachMessageOnce();
    void killedWorkerLosesNothing();
    void savedDatabasePasswordIsSealedAndUsed();
    void threeWorkersPollAStoreWithoutRepeats();

private:
    QStringList setUp(int messages);
    std::vector<std::unique_ptr<QProcess>> startWorkers(int count);

    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<ScriptedEndpoint> endpoint_;
    QHash<QString, int> received_;
};

void TestWorkers::init()
{
    QVERIFY2(TestDatabase::usePostgres(),
             "several engines need a shared database: this test runs as workers_postgres");
    database_ = std::make_unique<TestDatabase>();
    QVERIFY2(database_->isValid(), qPrintable(database_->error()));
    received_.clear();
    endpoint_ = std::make_unique<ScriptedEndpoint>();
    QVERIFY(endpoint_->listen());
    endpoint_->setRecordBodies(false);
    endpoint_->setHandler([this](const RecordedRequest &request) {
        const QString id = request.json()[QStringLiteral("message_id")].toString();
        ++received_[id];
        return ScriptedResponse::json(200, {{QStringLiteral("message_id"), id}});
    });
}

QStringList TestWorkers::setUp(int messages)
{
    const QJsonObject config{
        {QStringLiteral("endpoints"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("counter")},
                                {QStringLiteral("url"), endpoint_->url().toString()}}}},
        {QStringLiteral("mappings"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("count")},
                                {QStringLiteral("endpoint"), QStringLiteral("counter")},
                                {QStringLiteral("messages"), QJsonArray{QStringLiteral("order:*")}},
                                {QStringLiteral("options"), QJsonObject{{QStringLiteral("timeout"), 2}}}}}}};
    CliResult result =
        runIntegrator(database_->cliArguments() + QStringList{QStringLiteral("config"),
                                                              QStringLiteral("import"), QStringLiteral("-")},
                      QJsonDocument(config).toJson());
    if (result.exitCode != 0)
        return {};
    QJsonArray batch;
    for (int i = 0; i < messages; ++i)
        batch.append(QJsonObject{{QStringLiteral("message"), QStringLiteral("order:new")},
                                 {QStringLiteral("payload"), QJsonObject{{QStringLiteral("n"), i}}}});
    result =
        runIntegrator(database_->cliArguments() + QStringList{QStringLiteral("push"), QStringLiteral("-")},
                      QJsonDocument(batch).toJson(QJsonDocument::Compact), 120000);
    QStringList ids;
    for (const QByteArray &line : result.out.trimmed().split('\n'))
        ids << QString::fromLatin1(line);
    return ids;
}

std::vector<std::unique_ptr<QProcess>> TestWorkers::startWorkers(int count)
{
    std::vector<std::unique_ptr<QProcess>> workers;
    workers.reserve(count);
    for (int i = 0; i < count; ++i)
        workers.push_back(startIntegrator(database_->cliArguments() + QStringList{QStringLiteral("run")}));
    return workers;
}

void TestWorkers::threeWorkersDeliverEachMessageOnce()
{
    constexpr int kMessages = 10000;
    const QStringList ids = setUp(kMessages);
    QCOMPARE(ids.size(), kMessages);
    auto workers = startWorkers(3);
    QTRY_VERIFY_WITH_TIMEOUT(received_.size() == kMessages, 300000);
    for (auto &worker : workers) {
        worker->terminate();
        QVERIFY(waitForExit(*worker));
        QCOMPARE(worker->exitCode(), 0);
    }
    for (const QString &id : ids)
        QVERIFY2(received_.value(id) == 1,
                 qPrintable(QStringLiteral("%1 arrived %2 times").arg(id).arg(received_.value(id))));
    QCOMPARE(endpoint_->requestCount(), kMessages);
    // All three took part.
    Database db(database_->location(), QStringLiteral("inspect"));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    QSqlQuery query(db.connection());
    QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'delivered'")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), kMessages);
}

void TestWorkers::threeWorkersPollAStoreWithoutRepeats()
{
    SpreeStoreServer store;
    QVERIFY(store.listen());
    for (int i = 0; i < 30; ++i)
        store.addOrder();
    const QJsonObject config{
        {QStringLiteral("stores"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("shop")},
                                {QStringLiteral("url"), store.url().toString()},
                                {QStringLiteral("api_key"), store.apiKey()},
                                {QStringLiteral("collections"), QJsonObject{{QStringLiteral("orders"), 1}}},
                                {QStringLiteral("page_size"), 7}}}}};
    QCOMPARE(
        runIntegrator(database_->cliArguments() + QStringList{QStringLiteral("config"),
                                                              QStringLiteral("import"), QStringLiteral("-")},
                      QJsonDocument(config).toJson())
            .exitCode,
        0);
    Database db(database_->location(), QStringLiteral("inspect-store"));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    auto orderNews = [&db] {
        QMap<QString, int> perOrder;
        QSqlQuery query(db.connection());
        query.exec(QStringLiteral("SELECT payload FROM messages WHERE type = 'order:new'"));
        while (query.next())
            ++perOrder[QJsonDocument::fromJson(query.value(0).toString().toUtf8())
                           .object()[QStringLiteral("order")][QStringLiteral("number")]
                           .toString()];
        return perOrder;
    };
    auto workers = startWorkers(3);
    QTRY_COMPARE_WITH_TIMEOUT(orderNews().size(), 30, 60000);
    // More orders while all three keep polling every second.
    for (int i = 0; i < 10; ++i)
        store.addOrder();
    QTRY_COMPARE_WITH_TIMEOUT(orderNews().size(), 40, 60000);
    for (auto &worker : workers) {
        worker->terminate();
        QVERIFY(waitForExit(*worker));
    }
    const QMap<QString, int> perOrder = orderNews();
    for (auto it = perOrder.cbegin(); it != perOrder.cend(); ++it)
        QVERIFY2(it.value() == 1,
                 qPrintable(QStringLiteral("order %1 produced %2 order:new").arg(it.key()).arg(it.value())));
}

void TestWorkers::savedDatabasePasswordIsSealedAndUsed()
{
    const QString password = qEnvironmentVariable("PGPASSWORD");
    QVERIFY2(!password.isEmpty(), "run-tests.sh gives the test server a password in PGPASSWORD");
    QProcessEnvironment noPassword = QProcessEnvironment::systemEnvironment();
    noPassword.remove(QStringLiteral("PGPASSWORD"));
    const QStringList db = database_->cliArguments();

    CliResult result = runIntegrator(db + QStringList{QStringLiteral("messages")}, {}, 60000, noPassword);
    QVERIFY2(result.exitCode != 0 && result.err.trimmed().count('\n') == 0 &&
                 result.err.startsWith("integrator: cannot open database postgresql://integrator@"),
             qPrintable(result.describe()));
    QVERIFY(!result.err.contains(password.toUtf8()));

    result = runIntegrator(db + QStringList{QStringLiteral("database-password"), QStringLiteral("set")},
                           password.toUtf8() + '\n', 60000, noPassword);
    QVERIFY2(result.exitCode == 0 && result.out.contains("saved the password"),
             qPrintable(result.describe()));
    // Kept in the user's settings, sealed with the master key: the plain password is in no file there.
    QDirIterator files(qEnvironmentVariable("XDG_CONFIG_HOME"), QDir::Files | QDir::Hidden,
                       QDirIterator::Subdirectories);
    int scanned = 0;
    while (files.hasNext()) {
        QFile file(files.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        scanned += content.contains("databasePasswords") ? 1 : 0;
        QVERIFY2(!content.contains(password.toUtf8()), qPrintable(file.fileName()));
    }
    QCOMPARE(scanned, 1);
    result = runIntegrator(db + QStringList{QStringLiteral("messages"), QStringLiteral("--json")}, {}, 60000,
                           noPassword);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(QJsonDocument::fromJson(result.out).array().size(), 0);
}

void TestWorkers::killedWorkerLosesNothing()
{
    constexpr int kMessages = 10000;
    const QStringList ids = setUp(kMessages);
    QCOMPARE(ids.size(), kMessages);
    auto workers = startWorkers(3);
    QTRY_VERIFY_WITH_TIMEOUT(received_.size() >= kMessages / 4, 300000);
    const qint64 pid = workers[0]->processId();
    workers[0]->kill();
    QVERIFY(waitForExit(*workers[0]));
    QVERIFY2(received_.size() < kMessages, "all delivered before the kill; the test proves nothing");

    // The killed worker's claims: the only deliveries that may arrive twice.
    QSet<QString> claimedByDead;
    {
        Database db(database_->location(), QStringLiteral("inspect-killed"));
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        QSqlQuery query(db.connection());
        query.prepare(
            QStringLiteral("SELECT m.message_id FROM deliveries d JOIN messages m ON m.id = d.message_row"
                           " WHERE d.state = 'sending' AND d.lease_owner LIKE ?"));
        query.bindValue(0, QStringLiteral("%-%1-%").arg(pid));
        QVERIFY(query.exec());
        while (query.next())
            claimedByDead.insert(query.value(0).toString());
    }

    // The two survivors take over once the dead worker's leases expire.
    QTRY_VERIFY_WITH_TIMEOUT(received_.size() == kMessages, 300000);
    for (std::size_t i = 1; i < workers.size(); ++i) {
        workers[i]->terminate();
        QVERIFY(waitForExit(*workers[i]));
    }
    int duplicates = 0;
    for (const QString &id : ids) {
        const int count = received_.value(id);
        QVERIFY2(count >= 1, qPrintable(id));
        if (count > 1) {
            ++duplicates;
            QVERIFY2(claimedByDead.contains(id),
                     qPrintable(
                         QStringLiteral("%1 arrived twice but the dead worker had not claimed it").arg(id)));
        }
    }
    qInfo("killed one of three workers; it held %d claims; %d messages arrived twice",
          int(claimedByDead.size()), duplicates);
}

QTEST_GUILESS_MAIN(TestWorkers)
#include "tst_workers.moc"
