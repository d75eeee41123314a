// What `integrator endpoints` and the Endpoints view show: each endpoint's flow state, its deliveries in
// flight and waiting, and its attempts of the last hour (success rate, nearest-rank p50 and p95), read
// from seeded rows whose answers are known. Runs on SQLite and on PostgreSQL.
#include "delivery/EndpointPauseControl.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "storage/EndpointFlowRepository.h"
#include "storage/EndpointStatusQuery.h"
#include "storage/MessageRepository.h"
#include "TestDatabase.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>

namespace {

// A fixed "now": the window is computed from it, so the test never depends on the clock.
constexpr qint64 kNowMs = 1'900'000'000'000;
constexpr qint64 kHourMs = EndpointStatusQuery::kWindowMs;
constexpr int kMessages = 10;

} // namespace

class TestEndpointStatusQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void nearestRankIsTheCeilingOfThePercentOfTheCount_data();
    void nearestRankIsTheCeilingOfThePercentOfTheCount();
    void lastHourOfAttemptsGivesRateAndPercentiles();
    void openDeliveriesAreCountedPerEndpoint();
    void pausedAndProbingEndpointsSayWhy();
    void removedEndpointsAreLeftOut();
    void jsonHasExactlyTheDocumentedKeys();

private:
    void seedEndpoint(const QString &name);
    QList<qint64> deliveriesOf(const QString &endpoint);
    void addAttempt(qint64 deliveryId, const QString &outcome, qint64 startedAtMs, int durationMs);
    void setState(qint64 deliveryId, const QString &state);
    EndpointStatus statusOf(const QString &name, qint64 nowMs = kNowMs);
    QList<EndpointStatus> listAll(qint64 nowMs = kNowMs);

    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<Database> db_;
};

void TestEndpointStatusQuery::init()
{
    database_ = std::make_unique<TestDatabase>();
    QVERIFY2(database_->isValid(), qPrintable(database_->error()));
    db_ = std::make_unique<Database>(database_->location(), QStringLiteral("test"));
    QString error;
    QVERIFY2(db_->open(&error), qPrintable(error));
    // Three endpoints with a mapping each for order:new, so every message makes one delivery to each.
    for (const QString &name : {QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma")})
        seedEndpoint(name);
    QList<Message> messages;
    for (int i = 0; i < kMessages; ++i) {
        Message message;
        QVERIFY2(Message::fromJson(QJsonObject{{QStringLiteral("message"), QStringLiteral("order:new")},
                                               {QStringLiteral("payload"), QJsonObject{}}},
                                   &message, &error),
                 qPrintable(error));
        messages << message;
    }
    QStringList accepted;
    QVERIFY2(MessageRepository(*db_).accept(messages, QStringLiteral("test"), &accepted, &error),
             qPrintable(error));
    QCOMPARE(accepted.size(), kMessages);
    // Everything delivered to start with; each test opens the deliveries it counts.
    QSqlQuery done = db_->prepare(QStringLiteral("UPDATE deliveries SET state = 'delivered', due_at = NULL"));
    QVERIFY2(db_->exec(done, &error), qPrintable(error));
}

void TestEndpointStatusQuery::cleanup()
{
    db_.reset();
    database_.reset();
}

void TestEndpointStatusQuery::seedEndpoint(const QString &name)
{
    ConfigRepository repository(*db_);
    Endpoint endpoint;
    endpoint.name = name;
    endpoint.url = QUrl(QStringLiteral("http://127.0.0.1:9/%1").arg(name));
    Mapping mapping;
    mapping.name = name + QStringLiteral(" orders");
    mapping.path = QStringLiteral("/orders");
    mapping.messages = {QStringLiteral("order:new")};
    WriteTransaction transaction(*db_);
    QString error;
    QVERIFY2(transaction.begin(&error) && repository.saveEndpoint(&endpoint, &error), qPrintable(error));
    mapping.endpointId = endpoint.id;
    mapping.endpoint = endpoint.name;
    QVERIFY2(repository.saveMapping(&mapping, &error) && transaction.commit(&error), qPrintable(error));
}

QList<qint64> TestEndpointStatusQuery::deliveriesOf(const QString &endpoint)
{
    QSqlQuery query = db_->prepare(QStringLiteral("SELECT d.id FROM deliveries d JOIN endpoints e ON e.id = "
                                                  "d.endpoint_id WHERE e.name = ? ORDER BY d.id"));
    query.bindValue(0, endpoint);
    QString error;
    if (!db_->exec(query, &error))
        qFatal("%s", qPrintable(error));
    QList<qint64> ids;
    while (query.next())
        ids << query.value(0).toLongLong();
    return ids;
}

void TestEndpointStatusQuery::addAttempt(qint64 deliveryId, const QString &outcome, qint64 startedAtMs,
                                         int durationMs)
{
    QSqlQuery query = db_->prepare(QStringLiteral(
        "INSERT INTO attempts (delivery_id, kind, url, status, outcome, started_at, duration_ms)"
        " VALUES (?, 'post', 'http://127.0.0.1:9/orders', ?, ?, ?, ?)"));
    query.bindValue(0, deliveryId);
    query.bindValue(1, outcome == QLatin1String("failed") ? 500 : 200);
    query.bindValue(2, outcome);
    query.bindValue(3, startedAtMs);
    query.bindValue(4, durationMs);
    QString error;
    if (!db_->exec(query, &error))
        qFatal("%s", qPrintable(error));
}

void TestEndpointStatusQuery::setState(qint64 deliveryId, const QString &state)
{
    QSqlQuery query = db_->prepare(QStringLiteral("UPDATE deliveries SET state = ? WHERE id = ?"));
    query.bindValue(0, state);
    query.bindValue(1, deliveryId);
    QString error;
    if (!db_->exec(query, &error))
        qFatal("%s", qPrintable(error));
}

QList<EndpointStatus> TestEndpointStatusQuery::listAll(qint64 nowMs)
{
    QList<EndpointStatus> statuses;
    QString error;
    if (!EndpointStatusQuery(*db_).list(nowMs, &statuses, &error))
        qFatal("%s", qPrintable(error));
    return statuses;
}

EndpointStatus TestEndpointStatusQuery::statusOf(const QString &name, qint64 nowMs)
{
    for (const EndpointStatus &status : listAll(nowMs)) {
        if (status.name == name)
            return status;
    }
    qFatal("no endpoint %s listed", qPrintable(name));
}

void TestEndpointStatusQuery::nearestRankIsTheCeilingOfThePercentOfTheCount_data()
{
    QTest::addColumn<int>("percent");
    QTest::addColumn<qint64>("count");
    QTest::addColumn<qint64>("rank");
    QTest::newRow("median of 1") << 50 << qint64(1) << qint64(1);
    QTest::newRow("p95 of 1") << 95 << qint64(1) << qint64(1);
    QTest::newRow("median of 7") << 50 << qint64(7) << qint64(4);
    QTest::newRow("p95 of 7") << 95 << qint64(7) << qint64(7);
    QTest::newRow("median of 20") << 50 << qint64(20) << qint64(10);
    QTest::newRow("p95 of 20") << 95 << qint64(20) << qint64(19);
    QTest::newRow("p95 of 21") << 95 << qint64(21) << qint64(20);
    QTest::newRow("p95 of 100") << 95 << qint64(100) << qint64(95);
    QTest::newRow("p95 of 101") << 95 << qint64(101) << qint64(96);
}

void TestEndpointStatusQuery::nearestRankIsTheCeilingOfThePercentOfTheCount()
{
    QFETCH(int, percent);
    QFETCH(qint64, count);
    QFETCH(qint64, rank);
    QCOMPARE(EndpointStatusQuery::nearestRank(percent, count), rank);
}

void TestEndpointStatusQuery::lastHourOfAttemptsGivesRateAndPercentiles()
{
    // alpha: 20 attempts in the window, 10 ms to 200 ms, written out of order; 15 delivered, 2 async,
    // 3 failed. The window's two edges are tried: an hour ago to the millisecond is out, now is in.
    const QList<qint64> alpha = deliveriesOf(QStringLiteral("alpha"));
    for (int k = 0; k < 20; ++k) {
        const int step = (7 * k) % 20 + 1; // 8, 15, 2, 9, ...: every step once
        const QString outcome = step <= 3   ? QStringLiteral("failed")
                                : step <= 5 ? QStringLiteral("async")
                                            : QStringLiteral("delivered");
        const qint64 startedAt = k == 0 ? kNowMs - kHourMs + 1 : k == 1 ? kNowMs : kNowMs - 60'000 * k;
        addAttempt(alpha.at(k % kMessages), outcome, startedAt, 10 * step);
    }
    // Outside the window, and slow and failed so that counting them would show.
    addAttempt(alpha.at(0), QStringLiteral("failed"), kNowMs - kHourMs, 90'000);
    addAttempt(alpha.at(1), QStringLiteral("failed"), kNowMs - 2 * kHourMs, 90'000);
    addAttempt(alpha.at(2), QStringLiteral("failed"), kNowMs + 1, 90'000);
    // beta: 7 attempts of 1 to 7 ms, every one failed; gamma: one attempt, two hours ago.
    const QList<qint64> beta = deliveriesOf(QStringLiteral("beta"));
    const QList<int> betaDurations{5, 1, 7, 3, 2, 6, 4};
    for (int k = 0; k < betaDurations.size(); ++k)
        addAttempt(beta.at(k), QStringLiteral("failed"), kNowMs - 1000 * (k + 1), betaDurations.at(k));
    addAttempt(deliveriesOf(QStringLiteral("gamma")).at(0), QStringLiteral("delivered"), kNowMs - 2 * kHourMs,
               30);

    const EndpointStatus a = statusOf(QStringLiteral("alpha"));
    QCOMPARE(a.attemptsLastHour, qint64(20));
    QVERIFY(a.successRate.has_value());
    QCOMPARE(*a.successRate, 17.0 / 20.0);
    QCOMPARE(a.latencyP50Ms, std::optional<qint64>(100)); // the 10th of 20
    QCOMPARE(a.latencyP95Ms, std::optional<qint64>(190)); // the 19th of 20

    const EndpointStatus b = statusOf(QStringLiteral("beta"));
    QCOMPARE(b.attemptsLastHour, qint64(7));
    QCOMPARE(b.successRate, std::optional<double>(0.0));
    QCOMPARE(b.latencyP50Ms, std::optional<qint64>(4)); // the 4th of 7
    QCOMPARE(b.latencyP95Ms, std::optional<qint64>(7)); // the 7th of 7

    const EndpointStatus g = statusOf(QStringLiteral("gamma"));
    QCOMPARE(g.attemptsLastHour, qint64(0));
    QVERIFY(!g.successRate.has_value());
    QVERIFY(!g.latencyP50Ms.has_value());
    QVERIFY(!g.latencyP95Ms.has_value());
    // An hour later every attempt above has left the window (the one at now + 1 ms included).
    const EndpointStatus later = statusOf(QStringLiteral("alpha"), kNowMs + kHourMs + 1);
    QCOMPARE(later.attemptsLastHour, qint64(0));
    QVERIFY(!later.successRate.has_value());
    // And two hours earlier, gamma's attempt is the only one of its hour: 1 of 1 succeeded.
    const EndpointStatus earlier = statusOf(QStringLiteral("gamma"), kNowMs - 2 * kHourMs);
    QCOMPARE(earlier.successRate, std::optional<double>(1.0));
    QCOMPARE(earlier.latencyP50Ms, std::optional<qint64>(30));
    QCOMPARE(earlier.latencyP95Ms, std::optional<qint64>(30));
}

void TestEndpointStatusQuery::openDeliveriesAreCountedPerEndpoint()
{
    // alpha: 2 sending; 3 pending, 1 retrying, 1 waiting; parked, skipped and archived are not waiting
    // to be sent. beta: 1 pending. gamma: nothing open.
    const QList<qint64> alpha = deliveriesOf(QStringLiteral("alpha"));
    const QStringList states{QStringLiteral("sending"), QStringLiteral("sending"), QStringLiteral("pending"),
                             QStringLiteral("pending"), QStringLiteral("pending"), QStringLiteral("retrying"),
                             QStringLiteral("waiting"), QStringLiteral("parked"),  QStringLiteral("skipped"),
                             QStringLiteral("archived")};
    for (int i = 0; i < states.size(); ++i)
        setState(alpha.at(i), states.at(i));
    setState(deliveriesOf(QStringLiteral("beta")).at(3), QStringLiteral("pending"));

    const EndpointStatus a = statusOf(QStringLiteral("alpha"));
    QCOMPARE(a.inFlight, qint64(2));
    QCOMPARE(a.pending, qint64(5));
    const EndpointStatus b = statusOf(QStringLiteral("beta"));
    QCOMPARE(b.inFlight, qint64(0));
    QCOMPARE(b.pending, qint64(1));
    const EndpointStatus g = statusOf(QStringLiteral("gamma"));
    QCOMPARE(g.inFlight, qint64(0));
    QCOMPARE(g.pending, qint64(0));
}

void TestEndpointStatusQuery::pausedAndProbingEndpointsSayWhy()
{
    for (const EndpointStatus &status : listAll()) {
        QCOMPARE(status.state, EndpointFlow::State::Active);
        QVERIFY(status.pausedReason.isEmpty());
        QVERIFY(status.canBePaused());
        QVERIFY(!status.canBeResumed());
    }
    bool changed = false;
    QString error;
    QVERIFY2(EndpointPauseControl::pause(*db_, QStringLiteral("beta"), &changed, &error), qPrintable(error));
    QVERIFY(changed);
    EndpointStatus b = statusOf(QStringLiteral("beta"));
    QCOMPARE(b.state, EndpointFlow::State::Paused);
    QCOMPARE(b.pausedBy, EndpointFlow::PausedBy::Person);
    QCOMPARE(b.pausedReason, QStringLiteral("paused by a person"));
    QVERIFY(!b.canBePaused());
    QVERIFY(b.canBeResumed());
    QCOMPARE(statusOf(QStringLiteral("alpha")).state, EndpointFlow::State::Active);

    // The circuit breaker's probe is out for gamma: probing, with the breaker's reason.
    EndpointFlow flow;
    flow.endpointId = [this] {
        QSqlQuery query = db_->prepare(QStringLiteral("SELECT id FROM endpoints WHERE name = 'gamma'"));
        QString ignored;
        return db_->exec(query, &ignored) && query.next() ? query.value(0).toLongLong() : qint64(-1);
    }();
    flow.state = EndpointFlow::State::Probing;
    flow.pausedBy = EndpointFlow::PausedBy::Breaker;
    flow.pausedReason = QStringLiteral("20 failed attempts in a row; last: HTTP 503");
    flow.probeIntervalMs = 60'000;
    QVERIFY2(EndpointFlowRepository(*db_).save(flow, &error), qPrintable(error));
    const EndpointStatus g = statusOf(QStringLiteral("gamma"));
    QCOMPARE(g.state, EndpointFlow::State::Probing);
    QCOMPARE(g.pausedReason, flow.pausedReason);
    QVERIFY(g.canBePaused()); // a person may take the breaker's pause over
    QVERIFY(g.canBeResumed());

    QVERIFY2(EndpointPauseControl::resume(*db_, QStringLiteral("beta"), &changed, &error), qPrintable(error));
    QVERIFY(changed);
    b = statusOf(QStringLiteral("beta"));
    QCOMPARE(b.state, EndpointFlow::State::Active);
    QVERIFY(b.pausedReason.isEmpty());
}

void TestEndpointStatusQuery::removedEndpointsAreLeftOut()
{
    seedEndpoint(QStringLiteral("delta"));
    QString error;
    const ConfigRepository repository(*db_);
    WriteTransaction transaction(*db_);
    QVERIFY2(transaction.begin(&error) && repository.removeMapping(QStringLiteral("delta orders"), &error) &&
                 repository.removeEndpoint(QStringLiteral("delta"), &error) && transaction.commit(&error),
             qPrintable(error));
    QStringList names;
    for (const EndpointStatus &status : listAll())
        names << status.name;
    QCOMPARE(names, (QStringList{QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma")}));
}

void TestEndpointStatusQuery::jsonHasExactlyTheDocumentedKeys()
{
    addAttempt(deliveriesOf(QStringLiteral("alpha")).at(0), QStringLiteral("delivered"), kNowMs - 1000, 12);
    const QJsonObject alpha = statusOf(QStringLiteral("alpha")).toJson();
    QStringList keys = alpha.keys();
    keys.sort();
    QCOMPARE(keys,
             (QStringList{QStringLiteral("in_flight"), QStringLiteral("latency_p50_ms"),
                          QStringLiteral("latency_p95_ms"), QStringLiteral("name"),
                          QStringLiteral("paused_reason"), QStringLiteral("pending"), QStringLiteral("state"),
                          QStringLiteral("success_rate"), QStringLiteral("url")}));
    QCOMPARE(alpha.value(QStringLiteral("url")).toString(), QStringLiteral("http://127.0.0.1:9/alpha"));
    QCOMPARE(alpha.value(QStringLiteral("state")).toString(), QStringLiteral("active"));
    QVERIFY(alpha.value(QStringLiteral("paused_reason")).isNull());
    QCOMPARE(alpha.value(QStringLiteral("success_rate")).toDouble(), 1.0);
    QCOMPARE(alpha.value(QStringLiteral("latency_p50_ms")).toInteger(), 12);
    const QJsonObject beta = statusOf(QStringLiteral("beta")).toJson();
    QVERIFY(beta.value(QStringLiteral("success_rate")).isNull());
    QVERIFY(beta.value(QStringLiteral("latency_p50_ms")).isNull());
    QVERIFY(beta.value(QStringLiteral("latency_p95_ms")).isNull());
    QCOMPARE(beta.value(QStringLiteral("in_flight")).toInteger(), 0);
}

QTEST_GUILESS_MAIN(TestEndpointStatusQuery)
#include "tst_endpointstatusquery.moc"
