// End to end on the built binary: config import, push, run --exit-when-idle, messages, show, replay,
// notifications, config export, and bad input refused with one clear line.
#include "delivery/MessageActions.h"
#include "IntegratorProcess.h"
#include "MessageLogSeed.h"
#include "model/Endpoint.h"
#include "model/Store.h"
#include "ScriptedEndpoint.h"
#include "secrets/CredentialStore.h"
#include "storage/Database.h"
#include "TestDatabase.h"

#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <vector>

namespace {

const QByteArray kToken = "cli_token_0123456789abcdefghijklmnop";

QJsonValue parseJson(const QByteArray &data)
{
    const QJsonDocument document = QJsonDocument::fromJson(data);
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

// stderr without the "no keychain" warnings a run outside tests/run-tests.sh adds.
QByteArray errorLines(const CliResult &result)
{
    QByteArray lines;
    for (const QByteArray &line : result.err.split('\n')) {
        if (!line.isEmpty() && !line.startsWith("integrator: warning: "))
            lines += line + '\n';
    }
    return lines;
}

QString stateOf(const QJsonObject &message, const QString &mapping)
{
    for (const QJsonValue &d : message[QStringLiteral("deliveries")].toArray()) {
        if (d[QStringLiteral("mapping")].toString() == mapping)
            return d[QStringLiteral("state")].toString();
    }
    return {};
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void importPushRunInspectAndReplay();
    void replayFailedByMapping();
    void replayFailedWalksEveryPage();
    void runStopsCleanlyOnSigterm();
    void secondEngineOnOneSqliteFileIsRefused();
    void runListenAcceptsConcurrentPushesAndDeliversThem();
    void badInputIsRefusedWithOneLineAndWritesNothing_data();
    void badInputIsRefusedWithOneLineAndWritesNothing();
    void unwritableDatabasePathIsRefused();
    void endpointsListStateBacklogAndLastHour();
    void endpointPauseAndResumeAreAnnounced();
    void configImportIsAllOrNothing();
    void configRemoveEndpointStoreAndMapping();
    void configRemoveUsageErrors_data();
    void configRemoveUsageErrors();
    void helpAndVersion();
    void runDemoDeliversTheSampleStoresMessages_data();
    void runDemoDeliversTheSampleStoresMessages();
    void runOnceSendsWhatIsDueAndLeavesRetriesForLater();
    void runOnceOnAnEmptyDatabaseExits();
    void showFullPrintsPayloadAndBodiesWhole();
    void showAndMessagesSayWhatAnOrderedDeliveryWaitsFor();
    void noDisplaySaysSoInOneLine();
    void importWithoutKeyRefusesAndSaysHowToGetOne();
    void secretsStatusExportAndRotate();
    void sampleEndpointDetachesOnceItAcceptsConnections();

private:
    QStringList db(const QStringList &arguments) const { return database_->cliArguments() + arguments; }
    QString writeFile(const QString &name, const QByteArray &content) const;
    QString configFor(const ScriptedEndpoint &endpoint) const;
    CliResult cli(const QStringList &arguments, const QByteArray &input = {})
    {
        return runIntegrator(db(arguments), input);
    }

    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<TestDatabase> database_;
};

void TestCli::init()
{
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
    database_ = std::make_unique<TestDatabase>();
    QVERIFY2(database_->isValid(), qPrintable(database_->error()));
}

QString TestCli::writeFile(const QString &name, const QByteArray &content) const
{
    QString path = dir_->filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(content);
    return path;
}

QString TestCli::configFor(const ScriptedEndpoint &endpoint) const
{
    const QJsonObject config{
        {QStringLiteral("endpoints"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("shop-services")},
                                {QStringLiteral("url"), endpoint.url().toString()},
                                {QStringLiteral("token"), QString::fromLatin1(kToken)}}}},
        {QStringLiteral("mappings"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("mailer")},
                                {QStringLiteral("endpoint"), QStringLiteral("shop-services")},
                                {QStringLiteral("path"), QStringLiteral("/mail")},
                                {QStringLiteral("messages"), QJsonArray{QStringLiteral("order:*")}},
                                {QStringLiteral("options"),
                                 QJsonObject{{QStringLiteral("retry_schedule"), QJsonArray{0.05}}}}},
                    QJsonObject{{QStringLiteral("name"), QStringLiteral("erp")},
                                {QStringLiteral("endpoint"), QStringLiteral("shop-services")},
                                {QStringLiteral("path"), QStringLiteral("/erp")},
                                {QStringLiteral("messages"), QJsonArray{QStringLiteral("order:new")}},
                                {QStringLiteral("options"),
                                 QJsonObject{{QStringLiteral("retry_schedule"), QJsonArray{0.05}}}}}}}};
    return writeFile(QStringLiteral("config.json"), QJsonDocument(config).toJson());
}

void TestCli::importPushRunInspectAndReplay()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    bool erpHealthy = false;
    endpoint.setHandler([&erpHealthy](const RecordedRequest &request) {
        const QString id = request.json()[QStringLiteral("message_id")].toString();
        if (request.path() == "/erp" && !erpHealthy)
            return ScriptedResponse::json(
                500, {{QStringLiteral("error"), QStringLiteral("ERP database is locked")}});
        return ScriptedResponse::json(200, {{QStringLiteral("message_id"), id}});
    });

    CliResult result = cli({QStringLiteral("config"), QStringLiteral("import"), configFor(endpoint)});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY(result.out.contains("imported 1 endpoint(s), 2 mapping(s), 0 store(s)"));

    const QByteArray messages = R"([{"message":"order:new","payload":{"order":{"number":"R100"}}},
                                    {"message":"order:updated","payload":{"order":{"number":"R100"}}}])";
    result = cli({QStringLiteral("push"), writeFile(QStringLiteral("messages.json"), messages)});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QList<QByteArray> ids = result.out.trimmed().split('\n');
    QCOMPARE(ids.size(), 2);
    const QString newId = QString::fromLatin1(ids[0]);

    result = cli({QStringLiteral("run"), QStringLiteral("--exit-when-idle")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(endpoint.requestsTo("/mail").size(), 2);
    QCOMPARE(endpoint.requestsTo("/erp").size(), 2); // first try and one retry
    QCOMPARE(endpoint.requests().first().headers.value("x-hub-token"), kToken);

    result = cli({QStringLiteral("messages"), QStringLiteral("--json")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QJsonArray list = parseJson(result.out).toArray();
    QCOMPARE(list.size(), 2);
    for (const QJsonValue &message : list) {
        for (const char *key : {"message_id", "message", "created_at", "parent_id", "deliveries"})
            QVERIFY2(message.toObject().contains(QString::fromLatin1(key)), key);
    }
    const QJsonObject listedNew = list[1].toObject(); // newest first
    QCOMPARE(listedNew[QStringLiteral("message_id")].toString(), newId);
    QCOMPARE(stateOf(listedNew, QStringLiteral("mailer")), QStringLiteral("delivered"));
    QCOMPARE(stateOf(listedNew, QStringLiteral("erp")), QStringLiteral("parked"));
    for (const QJsonValue &d : listedNew[QStringLiteral("deliveries")].toArray()) {
        for (const char *key :
             {"mapping", "state", "attempts", "next_attempt_at", "last_status", "last_error"})
            QVERIFY2(d.toObject().contains(QString::fromLatin1(key)), key);
    }

    result = cli({QStringLiteral("messages"), QStringLiteral("--state"), QStringLiteral("parked"),
                  QStringLiteral("--json")});
    QCOMPARE(parseJson(result.out).toArray().size(), 1);

    result = cli({QStringLiteral("show"), newId, QStringLiteral("--json")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QJsonObject shown = parseJson(result.out).toObject();
    QCOMPARE(shown[QStringLiteral("payload")][QStringLiteral("order")][QStringLiteral("number")].toString(),
             QStringLiteral("R100"));
    for (const QJsonValue &d : shown[QStringLiteral("deliveries")].toArray()) {
        if (d[QStringLiteral("mapping")].toString() != QLatin1String("erp"))
            continue;
        const QJsonArray log = d[QStringLiteral("attempt_log")].toArray();
        QCOMPARE(log.size(), 2);
        for (const char *key : {"url", "status", "response_body", "error", "started_at", "duration_ms"})
            QVERIFY2(log[0].toObject().contains(QString::fromLatin1(key)), key);
        QCOMPARE(log[0][QStringLiteral("status")].toInt(), 500);
        QVERIFY(log[0][QStringLiteral("response_body")].toString().contains(
            QStringLiteral("ERP database is locked")));
    }
    // The human form prints the endpoint's own error report, and never the token.
    result = cli({QStringLiteral("show"), newId});
    QVERIFY(result.out.contains("endpoint reported: ERP database is locked"));
    QVERIFY(!result.out.contains(kToken));

    result = cli({QStringLiteral("notifications"), QStringLiteral("--level"), QStringLiteral("error"),
                  QStringLiteral("--json")});
    QVERIFY(result.out.contains("Delivery parked: erp"));

    erpHealthy = true;
    result = cli({QStringLiteral("replay"), newId});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(result.out.contains("replayed 2 deliveries"),
             result.out.constData()); // parked and delivered alike
    result = cli({QStringLiteral("run"), QStringLiteral("--exit-when-idle")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(endpoint.requestsTo("/erp").size(), 3);
    QCOMPARE(endpoint.requestsTo("/mail").size(), 3);
    result = cli({QStringLiteral("show"), newId, QStringLiteral("--json")});
    QCOMPARE(stateOf(parseJson(result.out).toObject(), QStringLiteral("erp")), QStringLiteral("delivered"));

    result = cli({QStringLiteral("config"), QStringLiteral("export")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY(result.out.contains("shop-services"));
    QVERIFY(!result.out.contains(kToken));
}

void TestCli::replayFailedByMapping()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    bool healthy = false;
    endpoint.setHandler([&healthy](const RecordedRequest &request) {
        if (!healthy)
            return ScriptedResponse::text(503, "maintenance");
        return ScriptedResponse::json(
            200, {{QStringLiteral("message_id"), request.json()[QStringLiteral("message_id")]}});
    });
    QCOMPARE(cli({QStringLiteral("config"), QStringLiteral("import"), configFor(endpoint)}).exitCode, 0);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(cli({QStringLiteral("push"), QStringLiteral("-")}, R"({"message":"order:new","payload":{}})")
                     .exitCode,
                 0);
    QVERIFY(cli({QStringLiteral("run"), QStringLiteral("--exit-when-idle")}).exitCode == 0);
    CliResult result = cli({QStringLiteral("messages"), QStringLiteral("--state"), QStringLiteral("parked"),
                            QStringLiteral("--mapping"), QStringLiteral("erp"), QStringLiteral("--json")});
    QCOMPARE(parseJson(result.out).toArray().size(), 3);

    healthy = true;
    endpoint.clear();
    result = cli({QStringLiteral("replay"), QStringLiteral("--failed"), QStringLiteral("--mapping"),
                  QStringLiteral("mailer")});
    QVERIFY2(result.out.contains("replayed 3 deliveries"), qPrintable(result.describe()));
    QVERIFY(cli({QStringLiteral("run"), QStringLiteral("--exit-when-idle")}).exitCode == 0);
    QCOMPARE(endpoint.requestsTo("/mail").size(), 3);
    QCOMPARE(endpoint.requestsTo("/erp").size(), 0); // only the named mapping was replayed

    result = cli({QStringLiteral("replay"), QStringLiteral("--failed")});
    QVERIFY2(result.out.contains("replayed 3 deliveries"), qPrintable(result.describe()));
    QVERIFY(cli({QStringLiteral("run"), QStringLiteral("--exit-when-idle")}).exitCode == 0);
    QCOMPARE(endpoint.requestsTo("/erp").size(), 3);
    result = cli({QStringLiteral("messages"), QStringLiteral("--state"), QStringLiteral("parked"),
                  QStringLiteral("--json")});
    QCOMPARE(parseJson(result.out).toArray().size(), 0);
}

// More parked deliveries than one page of the shared replay walk: all of them go back to pending.
void TestCli::replayFailedWalksEveryPage()
{
    if (TestDatabase::usePostgres())
        QSKIP("MessageLogSeed fills a SQLite file");
    constexpr int kParked = 2 * MessageActions::kReplayPageSize + 50;
    {
        Database db(database_->location(), QStringLiteral("seed"));
        QString error;
        QVERIFY2(db.open(&error) && MessageLogSeed::configure(db, &error) &&
                     MessageLogSeed::seed(db, kParked, 1, &error),
                 qPrintable(error));
    }
    CliResult result = cli({QStringLiteral("replay"), QStringLiteral("--failed")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(result.out, QByteArray("replayed %1 deliveries\n").replace("%1", QByteArray::number(kParked)));
    result = cli({QStringLiteral("messages"), QStringLiteral("--state"), QStringLiteral("parked"),
                  QStringLiteral("--json")});
    QCOMPARE(parseJson(result.out).toArray().size(), 0);
    result = cli({QStringLiteral("messages"), QStringLiteral("--state"), QStringLiteral("pending"),
                  QStringLiteral("--limit"), QString::number(kParked + 1), QStringLiteral("--json")});
    QCOMPARE(parseJson(result.out).toArray().size(), kParked);
}

void TestCli::runStopsCleanlyOnSigterm()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    QCOMPARE(cli({QStringLiteral("config"), QStringLiteral("import"), configFor(endpoint)}).exitCode, 0);
    std::unique_ptr<QProcess> engine = startIntegrator(db({QStringLiteral("run")}));
    // A push from another process wakes the running engine at once.
    QCOMPARE(cli({QStringLiteral("push"), QStringLiteral("-")}, R"({"message":"order:updated","payload":{}})")
                 .exitCode,
             0);
    QTRY_COMPARE_WITH_TIMEOUT(endpoint.requestsTo("/mail").size(), 1, 20000);
    engine->terminate();
    QVERIFY(waitForExit(*engine));
    QCOMPARE(engine->exitStatus(), QProcess::NormalExit);
    QCOMPARE(engine->exitCode(), 0);
}

void TestCli::secondEngineOnOneSqliteFileIsRefused()
{
    std::unique_ptr<QProcess> first = startIntegrator(db({QStringLiteral("run")}));
    if (!TestDatabase::usePostgres()) {
        // The first engine holds the SQLite file's engine lock before the second starts.
        const QString lock = database_->location().sqlitePath + QStringLiteral(".engine-lock");
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(lock), 20000);
    }
    std::unique_ptr<QProcess> second = startIntegrator(db({QStringLiteral("run")}));
    if (TestDatabase::usePostgres()) {
        // A shared database takes any number of engines: the second keeps running.
        QVERIFY(!second->waitForFinished(1500));
        second->terminate();
        QVERIFY(waitForExit(*second));
        QCOMPARE(second->exitCode(), 0);
    } else {
        QTRY_VERIFY_WITH_TIMEOUT(
            first->state() == QProcess::Running && second->state() == QProcess::NotRunning, 20000);
        QCOMPARE(second->exitCode(), 1);
        const QByteArray err = second->readAllStandardError().trimmed();
        QVERIFY2(err.startsWith("integrator: another Integrator engine (pid ") && !err.contains('\n'),
                 err.constData());
    }
    first->terminate();
    QVERIFY(waitForExit(*first));
    QCOMPARE(first->exitCode(), 0);
}

void TestCli::runListenAcceptsConcurrentPushesAndDeliversThem()
{
    constexpr int kPushes = 1000;
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    const QJsonObject config{
        {QStringLiteral("endpoints"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("sink")},
                                {QStringLiteral("url"), endpoint.url().toString()}}}},
        {QStringLiteral("mappings"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("all")},
                                {QStringLiteral("endpoint"), QStringLiteral("sink")},
                                {QStringLiteral("messages"), QJsonArray{QStringLiteral("order:*")}}}}},
        {QStringLiteral("stores"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("shop")},
                                {QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9")},
                                {QStringLiteral("collections"), QJsonObject{}},
                                {QStringLiteral("push_token"), QStringLiteral("push-secret-123")}}}}};
    QCOMPARE(cli({QStringLiteral("config"), QStringLiteral("import"), QStringLiteral("-")},
                 QJsonDocument(config).toJson())
                 .exitCode,
             0);
    std::unique_ptr<QProcess> engine = startIntegrator(
        db({QStringLiteral("run"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")}));
    QByteArray announced;
    QTRY_VERIFY_WITH_TIMEOUT((announced += engine->readAllStandardError()).contains("accepting pushes on"),
                             20000);
    const int port = announced.mid(announced.lastIndexOf(':') + 1).trimmed().toInt();
    QVERIFY(port > 0);

    std::vector<std::unique_ptr<QNetworkAccessManager>> clients;
    clients.reserve(10);
    for (int i = 0; i < 10; ++i)
        clients.push_back(std::make_unique<QNetworkAccessManager>());
    int created = 0, answered = 0;
    for (int i = 0; i < kPushes; ++i) {
        QNetworkRequest request(
            QUrl(QStringLiteral("http://127.0.0.1:%1/api/stores/shop/messages").arg(port)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("X-Augury-Token", "push-secret-123");
        QNetworkReply *reply = clients[std::size_t(i) % clients.size()]->post(
            request, QByteArrayLiteral("{\"message\":\"order:new\",\"payload\":{\"n\":") +
                         QByteArray::number(i) + "}}");
        connect(reply, &QNetworkReply::finished, this, [reply, &created, &answered] {
            ++answered;
            created += reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 201 ? 1 : 0;
            reply->deleteLater();
        });
    }
    QTRY_VERIFY_WITH_TIMEOUT(answered == kPushes, 120000);
    QCOMPARE(created, kPushes);
    QSet<QString> delivered;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const RecordedRequest &r : endpoint.requests())
                delivered.insert(r.json()[QStringLiteral("message_id")].toString());
            return delivered.size() == kPushes;
        }(),
        120000);
    engine->terminate();
    QVERIFY(waitForExit(*engine));
    QCOMPARE(engine->exitCode(), 0);
    const CliResult listed =
        cli({QStringLiteral("messages"), QStringLiteral("--state"), QStringLiteral("delivered"),
             QStringLiteral("--limit"), QString::number(kPushes * 2), QStringLiteral("--json")});
    QCOMPARE(parseJson(listed.out).toArray().size(), kPushes);
}

void TestCli::badInputIsRefusedWithOneLineAndWritesNothing_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expected");
    const QString push = QStringLiteral("push");
    QTest::newRow("malformed JSON") << QStringList{push, QStringLiteral("-")}
                                    << QByteArray(R"({"message": "order:new",)")
                                    << QStringLiteral("malformed JSON");
    QTest::newRow("bad type") << QStringList{push, QStringLiteral("-")}
                              << QByteArray(R"({"message":"Order New","payload":{}})")
                              << QStringLiteral("not colon notation");
    QTest::newRow("payload not an object")
        << QStringList{push, QStringLiteral("-")} << QByteArray(R"({"message":"order:new","payload":[1]})")
        << QStringLiteral("must be a JSON object");
    QTest::newRow("one bad message in an array")
        << QStringList{push, QStringLiteral("-")}
        << QByteArray(R"([{"message":"order:new","payload":{}},{"message":"bad"}])")
        << QStringLiteral("message 2:");
    QTest::newRow("bad message id") << QStringList{push, QStringLiteral("-")}
                                    << QByteArray(
                                           R"({"message":"order:new","message_id":"xyz","payload":{}})")
                                    << QStringLiteral("24 lowercase hex");
    QTest::newRow("missing file") << QStringList{push, QStringLiteral("/nonexistent/messages.json")}
                                  << QByteArray() << QStringLiteral("cannot read /nonexistent/messages.json");
    QTest::newRow("unknown message id")
        << QStringList{QStringLiteral("replay"), QStringLiteral("0123456789abcdef01234567")} << QByteArray()
        << QStringLiteral("no message with id 0123456789abcdef01234567");
    QTest::newRow("show unknown id") << QStringList{QStringLiteral("show"),
                                                    QStringLiteral("0123456789abcdef01234567")}
                                     << QByteArray() << QStringLiteral("no message with id");
    QTest::newRow("unknown mapping") << QStringList{QStringLiteral("replay"), QStringLiteral("--failed"),
                                                    QStringLiteral("--mapping"), QStringLiteral("nope")}
                                     << QByteArray() << QStringLiteral("no mapping named \"nope\"");
    QTest::newRow("unknown mapping filter")
        << QStringList{QStringLiteral("messages"), QStringLiteral("--mapping"), QStringLiteral("nope")}
        << QByteArray() << QStringLiteral("no mapping named");
    QTest::newRow("unknown endpoint filter")
        << QStringList{QStringLiteral("messages"), QStringLiteral("--endpoint"), QStringLiteral("nope")}
        << QByteArray() << QStringLiteral("no endpoint named \"nope\"");
    QTest::newRow("since not a time")
        << QStringList{QStringLiteral("messages"), QStringLiteral("--since"), QStringLiteral("yesterday")}
        << QByteArray() << QStringLiteral("--since must be an ISO 8601 time");
    QTest::newRow("unknown state") << QStringList{QStringLiteral("messages"), QStringLiteral("--state"),
                                                  QStringLiteral("lost")}
                                   << QByteArray() << QStringLiteral("unknown state \"lost\"");
    const QStringList importStdin{QStringLiteral("config"), QStringLiteral("import"), QStringLiteral("-")};
    QTest::newRow("config: unknown key in mapping options")
        << importStdin << QByteArray(R"({"endpoints":[{"name":"mailer","url":"http://127.0.0.1:9"}],
                          "mappings":[{"name":"order confirmation","endpoint":"mailer","messages":["order:new"],
                                       "options":{"retries_alowed":false}}]})")
        << QStringLiteral(
               "mapping \"order confirmation\": unknown key \"retries_alowed\" in options (did you "
               "mean \"retries_allowed\"?)");
    QTest::newRow("config: unknown key in a store")
        << importStdin
        << QByteArray(R"({"stores":[{"name":"shop","url":"http://127.0.0.1:9","pagesize":10}]})")
        << QStringLiteral("store \"shop\": unknown key \"pagesize\" (did you mean \"page_size\"?)");
    const auto endpointConfig = [](const char *options) {
        return QByteArray(R"({"endpoints":[{"name":"mailer","url":"http://127.0.0.1:9",)") + options + "}]}";
    };
    const QString rateLimitRule = QStringLiteral(
        "endpoint \"mailer\": \"rate_limit\" must be deliveries per second above 0 and at most "
        "10000, such as 5 or 0.5");
    const QString pauseAfterRule = QStringLiteral(
        "endpoint \"mailer\": \"pause_after\" must be a whole number of failed attempts, 0 for never");
    const QString probeIntervalRule =
        QStringLiteral("endpoint \"mailer\": \"probe_interval\" must be seconds above 0 and at most 3600");
    QTest::newRow("config: rate_limit 0")
        << importStdin << endpointConfig(R"("rate_limit":0)") << rateLimitRule;
    QTest::newRow("config: rate_limit -1")
        << importStdin << endpointConfig(R"("rate_limit":-1)") << rateLimitRule;
    QTest::newRow("config: rate_limit a string")
        << importStdin << endpointConfig(R"("rate_limit":"5")") << rateLimitRule;
    QTest::newRow("config: pause_after -1")
        << importStdin << endpointConfig(R"("pause_after":-1)") << pauseAfterRule;
    QTest::newRow("config: pause_after 2.5")
        << importStdin << endpointConfig(R"("pause_after":2.5)") << pauseAfterRule;
    QTest::newRow("config: probe_interval 0")
        << importStdin << endpointConfig(R"("probe_interval":0)") << probeIntervalRule;
    QTest::newRow("config: probe_interval 7200")
        << importStdin << endpointConfig(R"("probe_interval":7200)") << probeIntervalRule;
    // A user name or password in a URL would be stored, exported and printed; the error never shows it.
    QTest::newRow("config: endpoint URL with a password")
        << importStdin
        << QByteArray(R"({"endpoints":[{"name":"mailer","url":"http://ada:s3cret@127.0.0.1:9"}]})")
        << QStringLiteral(
               "endpoint \"mailer\": URL \"http://127.0.0.1:9\" must not hold a user name or password; "
               "put the credential in \"basic_auth\" instead, which is stored sealed");
    QTest::newRow("config: store URL with a user name")
        << importStdin << QByteArray(R"({"stores":[{"name":"shop","url":"https://s3cret@shop.example"}]})")
        << QStringLiteral(
               "store \"shop\": URL \"https://shop.example\" must not hold a user name or password; "
               "put the credential in \"api_key\" instead");
    const QByteArray scheduleMapping =
        R"({"endpoints":[{"name":"mailer","url":"http://127.0.0.1:9"}],
            "mappings":[{"name":"order confirmation","endpoint":"mailer","messages":["order:new"],
                         "options":{"retry_schedule":[5, SECONDS]}}]})";
    const QString scheduleRule = QStringLiteral(
        "mapping \"order confirmation\": \"retry_schedule\" holds [%1], which is not a number of seconds "
        "from 0 to 604800 (7 days)");
    QTest::newRow("config: retry_schedule a second over 7 days")
        << importStdin << QByteArray(scheduleMapping).replace("SECONDS", "604801")
        << scheduleRule.arg(604801);
    QTest::newRow("config: retry_schedule 1e300")
        << importStdin << QByteArray(scheduleMapping).replace("SECONDS", "1e300")
        << scheduleRule.arg(QStringLiteral("1e+300"));
    QTest::newRow("pause an unknown endpoint")
        << QStringList{QStringLiteral("endpoint"), QStringLiteral("pause"), QStringLiteral("nope")}
        << QByteArray()
        << QStringLiteral("nothing paused: no endpoint is named \"nope\"; `integrator endpoints` lists them");
    QTest::newRow("resume an unknown endpoint")
        << QStringList{QStringLiteral("endpoint"), QStringLiteral("resume"), QStringLiteral("nope")}
        << QByteArray() << QStringLiteral("nothing resumed: no endpoint is named \"nope\"");
    QTest::newRow("endpoint without a name")
        << QStringList{QStringLiteral("endpoint"), QStringLiteral("pause")} << QByteArray()
        << QStringLiteral("endpoint takes pause NAME or resume NAME");
    QTest::newRow("endpoint with another action")
        << QStringList{QStringLiteral("endpoint"), QStringLiteral("stop"), QStringLiteral("mailer")}
        << QByteArray() << QStringLiteral("endpoint takes pause NAME or resume NAME");
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << QByteArray()
                                     << QStringLiteral("unknown command");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("messages"), QStringLiteral("--colour")}
                                    << QByteArray() << QStringLiteral("Unknown option");
}

void TestCli::badInputIsRefusedWithOneLineAndWritesNothing()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);
    const CliResult result = cli(arguments, input);
    QVERIFY2(result.finished && result.exitCode != 0, qPrintable(result.describe()));
    const QByteArray err = result.err.trimmed();
    QVERIFY2(!err.isEmpty() && !err.contains('\n'), qPrintable(result.describe()));
    QVERIFY2(err.startsWith("integrator: "), err.constData());
    QVERIFY2(QString::fromUtf8(err).contains(expected), err.constData());
    QVERIFY2(!err.contains("s3cret"), err.constData());
    QVERIFY(result.out.isEmpty());
    // Nothing was stored.
    const CliResult after = cli({QStringLiteral("messages"), QStringLiteral("--json")});
    QCOMPARE(parseJson(after.out).toArray().size(), 0);
    const QJsonObject config =
        parseJson(cli({QStringLiteral("config"), QStringLiteral("export")}).out).toObject();
    for (const QString &list : {QStringLiteral("endpoints"), QStringLiteral("mappings"),
                                QStringLiteral("stores"), QStringLiteral("parameters")})
        QVERIFY2(config.value(list).toArray().isEmpty(), qPrintable(list));
}

// One message delivered to /mail, and two failed attempts on /erp: 1 of 3 attempts succeeded. A second
// message is left unsent, so each of the two mappings has one pending delivery.
void TestCli::endpointsListStateBacklogAndLastHour()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    endpoint.setHandler([](const RecordedRequest &request) {
        if (request.path() == "/erp")
            return ScriptedResponse::json(500, {{QStringLiteral("error"), QStringLiteral("ERP is down")}});
        return ScriptedResponse::json(200, QJsonObject{});
    });
    CliResult result = cli({QStringLiteral("config"), QStringLiteral("import"), configFor(endpoint)});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    result = cli({QStringLiteral("endpoints"), QStringLiteral("--json")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QJsonObject listed = parseJson(result.out).toArray().at(0).toObject();
    QVERIFY(listed.value(QStringLiteral("success_rate")).isNull()); // no attempt yet
    QVERIFY(listed.value(QStringLiteral("latency_p50_ms")).isNull());
    QVERIFY(listed.value(QStringLiteral("latency_p95_ms")).isNull());

    const QByteArray order = R"({"message":"order:new","payload":{}})";
    QCOMPARE(cli({QStringLiteral("push"), QStringLiteral("-")}, order).exitCode, 0);
    QCOMPARE(cli({QStringLiteral("run"), QStringLiteral("--exit-when-idle")}).exitCode, 0);
    QCOMPARE(endpoint.requestsTo("/erp").size(), 2);
    QCOMPARE(cli({QStringLiteral("push"), QStringLiteral("-")}, order).exitCode, 0);

    result = cli({QStringLiteral("endpoints"), QStringLiteral("--json")});
    QVERIFY2(result.exitCode == 0 && errorLines(result).isEmpty(), qPrintable(result.describe()));
    const QJsonArray list = parseJson(result.out).toArray();
    QCOMPARE(list.size(), 1);
    listed = list.at(0).toObject();
    QStringList keys = listed.keys();
    keys.sort();
    QCOMPARE(keys,
             (QStringList{QStringLiteral("in_flight"), QStringLiteral("latency_p50_ms"),
                          QStringLiteral("latency_p95_ms"), QStringLiteral("name"),
                          QStringLiteral("paused_reason"), QStringLiteral("pending"), QStringLiteral("state"),
                          QStringLiteral("success_rate"), QStringLiteral("url")}));
    QCOMPARE(listed.value(QStringLiteral("name")).toString(), QStringLiteral("shop-services"));
    QCOMPARE(listed.value(QStringLiteral("url")).toString(), endpoint.url().toString());
    QCOMPARE(listed.value(QStringLiteral("state")).toString(), QStringLiteral("active"));
    QVERIFY(listed.value(QStringLiteral("paused_reason")).isNull());
    QCOMPARE(listed.value(QStringLiteral("in_flight")).toInteger(), 0);
    QCOMPARE(listed.value(QStringLiteral("pending")).toInteger(), 2);
    QCOMPARE(listed.value(QStringLiteral("success_rate")).toDouble(), 1.0 / 3.0);
    // Real exchanges take what they take: the percentiles are two of the three recorded durations.
    QVERIFY(listed.value(QStringLiteral("latency_p50_ms")).isDouble());
    QVERIFY(listed.value(QStringLiteral("latency_p95_ms")).isDouble());
    QVERIFY(listed.value(QStringLiteral("latency_p50_ms")).toInteger() <=
            listed.value(QStringLiteral("latency_p95_ms")).toInteger());

    // The human form: a header and one row, in columns.
    result = cli({QStringLiteral("endpoints")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QList<QByteArray> lines = result.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(0).startsWith("NAME "), lines.at(0).constData());
    QVERIFY2(lines.at(1).startsWith("shop-services "), lines.at(1).constData());
    QCOMPARE(lines.at(1).indexOf(endpoint.url().toString().toUtf8()), lines.at(0).indexOf("URL"));
    QCOMPARE(lines.at(1).indexOf("active"), lines.at(0).indexOf("STATE"));
    QVERIFY2(lines.at(1).contains("33.3%"), lines.at(1).constData());
    QVERIFY2(lines.at(1).endsWith("  -"), lines.at(1).constData()); // not paused: no reason
}

void TestCli::endpointPauseAndResumeAreAnnounced()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    QCOMPARE(cli({QStringLiteral("config"), QStringLiteral("import"), configFor(endpoint)}).exitCode, 0);
    const auto endpointAction = [this](const char *action) {
        return cli(
            {QStringLiteral("endpoint"), QString::fromLatin1(action), QStringLiteral("shop-services")});
    };
    const auto listedEndpoint = [this] {
        return parseJson(cli({QStringLiteral("endpoints"), QStringLiteral("--json")}).out)
            .toArray()
            .at(0)
            .toObject();
    };
    const auto messagesOfType = [this](const char *type) {
        return parseJson(cli({QStringLiteral("messages"), QStringLiteral("--type"), QString::fromLatin1(type),
                              QStringLiteral("--json")})
                             .out)
            .toArray();
    };
    const auto notification = [this](const char *level) {
        const QJsonArray list = parseJson(cli({QStringLiteral("notifications"), QStringLiteral("--level"),
                                               QString::fromLatin1(level), QStringLiteral("--json")})
                                              .out)
                                    .toArray();
        return list.size() == 1 ? list.at(0).toObject() : QJsonObject();
    };

    CliResult result = endpointAction("pause");
    QVERIFY2(result.exitCode == 0 && errorLines(result).isEmpty(), qPrintable(result.describe()));
    QCOMPARE(result.out,
             QByteArray("paused endpoint shop-services; its deliveries wait until it is resumed\n"));
    QJsonObject listed = listedEndpoint();
    QCOMPARE(listed.value(QStringLiteral("state")).toString(), QStringLiteral("paused"));
    QCOMPARE(listed.value(QStringLiteral("paused_reason")).toString(), QStringLiteral("paused by a person"));
    QJsonObject announced = notification("error");
    QCOMPARE(announced.value(QStringLiteral("subject")).toString(),
             QStringLiteral("Endpoint paused: shop-services"));
    QCOMPARE(announced.value(QStringLiteral("reference")).toString(), QStringLiteral("shop-services"));
    QCOMPARE(messagesOfType("notification:error").size(), 1);

    // Again: said, harmless, and nothing written twice.
    result = endpointAction("pause");
    QVERIFY2(result.exitCode == 0 && errorLines(result).isEmpty(), qPrintable(result.describe()));
    QCOMPARE(result.out, QByteArray("endpoint shop-services is already paused by a person\n"));
    QCOMPARE(notification("error").value(QStringLiteral("occurrences")).toInt(), 1);
    QCOMPARE(messagesOfType("notification:error").size(), 1);

    result = endpointAction("resume");
    QVERIFY2(result.exitCode == 0 && errorLines(result).isEmpty(), qPrintable(result.describe()));
    QCOMPARE(result.out, QByteArray("resumed endpoint shop-services; its waiting deliveries are sent\n"));
    listed = listedEndpoint();
    QCOMPARE(listed.value(QStringLiteral("state")).toString(), QStringLiteral("active"));
    QVERIFY(listed.value(QStringLiteral("paused_reason")).isNull());
    announced = notification("info");
    QCOMPARE(announced.value(QStringLiteral("subject")).toString(),
             QStringLiteral("Endpoint resumed: shop-services"));
    QCOMPARE(messagesOfType("notification:info").size(), 1);
    QCOMPARE(messagesOfType("notification:*").size(), 2);

    result = endpointAction("resume");
    QVERIFY2(result.exitCode == 0 && errorLines(result).isEmpty(), qPrintable(result.describe()));
    QCOMPARE(result.out, QByteArray("endpoint shop-services is not paused\n"));
    QCOMPARE(messagesOfType("notification:*").size(), 2);
}

void TestCli::unwritableDatabasePathIsRefused()
{
    const QString notAFolder = writeFile(QStringLiteral("plain-file"), "x");
    const QString path = notAFolder + QStringLiteral("/integrator.sqlite");
    const CliResult result =
        runIntegrator({QStringLiteral("--db"), path, QStringLiteral("push"), QStringLiteral("-")},
                      R"({"message":"order:new","payload":{}})");
    QVERIFY(result.exitCode != 0);
    QVERIFY2(result.err.trimmed().count('\n') == 0 && result.err.contains("cannot open database"),
             qPrintable(result.describe()));
    QVERIFY(result.out.isEmpty());
    QFile file(notAFolder);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("x"));
}

void TestCli::configImportIsAllOrNothing()
{
    const QByteArray config = R"({"endpoints":[{"name":"a","url":"http://127.0.0.1:9"}],
        "mappings":[{"name":"ok","endpoint":"a","messages":["order:new"]},
                    {"name":"bad","endpoint":"missing","messages":["order:new"]}]})";
    CliResult result = cli(
        {QStringLiteral("config"), QStringLiteral("import"), writeFile(QStringLiteral("c.json"), config)});
    QVERIFY(result.exitCode != 0);
    QVERIFY2(result.err.contains("endpoint \"missing\""), qPrintable(result.describe()));
    result = cli({QStringLiteral("config"), QStringLiteral("export")});
    QCOMPARE(parseJson(result.out).toObject()[QStringLiteral("endpoints")].toArray().size(), 0);

    const QByteArray badUrl = R"({"endpoints":[{"name":"a","url":"ftp://example.com"}]})";
    result = cli(
        {QStringLiteral("config"), QStringLiteral("import"), writeFile(QStringLiteral("u.json"), badUrl)});
    QVERIFY(result.exitCode != 0);
    QVERIFY2(result.err.contains("http:// or https://"), qPrintable(result.describe()));

    const QByteArray badFilter = R"({"endpoints":[{"name":"a","url":"http://127.0.0.1:9"}],
        "mappings":[{"name":"f","endpoint":"a","messages":["order:new"],
                     "filters":[{"path":"payload.x","operator":"match","value":"(unclosed"}]}]})";
    result = cli(
        {QStringLiteral("config"), QStringLiteral("import"), writeFile(QStringLiteral("f.json"), badFilter)});
    QVERIFY(result.exitCode != 0);
    QVERIFY2(result.err.contains("filter 1"), qPrintable(result.describe()));
}

void TestCli::configRemoveEndpointStoreAndMapping()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    QCOMPARE(cli({QStringLiteral("config"), QStringLiteral("import"), configFor(endpoint)}).exitCode, 0);
    const QByteArray store =
        R"({"stores":[{"name":"shop","url":"http://127.0.0.1:9","api_key":"spree-cli-key",
                                           "push_token":"push-cli-token-0123456789"}]})";
    QCOMPARE(cli({QStringLiteral("config"), QStringLiteral("import"), QStringLiteral("-")}, store).exitCode,
             0);
    CliResult result =
        cli({QStringLiteral("push"), QStringLiteral("-")}, R"({"message":"order:new","payload":{}})");
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QString id = QString::fromLatin1(result.out.trimmed());
    QCOMPARE(cli({QStringLiteral("run"), QStringLiteral("--exit-when-idle")}).exitCode, 0);
    // Sealed in the database with the master key the program made in the keychain (the same service):
    // filled by the imports, emptied by the removals.
    CredentialStore keychain;
    keychain.loadMasterKey();
    Database db(database_->location(), QStringLiteral("secrets-check"));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    QCOMPARE(keychain.read(db, Endpoint::tokenKeyFor(QStringLiteral("shop-services")), &error),
             std::optional<QString>(QString::fromLatin1(kToken)));
    QVERIFY(keychain.read(db, Store::apiKeyKeyFor(QStringLiteral("shop")), &error).has_value());

    const auto remove = [this](const char *kind, const char *name) {
        return cli({QStringLiteral("config"), QStringLiteral("remove"), QString::fromLatin1(kind),
                    QString::fromLatin1(name)});
    };
    const auto refused = [](const CliResult &r, const QByteArray &line) {
        return r.finished && r.exitCode == 1 && r.out.isEmpty() &&
               r.err == "integrator: nothing removed: " + line + '\n';
    };
    result = remove("endpoint", "shop-services");
    QVERIFY2(
        refused(
            result,
            R"(endpoint "shop-services" is used by mappings "erp", "mailer"; remove or move those first)"),
        qPrintable(result.describe()));
    result = remove("mapping", "erp");
    QVERIFY2(result.exitCode == 0 && errorLines(result).isEmpty(), qPrintable(result.describe()));
    QCOMPARE(result.out, QByteArray("removed mapping erp\n"));
    result = remove("mapping", "erp");
    QVERIFY2(refused(result, R"(no mapping named "erp")"), qPrintable(result.describe()));
    result = remove("endpoint", "shop-services");
    QVERIFY2(
        refused(result, R"(endpoint "shop-services" is used by mapping "mailer"; remove or move it first)"),
        qPrintable(result.describe()));
    QCOMPARE(remove("mapping", "mailer").out, QByteArray("removed mapping mailer\n"));
    result = remove("endpoint", "shop-services");
    QVERIFY2(result.exitCode == 0 && errorLines(result).isEmpty(), qPrintable(result.describe()));
    QCOMPARE(result.out, QByteArray("removed endpoint shop-services\n"));
    result = remove("endpoint", "shop-services");
    QVERIFY2(refused(result, R"(no endpoint named "shop-services")"), qPrintable(result.describe()));
    result = remove("store", "shop");
    QVERIFY2(result.exitCode == 0 && errorLines(result).isEmpty(), qPrintable(result.describe()));
    QCOMPARE(result.out, QByteArray("removed store shop\n"));
    result = remove("store", "shop");
    QVERIFY2(refused(result, R"(no store named "shop")"), qPrintable(result.describe()));

    for (const QString &key :
         {Endpoint::tokenKeyFor(QStringLiteral("shop-services")), Store::apiKeyKeyFor(QStringLiteral("shop")),
          Store::pushTokenKeyFor(QStringLiteral("shop"))})
        QVERIFY2(!keychain.read(db, key, &error).has_value() && error.isEmpty(), qPrintable(key));
    result = cli({QStringLiteral("config"), QStringLiteral("export")});
    const QJsonObject exported = parseJson(result.out).toObject();
    for (const char *section : {"endpoints", "mappings", "stores"})
        QVERIFY2(exported[QString::fromLatin1(section)].toArray().isEmpty(), section);
    result = cli({QStringLiteral("stores"), QStringLiteral("--json")});
    QCOMPARE(parseJson(result.out).toArray().size(), 0);
    // The history still names what was removed.
    result = cli({QStringLiteral("show"), id, QStringLiteral("--json")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QJsonArray deliveries = parseJson(result.out).toObject()[QStringLiteral("deliveries")].toArray();
    QCOMPARE(deliveries.size(), 2);
    for (const QJsonValue &d : deliveries) {
        QCOMPARE(d[QStringLiteral("endpoint")].toString(), QStringLiteral("shop-services"));
        QCOMPARE(d[QStringLiteral("state")].toString(), QStringLiteral("delivered"));
    }
    result = cli({QStringLiteral("show"), id});
    QVERIFY2(result.out.contains("delivery to mailer (shop-services): delivered"),
             qPrintable(result.describe()));

    // Importing the file again brings the endpoint and its mappings back, and they deliver.
    QCOMPARE(cli({QStringLiteral("config"), QStringLiteral("import"), configFor(endpoint)}).exitCode, 0);
    const int before = endpoint.requestCount();
    QCOMPARE(cli({QStringLiteral("push"), QStringLiteral("-")}, R"({"message":"order:new","payload":{}})")
                 .exitCode,
             0);
    QCOMPARE(cli({QStringLiteral("run"), QStringLiteral("--exit-when-idle")}).exitCode, 0);
    QCOMPARE(endpoint.requestCount(), before + 2);
}

void TestCli::configRemoveUsageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    const QString config = QStringLiteral("config"), remove = QStringLiteral("remove");
    QTest::newRow("nothing to remove") << QStringList{config, remove};
    QTest::newRow("no name") << QStringList{config, remove, QStringLiteral("endpoint")};
    QTest::newRow("unknown kind") << QStringList{config, remove, QStringLiteral("widget"),
                                                 QStringLiteral("a")};
    QTest::newRow("two names") << QStringList{config, remove, QStringLiteral("store"), QStringLiteral("a"),
                                              QStringLiteral("b")};
    QTest::newRow("empty name") << QStringList{config, remove, QStringLiteral("mapping"), QString()};
}

void TestCli::configRemoveUsageErrors()
{
    QFETCH(QStringList, arguments);
    const CliResult result = cli(arguments);
    QVERIFY2(result.finished && result.exitCode == 2, qPrintable(result.describe()));
    QCOMPARE(result.err,
             QByteArray("integrator: config remove takes endpoint, store or mapping and one NAME\n"));
    QVERIFY(result.out.isEmpty());
}

void TestCli::helpAndVersion()
{
    CliResult result = runIntegrator({QStringLiteral("--version")});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.startsWith("integrator "));
    result = runIntegrator({QStringLiteral("--help")});
    QCOMPARE(result.exitCode, 0);
    for (const char *command : {"run", "push", "messages", "show", "replay", "notifications", "config import",
                                "config remove endpoint|store|mapping NAME"})
        QVERIFY2(result.out.contains(command), command);
}

void TestCli::runDemoDeliversTheSampleStoresMessages_data()
{
    QTest::addColumn<QString>("api");
    for (const QString &api : Store::kApis)
        QTest::newRow(qPrintable(api)) << api;
}

// `run --demo --demo-api API --exit-when-idle`: the sample store's records, polled through that API,
// become messages, the sample endpoint receives them (some after a retry), and the always-failing
// service's deliveries end parked.
void TestCli::runDemoDeliversTheSampleStoresMessages()
{
    QFETCH(QString, api);
    const CliResult run = cli({QStringLiteral("run"), QStringLiteral("--demo"), QStringLiteral("--demo-api"),
                               api, QStringLiteral("--exit-when-idle")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY2(run.err.contains("Demo store"), qPrintable(run.describe()));
    const CliResult stores = cli({QStringLiteral("stores"), QStringLiteral("--json")});
    QCOMPARE(QJsonDocument::fromJson(stores.out).array().at(0)[QStringLiteral("api")].toString(), api);
    const CliResult list = cli({QStringLiteral("messages"), QStringLiteral("--limit"), QStringLiteral("500"),
                                QStringLiteral("--json")});
    QCOMPARE(list.exitCode, 0);
    QHash<QString, QHash<QString, int>> statesByMapping;
    int retriedAndDelivered = 0;
    const QJsonArray messages = QJsonDocument::fromJson(list.out).array();
    for (const QJsonValue &message : messages) {
        const QJsonArray deliveries = message.toObject().value(QStringLiteral("deliveries")).toArray();
        for (const QJsonValue &value : deliveries) {
            const QJsonObject delivery = value.toObject();
            const QString state = delivery.value(QStringLiteral("state")).toString();
            ++statesByMapping[delivery.value(QStringLiteral("mapping")).toString()][state];
            retriedAndDelivered +=
                state == QLatin1String("delivered") && delivery.value(QStringLiteral("attempts")).toInt() > 1;
        }
    }
    QVERIFY2(
        statesByMapping.value(QStringLiteral("demo order confirmation")).value(QStringLiteral("delivered")) >
            0,
        list.out.constData());
    QVERIFY(statesByMapping.value(QStringLiteral("demo shipping")).value(QStringLiteral("delivered")) > 0);
    QVERIFY(statesByMapping.value(QStringLiteral("demo crm")).value(QStringLiteral("delivered")) > 0);
    QVERIFY(statesByMapping.value(QStringLiteral("demo inventory")).value(QStringLiteral("parked")) > 0);
    QVERIFY2(retriedAndDelivered > 0, "no delivery of the demo needed a retry");
}

// --once: the due deliveries are sent and the process exits without waiting for the retry it scheduled.
void TestCli::runOnceSendsWhatIsDueAndLeavesRetriesForLater()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    endpoint.setHandler([](const RecordedRequest &request) {
        if (request.path() == "/erp")
            return ScriptedResponse::json(500, {{QStringLiteral("error"), QStringLiteral("down")}});
        return ScriptedResponse::json(
            200, {{QStringLiteral("message_id"), request.json()[QStringLiteral("message_id")]}});
    });
    const QJsonObject config{
        {QStringLiteral("endpoints"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("shop")},
                                {QStringLiteral("url"), endpoint.url().toString()}}}},
        {QStringLiteral("mappings"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("mailer")},
                                {QStringLiteral("endpoint"), QStringLiteral("shop")},
                                {QStringLiteral("path"), QStringLiteral("/mail")},
                                {QStringLiteral("messages"), QJsonArray{QStringLiteral("order:new")}}},
                    QJsonObject{{QStringLiteral("name"), QStringLiteral("erp")},
                                {QStringLiteral("endpoint"), QStringLiteral("shop")},
                                {QStringLiteral("path"), QStringLiteral("/erp")},
                                {QStringLiteral("messages"), QJsonArray{QStringLiteral("order:new")}},
                                {QStringLiteral("options"),
                                 QJsonObject{{QStringLiteral("retry_schedule"), QJsonArray{3600}}}}}}}};
    CliResult result = cli({QStringLiteral("config"), QStringLiteral("import"),
                            writeFile(QStringLiteral("once.json"), QJsonDocument(config).toJson())});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(cli({QStringLiteral("push")}, R"({"message":"order:new","payload":{}})").exitCode, 0);

    result = cli({QStringLiteral("run"), QStringLiteral("--once")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QCOMPARE(endpoint.requestsTo("/mail").size(), 3);
    QCOMPARE(endpoint.requestsTo("/erp").size(), 3); // each tried once; the retry is an hour away
    result = cli({QStringLiteral("messages"), QStringLiteral("--json")});
    for (const QJsonValue &message : parseJson(result.out).toArray()) {
        QCOMPARE(stateOf(message.toObject(), QStringLiteral("mailer")), QStringLiteral("delivered"));
        QCOMPARE(stateOf(message.toObject(), QStringLiteral("erp")), QStringLiteral("retrying"));
    }
    result = cli({QStringLiteral("run"), QStringLiteral("--once"), QStringLiteral("--exit-when-idle")});
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(errorLines(result).contains("not both"), qPrintable(result.describe()));
}

void TestCli::runOnceOnAnEmptyDatabaseExits()
{
    const CliResult result = cli({QStringLiteral("run"), QStringLiteral("--once")});
    QVERIFY2(result.finished && result.exitCode == 0, qPrintable(result.describe()));
    const CliResult idle = cli({QStringLiteral("run"), QStringLiteral("--exit-when-idle")});
    QVERIFY2(idle.finished && idle.exitCode == 0, qPrintable(idle.describe()));
}

void TestCli::showFullPrintsPayloadAndBodiesWhole()
{
    const QByteArray longBody(5000, 'x');
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    endpoint.setHandler([&longBody](const RecordedRequest &) {
        return ScriptedResponse::text(500, longBody + "END", "text/plain");
    });
    CliResult result = cli({QStringLiteral("config"), QStringLiteral("import"), configFor(endpoint)});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    result =
        cli({QStringLiteral("push")},
            R"({"message":"order:updated","payload":{"order":{"number":"R7","note":"the last words"}}})");
    const QString id = QString::fromLatin1(result.out.trimmed());
    QVERIFY(cli({QStringLiteral("run"), QStringLiteral("--once")}).exitCode == 0);

    result = cli({QStringLiteral("show"), id});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY(!result.out.contains("END"));
    QVERIFY2(result.out.contains("more characters; show --full prints it whole"), result.out.constData());
    result = cli({QStringLiteral("show"), QStringLiteral("--full"), id});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY(result.out.contains(longBody + "END"));
    QVERIFY(result.out.contains("\"note\": \"the last words\"")); // indented JSON
}

// A parked head holds its ordering key: the next message of that key waits, says for what, and goes once
// the head is replayed and delivered; another key is not held.
void TestCli::showAndMessagesSayWhatAnOrderedDeliveryWaitsFor()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    QString failing; // the message the ERP refuses, until the test clears it
    endpoint.setHandler([&failing](const RecordedRequest &request) {
        const QString id = request.json()[QStringLiteral("message_id")].toString();
        if (id == failing)
            return ScriptedResponse::json(500, {{QStringLiteral("error"), QStringLiteral("locked")}});
        return ScriptedResponse::json(200, {{QStringLiteral("message_id"), id}});
    });
    const QJsonObject config{
        {QStringLiteral("endpoints"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("shop")},
                                {QStringLiteral("url"), endpoint.url().toString()}}}},
        {QStringLiteral("mappings"),
         QJsonArray{QJsonObject{
             {QStringLiteral("name"), QStringLiteral("erp")},
             {QStringLiteral("endpoint"), QStringLiteral("shop")},
             {QStringLiteral("path"), QStringLiteral("/erp")},
             {QStringLiteral("messages"), QJsonArray{QStringLiteral("order:*")}},
             {QStringLiteral("options"),
              QJsonObject{{QStringLiteral("retries_allowed"), false},
                          {QStringLiteral("ordering_key"), QStringLiteral("payload.order.number")}}}}}}};
    CliResult result = cli({QStringLiteral("config"), QStringLiteral("import"),
                            writeFile(QStringLiteral("ordered.json"), QJsonDocument(config).toJson())});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QStringList ids;
    for (const char *message : {R"({"message":"order:new","payload":{"order":{"number":"R123"}}})",
                                R"({"message":"order:updated","payload":{"order":{"number":"R123"}}})",
                                R"({"message":"order:new","payload":{"order":{"number":"R9"}}})"}) {
        result = cli({QStringLiteral("push")}, message);
        QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
        ids << QString::fromLatin1(result.out.trimmed());
    }
    failing = ids.at(0);

    result = cli({QStringLiteral("run"), QStringLiteral("--once")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QList<QString> sent;
    for (const RecordedRequest &request : endpoint.requestsTo("/erp"))
        sent << request.json()[QStringLiteral("message_id")].toString();
    QCOMPARE(sent, (QList<QString>{ids.at(0), ids.at(2)})); // the parked head holds R123 only

    const QString reason = QStringLiteral("waits for message %1 (ordering key R123), parked").arg(ids.at(0));
    result = cli({QStringLiteral("show"), ids.at(1)});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(QString::fromUtf8(result.out).contains(QStringLiteral("delivery to erp (shop): pending")) &&
                 QString::fromUtf8(result.out).contains(reason),
             result.out.constData());
    result = cli({QStringLiteral("messages")});
    QVERIFY2(QString::fromUtf8(result.out).contains(QStringLiteral("erp=pending [%1]").arg(reason)),
             result.out.constData());
    result = cli({QStringLiteral("show"), QStringLiteral("--json"), ids.at(1)});
    const QJsonObject waiting = parseJson(result.out)[QStringLiteral("deliveries")][0].toObject();
    QCOMPARE(waiting[QStringLiteral("ordering_key")].toString(), QStringLiteral("R123"));
    QCOMPARE(waiting[QStringLiteral("waits_for")][QStringLiteral("message_id")].toString(), ids.at(0));
    QCOMPARE(waiting[QStringLiteral("waits_for")][QStringLiteral("state")].toString(),
             QStringLiteral("parked"));
    result = cli({QStringLiteral("show"), QStringLiteral("--json"), ids.at(2)});
    QVERIFY(parseJson(result.out)[QStringLiteral("deliveries")][0][QStringLiteral("waits_for")].isNull());

    // The replayed head goes first, then the message that waited for it.
    failing.clear();
    result = cli({QStringLiteral("replay"), ids.at(0)});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    result = cli({QStringLiteral("run"), QStringLiteral("--once")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    sent.clear();
    for (const RecordedRequest &request : endpoint.requestsTo("/erp"))
        sent << request.json()[QStringLiteral("message_id")].toString();
    QCOMPARE(sent, (QList<QString>{ids.at(0), ids.at(2), ids.at(0), ids.at(1)}));
    result = cli({QStringLiteral("messages"), QStringLiteral("--json")});
    for (const QJsonValue &message : parseJson(result.out).toArray())
        QCOMPARE(stateOf(message.toObject(), QStringLiteral("erp")), QStringLiteral("delivered"));
}

void TestCli::noDisplaySaysSoInOneLine()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        environment.remove(QString::fromLatin1(name));
    const CliResult result = runIntegrator(db({}), {}, 60000, environment);
    QCOMPARE(result.exitCode, 1);
    const QByteArray lines = errorLines(result);
    QCOMPARE(lines.count('\n'), 1);
    QVERIFY2(lines.contains("no display") && lines.contains("integrator run"), lines.constData());
    QVERIFY(!result.err.contains("Reinstalling"));
}

void TestCli::importWithoutKeyRefusesAndSaysHowToGetOne()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    const QString file = configFor(endpoint);
    CliResult result =
        runIntegrator(db({QStringLiteral("config"), QStringLiteral("import"), file}), {}, 60000, environment);
    QVERIFY2(result.exitCode == 1 && result.out.isEmpty(), qPrintable(result.describe()));
    QCOMPARE(result.err.count('\n'), 1);
    QVERIFY2(
        result.err.startsWith("integrator: nothing imported: secrets cannot be saved without a master key") &&
            result.err.contains("`integrator secrets new-key > FILE`") &&
            result.err.contains("INTEGRATOR_MASTER_KEY_FILE"),
        qPrintable(result.describe()));
    result = runIntegrator(db({QStringLiteral("config"), QStringLiteral("export")}), {}, 60000, environment);
    QVERIFY(QJsonDocument::fromJson(result.out)[QStringLiteral("endpoints")].toArray().isEmpty());

    // With a key file (made by the program, owner-only) the same import is sealed with that key.
    result = runIntegrator({QStringLiteral("secrets"), QStringLiteral("new-key")}, {}, 60000, environment);
    QCOMPARE(result.exitCode, 0);
    const QString keyFile = writeFile(QStringLiteral("master.key"), result.out);
    QFile::setPermissions(keyFile, QFile::ReadOwner | QFile::WriteOwner);
    environment.insert(QStringLiteral("INTEGRATOR_MASTER_KEY_FILE"), keyFile);
    result =
        runIntegrator(db({QStringLiteral("config"), QStringLiteral("import"), file}), {}, 60000, environment);
    QVERIFY2(result.exitCode == 0 && result.err.isEmpty(), qPrintable(result.describe()));
    QVERIFY2(result.out.contains("1 secret(s) sealed in the database with master key "),
             result.out.constData());
    result =
        runIntegrator(db({QStringLiteral("secrets"), QStringLiteral("status"), QStringLiteral("--json")}), {},
                      60000, environment);
    const QJsonObject status = QJsonDocument::fromJson(result.out).object();
    QCOMPARE(status[QStringLiteral("state")].toString(), QStringLiteral("ok"));
    QCOMPARE(status[QStringLiteral("sealed_secrets")].toInt(), 1);
    QCOMPARE(status[QStringLiteral("key_id")].toString(),
             status[QStringLiteral("database_key_id")].toString());
    QCOMPARE(status[QStringLiteral("key_source")].toString(),
             QStringLiteral("key file %1 (INTEGRATOR_MASTER_KEY_FILE)").arg(keyFile));
}

void TestCli::secretsStatusExportAndRotate()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS")); // key files only
    const auto newKeyFile = [&](const QString &name) {
        const CliResult made =
            runIntegrator({QStringLiteral("secrets"), QStringLiteral("new-key")}, {}, 60000, environment);
        QString path = writeFile(name, made.out);
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        return path;
    };
    const auto withKey = [&](const QString &keyFile, const QStringList &arguments) {
        return runIntegrator(db(QStringList{QStringLiteral("--master-key-file"), keyFile} + arguments), {},
                             60000, environment);
    };
    const auto status = [&](const QString &keyFile) {
        return QJsonDocument::fromJson(withKey(keyFile, {QStringLiteral("secrets"), QStringLiteral("status"),
                                                         QStringLiteral("--json")})
                                           .out)
            .object();
    };
    const QString first = newKeyFile(QStringLiteral("first.key"));
    const QString second = newKeyFile(QStringLiteral("second.key"));
    QCOMPARE(
        withKey(first, {QStringLiteral("config"), QStringLiteral("import"), configFor(endpoint)}).exitCode,
        0);
    const QString firstId = status(first)[QStringLiteral("key_id")].toString();
    QCOMPARE(firstId.size(), 16);

    // Another key is told apart from none, and named.
    QJsonObject other = status(second);
    QCOMPARE(other[QStringLiteral("state")].toString(), QStringLiteral("wrong-key"));
    QVERIFY(other[QStringLiteral("problem")].toString().contains(
        QStringLiteral("sealed with key %1").arg(firstId)));
    CliResult result = withKey(second, {QStringLiteral("secrets"), QStringLiteral("export-key")});
    QVERIFY2(result.exitCode == 1 && result.out.isEmpty(), qPrintable(result.describe()));

    // A truncated copy and a file others can read are refused with the reason.
    const QString truncated = writeFile(QStringLiteral("truncated.key"), QByteArrayLiteral("c2hvcnQ=\n"));
    QFile::setPermissions(truncated, QFile::ReadOwner | QFile::WriteOwner);
    QVERIFY(status(truncated)[QStringLiteral("problem")].toString().contains(QStringLiteral("truncated")));
    QFile::setPermissions(second, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
    QCOMPARE(status(second)[QStringLiteral("state")].toString(), QStringLiteral("no-key"));
    QVERIFY(status(second)[QStringLiteral("problem")].toString().contains(QStringLiteral("chmod 600")));
    QFile::setPermissions(second, QFile::ReadOwner | QFile::WriteOwner);

    // Rotation: every secret sealed again under the second key; the first opens nothing afterwards.
    result = withKey(first, {QStringLiteral("secrets"), QStringLiteral("rotate-key"),
                             QStringLiteral("--new-key-file"), second});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QString secondId = status(second)[QStringLiteral("key_id")].toString();
    QVERIFY2(
        result.out.startsWith(QStringLiteral("re-sealed 1 secret(s) with key %1").arg(secondId).toUtf8()),
        result.out.constData());
    QCOMPARE(status(second)[QStringLiteral("state")].toString(), QStringLiteral("ok"));
    QCOMPARE(status(first)[QStringLiteral("state")].toString(), QStringLiteral("wrong-key"));
    result = withKey(second, {QStringLiteral("secrets"), QStringLiteral("export-key")});
    QFile secondFile(second);
    QVERIFY(secondFile.open(QIODevice::ReadOnly));
    QCOMPARE(result.out.trimmed(), secondFile.readAll().trimmed());
    // The re-sealed token still reaches the endpoint.
    result = runIntegrator(db({QStringLiteral("push"), QStringLiteral("-")}),
                           R"({"message":"order:new","payload":{}})", 60000, environment);
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(withKey(second, {QStringLiteral("run"), QStringLiteral("--exit-when-idle")}).exitCode, 0);
    QVERIFY(endpoint.requestCount() >= 1);
    for (const RecordedRequest &request : endpoint.requests())
        QCOMPARE(request.headers.value("x-hub-token"), QByteArray(kToken));
}

void TestCli::sampleEndpointDetachesOnceItAcceptsConnections()
{
    QTcpServer reserve; // a free port, handed over
    QVERIFY(reserve.listen(QHostAddress::LocalHost));
    const quint16 port = reserve.serverPort();
    reserve.close();
    const QString where = QStringLiteral("127.0.0.1:%1").arg(port);
    CliResult result = runIntegrator(
        {QStringLiteral("sample-endpoint"), QStringLiteral("--listen"), where, QStringLiteral("--detach")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const qint64 pid = result.out.trimmed().toLongLong();
    QVERIFY(pid > 0);
    QTcpSocket socket; // accepting at once: --detach returned only once it was
    socket.connectToHost(QHostAddress::LocalHost, port);
    const bool connected = socket.waitForConnected(5000);
    socket.abort();
    // A second one on the same address is refused with the reason, not started.
    result = runIntegrator(
        {QStringLiteral("sample-endpoint"), QStringLiteral("--listen"), where, QStringLiteral("--detach")});
    QProcess::execute(QStringLiteral("kill"), {QString::number(pid)});
    QVERIFY(connected);
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(errorLines(result).contains("cannot listen on " + where.toUtf8()),
             qPrintable(result.describe()));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
