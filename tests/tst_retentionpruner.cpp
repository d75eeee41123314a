// Retention: the pruner on a real database (a SQLite file, or PostgreSQL in the _postgres run) filled with
// history dated in the past, and the engine's own pruning while it delivers.
#include "DemoWebhookSender.h"
#include "EngineHarness.h"
#include "HistorySeed.h"
#include "http/PushApiServer.h"
#include "HttpPostClient.h"
#include "ScriptedEndpoint.h"
#include "SpreeSignedHeaders.h"
#include "storage/NotificationLog.h"
#include "storage/RetentionPruner.h"
#include "utils/Clock.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>

#include <algorithm>

namespace {

constexpr qint64 kHourMs = 3600LL * 1000;

RetentionPolicy policyOf(const QJsonObject &config)
{
    RetentionPolicy policy;
    QString error;
    if (!RetentionPolicy::fromConfig(config, &policy, &error))
        qFatal("%s", qPrintable(error));
    return policy;
}

qint64 fileBytes(const QString &path)
{
    return QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size();
}

} // namespace

class TestRetentionPruner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void finishedMessagesGoParkedAndOpenStayWhole();
    void responseBodiesGoBeforeTheirAttempts();
    void notificationsGoAfterTheirRetention();
    void dryRunCountsWhatARunRemoves();
    void offKeepsEverything();
    void webhookEventIdsGoWithTheirMessage();
    void enginePruningDoesNotDelayDeliveries();

private:
    void seed(const QString &tag, int count, qint64 atMs, const QStringList &mappings,
              const QStringList &states);
    PruneReport prune(const RetentionPolicy &policy, bool dryRun = false);
    qint64 count(const QString &table, const QString &where = {});

    std::unique_ptr<EngineHarness> harness_;
    std::unique_ptr<ScriptedEndpoint> endpoint_;
    qint64 now_ = 0;
};

void TestRetentionPruner::init()
{
    harness_ = std::make_unique<EngineHarness>();
    QVERIFY2(harness_->isValid(), qPrintable(harness_->error()));
    endpoint_ = std::make_unique<ScriptedEndpoint>();
    QVERIFY(endpoint_->listen());
    const QJsonObject config{
        {QStringLiteral("endpoints"),
         QJsonArray{testEndpoint(QStringLiteral("live"), endpoint_->url()),
                    testEndpoint(QStringLiteral("dead"), QUrl(QStringLiteral("http://127.0.0.1:9")))}},
        {QStringLiteral("mappings"),
         QJsonArray{testMapping(QStringLiteral("live"), QStringLiteral("live"), QStringLiteral("/live"),
                                {QStringLiteral("order:new")}),
                    testMapping(QStringLiteral("mail"), QStringLiteral("dead"), QStringLiteral("/mail"),
                                {QStringLiteral("shipment:*")}),
                    testMapping(QStringLiteral("erp"), QStringLiteral("dead"), QStringLiteral("/erp"),
                                {QStringLiteral("shipment:*")})}}};
    QCOMPARE(harness_->importConfig(config), QString());
    now_ = Database::nowMs();
}

void TestRetentionPruner::cleanup()
{
    harness_.reset();
    endpoint_.reset();
    Clock::resetForTesting();
}

void TestRetentionPruner::seed(const QString &tag, int count, qint64 atMs, const QStringList &mappings,
                               const QStringList &states)
{
    HistorySeed::Batch batch;
    batch.tag = tag;
    batch.count = count;
    batch.atMs = atMs;
    batch.mappings = mappings;
    batch.states = states;
    QString error;
    QVERIFY2(HistorySeed::seed(harness_->db(), batch, &error), qPrintable(error));
}

PruneReport TestRetentionPruner::prune(const RetentionPolicy &policy, bool dryRun)
{
    RetentionPruner::Options options;
    options.dryRun = dryRun;
    options.nowMs = now_;
    RetentionPruner pruner(harness_->db(), policy, options);
    QString error;
    if (!pruner.run(&error))
        qWarning("prune failed: %s", qPrintable(error));
    return pruner.report();
}

qint64 TestRetentionPruner::count(const QString &table, const QString &where)
{
    return HistorySeed::count(harness_->db(), table, where);
}

// 20,000 delivered messages an hour old go with "delivered": "2s". Messages with a parked delivery, even
// beside a delivered one, stay whole with their attempts, as do open ones and recent ones. The file
// and its -wal file shrink below 30 % of what they were.
void TestRetentionPruner::finishedMessagesGoParkedAndOpenStayWhole()
{
    const QString mail = QStringLiteral("mail"), erp = QStringLiteral("erp");
    seed(QStringLiteral("old-delivered"), 20000, now_ - kHourMs, {mail}, {QStringLiteral("delivered")});
    seed(QStringLiteral("old-parked"), 50, now_ - kHourMs, {mail}, {QStringLiteral("parked")});
    seed(QStringLiteral("old-mixed"), 50, now_ - kHourMs, {mail, erp},
         {QStringLiteral("delivered"), QStringLiteral("parked")});
    seed(QStringLiteral("old-retrying"), 50, now_ - kHourMs, {mail}, {QStringLiteral("retrying")});
    seed(QStringLiteral("old-pending"), 50, now_ - kHourMs, {mail}, {QStringLiteral("pending")});
    seed(QStringLiteral("recent"), 50, now_ - 1000, {mail}, {QStringLiteral("delivered")});
    const bool sqlite = !harness_->location().isPostgres();
    const QString path = harness_->location().sqlitePath;
    if (sqlite) {
        QSqlQuery checkpoint(harness_->db().connection());
        QVERIFY(checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
    }
    const qint64 before = sqlite ? fileBytes(path) : 0;

    const PruneReport report = prune(policyOf({{QStringLiteral("delivered"), QStringLiteral("2s")}}));

    QCOMPARE(report.messages, 20000LL);
    QCOMPARE(report.deliveries, 20000LL);
    QCOMPARE(report.attempts, 20000LL);
    QCOMPARE(report.identities, 20000LL);
    QCOMPARE(count(QStringLiteral("messages"), QStringLiteral("source = 'old-delivered'")), 0LL);
    for (const char *kept : {"old-parked", "old-mixed", "old-retrying", "old-pending", "recent"})
        QCOMPARE(count(QStringLiteral("messages"), QStringLiteral("source = '%1'").arg(QLatin1String(kept))),
                 50LL);
    QCOMPARE(count(QStringLiteral("deliveries")), 300LL); // the mixed ones keep their delivered delivery too
    QCOMPARE(count(QStringLiteral("attempts")), 300LL);
    QCOMPARE(count(QStringLiteral("identities")), 300LL);
    QCOMPARE(count(QStringLiteral("attempts"), QStringLiteral("response_body IS NULL")), 0LL); // 7 days
    if (sqlite) {
        const qint64 after = fileBytes(path);
        qInfo("SQLite file and -wal: %lld KiB before, %lld KiB after; %d batches, longest %lld ms, "
              "longest vacuum step %lld ms, checkpoint %lld ms",
              before / 1024, after / 1024, report.batches, report.longestBatchMs, report.longestVacuumStepMs,
              report.checkpointMs);
        QCOMPARE(report.bytesAfter, after);
        QVERIFY2(after < before * 3 / 10, qPrintable(QStringLiteral("%1 -> %2").arg(before).arg(after)));
        QVERIFY(report.pagesFreed > 0);
    }
}

// With "response_bodies": "1h" and delivered kept 30 days, two-hour-old finished attempts lose their body
// and stay; a parked delivery's attempt keeps its body (a person may need it).
void TestRetentionPruner::responseBodiesGoBeforeTheirAttempts()
{
    seed(QStringLiteral("delivered"), 300, now_ - 2 * kHourMs, {QStringLiteral("mail")},
         {QStringLiteral("delivered")});
    seed(QStringLiteral("skipped"), 20, now_ - 2 * kHourMs, {QStringLiteral("mail")},
         {QStringLiteral("skipped")});
    seed(QStringLiteral("parked"), 20, now_ - 2 * kHourMs, {QStringLiteral("mail")},
         {QStringLiteral("parked")});
    seed(QStringLiteral("fresh"), 20, now_ - 1000, {QStringLiteral("mail")}, {QStringLiteral("delivered")});

    const PruneReport report = prune(policyOf({{QStringLiteral("response_bodies"), QStringLiteral("1h")}}));

    QCOMPARE(report.messages, 0LL);
    QCOMPARE(report.responseBodies, 320LL);
    QCOMPARE(count(QStringLiteral("attempts")), 360LL);
    QCOMPARE(count(QStringLiteral("attempts"), QStringLiteral("response_body IS NULL")), 320LL);
    QCOMPARE(count(QStringLiteral("attempts a"),
                   QStringLiteral("a.response_body IS NOT NULL AND EXISTS (SELECT 1 FROM deliveries d "
                                  "WHERE d.id = a.delivery_id AND d.state = 'parked')")),
             20);
    // Nothing is left to clear: a second run finds nothing.
    QCOMPARE(prune(policyOf({{QStringLiteral("response_bodies"), QStringLiteral("1h")}})).responseBodies,
             0LL);
}

void TestRetentionPruner::notificationsGoAfterTheirRetention()
{
    NotificationLog log(harness_->db());
    QString error;
    for (int i = 0; i < 1500; ++i) {
        Notification old;
        old.level = QStringLiteral("info");
        old.subject = QStringLiteral("old %1").arg(i);
        old.description = QStringLiteral("seeded");
        old.source = QStringLiteral("test");
        old.reference = QStringLiteral("-");
        old.lastAtMs = now_ - 2 * kHourMs;
        QVERIFY2(log.record(old, &error), qPrintable(error));
    }
    Notification recent;
    recent.level = QStringLiteral("error");
    recent.subject = QStringLiteral("recent");
    recent.description = QStringLiteral("seeded");
    recent.source = QStringLiteral("test");
    recent.reference = QStringLiteral("-");
    recent.lastAtMs = now_ - 1000;
    QVERIFY2(log.record(recent, &error), qPrintable(error));

    const PruneReport report = prune(policyOf({{QStringLiteral("notifications"), QStringLiteral("1h")}}));

    QCOMPARE(report.notifications, 1500LL);
    QCOMPARE(count(QStringLiteral("notifications")), 1LL);
    QCOMPARE(count(QStringLiteral("notifications"), QStringLiteral("subject = 'recent'")), 1LL);
}

void TestRetentionPruner::dryRunCountsWhatARunRemoves()
{
    seed(QStringLiteral("delivered"), 700, now_ - 2 * kHourMs, {QStringLiteral("mail")},
         {QStringLiteral("delivered")});
    seed(QStringLiteral("archived"), 30, now_ - 2 * kHourMs, {QStringLiteral("mail"), QStringLiteral("erp")},
         {QStringLiteral("archived"), QStringLiteral("skipped")});
    seed(QStringLiteral("kept"), 40, now_ - 2 * kHourMs, {QStringLiteral("mail"), QStringLiteral("erp")},
         {QStringLiteral("delivered"), QStringLiteral("parked")});
    const RetentionPolicy policy = policyOf({{QStringLiteral("delivered"), QStringLiteral("1h")},
                                             {QStringLiteral("archived"), QStringLiteral("90m")},
                                             {QStringLiteral("skipped"), QStringLiteral("3600s")},
                                             {QStringLiteral("response_bodies"), QStringLiteral("1h")}});

    const PruneReport dry = prune(policy, true);
    QCOMPARE(count(QStringLiteral("messages")), 770LL);
    QCOMPARE(count(QStringLiteral("attempts"), QStringLiteral("response_body IS NULL")), 0LL);
    const PruneReport real = prune(policy);

    QVERIFY(dry.dryRun && !real.dryRun);
    QCOMPARE(dry.messages, 730LL);
    QCOMPARE(dry.deliveries, 760LL);
    QCOMPARE(dry.attempts, 760LL);
    QCOMPARE(dry.identities, 760LL);
    QCOMPARE(dry.responseBodies, 40LL); // the kept messages' delivered attempts
    QCOMPARE(real.messages, dry.messages);
    QCOMPARE(real.deliveries, dry.deliveries);
    QCOMPARE(real.attempts, dry.attempts);
    QCOMPARE(real.identities, dry.identities);
    QCOMPARE(real.responseBodies, dry.responseBodies);
    QCOMPARE(count(QStringLiteral("messages")), 40LL);
}

void TestRetentionPruner::offKeepsEverything()
{
    seed(QStringLiteral("delivered"), 100, now_ - 400LL * 24 * kHourMs, {QStringLiteral("mail")},
         {QStringLiteral("delivered")});
    const PruneReport report =
        prune(policyOf({{QStringLiteral("delivered"), QStringLiteral("off")},
                        {QStringLiteral("response_bodies"), QJsonValue(QJsonValue::Null)}}));
    QCOMPARE(report.messages, 0LL);
    QCOMPARE(report.responseBodies, 0LL);
    QCOMPARE(count(QStringLiteral("messages")), 100LL);
    QCOMPARE(count(QStringLiteral("attempts"), QStringLiteral("response_body IS NULL")), 0LL);
    // The defaults (30 days) take them.
    QCOMPARE(prune(RetentionPolicy()).messages, 100LL);
}

// A Spree webhook's event id goes with its message and not before: while the message is kept, a replay or
// Spree's redelivery (signed anew, so its signature is fresh however old the event) is a duplicate, in
// every signature scheme. Once the message is pruned, the same event becomes a message again, as a message
// with pruned identifiers does. pushed_objects is never pruned.
void TestRetentionPruner::webhookEventIdsGoWithTheirMessage()
{
    using Scheme = SpreeWebhookVerifier::Scheme;
    const QByteArray secret = "whsec_retention_0123456789abcdef";
    QCOMPARE(harness_->importConfig(
                 {{QStringLiteral("stores"),
                   QJsonArray{QJsonObject{
                       {QStringLiteral("name"), QStringLiteral("shop")},
                       {QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9")},
                       {QStringLiteral("webhook_secret"), QString::fromLatin1(secret)},
                       {QStringLiteral("push_token"), QStringLiteral("push_retention_0123456789")}}}}}),
             QString());
    PushApiServer server(harness_->location(), &harness_->credentials());
    QString error;
    QVERIFY2(server.listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/api/stores/shop/spree-webhooks").arg(server.port()));
    const auto signedPost = [&](Scheme scheme, const QString &event, const QString &id, qint64 timestamp) {
        const QByteArray body = DemoWebhookSender::sampleEvent(scheme, event, id, QStringLiteral("R1"));
        return HttpPost{url, body, SpreeSignedHeaders::of(scheme, body, timestamp, secret)};
    };
    const auto send = [](const HttpPost &post) {
        return HttpPostClient::post(post.url, post.body, post.headers);
    };
    const auto messagesOf = [&](const QString &eventId) {
        return count(QStringLiteral("messages"), QStringLiteral("payload LIKE '%") + eventId + u'%' + u'\'');
    };
    // order:new, which the "live" mapping takes: its delivery stays pending, and its message with it.
    const HttpPost timestamped = signedPost(Scheme::Timestamped, QStringLiteral("order.completed"),
                                            QStringLiteral("uuid-five-four"), Clock::nowMs() / 1000);
    const HttpPost body53 = signedPost(Scheme::Body, QStringLiteral("order.completed"),
                                       QStringLiteral("uuid-five-three"), Clock::nowMs() / 1000);
    // product:new, which no mapping takes: its message goes after the skipped retention.
    const HttpPost legacy = signedPost(Scheme::Legacy, QStringLiteral("product.create"),
                                       QStringLiteral("4711"), Clock::nowMs() / 1000);
    for (const HttpPost &post : {timestamped, body53, legacy})
        QCOMPARE(send(post).status, 201);
    // A hub-era object, whose inventory:new no mapping takes either.
    const HttpPost hub{
        QUrl(url.toString().replace(QStringLiteral("spree-webhooks"), QStringLiteral("messages"))),
        R"({"inventories":[{"id":"I1"}]})",
        {{"X-Augury-Token", "push_retention_0123456789"}}};
    QCOMPARE(send(hub).status, 201);
    const RetentionPolicy policy = policyOf({{QStringLiteral("skipped"), QStringLiteral("15m")}});

    // 20 minutes on: the unmapped messages go, and the legacy event's id with its message.
    Clock::advanceForTesting(20 * 60 * 1000);
    now_ = Clock::nowMs();
    QCOMPARE(prune(policy, true).webhookEvents, 1LL);
    const PruneReport report = prune(policy);
    QCOMPARE(report.webhookEvents, 1LL);
    QCOMPARE(report.messages, 2LL); // product:new and inventory:new
    QCOMPARE(count(QStringLiteral("spree_webhook_events")), 2LL);

    // The 5.4+ event's first signature is long stale, but Spree's redelivery is signed anew: a duplicate,
    // because its message is still kept.
    QCOMPARE(send(timestamped).status, 401);
    const HttpPostResult redelivered =
        send(signedPost(Scheme::Timestamped, QStringLiteral("order.completed"),
                        QStringLiteral("uuid-five-four"), Clock::nowMs() / 1000));
    QCOMPARE(redelivered.status, 200);
    QCOMPARE(redelivered.body.value(QStringLiteral("status")).toString(), QStringLiteral("duplicate"));
    QCOMPARE(messagesOf(QStringLiteral("uuid-five-four")), 1LL);
    QCOMPARE(send(body53).status, 200);
    QCOMPARE(messagesOf(QStringLiteral("uuid-five-three")), 1LL);
    // The legacy event's message and id are gone: it is a message again.
    QCOMPARE(send(legacy).status, 201);
    QCOMPARE(count(QStringLiteral("messages"), QStringLiteral("type = 'product:new'")), 1LL);
    // The object's message went, but the store pushed it before: it is :updated now.
    QCOMPARE(count(QStringLiteral("pushed_objects")), 1LL);
    const HttpPostResult again = send(hub);
    QCOMPARE(again.body.value(QStringLiteral("messages"))[0][QStringLiteral("message")].toString(),
             QStringLiteral("inventory:updated"));
}

// The engine prunes 20,000 old messages (the default retention, 30 days: they are 40 days old) on its
// own thread while messages are pushed every 20 ms. Pruning goes in many short write transactions, so
// deliveries keep being recorded while it runs: they do not queue up behind it until it ends. How long
// a batch holds SQLite's lock and the latencies beside it are printed here and recorded in
// docs/benchmarks.md; as timings they are measured, not asserted.
void TestRetentionPruner::enginePruningDoesNotDelayDeliveries()
{
    // What could hold a delivery back is the pruner holding the write lock, which only SQLite has: on
    // PostgreSQL a batch locks just the rows it deletes, which no delivery waits for. The PostgreSQL
    // pruning itself is covered by the other cases of this test.
    if (TestDatabase::usePostgres())
        QSKIP("SQLite only: on PostgreSQL pruning takes no lock a delivery waits for");
    seed(QStringLiteral("old"), 20000, now_ - 40LL * 24 * kHourMs, {QStringLiteral("mail")},
         {QStringLiteral("delivered")});
    QVERIFY(harness_->start());

    QHash<QString, qint64> acceptedAt;
    QList<qint64> latencies;
    bool pruning = false;
    int deliveredWhilePruning = 0;
    connect(endpoint_.get(), &ScriptedEndpoint::requestReceived, this, [&](const RecordedRequest &request) {
        const QString id = request.json().value(QStringLiteral("message_id")).toString();
        if (acceptedAt.contains(id))
            latencies << request.receivedAtMs - acceptedAt.take(id);
        if (pruning)
            ++deliveredWhilePruning;
    });
    const auto pushOne = [&] {
        const QString id = harness_->push(QStringLiteral("order:new"));
        acceptedAt.insert(id, Database::nowMs());
    };

    // The baseline: one at a time, with nothing else going on.
    for (int i = 0; i < 20; ++i) {
        pushOne();
        QTRY_VERIFY_WITH_TIMEOUT(acceptedAt.isEmpty(), 10000);
    }
    const qint64 baseline = *std::max_element(latencies.cbegin(), latencies.cend());
    latencies.clear();

    QSignalSpy pruned(&harness_->engine(), &Engine::pruned);
    QTimer pusher;
    connect(&pusher, &QTimer::timeout, this, pushOne);
    pusher.start(20);
    pruning = true;
    harness_->engine().pruneNow();
    QVERIFY(pruned.wait(120000));
    pruning = false;
    pusher.stop();
    QTRY_VERIFY_WITH_TIMEOUT(acceptedAt.isEmpty(), 20000);

    const PruneReport report = pruned.takeFirst().at(0).value<PruneReport>();
    const qint64 worst = *std::max_element(latencies.cbegin(), latencies.cend());
    qInfo("pruned %lld messages in %d batches (longest %lld ms, longest vacuum step %lld ms, checkpoint "
          "%lld ms) while %d messages were delivered; latency before %lld ms at worst, during %lld ms",
          report.messages, report.batches, report.longestBatchMs, report.longestVacuumStepMs,
          report.checkpointMs, deliveredWhilePruning, baseline, worst);
    QCOMPARE(report.messages, 20000LL);
    QVERIFY2(report.batches > 10, qPrintable(QString::number(report.batches)));
    // One transaction for the whole prune would hold every delivery until it ended.
    QVERIFY2(deliveredWhilePruning >= 5, qPrintable(QString::number(deliveredWhilePruning)));
}

QTEST_GUILESS_MAIN(TestRetentionPruner)
#include "tst_retentionpruner.moc"
