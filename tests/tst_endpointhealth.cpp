// The Dashboard's endpoint health: the per-minute rollup (endpoint_minutes) that the dispatcher writes
// with each recorded attempt, and EndpointHealthQuery's reads of it. Attempts go through a real engine to
// loopback endpoints with scripted answers, and the rollup's counts are checked against the attempts the
// history holds (EndpointStatusQuery reads those one by one). Runs on SQLite and on PostgreSQL; two
// engines writing the same minutes at once run on PostgreSQL.
#include "EngineHarness.h"
#include "metrics/LatencyBuckets.h"
#include "ScriptedEndpoint.h"
#include "storage/ConfigRepository.h"
#include "storage/EndpointHealthQuery.h"
#include "storage/EndpointMinuteRollup.h"
#include "storage/EndpointStatusQuery.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

namespace {

// A fixed "now" for the rollup's own tests: the windows are computed from it, never from the clock.
constexpr qint64 kNowMs = 1'900'000'020'000; // 20 s into a minute
constexpr qint64 kMinuteMs = EndpointHealthQuery::kMinuteMs;
constexpr int kMessages = 4;
constexpr int kSlowAnswerMs = 300;

using Rollup = EndpointMinuteRollup::Attempt;

QJsonObject threeEndpoints(const ScriptedEndpoint &quick, const ScriptedEndpoint &slow,
                           const ScriptedEndpoint &failing)
{
    QJsonArray endpoints, mappings;
    for (const auto &[name, server] :
         {std::pair{QStringLiteral("quick"), &quick}, std::pair{QStringLiteral("slow"), &slow},
          std::pair{QStringLiteral("failing"), &failing}}) {
        endpoints.append(testEndpoint(name, server->url()));
        // Two retries, then parked: three attempts per failing delivery.
        mappings.append(testMapping(name + QStringLiteral(" orders"), name, QStringLiteral("/orders"),
                                    {QStringLiteral("order:new")},
                                    {{QStringLiteral("retry_schedule"), QJsonArray{0.05, 0.05}}}));
    }
    return {{QStringLiteral("endpoints"), endpoints}, {QStringLiteral("mappings"), mappings}};
}

} // namespace

class TestEndpointHealth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void bucketsAreTheAttemptDurationBoundsInMilliseconds();
    void percentileIsTheBucketOfTheNearestRank();
    void lastHourSumsTheSixtyMinutesUpToNow();
    void chartSlotsAreMinutesOrQuarterHoursOfOneOrEveryEndpoint();
    void minutesOlderThanADayAreDeletedOnWrite();
    void engineOutcomesAgreeWithTheAttemptHistory();
    void oldestWaitingIsTheEarliestDueDeliveryAndInFlightTheSendingOnes();
    void twoEnginesCountEveryAttemptOnce();

private:
    qint64 endpointId(const QString &name);
    void addAt(qint64 nowMs, const QList<Rollup> &attempts);
    EndpointHealth healthOf(const QString &name, qint64 nowMs);
    EndpointStatus statusOf(const QString &name, qint64 nowMs);
    qint64 rowsOfMinute(qint64 minute);

    std::unique_ptr<EngineHarness> harness_;
    std::unique_ptr<ScriptedEndpoint> quick_, slow_, failing_;
};

void TestEndpointHealth::init()
{
    harness_ = std::make_unique<EngineHarness>();
    QVERIFY2(harness_->isValid(), qPrintable(harness_->error()));
    quick_ = std::make_unique<ScriptedEndpoint>();
    slow_ = std::make_unique<ScriptedEndpoint>();
    failing_ = std::make_unique<ScriptedEndpoint>();
    QVERIFY(quick_->listen() && slow_->listen() && failing_->listen());
    slow_->setHandler([](const RecordedRequest &request) {
        ScriptedResponse answer = ScriptedResponse::json(
            200, {{QStringLiteral("message_id"), request.json().value(QStringLiteral("message_id"))}});
        answer.delayMs = kSlowAnswerMs;
        return answer;
    });
    failing_->setHandler([](const RecordedRequest &) {
        return ScriptedResponse::json(500, {{QStringLiteral("error"), QStringLiteral("down")}});
    });
    QCOMPARE(harness_->importConfig(threeEndpoints(*quick_, *slow_, *failing_)), QString());
}

void TestEndpointHealth::cleanup()
{
    harness_.reset();
    quick_.reset();
    slow_.reset();
    failing_.reset();
}

qint64 TestEndpointHealth::endpointId(const QString &name)
{
    QList<Endpoint> endpoints;
    QString error;
    if (!ConfigRepository(harness_->db()).loadEndpoints(&endpoints, &error))
        qFatal("%s", qPrintable(error));
    for (const Endpoint &endpoint : std::as_const(endpoints)) {
        if (endpoint.name == name)
            return endpoint.id;
    }
    qFatal("no endpoint %s", qPrintable(name));
}

// What the dispatcher's recorder does, at a chosen time: inside a write transaction.
void TestEndpointHealth::addAt(qint64 nowMs, const QList<Rollup> &attempts)
{
    Database &db = harness_->db();
    EndpointMinuteRollup rollup(db);
    WriteTransaction transaction(db);
    QString error;
    if (!transaction.begin(&error) || !rollup.add(attempts, nowMs, &error) || !transaction.commit(&error))
        qFatal("%s", qPrintable(error));
}

EndpointHealth TestEndpointHealth::healthOf(const QString &name, qint64 nowMs)
{
    QList<EndpointHealth> list;
    QString error;
    if (!EndpointHealthQuery(harness_->db()).list(nowMs, &list, &error))
        qFatal("%s", qPrintable(error));
    for (const EndpointHealth &health : std::as_const(list)) {
        if (health.name == name)
            return health;
    }
    qFatal("no endpoint %s listed", qPrintable(name));
}

EndpointStatus TestEndpointHealth::statusOf(const QString &name, qint64 nowMs)
{
    QList<EndpointStatus> list;
    QString error;
    if (!EndpointStatusQuery(harness_->db()).list(nowMs, &list, &error))
        qFatal("%s", qPrintable(error));
    for (const EndpointStatus &status : std::as_const(list)) {
        if (status.name == name)
            return status;
    }
    qFatal("no endpoint %s listed", qPrintable(name));
}

qint64 TestEndpointHealth::rowsOfMinute(qint64 minute)
{
    QSqlQuery query =
        harness_->db().prepare(QStringLiteral("SELECT COUNT(*) FROM endpoint_minutes WHERE minute = ?"));
    query.bindValue(0, minute);
    QString error;
    if (!harness_->db().exec(query, &error) || !query.next())
        qFatal("%s", qPrintable(error));
    return query.value(0).toLongLong();
}

void TestEndpointHealth::bucketsAreTheAttemptDurationBoundsInMilliseconds()
{
    // The schema (version 12) has one latency column per bucket.
    QCOMPARE(LatencyBuckets::count(), 15);
    QCOMPARE(LatencyBuckets::upperBoundsMs().first(), 5);
    QCOMPARE(LatencyBuckets::upperBoundsMs().last(), 180'000);
    QCOMPARE(LatencyBuckets::indexOf(0), 0);
    QCOMPARE(LatencyBuckets::indexOf(5), 0); // a bound belongs to the bucket it closes
    QCOMPARE(LatencyBuckets::indexOf(6), 1);
    QCOMPARE(LatencyBuckets::indexOf(250), 5);
    QCOMPARE(LatencyBuckets::indexOf(180'000), 13);
    QCOMPARE(LatencyBuckets::indexOf(180'001), 14);
    QCOMPARE(LatencyBuckets::rangeOf(5), (LatencyRange{100, 250}));
    QCOMPARE(LatencyBuckets::rangeOf(14), (LatencyRange{180'000, std::nullopt}));
}

void TestEndpointHealth::percentileIsTheBucketOfTheNearestRank()
{
    QList<qint64> counts(LatencyBuckets::count(), 0);
    QVERIFY(!LatencyBuckets::percentile(counts, 50));
    counts[2] = 10; // (10, 25] ms
    counts[5] = 9;  // (100, 250] ms
    counts[14] = 1; // above 180 s
    // 20 values: the median is the 10th, the 95th percentile the 19th, the maximum the 20th.
    QCOMPARE(LatencyBuckets::percentile(counts, 50), (LatencyRange{10, 25}));
    QCOMPARE(LatencyBuckets::percentile(counts, 51), (LatencyRange{100, 250}));
    QCOMPARE(LatencyBuckets::percentile(counts, 95), (LatencyRange{100, 250}));
    QCOMPARE(LatencyBuckets::percentile(counts, 100), (LatencyRange{180'000, std::nullopt}));
}

void TestEndpointHealth::lastHourSumsTheSixtyMinutesUpToNow()
{
    const qint64 quick = endpointId(QStringLiteral("quick"));
    const qint64 failing = endpointId(QStringLiteral("failing"));
    // The hour is the current minute and the 59 before it; the 60th minute back is out.
    addAt(kNowMs - 60 * kMinuteMs, {{quick, DeliveryState::Parked, 90'000}});
    addAt(kNowMs - 59 * kMinuteMs,
          {{quick, DeliveryState::Delivered, 20}, {quick, DeliveryState::Waiting, 30}});
    addAt(kNowMs, {{quick, DeliveryState::Delivered, 200},
                   {quick, DeliveryState::Retrying, 3000},
                   {failing, DeliveryState::Retrying, 40},
                   {failing, DeliveryState::Parked, 40}});
    addAt(kNowMs, {{quick, DeliveryState::Delivered, 220}}); // the same minute again adds to it

    const EndpointHealth health = healthOf(QStringLiteral("quick"), kNowMs);
    QCOMPARE(health.endpointId, quick);
    QCOMPARE(health.delivered, 3);
    QCOMPARE(health.waiting, 1);
    QCOMPARE(health.retrying, 1);
    QCOMPARE(health.parked, 0);
    QCOMPARE(health.attempts(), 5);
    QCOMPARE(*health.successRate(), 0.8);
    // 20, 30, 200, 220, 3000 ms: the median (3rd) is 200 ms, the 95th percentile (5th) 3000 ms.
    QCOMPARE(health.latencyP50, (LatencyRange{100, 250}));
    QCOMPARE(health.latencyP95, (LatencyRange{2500, 5000}));
    const EndpointHealth failed = healthOf(QStringLiteral("failing"), kNowMs);
    QCOMPARE(failed.attempts(), 2);
    QCOMPARE(*failed.successRate(), 0.0);
    const EndpointHealth idle = healthOf(QStringLiteral("slow"), kNowMs);
    QCOMPARE(idle.attempts(), 0);
    QVERIFY(!idle.successRate());
    QVERIFY(!idle.latencyP50);
    QCOMPARE(idle.state, EndpointFlow::State::Active);

    // A minute later the oldest minute of the window has left it.
    QCOMPARE(healthOf(QStringLiteral("quick"), kNowMs + kMinuteMs).attempts(), 3);
    qint64 delivered = 0;
    QString error;
    QVERIFY2(EndpointHealthQuery(harness_->db()).deliveredSince(kNowMs - 59 * kMinuteMs, &delivered, &error),
             qPrintable(error));
    QCOMPARE(delivered, 3);
}

void TestEndpointHealth::chartSlotsAreMinutesOrQuarterHoursOfOneOrEveryEndpoint()
{
    const qint64 quick = endpointId(QStringLiteral("quick"));
    const qint64 failing = endpointId(QStringLiteral("failing"));
    addAt(kNowMs - 2 * kMinuteMs,
          {{quick, DeliveryState::Delivered, 20}, {failing, DeliveryState::Retrying, 20}});
    addAt(kNowMs, {{quick, DeliveryState::Waiting, 20}, {failing, DeliveryState::Parked, 20}});
    addAt(kNowMs - 23 * 3600 * 1000, {{quick, DeliveryState::Delivered, 20}}); // in the day, not the hour

    const EndpointHealthQuery query(harness_->db());
    QList<OutcomeSlot> slots;
    QString error;
    QVERIFY2(query.outcomes(EndpointHealthQuery::Span::LastHour, kNowMs, {}, &slots, &error),
             qPrintable(error));
    QCOMPARE(slots.size(), 60);
    const qint64 minute = kNowMs / kMinuteMs * kMinuteMs;
    QCOMPARE(slots.last(), (OutcomeSlot{minute, 1, 0, 1})); // accepted asynchronously counts as delivered
    QCOMPARE(slots.at(57), (OutcomeSlot{minute - 2 * kMinuteMs, 1, 1, 0}));
    QCOMPARE(slots.first().startMs, minute - 59 * kMinuteMs);
    qint64 total = 0;
    for (const OutcomeSlot &slot : std::as_const(slots))
        total += slot.total();
    QCOMPARE(total, 4);

    QVERIFY2(query.outcomes(EndpointHealthQuery::Span::LastHour, kNowMs, failing, &slots, &error),
             qPrintable(error));
    QCOMPARE(slots.last(), (OutcomeSlot{minute, 0, 0, 1}));
    QCOMPARE(slots.at(57), (OutcomeSlot{minute - 2 * kMinuteMs, 0, 1, 0}));

    QVERIFY2(query.outcomes(EndpointHealthQuery::Span::LastDay, kNowMs, {}, &slots, &error),
             qPrintable(error));
    QCOMPARE(slots.size(), 96);
    const qint64 quarter = 15 * kMinuteMs;
    QCOMPARE(slots.last().startMs, kNowMs / quarter * quarter);
    QCOMPARE(slots.last().total(), 4); // both minutes fall in the current quarter hour (20 s past one)
    total = 0;
    for (const OutcomeSlot &slot : std::as_const(slots))
        total += slot.total();
    QCOMPARE(total, 5);
}

void TestEndpointHealth::minutesOlderThanADayAreDeletedOnWrite()
{
    const qint64 quick = endpointId(QStringLiteral("quick"));
    const qint64 minute = kNowMs / kMinuteMs * kMinuteMs;
    addAt(kNowMs, {{quick, DeliveryState::Delivered, 20}});
    addAt(kNowMs + EndpointMinuteRollup::kKeptMs, {{quick, DeliveryState::Delivered, 20}});
    QCOMPARE(rowsOfMinute(minute), 1); // exactly as old as kept: stays
    addAt(kNowMs + EndpointMinuteRollup::kKeptMs + kMinuteMs, {{quick, DeliveryState::Delivered, 20}});
    QCOMPARE(rowsOfMinute(minute), 0);
    QCOMPARE(rowsOfMinute(minute + EndpointMinuteRollup::kKeptMs), 1);
}

void TestEndpointHealth::engineOutcomesAgreeWithTheAttemptHistory()
{
    for (int i = 0; i < kMessages; ++i)
        QVERIFY(!harness_->push(QStringLiteral("order:new"), {{QStringLiteral("n"), i}}).isEmpty());
    QVERIFY(harness_->runUntilIdle());
    const qint64 now = Database::nowMs();

    const EndpointHealth quick = healthOf(QStringLiteral("quick"), now);
    QCOMPARE(quick.delivered, kMessages);
    QCOMPARE(quick.attempts(), kMessages);
    QCOMPARE(*quick.successRate(), 1.0);
    const EndpointHealth slow = healthOf(QStringLiteral("slow"), now);
    QCOMPARE(slow.delivered, kMessages);
    // Every answer took at least kSlowAnswerMs, so both percentiles lie in a bucket above 250 ms.
    QVERIFY(slow.latencyP50 && slow.latencyP95);
    QVERIFY2(slow.latencyP50->lowerMs >= 250, qPrintable(QString::number(slow.latencyP50->lowerMs)));
    QVERIFY(slow.latencyP95->lowerMs >= slow.latencyP50->lowerMs);
    const EndpointHealth failing = healthOf(QStringLiteral("failing"), now);
    QCOMPARE(failing.retrying, 2 * kMessages);
    QCOMPARE(failing.parked, kMessages);
    QCOMPARE(failing.delivered + failing.waiting, 0);
    QCOMPARE(*failing.successRate(), 0.0);
    QCOMPARE(failing_->requestCount(), 3 * kMessages);

    // The history's attempts, read one by one, say the same: the same count, and each exact percentile
    // inside the rollup's bucket.
    for (const QString &name : {QStringLiteral("quick"), QStringLiteral("slow"), QStringLiteral("failing")}) {
        const EndpointHealth health = healthOf(name, now);
        const EndpointStatus exact = statusOf(name, now);
        QCOMPARE(health.attempts(), exact.attemptsLastHour);
        QCOMPARE(*health.successRate(), *exact.successRate);
        for (const auto &[range, value] : {std::pair{*health.latencyP50, *exact.latencyP50Ms},
                                           std::pair{*health.latencyP95, *exact.latencyP95Ms}}) {
            QVERIFY2(value <= (range.upperMs ? *range.upperMs : value) &&
                         (value > range.lowerMs || (range.lowerMs == 0 && value == 0)),
                     qPrintable(QStringLiteral("%1: %2 ms outside (%3, %4]")
                                    .arg(name)
                                    .arg(value)
                                    .arg(range.lowerMs)
                                    .arg(range.upperMs ? *range.upperMs : -1)));
        }
    }

    QList<OutcomeSlot> slots;
    QString error;
    QVERIFY2(EndpointHealthQuery(harness_->db())
                 .outcomes(EndpointHealthQuery::Span::LastHour, now, {}, &slots, &error),
             qPrintable(error));
    OutcomeSlot sum;
    for (const OutcomeSlot &slot : std::as_const(slots)) {
        sum.delivered += slot.delivered;
        sum.retrying += slot.retrying;
        sum.parked += slot.parked;
    }
    QCOMPARE(sum.delivered, 2 * kMessages);
    QCOMPARE(sum.retrying, 2 * kMessages);
    QCOMPARE(sum.parked, kMessages);
}

void TestEndpointHealth::oldestWaitingIsTheEarliestDueDeliveryAndInFlightTheSendingOnes()
{
    // Nothing runs yet: the pushed deliveries wait, due since they were accepted.
    const qint64 before = Database::nowMs();
    QVERIFY(!harness_->push(QStringLiteral("order:new")).isEmpty());
    const qint64 after = Database::nowMs();
    QVERIFY(!harness_->push(QStringLiteral("order:new")).isEmpty()); // later: not the oldest
    const EndpointHealth waiting = healthOf(QStringLiteral("quick"), Database::nowMs());
    QVERIFY(waiting.oldestDueAtMs);
    QVERIFY(*waiting.oldestDueAtMs >= before && *waiting.oldestDueAtMs <= after);
    QCOMPARE(waiting.inFlight, 0);

    // An endpoint that never answers holds its deliveries in flight; the others finish.
    quick_->setHandler([](const RecordedRequest &) {
        ScriptedResponse hang;
        hang.hang = true;
        return hang;
    });
    QVERIFY(harness_->start());
    harness_->engine().wake();
    QTRY_COMPARE(quick_->requestCount(), 2);
    QTRY_COMPARE(healthOf(QStringLiteral("quick"), Database::nowMs()).inFlight, 2);
    const EndpointHealth sending = healthOf(QStringLiteral("quick"), Database::nowMs());
    QVERIFY(!sending.oldestDueAtMs); // claimed: nothing of it waits any more
    QTRY_COMPARE(healthOf(QStringLiteral("slow"), Database::nowMs()).delivered, 2);
    const EndpointHealth done = healthOf(QStringLiteral("slow"), Database::nowMs());
    QCOMPARE(done.inFlight, 0);
    QVERIFY(!done.oldestDueAtMs);
    // The failing endpoint's retries are scheduled: due in the future, or already parked.
    quick_->close();
}

void TestEndpointHealth::twoEnginesCountEveryAttemptOnce()
{
    if (!TestDatabase::usePostgres())
        QSKIP("several engines share a database on PostgreSQL only");
    constexpr int kMany = 60;
    // Every endpoint answers here: the count to reach is known, and no circuit breaker pauses one.
    failing_->setHandler({});
    Engine second(harness_->location(), &harness_->credentials());
    QString error;
    int recordedByFirst = 0, recordedBySecond = 0;
    QObject counting; // ends the counting connections with this function
    connect(&harness_->engine(), &Engine::recorded, &counting, [&](int n) { recordedByFirst += n; });
    connect(&second, &Engine::recorded, &counting, [&](int n) { recordedBySecond += n; });
    QVERIFY2(second.start(&error, Engine::Polling::Off), qPrintable(error));
    QVERIFY(harness_->start());
    QList<Message> messages;
    for (int i = 0; i < kMany; ++i) {
        Message message;
        QVERIFY2(Message::fromJson({{QStringLiteral("message"), QStringLiteral("order:new")},
                                    {QStringLiteral("payload"), QJsonObject{{QStringLiteral("n"), i}}}},
                                   &message, &error),
                 qPrintable(error));
        messages << message;
    }
    QCOMPARE(harness_->pushAll(messages).size(), kMany);
    const QList<std::pair<QString, ScriptedEndpoint *>> endpoints{
        {QStringLiteral("quick"), quick_.get()},
        {QStringLiteral("slow"), slow_.get()},
        {QStringLiteral("failing"), failing_.get()}};
    for (const auto &[name, server] : endpoints)
        QTRY_VERIFY_WITH_TIMEOUT(healthOf(name, Database::nowMs()).delivered == kMany, 60000);
    // Both engines wrote the same minutes (the slow answers leave each engine work to claim): no
    // attempt lost or counted twice.
    QVERIFY(recordedByFirst > 0 && recordedBySecond > 0);
    const qint64 now = Database::nowMs();
    for (const auto &[name, server] : endpoints) {
        const EndpointHealth health = healthOf(name, now);
        QCOMPARE(health.attempts(), kMany);
        QCOMPARE(health.attempts(), qint64(server->requestCount()));
        QCOMPARE(health.attempts(), statusOf(name, now).attemptsLastHour);
    }
}

QTEST_MAIN(TestEndpointHealth)
#include "tst_endpointhealth.moc"
