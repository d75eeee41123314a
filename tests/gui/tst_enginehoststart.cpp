// The control panel starts its engine and the demo without its GUI thread waiting on the database.
//
// The engine: another connection holds the deliveries table of a PostgreSQL database locked for 3 s, so
// the dispatcher's start (which takes back expired claims, an UPDATE of that table) waits that long for
// real, while the control panel's own reads of the table go through. The panel's start returns at once,
// the status bar says the engine is starting until the lock goes, then that it runs, and the GUI thread's
// event loop keeps running throughout: a 10 ms timer never waits 100 ms and never ticks in a nested event
// loop (the old start waited for the dispatcher in one).
//
// The demo: another connection holds a SQLite file with BEGIN EXCLUSIVE for 3 s while the demo starts.
// Its configuration is written once the lock goes, and the GUI thread never waits for it.
//
// The panel's own database: the same lock is held while the control panel starts. Opening checks the
// schema inside a write transaction, so the worker's open waits for the lock (the old start waited on the
// GUI thread, up to the 10 s busy timeout, and failed). The window is there at once, says it is opening
// the database, and fills its pages once the lock goes. A database that cannot be opened at all is said
// in one line in the status bar, and every job asked for meanwhile still finishes.
#include "BackgroundWorker.h"
#include "ControlPanel.h"
#include "DemoSetup.h"
#include "EngineHost.h"
#include "EventLoopProbe.h"
#include "IntegratorProcess.h"
#include "MainWindow.h"
#include "MessageLogSeed.h"
#include "models/MessageTableModel.h"
#include "pages/MessagesPage.h"
#include "PanelStart.h"
#include "ScriptedEndpoint.h"
#include "storage/Database.h"
#include "TestDatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTcpServer>
#include <QTest>
#include <QThread>
#include <QTimer>

namespace {

constexpr int kLockMs = 3000;

// A connection of the test's own that holds a lock until release(); the lock is taken and released on
// the test's thread without waiting (nothing else holds it then).
class DatabaseLocker
{
public:
    explicit DatabaseLocker(const DatabaseLocation &location)
    {
        db_ = QSqlDatabase::addDatabase(
            location.isPostgres() ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), kName);
        if (location.isPostgres()) {
            const QUrl &url = location.postgresUrl;
            db_.setHostName(url.host());
            db_.setPort(url.port(5432));
            db_.setUserName(url.userName());
            db_.setPassword(url.password());
            db_.setDatabaseName(url.path().mid(1));
        } else {
            db_.setDatabaseName(location.sqlitePath);
        }
    }
    DatabaseLocker(const DatabaseLocker &) = delete;
    DatabaseLocker &operator=(const DatabaseLocker &) = delete;
    ~DatabaseLocker()
    {
        db_.close();
        db_ = QSqlDatabase();
        QSqlDatabase::removeDatabase(kName);
    }

    // Runs the statements that take the lock; empty, or why they failed.
    QString lock(const QStringList &statements)
    {
        if (!db_.open())
            return db_.lastError().text();
        for (const QString &statement : statements) {
            QSqlQuery query(db_);
            if (!query.exec(statement))
                return query.lastError().text();
        }
        return {};
    }
    bool release()
    {
        QSqlQuery commit(db_);
        return commit.exec(QStringLiteral("COMMIT"));
    }
    int count(const QString &sql)
    {
        QSqlQuery query(db_);
        return query.exec(sql) && query.next() ? query.value(0).toInt() : -1;
    }

private:
    static inline const QString kName = QStringLiteral("locker");
    QSqlDatabase db_;
};

// TestDatabase makes a SQLite file, or a PostgreSQL database when INTEGRATOR_TEST_BACKEND is "postgres";
// the guard puts the variable back as it was.
auto useTestBackend(const QByteArray &backend)
{
    const QByteArray before = qgetenv("INTEGRATOR_TEST_BACKEND");
    if (backend.isEmpty())
        qunsetenv("INTEGRATOR_TEST_BACKEND");
    else
        qputenv("INTEGRATOR_TEST_BACKEND", backend);
    return qScopeGuard([before] {
        if (before.isEmpty())
            qunsetenv("INTEGRATOR_TEST_BACKEND");
        else
            qputenv("INTEGRATOR_TEST_BACKEND", before);
    });
}

} // namespace

class TestEngineHostStart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void engineStartsWhileItsDatabaseWaitsAndTheWindowAnswers();
    void demoStartsWhileTheDatabaseIsLocked();
    void windowShowsWhileItsDatabaseIsLockedAndFillsAfter();
    void databaseThatCannotOpenIsSaidInOneLine();
};

void TestEngineHostStart::engineStartsWhileItsDatabaseWaitsAndTheWindowAnswers()
{
    // TestDatabase makes a PostgreSQL database of its own on the server tests/run-tests.sh starts.
    const auto restoreBackend = useTestBackend("postgres");
    TestDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.error()));
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    const QJsonObject config{
        {QStringLiteral("endpoints"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("sink")},
                                {QStringLiteral("url"), endpoint.url().toString()}}}},
        {QStringLiteral("mappings"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("all")},
                                {QStringLiteral("endpoint"), QStringLiteral("sink")},
                                {QStringLiteral("messages"), QJsonArray{QStringLiteral("order:*")}}}}}};
    const CliResult imported =
        runIntegrator(database.cliArguments() + QStringList{QStringLiteral("config"),
                                                            QStringLiteral("import"), QStringLiteral("-")},
                      QJsonDocument(config).toJson());
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.describe()));

    // EXCLUSIVE mode lets others read the table (the panel's views do) but not write it. The server ends
    // the lock by itself after 6 s, so a start that blocks this thread (and with it the release below)
    // fails the assertions instead of hanging.
    DatabaseLocker locker(database.location());
    const QString lockError =
        locker.lock({QStringLiteral("SET idle_in_transaction_session_timeout = 6000"),
                     QStringLiteral("BEGIN"), QStringLiteral("LOCK TABLE deliveries IN EXCLUSIVE MODE")});
    QVERIFY2(lockError.isEmpty(), qPrintable(lockError));

    ControlPanel panel(database.location());
    QString error;
    QVERIFY2(startAndWaitUntilOpen(panel, &error), qPrintable(error));
    MainWindow *window = panel.window();
    auto *status = window->findChild<QLabel *>(QStringLiteral("engineStatus"));
    QVERIFY(status);
    QVERIFY(panel.context().engine->runsEngine());
    QVERIFY2(status->text().startsWith(QStringLiteral("Engine starting on ")), qPrintable(status->text()));

    QString statusWhileLocked;
    bool released = false;
    QTimer release;
    release.setSingleShot(true);
    connect(&release, &QTimer::timeout, this, [&] {
        statusWhileLocked = status->text();
        released = locker.release();
    });
    EventLoopProbe probe;
    probe.start(QThread::currentThread()->loopLevel()); // QTRY_VERIFY waits without a QEventLoop
    release.start(kLockMs);
    window->show();
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Engine running on ")), 60000);
    probe.stop();

    QVERIFY(released);
    QVERIFY2(statusWhileLocked.startsWith(QStringLiteral("Engine starting on ")),
             qPrintable(QStringLiteral("while the lock was held the status bar said \"%1\": the dispatcher's "
                                       "start did not wait, the test proves nothing")
                            .arg(statusWhileLocked)));
    const QString loopFailure = probe.failure(QStringLiteral("the engine started"));
    QVERIFY2(loopFailure.isEmpty(), qPrintable(loopFailure));

    // The engine that started this way delivers.
    const CliResult pushed =
        runIntegrator(database.cliArguments() + QStringList{QStringLiteral("push"), QStringLiteral("-")},
                      QByteArray(R"({"message": "order:new", "payload": {"order": {"number": "R100"}}})"));
    QVERIFY2(pushed.exitCode == 0, qPrintable(pushed.describe()));
    QTRY_COMPARE_WITH_TIMEOUT(endpoint.requestCount(), 1, 30000);
    QCOMPARE(endpoint.requests().constFirst().json().value(QStringLiteral("message")).toString(),
             QStringLiteral("order:new"));
    qInfo("longest event loop gap %lld ms over %d ticks while the engine started", probe.maxGapMs(),
          probe.ticks());
}

void TestEngineHostStart::demoStartsWhileTheDatabaseIsLocked()
{
    const auto restoreBackend = useTestBackend({}); // a SQLite file, which another connection can lock
    TestDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.error()));
    ControlPanel panel(database.location());
    QString error;
    QVERIFY2(startAndWaitUntilOpen(panel, &error), qPrintable(error));
    MainWindow *window = panel.window();
    window->show();
    auto *status = window->findChild<QLabel *>(QStringLiteral("engineStatus"));
    QVERIFY(status);
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Engine running on ")), 30000);
    QTRY_COMPARE(panel.context().worker->pendingJobs(), 0);

    // WAL mode: the lock keeps writers out, readers (the demo's look at earlier runs) go through.
    DatabaseLocker locker(database.location());
    const QString lockError = locker.lock({QStringLiteral("BEGIN EXCLUSIVE")});
    QVERIFY2(lockError.isEmpty(), qPrintable(lockError));
    int demoStoresWhileLocked = -1;
    QString messageWhileLocked;
    bool released = false;
    QTimer release;
    release.setSingleShot(true);
    connect(&release, &QTimer::timeout, this, [&] {
        demoStoresWhileLocked = locker.count(QStringLiteral("SELECT COUNT(*) FROM stores"));
        messageWhileLocked = window->statusBar()->currentMessage();
        released = locker.release();
    });
    EventLoopProbe probe;
    probe.start(QThread::currentThread()->loopLevel());
    release.start(kLockMs);
    QVERIFY2(panel.startDemo(&error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(window->statusBar()->currentMessage().startsWith(QStringLiteral("Demo running")),
                             30000);
    probe.stop();

    QVERIFY(released);
    QCOMPARE(demoStoresWhileLocked, 0);
    QVERIFY2(!messageWhileLocked.startsWith(QStringLiteral("Demo running")), qPrintable(messageWhileLocked));
    const QString loopFailure = probe.failure(QStringLiteral("the demo started"));
    QVERIFY2(loopFailure.isEmpty(), qPrintable(loopFailure));
    QCOMPARE(locker.count(QStringLiteral("SELECT COUNT(*) FROM stores WHERE name = 'demo-store'")), 1);
    QCOMPARE(locker.count(QStringLiteral("SELECT COUNT(*) FROM endpoints WHERE name = 'demo-endpoint'")), 1);
    QVERIFY(panel.demo()->isRunning());
    qInfo("longest event loop gap %lld ms over %d ticks while the demo started", probe.maxGapMs(),
          probe.ticks());
}

void TestEngineHostStart::windowShowsWhileItsDatabaseIsLockedAndFillsAfter()
{
    const auto restoreBackend = useTestBackend({}); // a SQLite file, which another connection can lock
    TestDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.error()));
    {
        // Four messages, every second one parked: the Dashboard counts 2 parked, Messages lists 4.
        Database seed(database.location(), QStringLiteral("seed"));
        QString error;
        QVERIFY2(seed.open(&error) && MessageLogSeed::configure(seed, &error) &&
                     MessageLogSeed::seed(seed, 4, 2, &error),
                 qPrintable(error));
    }
    DatabaseLocker locker(database.location());
    const QString lockError = locker.lock({QStringLiteral("BEGIN EXCLUSIVE")});
    QVERIFY2(lockError.isEmpty(), qPrintable(lockError));

    ControlPanel panel(database.location());
    panel.start();
    BackgroundWorker *worker = panel.context().worker;
    MainWindow *window = panel.window();
    QVERIFY(window);
    QCOMPARE(worker->state(), BackgroundWorker::State::Opening);
    window->show();
    auto *databaseStatus = window->findChild<QLabel *>(QStringLiteral("databaseStatus"));
    QVERIFY(databaseStatus);
    auto *parked = window->findChild<QLabel *>(QStringLiteral("count_parked"));
    QVERIFY(parked);
    auto *messages = static_cast<MessagesPage *>(window->page(QStringLiteral("messages")));

    bool visibleWhileLocked = false;
    BackgroundWorker::State stateWhileLocked = BackgroundWorker::State::Stopped;
    QString statusWhileLocked;
    QString parkedWhileLocked;
    bool released = false;
    QTimer release;
    release.setSingleShot(true);
    connect(&release, &QTimer::timeout, this, [&] {
        visibleWhileLocked = window->isVisible();
        stateWhileLocked = worker->state();
        statusWhileLocked = databaseStatus->text();
        parkedWhileLocked = parked->text();
        released = locker.release();
    });
    EventLoopProbe probe;
    probe.start(QThread::currentThread()->loopLevel()); // QTRY_VERIFY waits without a QEventLoop
    release.start(kLockMs);
    window->showPage(QStringLiteral("messages"));
    QTRY_VERIFY_WITH_TIMEOUT(messages->model()->rowCount() == 4 && parked->text() == QStringLiteral("2"),
                             30000);
    probe.stop();

    QVERIFY(released);
    QVERIFY(visibleWhileLocked);
    QVERIFY2(stateWhileLocked == BackgroundWorker::State::Opening,
             "the database was open while another connection held it locked: the test proves nothing");
    QCOMPARE(statusWhileLocked, QStringLiteral("Opening the database..."));
    QCOMPARE(parkedWhileLocked, QStringLiteral("–"));
    QCOMPARE(worker->state(), BackgroundWorker::State::Open);
    QVERIFY(databaseStatus->isHidden());
    QVERIFY(window->centralWidget()->isEnabled());
    const QString loopFailure = probe.failure(QStringLiteral("the database opened"));
    QVERIFY2(loopFailure.isEmpty(), qPrintable(loopFailure));
    qInfo("longest event loop gap %lld ms over %d ticks while the database opened", probe.maxGapMs(),
          probe.ticks());
}

void TestEngineHostStart::databaseThatCannotOpenIsSaidInOneLine()
{
    // A port nothing listens on: the server that had it is gone.
    quint16 closedPort = 0;
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        closedPort = server.serverPort();
    }
    DatabaseLocation location;
    QString error;
    QVERIFY2(DatabaseLocation::postgres(
                 QStringLiteral("postgresql://integrator@127.0.0.1:%1/integrator").arg(closedPort), &location,
                 &error),
             qPrintable(error));

    ControlPanel panel(location);
    panel.start();
    BackgroundWorker *worker = panel.context().worker;
    MainWindow *window = panel.window();
    window->show();
    window->showPage(QStringLiteral("messages")); // asks for rows before the open fails
    auto *databaseStatus = window->findChild<QLabel *>(QStringLiteral("databaseStatus"));
    QVERIFY(databaseStatus);
    QTRY_COMPARE_WITH_TIMEOUT(worker->state(), BackgroundWorker::State::Failed, 30000);
    QTRY_COMPARE(worker->pendingJobs(), 0); // every Done ran, though no Work did

    const QString line = databaseStatus->text();
    QVERIFY2(line.startsWith(QStringLiteral("Not connected: cannot open database ")), qPrintable(line));
    QVERIFY2(line.contains(QString::number(closedPort)), qPrintable(line));
    QVERIFY2(line.endsWith(QStringLiteral("Fix that and start Integrator again.")), qPrintable(line));
    QVERIFY2(!line.contains(QLatin1Char('\n')), qPrintable(line));
    QVERIFY(databaseStatus->isVisible());
    QVERIFY(!window->centralWidget()->isEnabled());
    auto *messages = static_cast<MessagesPage *>(window->page(QStringLiteral("messages")));
    QVERIFY(!messages->model()->isLoading());
    QCOMPARE(messages->model()->rowCount(), 0);
}

QTEST_MAIN(TestEngineHostStart)
#include "tst_enginehoststart.moc"
