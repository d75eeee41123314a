// Flow control at a store's size, from fixed seeds: endpoints with rate limits, endpoints that fail for
// a while (some answering 410 Gone) until the circuit breaker pauses them and a probe finds them back,
// and mappings that order deliveries per key. Every run must end idle with every message delivered to
// every endpoint, no key ever sent out of order or twice at once, and no endpoint sent faster than its
// rate limit allows. (Rates are checked as an upper bound only, which a slow machine cannot break;
// tst_lanegate measures the rate itself.)
#include "EngineHarness.h"
#include "ScriptedEndpoint.h"

#include <QHash>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

namespace {

const QStringList kKeys{QStringLiteral("R1"), QStringLiteral("R2"), QStringLiteral("R3"),
                        QStringLiteral("R4")};

// One endpoint of the fleet and what its server saw.
struct FlowEndpoint
{
    QString name;
    double rateLimit = 0;    // 0: none
    int failFirst = 0;       // answers this many requests with failureStatus first
    int failureStatus = 503; // or 410
    int pauseAfter = 20;
    bool ordered = false;
    std::unique_ptr<ScriptedEndpoint> server;
    int requests = 0;
    QHash<QString, int> deliveredUpTo; // key -> highest message sequence answered 200
    QSet<int> delivered;               // message sequences answered 200
    QStringList violations;            // ordering broken, seen at the request
};

QString describe(const FlowEndpoint &endpoint)
{
    return QStringLiteral("%1 (rate %2, fails first %3 with %4, pause_after %5, %6)")
        .arg(endpoint.name)
        .arg(endpoint.rateLimit)
        .arg(endpoint.failFirst)
        .arg(endpoint.failureStatus)
        .arg(endpoint.pauseAfter)
        .arg(endpoint.ordered ? QStringLiteral("ordered") : QStringLiteral("unordered"));
}

// The server's side: fail the first requests, then accept; for an ordered mapping, a message may only
// arrive once every earlier message of its key was answered 200 (answers are immediate, so "answered"
// is "handled").
void serve(FlowEndpoint *endpoint)
{
    endpoint->server->setHandler([endpoint](const RecordedRequest &request) {
        const QJsonObject message = request.json();
        const QString id = message.value(QStringLiteral("message_id")).toString();
        const QJsonObject payload = message.value(QStringLiteral("payload")).toObject();
        const int sequence = payload.value(QStringLiteral("seq")).toInt();
        const QString key = payload.value(QStringLiteral("key")).toString();
        if (++endpoint->requests <= endpoint->failFirst)
            return ScriptedResponse::json(endpoint->failureStatus, {{QStringLiteral("message_id"), id}});
        if (endpoint->ordered) {
            // Every earlier message of this key must be delivered already.
            for (int earlier = 0; earlier < sequence; ++earlier) {
                if (earlier % kKeys.size() == sequence % kKeys.size() &&
                    !endpoint->delivered.contains(earlier)) {
                    endpoint->violations << QStringLiteral("message %1 of key %2 arrived before message %3")
                                                .arg(sequence)
                                                .arg(key)
                                                .arg(earlier);
                    break;
                }
            }
        }
        endpoint->delivered.insert(sequence);
        return ScriptedResponse::json(200, {{QStringLiteral("message_id"), id}});
    });
}

// No stretch of requests is denser than the bucket allows: a burst of one second's worth, the rate
// after it, and what was claimed but waited for a free slot (two windows).
QString rateViolation(const FlowEndpoint &endpoint, int maxInFlight)
{
    if (endpoint.rateLimit <= 0)
        return {};
    std::vector<qint64> at;
    for (const RecordedRequest &request : endpoint.server->requests())
        at.push_back(request.receivedAtMs);
    std::sort(at.begin(), at.end());
    const double burst = qMax(1.0, endpoint.rateLimit);
    for (size_t i = 0; i < at.size(); ++i) {
        for (size_t j = i; j < at.size(); ++j) {
            const double allowed =
                burst + endpoint.rateLimit * double(at[j] - at[i] + 1) / 1000.0 + 2 * maxInFlight;
            if (double(j - i + 1) > allowed)
                return QStringLiteral("%1 requests within %2 ms at %3/s")
                    .arg(j - i + 1)
                    .arg(at[j] - at[i])
                    .arg(endpoint.rateLimit);
        }
    }
    return {};
}

} // namespace

class TestFlowControlStress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seededRuns_data();
    void seededRuns();
};

void TestFlowControlStress::seededRuns_data()
{
    QTest::addColumn<quint32>("seed");
    for (quint32 seed : {5u, 17u, 29u, 43u, 61u, 83u, 101u, 113u, 127u, 139u})
        QTest::addRow("seed %u", seed) << seed;
}

void TestFlowControlStress::seededRuns()
{
    QFETCH(quint32, seed);
    QRandomGenerator random(seed);
    constexpr int kMaxInFlight = 4;
    const int count = 1 + int(random.bounded(40));
    const int messages = 8 + int(random.bounded(25));
    std::vector<std::unique_ptr<FlowEndpoint>> fleet;
    QJsonArray endpoints;
    QJsonArray mappings;
    for (int i = 0; i < count; ++i) {
        auto endpoint = std::make_unique<FlowEndpoint>();
        endpoint->name = QStringLiteral("ep%1").arg(i);
        endpoint->server = std::make_unique<ScriptedEndpoint>();
        QVERIFY(endpoint->server->listen());
        if (random.bounded(3) == 0)
            endpoint->rateLimit = 5 + random.bounded(30);
        endpoint->pauseAfter = 3 + int(random.bounded(8));
        if (random.bounded(3) == 0) {
            // Fails until paused and a few probes more: each failed probe doubles the wait, so a few.
            // A 410 pauses at the first answer, so it fails only a few times in all.
            endpoint->failureStatus = random.bounded(4) == 0 ? 410 : 503;
            // Most 503 runs reach pause_after; some stop just short of it and are only retried.
            endpoint->failFirst = endpoint->failureStatus == 410
                                      ? 1 + int(random.bounded(3))
                                      : endpoint->pauseAfter - 2 + int(random.bounded(6));
        }
        endpoint->ordered = random.bounded(2) == 0;
        serve(endpoint.get());
        QJsonObject config = testEndpoint(endpoint->name, endpoint->server->url());
        config.insert(QStringLiteral("max_in_flight"), kMaxInFlight);
        config.insert(QStringLiteral("pause_after"), endpoint->pauseAfter);
        config.insert(QStringLiteral("probe_interval"), 0.05);
        if (endpoint->rateLimit > 0)
            config.insert(QStringLiteral("rate_limit"), endpoint->rateLimit);
        endpoints.append(config);
        // Enough retries that no delivery parks before the breaker pauses its endpoint: failures before
        // the pause are at most pause_after plus what was in flight, and probes use up none.
        QJsonObject options{
            {QStringLiteral("retry_schedule"),
             QJsonArray(QJsonArray{0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02,
                                   0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02})}};
        if (endpoint->ordered)
            options.insert(QStringLiteral("ordering_key"), QStringLiteral("payload.key"));
        mappings.append(testMapping(endpoint->name, endpoint->name, QStringLiteral("/in"),
                                    {QStringLiteral("order:*")}, options));
        fleet.push_back(std::move(endpoint));
    }
    EngineHarness harness;
    QVERIFY2(harness.isValid(), qPrintable(harness.error()));
    QCOMPARE(harness.importConfig(
                 {{QStringLiteral("endpoints"), endpoints}, {QStringLiteral("mappings"), mappings}}),
             QString());
    QList<Message> batch;
    for (int sequence = 0; sequence < messages; ++sequence) {
        Message message;
        QString error;
        QVERIFY2(
            Message::fromJson({{QStringLiteral("message"), QStringLiteral("order:updated")},
                               {QStringLiteral("payload"),
                                QJsonObject{{QStringLiteral("seq"), sequence},
                                            {QStringLiteral("key"), kKeys.at(sequence % kKeys.size())}}}},
                              &message, &error),
            qPrintable(error));
        batch << message;
    }
    QCOMPARE(harness.pushAll(batch).size(), messages);
    qInfo("seed %u: %d endpoints, %d messages", seed, count, messages);
    QVERIFY(harness.runUntilIdle(120000));
    for (const auto &endpoint : fleet) {
        QVERIFY2(endpoint->delivered.size() == messages, qPrintable(QStringLiteral("%1: %2 of %3 delivered")
                                                                        .arg(describe(*endpoint))
                                                                        .arg(endpoint->delivered.size())
                                                                        .arg(messages)));
        QVERIFY2(endpoint->violations.isEmpty(), qPrintable(describe(*endpoint) + QStringLiteral(": ") +
                                                            endpoint->violations.join(QStringLiteral("; "))));
        const QString rate = rateViolation(*endpoint, kMaxInFlight);
        QVERIFY2(rate.isEmpty(), qPrintable(describe(*endpoint) + QStringLiteral(": ") + rate));
    }
    QSqlQuery query(harness.db().connection());
    QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state <> 'delivered'")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 0);
    query.finish();
    QVERIFY(query.exec(
        QStringLiteral("SELECT COUNT(*) FROM notifications WHERE subject LIKE 'Endpoint paused:%'")));
    QVERIFY(query.next());
    const int paused = query.value(0).toInt();
    query.finish();
    const auto limited =
        std::count_if(fleet.cbegin(), fleet.cend(), [](const auto &e) { return e->rateLimit > 0; });
    const auto ordered =
        std::count_if(fleet.cbegin(), fleet.cend(), [](const auto &e) { return e->ordered; });
    qInfo("seed %u: %d paused and resumed, %lld rate-limited, %lld ordered", seed, paused, qint64(limited),
          qint64(ordered));
    // Every endpoint the breaker paused was resumed by a probe.
    QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM endpoint_flow WHERE state <> 'active'")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 0);
}

QTEST_GUILESS_MAIN(TestFlowControlStress)
#include "tst_flowcontrolstress.moc"
