#include "BackgroundWorker.h"
#include "ControlPanel.h"
#include "DemoSetup.h"
#include "IntegratorProcess.h"
#include "MainWindow.h"
#include "models/MessageTableModel.h"
#include "pages/ComposePage.h"
#include "pages/MappingsPage.h"
#include "pages/MessagesPage.h"
#include "PanelStart.h"
#include "ScriptedEndpoint.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "TestDatabase.h"
#include "widgets/MappingCanvas.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTcpServer>
#include <QTest>
#include <QToolBar>

// The whole round a person makes, through the real widgets: create an endpoint, drag a mapping on the
// canvas, push a message that the endpoint refuses (it ends parked), fix the endpoint, click Replay,
// and the row turns delivered.
class TestControlPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void endpointMappingPushParkReplay()
    {
        ScriptedEndpoint endpoint;
        QVERIFY(endpoint.listen());
        bool failing = true;
        endpoint.setHandler([&failing](const RecordedRequest &request) {
            if (failing)
                return ScriptedResponse::json(500,
                                              {{QStringLiteral("summary"), QStringLiteral("database down")}});
            return ScriptedResponse::json(
                200, {{QStringLiteral("message_id"), request.json().value(QStringLiteral("message_id"))}});
        });
        TestDatabase database;
        QVERIFY2(database.isValid(), qPrintable(database.error()));
        ControlPanel panel(database.location());
        QString error;
        QVERIFY2(startAndWaitUntilOpen(panel, &error), qPrintable(error));
        MainWindow *window = panel.window();
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QTRY_COMPARE(panel.context().worker->pendingJobs(), 0);

        createEndpoint(window, endpoint.url().toString());
        const QString mapping = dragMapping(window);
        QVERIFY(!mapping.isEmpty());
        disableRetries(window, mapping, database);

        const QString messageId = push(window);
        auto *messages = static_cast<MessagesPage *>(window->page(QStringLiteral("messages")));
        window->showPage(QStringLiteral("messages"));
        MessageTableModel *model = messages->model();
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0 && model->rowAt(0).messageId == messageId &&
                                     model->rowAt(0).summaryState() == QLatin1String("parked"),
                                 20000);
        QCOMPARE(endpoint.requestCount(), 1);

        failing = false;
        messages->table()->selectRow(0);
        QTRY_COMPARE(messages->selectedMessageIds(), QStringList{messageId});
        auto *replay = messages->findChild<QAction *>(QStringLiteral("replayAction"));
        QVERIFY(replay && replay->isEnabled());
        auto *toolbar = messages->findChild<QToolBar *>();
        QTest::mouseClick(toolbar->widgetForAction(replay), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            model->rowCount() > 0 && model->rowAt(0).summaryState() == QLatin1String("delivered"), 20000);
        QCOMPARE(endpoint.requestCount(), 2);
        QCOMPARE(endpoint.requests().last().json().value(QStringLiteral("message_id")).toString(), messageId);
        QCOMPARE(model->index(0, MessageTableModel::State).data().toString(), QStringLiteral("delivered"));
    }

    // The settings key engine/metrics has the control panel's engine serve /metrics, as `run --metrics`.
    void metricsSettingServesTheEngineMetrics()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        QSettings().setValue(QStringLiteral("engine/metrics"), QStringLiteral("127.0.0.1:%1").arg(port));
        const auto forget = qScopeGuard([] { QSettings().remove(QStringLiteral("engine/metrics")); });
        TestDatabase database;
        QVERIFY2(database.isValid(), qPrintable(database.error()));
        ControlPanel panel(database.location());
        QString error;
        QVERIFY2(startAndWaitUntilOpen(panel, &error), qPrintable(error));
        // The engine starts, then listens, in the background: ask until it answers.
        QNetworkAccessManager network;
        const auto scrape = [&network, port] {
            std::unique_ptr<QNetworkReply> reply(
                network.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/metrics").arg(port)))));
            QSignalSpy finished(reply.get(), &QNetworkReply::finished);
            if (!reply->isFinished())
                finished.wait(5000);
            return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200 &&
                   reply->readAll().contains("# TYPE integrator_deliveries_total counter");
        };
        QTRY_VERIFY_WITH_TIMEOUT(scrape(), 20000);
    }

    // The welcome page's demo button: the running engine picks up the sample store it writes (no
    // restart), polls it, and the sample endpoint's deliveries show in the message log.
    void welcomeDemoButtonMakesMessagesFlow()
    {
        TestDatabase database;
        QVERIFY2(database.isValid(), qPrintable(database.error()));
        ControlPanel panel(database.location());
        QString error;
        QVERIFY2(startAndWaitUntilOpen(panel, &error), qPrintable(error));
        MainWindow *window = panel.window();
        window->show();
        QTRY_COMPARE(window->currentPage()->objectName(), QStringLiteral("welcome"));
        QTest::mouseClick(window->findChild<QPushButton *>(QStringLiteral("welcomeDemo")), Qt::LeftButton);
        QVERIFY(panel.demo());
        QCOMPARE(window->currentPage()->objectName(), QStringLiteral("dashboard"));
        window->showPage(QStringLiteral("messages"));
        MessageTableModel *model =
            static_cast<MessagesPage *>(window->page(QStringLiteral("messages")))->model();
        const auto deliveredOrders = [model] {
            for (int row = 0; row < model->rowCount(); ++row) {
                const MessageLog::Row &message = model->rowAt(row);
                if (message.type == QLatin1String("order:new") &&
                    message.summaryState() == QLatin1String("delivered"))
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(deliveredOrders(), 30000);
        QVERIFY(panel.demo()->received() > 0);
    }

    // integrator --demo starts the demo right after the panel, before the window shows
    // (CommandLine::runControlPanel). The first-run check that start() asks sees the database still
    // empty; its answer must not turn the window to the Welcome page once the demo began: the first
    // view is the Dashboard, and the status bar says where the sample store and endpoint run.
    void demoOpensOnTheDashboardAndSaysWhatStarted()
    {
        // Without a keychain nothing in startDemo() runs an event loop (its D-Bus calls would), so the
        // check's answer is taken in only afterwards, as on a desktop without one.
        const QByteArray bus = qgetenv("DBUS_SESSION_BUS_ADDRESS");
        qunsetenv("DBUS_SESSION_BUS_ADDRESS"); // read by the CredentialStore that start() makes
        const auto restoreBus = qScopeGuard([bus] { qputenv("DBUS_SESSION_BUS_ADDRESS", bus); });
        TestDatabase database;
        QVERIFY2(database.isValid(), qPrintable(database.error()));
        ControlPanel panel(database.location());
        QString error;
        QVERIFY2(startAndWaitUntilOpen(panel, &error), qPrintable(error));
        // Wait, without taking in any answer, until the worker ran the check: before the demo writes.
        auto checked = std::make_shared<QSemaphore>();
        panel.context().worker->post(panel.window(), [checked](const Database &) { checked->release(); });
        checked->acquire();
        QVERIFY2(panel.startDemo(&error), qPrintable(error));
        MainWindow *window = panel.window();
        window->show();
        QTRY_COMPARE(panel.context().worker->pendingJobs(), 0); // the answer was taken in
        QCOMPARE(window->currentPage()->objectName(), QStringLiteral("dashboard"));
        const QString status = window->statusBar()->currentMessage();
        QVERIFY2(status.contains(panel.demo()->storeUrl().toString()), qPrintable(status));
        QVERIFY2(status.contains(panel.demo()->endpointUrl().toString()), qPrintable(status));
    }

    // Another process keeps the SQLite file locked past the engine's busy timeout while it delivers: the
    // status bar says the database is unreachable and since when, then that the engine runs again, and
    // every message is delivered. The window keeps answering meanwhile (the test drives it throughout).
    void statusBarSaysWhileTheDatabaseIsUnreachable()
    {
        constexpr int kMessages = 200;
        ScriptedEndpoint endpoint;
        QVERIFY(endpoint.listen());
        QSet<QString> received;
        std::function<void()> onReceived;
        endpoint.setHandler([&](const RecordedRequest &request) {
            const QString id = request.json().value(QStringLiteral("message_id")).toString();
            received.insert(id);
            if (onReceived)
                onReceived();
            return ScriptedResponse::json(200, {{QStringLiteral("message_id"), id}});
        });
        TestDatabase database;
        QVERIFY2(database.isValid(), qPrintable(database.error()));
        const QJsonObject config{
            {QStringLiteral("endpoints"),
             QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("sink")},
                                    {QStringLiteral("url"), endpoint.url().toString()}}}},
            {QStringLiteral("mappings"),
             QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("all")},
                                    {QStringLiteral("endpoint"), QStringLiteral("sink")},
                                    {QStringLiteral("messages"), QJsonArray{QStringLiteral("order:*")}}}}}};
        QCOMPARE(runIntegrator(database.cliArguments() + QStringList{QStringLiteral("config"),
                                                                     QStringLiteral("import"),
                                                                     QStringLiteral("-")},
                               QJsonDocument(config).toJson())
                     .exitCode,
                 0);
        QJsonArray batch;
        for (int i = 0; i < kMessages; ++i)
            batch.append(QJsonObject{{QStringLiteral("message"), QStringLiteral("order:new")},
                                     {QStringLiteral("payload"), QJsonObject{{QStringLiteral("n"), i}}}});
        QCOMPARE(
            runIntegrator(database.cliArguments() + QStringList{QStringLiteral("push"), QStringLiteral("-")},
                          QJsonDocument(batch).toJson(QJsonDocument::Compact))
                .exitCode,
            0);

        QSqlDatabase locker = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("locker"));
        const auto dropLocker = qScopeGuard([&locker] {
            locker.close();
            locker = QSqlDatabase();
            QSqlDatabase::removeDatabase(QStringLiteral("locker"));
        });
        locker.setDatabaseName(database.location().sqlitePath);
        QVERIFY(locker.open());
        bool locked = false;
        onReceived = [&] {
            if (locked || received.size() < kMessages / 5)
                return;
            locked = true;
            QSqlQuery begin(locker);
            QVERIFY(begin.exec(QStringLiteral("BEGIN EXCLUSIVE")));
        };

        ControlPanel panel(database.location());
        QString error;
        QVERIFY2(startAndWaitUntilOpen(panel, &error), qPrintable(error));
        MainWindow *window = panel.window();
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        auto *status = window->findChild<QLabel *>(QStringLiteral("engineStatus"));
        QVERIFY(status);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Database unreachable since ")),
                                 60000);
        QVERIFY2(status->text().contains(QStringLiteral("database is locked")), qPrintable(status->text()));
        window->showPage(QStringLiteral("messages")); // the window answers while the engine waits
        QSqlQuery commit(locker);
        QVERIFY(commit.exec(QStringLiteral("COMMIT")));
        QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Engine running on ")), 60000);
        QTRY_COMPARE_WITH_TIMEOUT(int(received.size()), kMessages, 60000);
    }

private:
    void createEndpoint(MainWindow *window, const QString &url)
    {
        window->showPage(QStringLiteral("endpoints"));
        Page *page = window->page(QStringLiteral("endpoints"));
        QTest::keyClicks(page->findChild<QLineEdit *>(QStringLiteral("endpointName")),
                         QStringLiteral("mailer"));
        QTest::keyClicks(page->findChild<QLineEdit *>(QStringLiteral("endpointUrl")), url);
        QTest::keyClicks(page->findChild<QLineEdit *>(QStringLiteral("endpointToken")),
                         QStringLiteral("a-32-character-pre-shared-token-x"));
        QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("saveEndpoint")), Qt::LeftButton);
        auto *status = page->findChild<QLabel *>(QStringLiteral("endpointStatus"));
        QTRY_VERIFY2(status->text().startsWith(QStringLiteral("Saved endpoint mailer")),
                     qPrintable(status->text()));
    }

    QString dragMapping(MainWindow *window)
    {
        window->showPage(QStringLiteral("mappings"));
        auto *page = static_cast<MappingsPage *>(window->page(QStringLiteral("mappings")));
        auto *endpoints = page->findChild<QComboBox *>(QStringLiteral("serviceEndpoint"));
        [&] { QTRY_VERIFY(endpoints->findText(QStringLiteral("mailer")) >= 0); }();
        endpoints->setCurrentIndex(endpoints->findText(QStringLiteral("mailer")));
        QTest::keyClicks(page->findChild<QLineEdit *>(QStringLiteral("newServicePath")),
                         QStringLiteral("/order_confirmation"));
        QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("addService")), Qt::LeftButton);
        MappingCanvas *canvas = page->canvas();
        const auto service = [canvas] {
            return canvas->serviceNodeCenter(QStringLiteral("mailer"), QStringLiteral("/order_confirmation"));
        };
        [&] { QTRY_VERIFY(!service().isNull()); }();
        const QPoint from = canvas->mapFromScene(canvas->typeNodeCenter(QStringLiteral("order:new")));
        const QPoint to = canvas->mapFromScene(service());
        QTest::mousePress(canvas->viewport(), Qt::LeftButton, {}, from);
        QTest::mouseMove(canvas->viewport(), (from + to) / 2);
        QTest::mouseMove(canvas->viewport(), to);
        QTest::mouseRelease(canvas->viewport(), Qt::LeftButton, {}, to);
        [&] { QTRY_VERIFY(!page->selectedMapping().isEmpty()); }();
        return page->selectedMapping();
    }

    void disableRetries(MainWindow *window, const QString &mapping, const TestDatabase &database)
    {
        auto *page = static_cast<MappingsPage *>(window->page(QStringLiteral("mappings")));
        auto *retries = page->findChild<QCheckBox *>(QStringLiteral("retriesAllowed"));
        QTRY_VERIFY(retries->isEnabled());
        retries->setChecked(false);
        auto *apply = page->findChild<QPushButton *>(QStringLiteral("applyMapping"));
        QTRY_VERIFY(apply->isEnabled());
        QTest::mouseClick(apply, Qt::LeftButton);
        Database db(database.location(), QStringLiteral("check"));
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        const auto retriesAllowed = [&] {
            QList<Mapping> mappings;
            ConfigRepository(db).loadMappings(&mappings, &error);
            for (const Mapping &m : std::as_const(mappings)) {
                if (m.name == mapping)
                    return m.options.retriesAllowed;
            }
            return true;
        };
        QTRY_VERIFY(!retriesAllowed());
    }

    QString push(MainWindow *window)
    {
        window->showPage(QStringLiteral("compose"));
        auto *compose = static_cast<ComposePage *>(window->page(QStringLiteral("compose")));
        compose->setDocument(
            QStringLiteral(R"({"message": "order:new", "payload": {"order": {"number": "R100"}}})"));
        QSignalSpy pushed(compose, &ComposePage::pushed);
        QTest::mouseClick(compose->findChild<QPushButton *>(QStringLiteral("composePush")), Qt::LeftButton);
        if (!pushed.wait(10000))
            return {};
        return pushed.first().first().toStringList().value(0);
    }
};

QTEST_MAIN(TestControlPanel)
#include "tst_controlpanel.moc"
