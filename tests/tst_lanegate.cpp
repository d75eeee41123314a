// Rate limits as the endpoint sees them: requests counted where they arrive, with one engine and with
// three engines sharing one PostgreSQL database (the bucket is shared, so the limit is the deployment's).
// The rate is measured over the requests after the first second's burst.
#include "EngineHarness.h"
#include "IntegratorProcess.h"
#include "ScriptedEndpoint.h"
#include "TestDatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>
#include <vector>

namespace {

constexpr double kRate = 20;  // per second
constexpr int kMessages = 80; // a burst of 20, then 60 more at 20/s: three seconds

QJsonObject rateLimitedConfig(const ScriptedEndpoint &endpoint)
{
    QJsonObject limited = testEndpoint(QStringLiteral("crm"), endpoint.url());
    limited.insert(QStringLiteral("rate_limit"), kRate);
    limited.insert(QStringLiteral("max_in_flight"), 8);
    return {{QStringLiteral("endpoints"), QJsonArray{limited}},
            {QStringLiteral("mappings"),
             QJsonArray{testMapping(QStringLiteral("contacts"), QStringLiteral("crm"),
                                    QStringLiteral("/contacts"), {QStringLiteral("customer:*")})}}};
}

// Deliveries per second after the burst: the bucket starts full (one second's worth), so the first
// `burst` requests may arrive at once; every later one needs a token that takes 1/rate to arrive.
double measuredRate(const QList<RecordedRequest> &requests, int burst)
{
    std::vector<qint64> at;
    for (const RecordedRequest &request : requests)
        at.push_back(request.receivedAtMs);
    std::sort(at.begin(), at.end());
    const double seconds = double(at.back() - at.front()) / 1000.0;
    return double(int(at.size()) - burst) / seconds;
}

void answerAtOnce(ScriptedEndpoint *endpoint)
{
    endpoint->setHandler([](const RecordedRequest &request) {
        return ScriptedResponse::json(200, {{QStringLiteral("message_id"),
                                             request.json().value(QStringLiteral("message_id")).toString()}});
    });
}

} // namespace

class TestLaneGate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneEngineKeepsTheRate();
    void threeEnginesShareTheRate();
    void unlimitedLaneIsNotHeldBack();
};

void TestLaneGate::oneEngineKeepsTheRate()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    answerAtOnce(&endpoint);
    EngineHarness harness;
    QVERIFY2(harness.isValid(), qPrintable(harness.error()));
    QCOMPARE(harness.importConfig(rateLimitedConfig(endpoint)), QString());
    for (int i = 0; i < kMessages; ++i)
        harness.push(QStringLiteral("customer:new"), {{QStringLiteral("n"), i}});
    QVERIFY(harness.runUntilIdle(60000));
    QCOMPARE(endpoint.requestCount(), kMessages);
    const double rate = measuredRate(endpoint.requests(), int(kRate));
    QVERIFY2(rate >= kRate * 0.9 && rate <= kRate * 1.1, qPrintable(QString::number(rate)));
}

void TestLaneGate::threeEnginesShareTheRate()
{
    if (!TestDatabase::usePostgres())
        QSKIP("three engines need a shared database: this case runs in lanegate_postgres");
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    endpoint.setRecordBodies(true);
    answerAtOnce(&endpoint);
    TestDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.error()));
    CliResult result =
        runIntegrator(database.cliArguments() + QStringList{QStringLiteral("config"),
                                                            QStringLiteral("import"), QStringLiteral("-")},
                      QJsonDocument(rateLimitedConfig(endpoint)).toJson());
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QJsonArray batch;
    for (int i = 0; i < kMessages; ++i)
        batch.append(QJsonObject{{QStringLiteral("message"), QStringLiteral("customer:new")},
                                 {QStringLiteral("payload"), QJsonObject{{QStringLiteral("n"), i}}}});
    result = runIntegrator(database.cliArguments() + QStringList{QStringLiteral("push"), QStringLiteral("-")},
                           QJsonDocument(batch).toJson(QJsonDocument::Compact));
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    std::vector<std::unique_ptr<QProcess>> workers;
    workers.reserve(3);
    for (int i = 0; i < 3; ++i)
        workers.push_back(startIntegrator(database.cliArguments() + QStringList{QStringLiteral("run")}));
    QTRY_VERIFY_WITH_TIMEOUT(endpoint.requestCount() >= kMessages, 60000);
    for (auto &worker : workers) {
        worker->terminate();
        QVERIFY(waitForExit(*worker));
    }
    QCOMPARE(endpoint.requestCount(), kMessages);
    const double rate = measuredRate(endpoint.requests(), int(kRate));
    QVERIFY2(rate >= kRate * 0.9 && rate <= kRate * 1.1, qPrintable(QString::number(rate)));
}

// A rate-limited endpoint beside an unlimited one: the limit holds back only its own lane.
void TestLaneGate::unlimitedLaneIsNotHeldBack()
{
    ScriptedEndpoint limited;
    ScriptedEndpoint free;
    QVERIFY(limited.listen());
    QVERIFY(free.listen());
    answerAtOnce(&limited);
    answerAtOnce(&free);
    QJsonObject config = rateLimitedConfig(limited);
    QJsonObject slow = config.value(QStringLiteral("endpoints")).toArray().at(0).toObject();
    slow.insert(QStringLiteral("rate_limit"), 0.5); // one every two seconds after the first
    config.insert(QStringLiteral("endpoints"),
                  QJsonArray{slow, testEndpoint(QStringLiteral("mailer"), free.url())});
    QJsonArray mappings = config.value(QStringLiteral("mappings")).toArray();
    mappings.append(testMapping(QStringLiteral("welcome"), QStringLiteral("mailer"),
                                QStringLiteral("/welcome"), {QStringLiteral("customer:*")}));
    config.insert(QStringLiteral("mappings"), mappings);
    EngineHarness harness;
    QVERIFY2(harness.isValid(), qPrintable(harness.error()));
    QCOMPARE(harness.importConfig(config), QString());
    for (int i = 0; i < 50; ++i)
        harness.push(QStringLiteral("customer:new"), {{QStringLiteral("n"), i}});
    QVERIFY(harness.start());
    QTRY_COMPARE_WITH_TIMEOUT(free.requestCount(), 50, 20000);
    // The mailer got all 50 while the limited CRM, a token every two seconds (50 take 98 s), is still at
    // the start of its queue.
    QVERIFY2(limited.requestCount() < 50, qPrintable(QString::number(limited.requestCount())));
}

QTEST_GUILESS_MAIN(TestLaneGate)
#include "tst_lanegate.moc"
