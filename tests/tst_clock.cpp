// Retries an hour away, a probe an hour away and a dead engine's lease that runs out in an hour, each
// tested without waiting: the test moves the engine's clock (Clock) and the engine looks again at once.
#include "EngineHarness.h"
#include "ScriptedEndpoint.h"
#include "TestDatabase.h"
#include "utils/Clock.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

class TestClock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void advanceMovesNowAndSaysSo();
    void retryAnHourAwayGoesOutWhenTheClockGetsThere();
    void probeAnHourAwayGoesOutWhenTheClockGetsThere();
    void deadEnginesLeaseIsTakenOverWhenItRunsOut();

private:
    QJsonObject configFor(const QJsonObject &endpointOptions, const QJsonObject &mappingOptions) const;

    std::unique_ptr<ScriptedEndpoint> endpoint_;
    int failuresLeft_ = 0;
};

namespace {
constexpr qint64 kHourMs = 3600 * 1000;
}

void TestClock::init()
{
    Clock::resetForTesting();
    failuresLeft_ = 0;
    endpoint_ = std::make_unique<ScriptedEndpoint>();
    QVERIFY(endpoint_->listen());
    endpoint_->setHandler([this](const RecordedRequest &request) {
        if (failuresLeft_ > 0) {
            --failuresLeft_;
            return ScriptedResponse::json(500, {{QStringLiteral("summary"), QStringLiteral("down for now")}});
        }
        return ScriptedResponse::json(
            200, {{QStringLiteral("message_id"), request.json()[QStringLiteral("message_id")].toString()}});
    });
}

void TestClock::cleanup()
{
    Clock::resetForTesting();
}

QJsonObject TestClock::configFor(const QJsonObject &endpointOptions, const QJsonObject &mappingOptions) const
{
    QJsonObject endpoint = testEndpoint(QStringLiteral("ep"), endpoint_->url());
    for (auto it = endpointOptions.begin(); it != endpointOptions.end(); ++it)
        endpoint.insert(it.key(), it.value());
    return {{QStringLiteral("endpoints"), QJsonArray{endpoint}},
            {QStringLiteral("mappings"),
             QJsonArray{testMapping(QStringLiteral("mail"), QStringLiteral("ep"), QStringLiteral("/mail"),
                                    {QStringLiteral("order:new")}, mappingOptions)}}};
}

void TestClock::advanceMovesNowAndSaysSo()
{
    QSignalSpy jumped(Clock::instance(), &Clock::jumped);
    const qint64 before = Clock::nowMs();
    Clock::advanceForTesting(kHourMs);
    const qint64 after = Clock::nowMs();
    QVERIFY2(after - before >= kHourMs, qPrintable(QString::number(after - before)));
    QCOMPARE(jumped.count(), 1);
    QCOMPARE(jumped.first().at(0).toLongLong(), kHourMs);
    Clock::resetForTesting();
    QVERIFY(Clock::nowMs() < after);
}

void TestClock::retryAnHourAwayGoesOutWhenTheClockGetsThere()
{
    failuresLeft_ = 1;
    EngineHarness harness;
    QVERIFY2(harness.isValid(), qPrintable(harness.error()));
    QCOMPARE(harness.importConfig(configFor({}, {{QStringLiteral("retry_schedule"), QJsonArray{3600}}})),
             QString());
    const QString id = harness.push(QStringLiteral("order:new"));
    QVERIFY(harness.start());
    QTRY_COMPARE(harness.delivery(id, QStringLiteral("mail"))[QStringLiteral("state")].toString(),
                 QStringLiteral("retrying"));
    QCOMPARE(endpoint_->requestsTo("/mail").size(), 1);

    // Retry delays get ±20 % jitter: the retry is due within 48 to 72 minutes. At 40 it is not yet.
    QSignalSpy caughtUp(&harness.engine(), &Engine::caughtUp);
    Clock::advanceForTesting(40 * 60 * 1000);
    QVERIFY(caughtUp.wait(10000)); // the engine looked again after the jump and found nothing due
    QCOMPARE(harness.delivery(id, QStringLiteral("mail"))[QStringLiteral("state")].toString(),
             QStringLiteral("retrying"));
    Clock::advanceForTesting(kHourMs);
    QTRY_COMPARE(harness.delivery(id, QStringLiteral("mail"))[QStringLiteral("state")].toString(),
                 QStringLiteral("delivered"));
    QCOMPARE(endpoint_->requestsTo("/mail").size(), 2);
}

// The circuit breaker pauses the endpoint after one failure; its trial delivery is due an hour later.
void TestClock::probeAnHourAwayGoesOutWhenTheClockGetsThere()
{
    failuresLeft_ = 1;
    EngineHarness harness;
    QVERIFY2(harness.isValid(), qPrintable(harness.error()));
    QCOMPARE(harness.importConfig(
                 configFor({{QStringLiteral("pause_after"), 1}, {QStringLiteral("probe_interval"), 3600}},
                           {{QStringLiteral("retry_schedule"), QJsonArray{1}}})),
             QString());
    const QString id = harness.push(QStringLiteral("order:new"));
    QVERIFY(harness.start());
    const auto flowState = [&harness] {
        QSqlQuery query(harness.db().connection());
        query.exec(QStringLiteral("SELECT state FROM endpoint_flow"));
        return query.next() ? query.value(0).toString() : QString();
    };
    QTRY_COMPARE(flowState(), QStringLiteral("paused"));
    // Its retry (1 s) is long due in an hour, and still it waits for the probe.
    QSignalSpy caughtUp(&harness.engine(), &Engine::caughtUp);
    Clock::advanceForTesting(60 * 1000);
    QVERIFY(caughtUp.wait(10000)); // the engine looked again after the jump and found nothing due
    QCOMPARE(harness.delivery(id, QStringLiteral("mail"))[QStringLiteral("state")].toString(),
             QStringLiteral("retrying"));
    QCOMPARE(endpoint_->requestsTo("/mail").size(), 1);

    Clock::advanceForTesting(kHourMs);
    QTRY_COMPARE(harness.delivery(id, QStringLiteral("mail"))[QStringLiteral("state")].toString(),
                 QStringLiteral("delivered"));
    QCOMPARE(endpoint_->requestsTo("/mail").size(), 2);
    QTRY_COMPARE(flowState(), QStringLiteral("active"));
}

// Another engine claimed the delivery and died; its lease runs an hour. This engine leaves the claim
// alone until the lease runs out, then takes it over.
void TestClock::deadEnginesLeaseIsTakenOverWhenItRunsOut()
{
    if (!TestDatabase::usePostgres())
        QSKIP(
            "leases are taken over on a shared database; alone on a SQLite file an engine takes every claim "
            "back at its start (crashrecovery covers it). Runs as clock_postgres");
    EngineHarness harness;
    QVERIFY2(harness.isValid(), qPrintable(harness.error()));
    QCOMPARE(harness.importConfig(configFor({}, {})), QString());
    const QString id = harness.push(QStringLiteral("order:new"));
    QSqlQuery claim(harness.db().connection());
    // As DeliveryQueue::claimDue leaves a claim: sending, no due time, the owner and its lease.
    QVERIFY(claim.prepare(QStringLiteral("UPDATE deliveries SET state = 'sending', due_at = NULL,"
                                         " lease_owner = 'dead-engine', lease_until = ?")));
    claim.bindValue(0, Clock::nowMs() + kHourMs);
    QVERIFY(claim.exec());
    QCOMPARE(claim.numRowsAffected(), 1);

    QSignalSpy caughtUp(&harness.engine(), &Engine::caughtUp);
    QVERIFY(harness.start());
    QVERIFY(caughtUp.count() > 0 || caughtUp.wait(20000));
    QCOMPARE(endpoint_->requestsTo("/mail").size(), 0);

    Clock::advanceForTesting(kHourMs + 1000);
    QTRY_COMPARE(harness.delivery(id, QStringLiteral("mail"))[QStringLiteral("state")].toString(),
                 QStringLiteral("delivered"));
    QCOMPARE(endpoint_->requestsTo("/mail").size(), 1);
}

QTEST_GUILESS_MAIN(TestClock)
#include "tst_clock.moc"
