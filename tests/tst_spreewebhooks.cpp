// Spree's webhooks into the push API over real loopback HTTP: each of Spree's three signature schemes is
// accepted, forged, stale and unsigned events are refused, a store without a webhook_secret says how to
// set one, each event id becomes one message however often (and however concurrently) it arrives, and an
// event without a row in the table is kept as spree:NAME.
#include "DemoWebhookSender.h"
#include "EngineHarness.h"
#include "http/PushApiServer.h"
#include "HttpPostClient.h"
#include "SpreeSignedHeaders.h"
#include "utils/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <sys/resource.h>

#include <memory>

Q_DECLARE_METATYPE(SpreeWebhookVerifier::Scheme)

namespace {

const QByteArray kSecret = "whsec_spree_0123456789abcdefghijklmnop";
const QString kShopPath = QStringLiteral("/api/stores/shop/spree-webhooks");

using Scheme = SpreeWebhookVerifier::Scheme;

HttpHeaders signedAsSpree(Scheme scheme, const QByteArray &body, qint64 timestamp,
                          const QByteArray &key = kSecret)
{
    return SpreeSignedHeaders::of(scheme, body, timestamp, key);
}

qint64 nowSeconds()
{
    return Clock::nowMs() / 1000;
}

QByteArray newEvent(const QString &name, const QString &id, const QJsonObject &data)
{
    return QJsonDocument(
               QJsonObject{{QStringLiteral("id"), id},
                           {QStringLiteral("name"), name},
                           {QStringLiteral("created_at"), QStringLiteral("2026-07-01T10:00:00Z")},
                           {QStringLiteral("data"), data},
                           {QStringLiteral("metadata"),
                            QJsonObject{{QStringLiteral("spree_version"), QStringLiteral("5.6.1")}}}})
        .toJson(QJsonDocument::Compact);
}

int countRows(Database &db, const QString &sql)
{
    QSqlQuery query(db.connection());
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toInt();
}

} // namespace

class TestSpreeWebhooks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void eachSchemeIsAccepted_data();
    void eachSchemeIsAccepted();
    void demoSenderSignsEachScheme_data();
    void demoSenderSignsEachScheme();
    void legacyJsonApiBodyIsFlattened();
    void legacyCartUpdateIsKeptButNotAnOrderUpdate();
    void forgedWebhooksAreRefused_data();
    void forgedWebhooksAreRefused();
    void staleTimestampIsRefused();
    void unsignedWebhookIsRefused();
    void storeWithoutSecretSaysHowToSetIt();
    void replayedEventIsAcceptedOnce();
    void unmappedEventIsKeptAsSpreeName();
    void fiveHundredConcurrentWebhooksAreEachCommittedOnce();

private:
    QUrl url(const QString &path = kShopPath) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(server_->port()).arg(path));
    }
    HttpPostResult post(const QByteArray &body, const HttpHeaders &headers, const QString &path = kShopPath)
    {
        return HttpPostClient::post(url(path), body, headers);
    }

    std::unique_ptr<EngineHarness> harness_;
    std::unique_ptr<PushApiServer> server_;
};

void TestSpreeWebhooks::initTestCase()
{
    // The concurrency test opens 500 client sockets and the server as many: lift the soft limit on
    // open files to the hard one, as a busy server would be configured.
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

void TestSpreeWebhooks::init()
{
    Clock::resetForTesting();
    harness_ = std::make_unique<EngineHarness>();
    QVERIFY2(harness_->isValid(), qPrintable(harness_->error()));
    const QString storeUrl = QStringLiteral("http://127.0.0.1:9");
    const QJsonObject config{
        {QStringLiteral("endpoints"),
         QJsonArray{testEndpoint(QStringLiteral("erp"), QUrl(storeUrl),
                                 QStringLiteral("endpoint_token_0123456789abcdef"))}},
        {QStringLiteral("mappings"),
         QJsonArray{testMapping(QStringLiteral("orders"), QStringLiteral("erp"), QStringLiteral("/orders"),
                                {QStringLiteral("order:new")})}},
        {QStringLiteral("stores"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("shop")},
                                {QStringLiteral("url"), storeUrl},
                                {QStringLiteral("webhook_secret"), QString::fromLatin1(kSecret)}},
                    QJsonObject{{QStringLiteral("name"), QStringLiteral("quiet")},
                                {QStringLiteral("url"), storeUrl}}}}};
    QCOMPARE(harness_->importConfig(config), QString());
    server_ = std::make_unique<PushApiServer>(harness_->location(), &harness_->credentials());
    QString error;
    QVERIFY2(server_->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
}

void TestSpreeWebhooks::cleanup()
{
    server_.reset();
    harness_.reset();
    Clock::resetForTesting();
}

void TestSpreeWebhooks::eachSchemeIsAccepted_data()
{
    QTest::addColumn<Scheme>("scheme");
    QTest::addColumn<QString>("event");
    QTest::newRow("5.4+, timestamped") << Scheme::Timestamped << QStringLiteral("order.completed");
    QTest::newRow("5.3, body") << Scheme::Body << QStringLiteral("order.completed");
    QTest::newRow("4.6-5.2, legacy") << Scheme::Legacy << QStringLiteral("order.placed");
}

void TestSpreeWebhooks::eachSchemeIsAccepted()
{
    QFETCH(Scheme, scheme);
    QFETCH(QString, event);
    const QByteArray body =
        DemoWebhookSender::sampleEvent(scheme, event, QStringLiteral("17"), QStringLiteral("R612"));
    QSignalSpy accepted(server_.get(), &PushApiServer::messagesAccepted);
    const HttpPostResult result = post(body, signedAsSpree(scheme, body, nowSeconds()));
    QVERIFY2(result.status == 201, qPrintable(result.error()));
    QCOMPARE(accepted.count(), 1);

    const QString id = result.body.value(QStringLiteral("message_id")).toString();
    const QJsonObject stored = harness_->show(id);
    QCOMPARE(stored.value(QStringLiteral("message")).toString(), QStringLiteral("order:new"));
    QCOMPARE(stored.value(QStringLiteral("source")).toString(), QStringLiteral("spree-webhook:shop"));
    const QJsonObject payload = stored.value(QStringLiteral("payload")).toObject();
    QCOMPARE(payload[QStringLiteral("order")][QStringLiteral("number")].toString(), QStringLiteral("R612"));
    QCOMPARE(payload[QStringLiteral("order")][QStringLiteral("email")].toString(),
             QStringLiteral("buyer@example.com"));
    QCOMPARE(payload[QStringLiteral("order")][QStringLiteral("status")].toString(),
             QStringLiteral("complete"));
    QCOMPARE(payload[QStringLiteral("order")][QStringLiteral("totals")][QStringLiteral("order")].toDouble(),
             42.0);
    // The raw event stays with the message, so nothing Spree sent is lost.
    QCOMPARE(payload.value(QStringLiteral("spree_event")).toObject(), QJsonDocument::fromJson(body).object());
    // Routed like any other order:new.
    QCOMPARE(harness_->delivery(id, QStringLiteral("orders")).value(QStringLiteral("state")).toString(),
             QStringLiteral("pending"));
}

void TestSpreeWebhooks::demoSenderSignsEachScheme_data()
{
    eachSchemeIsAccepted_data();
}

void TestSpreeWebhooks::demoSenderSignsEachScheme()
{
    QFETCH(Scheme, scheme);
    QFETCH(QString, event);
    DemoWebhookSender sender;
    QSignalSpy finished(&sender, &DemoWebhookSender::finished);
    sender.send(
        url(), kSecret, scheme,
        DemoWebhookSender::sampleEvent(scheme, event, QStringLiteral("demo-1"), QStringLiteral("R1")));
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.at(0).at(0).toInt(), 201);
    QCOMPARE(harness_->messages(QStringLiteral("order:new")).size(), 1);
}

void TestSpreeWebhooks::legacyJsonApiBodyIsFlattened()
{
    const QByteArray body = R"({"data":{"id":"45","type":"order","attributes":{"number":"R612921489",
        "state":"canceled","email":"ada@example.com","total":"10.00"},"relationships":{}},"included":[],
        "event_created_at":"2026-07-01T10:00:00.000Z","event_id":17,"event_type":"order.canceled"})";
    const HttpPostResult result = post(body, signedAsSpree(Scheme::Legacy, body, nowSeconds()));
    QVERIFY2(result.status == 201, qPrintable(result.error()));
    const QJsonObject payload =
        harness_->show(result.body.value(QStringLiteral("message_id")).toString())[QStringLiteral("payload")]
            .toObject();
    QCOMPARE(result.body.value(QStringLiteral("message")).toString(), QStringLiteral("order:canceled"));
    QCOMPARE(payload[QStringLiteral("order")][QStringLiteral("number")].toString(),
             QStringLiteral("R612921489"));
    QCOMPARE(payload[QStringLiteral("order")][QStringLiteral("status")].toString(),
             QStringLiteral("canceled"));
    QCOMPARE(payload[QStringLiteral("original")][QStringLiteral("id")].toString(), QStringLiteral("45"));
    QCOMPARE(payload[QStringLiteral("original")][QStringLiteral("email")].toString(),
             QStringLiteral("ada@example.com"));
}

// Spree's legacy order.update fires for every cart change; only a completed order's is order:updated.
void TestSpreeWebhooks::legacyCartUpdateIsKeptButNotAnOrderUpdate()
{
    const auto orderUpdate = [](int eventId, const QString &completedAt) {
        const QJsonObject attributes{
            {QStringLiteral("number"), QStringLiteral("R%1").arg(eventId)},
            {QStringLiteral("state"),
             completedAt.isEmpty() ? QStringLiteral("cart") : QStringLiteral("complete")},
            {QStringLiteral("completed_at"), completedAt.isEmpty() ? QJsonValue() : QJsonValue(completedAt)}};
        return QJsonDocument(QJsonObject{{QStringLiteral("data"),
                                          QJsonObject{{QStringLiteral("id"), QString::number(eventId)},
                                                      {QStringLiteral("type"), QStringLiteral("order")},
                                                      {QStringLiteral("attributes"), attributes}}},
                                         {QStringLiteral("event_id"), eventId},
                                         {QStringLiteral("event_type"), QStringLiteral("order.update")}})
            .toJson(QJsonDocument::Compact);
    };
    const QByteArray cart = orderUpdate(21, QString());
    const QByteArray order = orderUpdate(22, QStringLiteral("2026-07-01T10:00:00.000Z"));
    for (const QByteArray &body : {cart, order}) {
        const HttpPostResult result = post(body, signedAsSpree(Scheme::Legacy, body, nowSeconds()));
        QVERIFY2(result.status == 201, qPrintable(result.error()));
    }
    const QJsonArray updated = harness_->messages(QStringLiteral("order:updated"));
    QCOMPARE(updated.size(), 1);
    QCOMPARE(harness_
                 ->show(updated[0][QStringLiteral("message_id")].toString())[QStringLiteral(
                     "payload")][QStringLiteral("order")][QStringLiteral("number")]
                 .toString(),
             QStringLiteral("R22"));
    QCOMPARE(harness_->messages(QStringLiteral("spree:order_update")).size(), 1);
}

void TestSpreeWebhooks::forgedWebhooksAreRefused_data()
{
    QTest::addColumn<Scheme>("scheme");
    QTest::addColumn<bool>("wrongKey"); // otherwise the body is changed after signing
    QTest::addColumn<QString>("reason");
    for (const bool wrongKey : {true, false}) {
        const char *how = wrongKey ? "wrong secret" : "changed body";
        QTest::addRow("5.4+, %s", how)
            << Scheme::Timestamped << wrongKey << QStringLiteral("X-Spree-Webhook-Signature does not match");
        QTest::addRow("5.3, %s", how)
            << Scheme::Body << wrongKey << QStringLiteral("X-Spree-Webhook-Signature does not match");
        QTest::addRow("legacy, %s", how)
            << Scheme::Legacy << wrongKey << QStringLiteral("X-Spree-Hmac-SHA256 does not match");
    }
}

void TestSpreeWebhooks::forgedWebhooksAreRefused()
{
    QFETCH(Scheme, scheme);
    QFETCH(bool, wrongKey);
    QFETCH(QString, reason);
    const QByteArray body = DemoWebhookSender::sampleEvent(scheme, QStringLiteral("order.completed"),
                                                           QStringLiteral("9"), QStringLiteral("R9"));
    const HttpHeaders headers =
        signedAsSpree(scheme, body, nowSeconds(), wrongKey ? "another-secret" : kSecret);
    const QByteArray sent = wrongKey ? body : QByteArray(body).replace("R9", "R8");
    const HttpPostResult result = post(sent, headers);
    QCOMPARE(result.status, 401);
    QVERIFY2(result.error().contains(reason), qPrintable(result.error()));
    QVERIFY(!result.error().contains(QString::fromLatin1(kSecret)));
    QCOMPARE(harness_->messages().size(), 0);
    QCOMPARE(countRows(harness_->db(), QStringLiteral("SELECT COUNT(*) FROM spree_webhook_events")), 0);
}

void TestSpreeWebhooks::staleTimestampIsRefused()
{
    const QByteArray body = newEvent(QStringLiteral("order.completed"), QStringLiteral("uuid-stale"),
                                     QJsonObject{{QStringLiteral("number"), QStringLiteral("R1")}});
    const HttpHeaders signedNow = signedAsSpree(Scheme::Timestamped, body, nowSeconds());
    // A request captured and sent again 301 s later (the seconds the request takes only add to it).
    Clock::advanceForTesting(301 * 1000);
    HttpPostResult result = post(body, signedNow);
    QCOMPARE(result.status, 401);
    QVERIFY2(result.error().contains(QStringLiteral("refused as stale")), qPrintable(result.error()));
    // From the future as well (a clock running fast); 310 s, since the server reads the clock a moment
    // after the test and may be a second further on.
    result = post(body, signedAsSpree(Scheme::Timestamped, body, nowSeconds() + 310));
    QCOMPARE(result.status, 401);
    QVERIFY2(result.error().contains(QStringLiteral("refused as stale")), qPrintable(result.error()));
    QCOMPARE(harness_->messages().size(), 0);
    // Within the tolerance it goes through.
    result = post(body, signedAsSpree(Scheme::Timestamped, body, nowSeconds() - 290));
    QVERIFY2(result.status == 201, qPrintable(result.error()));
}

void TestSpreeWebhooks::unsignedWebhookIsRefused()
{
    const QByteArray body = newEvent(QStringLiteral("order.completed"), QStringLiteral("uuid-unsigned"), {});
    HttpPostResult result = post(body, {{"X-Spree-Webhook-Event", "order.completed"}});
    QCOMPARE(result.status, 401);
    QVERIFY2(result.error().contains(QStringLiteral("the webhook is unsigned")), qPrintable(result.error()));
    // A timestamp alone is no signature either.
    result = post(body, {{"X-Spree-Webhook-Timestamp", QByteArray::number(nowSeconds())}});
    QCOMPARE(result.status, 401);
    QCOMPARE(harness_->messages().size(), 0);
}

void TestSpreeWebhooks::storeWithoutSecretSaysHowToSetIt()
{
    const QByteArray body = newEvent(QStringLiteral("order.completed"), QStringLiteral("uuid-quiet"), {});
    const HttpPostResult result = post(body, signedAsSpree(Scheme::Body, body, nowSeconds()),
                                       QStringLiteral("/api/stores/quiet/spree-webhooks"));
    QCOMPARE(result.status, 401);
    QCOMPARE(result.error(),
             QStringLiteral("store quiet accepts no Spree webhooks: it has no webhook_secret; set "
                            "it to the secret key of the webhook in Spree (config import or the "
                            "Stores view)"));
    QCOMPARE(post(body, {}, QStringLiteral("/api/stores/nowhere/spree-webhooks")).status, 404);
    QCOMPARE(harness_->messages().size(), 0);
}

void TestSpreeWebhooks::replayedEventIsAcceptedOnce()
{
    const QByteArray body = newEvent(QStringLiteral("order.completed"), QStringLiteral("uuid-replayed"),
                                     QJsonObject{{QStringLiteral("number"), QStringLiteral("R5")}});
    const HttpPostResult first = post(body, signedAsSpree(Scheme::Timestamped, body, nowSeconds()));
    QVERIFY2(first.status == 201, qPrintable(first.error()));
    // Spree's "redeliver" sends the same event again, freshly signed; so does a legacy 4.x store.
    const HttpPostResult again = post(body, signedAsSpree(Scheme::Timestamped, body, nowSeconds()));
    QCOMPARE(again.status, 200);
    QCOMPARE(again.body.value(QStringLiteral("status")).toString(), QStringLiteral("duplicate"));
    QCOMPARE(again.body.value(QStringLiteral("event_id")).toString(), QStringLiteral("uuid-replayed"));
    QCOMPARE(harness_->messages().size(), 1);
    QCOMPARE(countRows(harness_->db(), QStringLiteral("SELECT COUNT(*) FROM deliveries")), 1);
    // Recorded once, under its store.
    QCOMPARE(countRows(harness_->db(), QStringLiteral("SELECT COUNT(*) FROM spree_webhook_events WHERE "
                                                      "store = 'shop' AND event_id = 'uuid-replayed'")),
             1);
}

void TestSpreeWebhooks::unmappedEventIsKeptAsSpreeName()
{
    const QByteArray body =
        newEvent(QStringLiteral("payment.paid"), QStringLiteral("uuid-payment"),
                 QJsonObject{{QStringLiteral("id"), 7}, {QStringLiteral("amount"), QStringLiteral("9.99")}});
    const HttpPostResult result = post(body, signedAsSpree(Scheme::Body, body, nowSeconds()));
    QVERIFY2(result.status == 201, qPrintable(result.error()));
    const QJsonArray kept = harness_->messages(QStringLiteral("spree:payment_paid"));
    QCOMPARE(kept.size(), 1);
    const QJsonObject payload =
        harness_->show(kept[0][QStringLiteral("message_id")].toString())[QStringLiteral("payload")]
            .toObject();
    QCOMPARE(payload[QStringLiteral("spree_event")][QStringLiteral("name")].toString(),
             QStringLiteral("payment.paid"));
    QCOMPARE(
        payload[QStringLiteral("spree_event")][QStringLiteral("data")][QStringLiteral("amount")].toString(),
        QStringLiteral("9.99"));
}

// 500 connections at once, each one webhook: 450 distinct events and 50 replays of some of them. Every
// one is answered 2xx, after its commit, and each event is one message.
void TestSpreeWebhooks::fiveHundredConcurrentWebhooksAreEachCommittedOnce()
{
    constexpr int kDistinct = 450;
    constexpr int kReplays = 50;
    server_->setConnectionLimit(kDistinct + kReplays + 10);
    QList<HttpPost> posts;
    for (int i = 0; i < kDistinct + kReplays; ++i) {
        const int event = i < kDistinct ? i : (i - kDistinct) * 7;
        const QByteArray body =
            newEvent(QStringLiteral("order.completed"), QStringLiteral("uuid-%1").arg(event),
                     QJsonObject{{QStringLiteral("number"), QStringLiteral("R%1").arg(event)}});
        posts.append({url(), body, signedAsSpree(Scheme::Timestamped, body, nowSeconds())});
    }
    QList<int> statuses;
    for (const HttpPostResult &result : HttpPostClient::postAll(posts))
        statuses.append(result.status);
    QCOMPARE(statuses.count(201) + statuses.count(200), kDistinct + kReplays);
    QCOMPARE(statuses.count(200), kReplays); // the replays, each a duplicate
    QCOMPARE(harness_->messages().size(), kDistinct);
    QCOMPARE(countRows(harness_->db(), QStringLiteral("SELECT COUNT(*) FROM spree_webhook_events")),
             kDistinct);
    QCOMPARE(countRows(harness_->db(),
                       QStringLiteral("SELECT COUNT(DISTINCT message_id) FROM spree_webhook_events")),
             kDistinct);
}

QTEST_GUILESS_MAIN(TestSpreeWebhooks)
#include "tst_spreewebhooks.moc"
