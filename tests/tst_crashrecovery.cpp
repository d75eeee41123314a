// At-least-once across a crash: SIGKILL the engine in the middle of 2,000 deliveries, start it again,
// and every message arrives; only deliveries in flight at the kill may arrive twice.
#include "IntegratorProcess.h"
#include "ScriptedEndpoint.h"
#include "storage/Database.h"
#include "TestDatabase.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestCrashRecovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killedMidRunLosesNothing();
};

void TestCrashRecovery::killedMidRunLosesNothing()
{
    constexpr int kMessages = 2000;
    TestDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.error()));
    auto withDb = [&](const QStringList &arguments) { return database.cliArguments() + arguments; };

    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    QHash<QString, int> received;
    endpoint.setHandler([&received](const RecordedRequest &request) {
        const QString id = request.json()[QStringLiteral("message_id")].toString();
        ++received[id];
        ScriptedResponse response = ScriptedResponse::json(200, {{QStringLiteral("message_id"), id}});
        response.delayMs = 3; // slow enough that the kill lands mid-run
        return response;
    });

    const QJsonObject config{
        {QStringLiteral("endpoints"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("counter")},
                                {QStringLiteral("url"), endpoint.url().toString()}}}},
        {QStringLiteral("mappings"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("count")},
                                {QStringLiteral("endpoint"), QStringLiteral("counter")},
                                {QStringLiteral("messages"), QJsonArray{QStringLiteral("order:*")}},
                                // Short, so on a shared database the dead engine's claims (leases of
                                // 1.5 x timeout + 5 s) expire soon and the restarted engine takes them over.
                                {QStringLiteral("options"), QJsonObject{{QStringLiteral("timeout"), 2}}}}}}};
    CliResult result =
        runIntegrator(withDb({QStringLiteral("config"), QStringLiteral("import"), QStringLiteral("-")}),
                      QJsonDocument(config).toJson());
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));

    QJsonArray messages;
    for (int i = 0; i < kMessages; ++i)
        messages.append(QJsonObject{{QStringLiteral("message"), QStringLiteral("order:new")},
                                    {QStringLiteral("payload"), QJsonObject{{QStringLiteral("n"), i}}}});
    result = runIntegrator(withDb({QStringLiteral("push"), QStringLiteral("-")}),
                           QJsonDocument(messages).toJson());
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QList<QByteArray> pushed = result.out.trimmed().split('\n');
    QCOMPARE(pushed.size(), kMessages);

    std::unique_ptr<QProcess> engine = startIntegrator(withDb({QStringLiteral("run")}));
    QTRY_VERIFY_WITH_TIMEOUT(received.size() >= kMessages / 5, 60000);
    engine->kill(); // SIGKILL: no chance to clean up
    QVERIFY(waitForExit(*engine));
    const int receivedAtKill = int(received.size());
    QVERIFY2(receivedAtKill < kMessages, "the engine finished before the kill; the test proves nothing");

    // What the dead engine had claimed: the only deliveries that may arrive twice.
    QSet<QString> inFlight;
    {
        Database db(database.location(), QStringLiteral("inspect"));
        QString error;
        QVERIFY2(db.open(&error), qPrintable(error));
        QSqlQuery query(db.connection());
        QVERIFY(query.exec(
            QStringLiteral("SELECT m.message_id FROM deliveries d JOIN messages m ON m.id = d.message_row"
                           " WHERE d.state = 'sending'")));
        while (query.next())
            inFlight.insert(query.value(0).toString());
    }
    QVERIFY(!inFlight.isEmpty());

    result = runIntegrator(withDb({QStringLiteral("run"), QStringLiteral("--exit-when-idle")}), {}, 120000);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));

    for (const QByteArray &id : pushed)
        QVERIFY2(received.value(QString::fromLatin1(id)) >= 1, id.constData());
    int duplicates = 0;
    for (auto it = received.cbegin(); it != received.cend(); ++it) {
        if (it.value() > 1) {
            ++duplicates;
            QVERIFY2(inFlight.contains(it.key()),
                     qPrintable(QStringLiteral("%1 arrived twice but was not in flight").arg(it.key())));
            QCOMPARE(it.value(), 2);
        }
    }
    qInfo("killed after %d of %d messages; %d in flight at the kill; %d arrived twice", receivedAtKill,
          kMessages, int(inFlight.size()), duplicates);

    result = runIntegrator(
        withDb({QStringLiteral("messages"), QStringLiteral("--state"), QStringLiteral("delivered"),
                QStringLiteral("--limit"), QString::number(kMessages * 2), QStringLiteral("--json")}));
    QCOMPARE(QJsonDocument::fromJson(result.out).array().size(), kMessages);
}

QTEST_GUILESS_MAIN(TestCrashRecovery)
#include "tst_crashrecovery.moc"
