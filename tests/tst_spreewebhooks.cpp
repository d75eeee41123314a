// Spree's webhooks into the push API over real loopback HTTP: each of Spree's three signature schemes is
// accepted, forged, stale and unsigned events are refused, a store without a webhook_secret says how to
// set one, each event id becomes one message however often (and however concurrently) it arrives, and an
// event without a row in the table is kept as spree:NAME.
#include "DemoWebhookSender.h"
#include "EngineHarness.h"
#include "http/PushApiServer.h"
#include "utils/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>

#include <sys/resource.h>

#include <memory>

Q_DECLARE_METATYPE(SpreeWebhookVerifier::Scheme)

namespace {

const QByteArray kSecret = "whsec_spree_0123456789abcdefghijklmnop";
const QString kShopPath = QStringLiteral("/api/stores/shop/spree-webhooks");

using Headers = QList<QPair<QByteArray, QByteArray>>;
using Scheme = SpreeWebhookVerifier::Scheme;

struct HttpResult
{
    int status = 0;
    QJsonObject body;
    QString error() const { return body.value(QStringLiteral("error")).toString(); }
};

QByteArray hmac(const QByteArray &data, const QByteArray &key = kSecret)
{
    return QMessageAuthenticationCode::hash(data, key, QCryptographicHash::Sha256);
}

// The headers as Spree computes them, written out here rather than taken from the code under test.
Headers signedAsSpree(Scheme scheme, const QByteArray &body, qint64 timestamp,
                      const QByteArray &key = kSecret)
{
    switch (scheme) {
    case Scheme::Timestamped:
        return {{"X-Spree-Webhook-Timestamp", QByteArray::number(timestamp)},
                {"X-Spree-Webhook-Signature", hmac(QByteArray::number(timestamp) + "." + body, key).toHex()}};
    case Scheme::Body:
        return {{"X-Spree-Webhook-Signature", hmac(body, key).toHex()}};
    case Scheme::Legacy:
        break;
    }
    return {{"X-Spree-Hmac-SHA256", hmac(body, key).toBase64()}};
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
    HttpResult post(const QByteArray &body, const Headers &headers, const QString &path = kShopPath);

    std::unique_ptr<EngineHarness> harness_;
    std::unique_ptr<PushApiServer> server_;
    std::unique_ptr<QNetworkAccessManager> network_;
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
    network_ = std::make_unique<QNetworkAccessManager>();
}

void TestSpreeWebhooks::cleanup()
{
    network_.reset();
    server_.reset();
    harness_.reset();
    Clock::resetForTesting();
}

HttpResult TestSpreeWebhooks::post(const QByteArray &body, const Headers &headers, const QString &path)
{
    QNetworkRequest request(url(path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    std::unique_ptr<QNetworkReply> reply(network_->post(request, body));
    HttpResult result;
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 10000))
        return result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = QJsonDocument::fromJson(reply->readAll()).object();
    return result;
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
    const HttpResult result = post(body, signedAsSpree(scheme, body, nowSeconds()));
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
    const HttpResult result = post(body, signedAsSpree(Scheme::Legacy, body, nowSeconds()));
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
        const HttpResult result = post(body, signedAsSpree(Scheme::Legacy, body, nowSeconds()));
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
    const Headers headers = signedAsSpree(scheme, body, nowSeconds(), wrongKey ? "another-secret" : kSecret);
    const QByteArray sent = wrongKey ? body : QByteArray(body).replace("R9", "R8");
    const HttpResult result = post(sent, headers);
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
    const Headers signedNow = signedAsSpree(Scheme::Timestamped, body, nowSeconds());
    // A request captured and sent again 301 s later (the seconds the request takes only add to it).
    Clock::advanceForTesting(301 * 1000);
    HttpResult result = post(body, signedNow);
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
    HttpResult result = post(body, {{"X-Spree-Webhook-Event", "order.completed"}});
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
    const HttpResult result = post(body, signedAsSpree(Scheme::Body, body, nowSeconds()),
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
    const HttpResult first = post(body, signedAsSpree(Scheme::Timestamped, body, nowSeconds()));
    QVERIFY2(first.status == 201, qPrintable(first.error()));
    // Spree's "redeliver" sends the same event again, freshly signed; so does a legacy 4.x store.
    const HttpResult again = post(body, signedAsSpree(Scheme::Timestamped, body, nowSeconds()));
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
    const HttpResult result = post(body, signedAsSpree(Scheme::Body, body, nowSeconds()));
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
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    QList<QByteArray> requests;
    for (int i = 0; i < kDistinct + kReplays; ++i) {
        const int event = i < kDistinct ? i : (i - kDistinct) * 7;
        const QByteArray body =
            newEvent(QStringLiteral("order.completed"), QStringLiteral("uuid-%1").arg(event),
                     QJsonObject{{QStringLiteral("number"), QStringLiteral("R%1").arg(event)}});
        QByteArray request = "POST " + kShopPath.toLatin1() +
                             " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: "
                             "close\r\nContent-Length: " +
                             QByteArray::number(body.size()) + "\r\n";
        for (const auto &[name, value] : signedAsSpree(Scheme::Timestamped, body, nowSeconds()))
            request += name + ": " + value + "\r\n";
        requests.append(request + "\r\n" + body);
        sockets.push_back(std::make_unique<QTcpSocket>());
        sockets.back()->connectToHost(QHostAddress::LocalHost, server_->port());
    }
    // Every connection is open before any request is written, so they are all in flight together.
    QVERIFY(QTest::qWaitFor(
        [&] {
            return std::all_of(sockets.begin(), sockets.end(),
                               [](const auto &s) { return s->state() == QAbstractSocket::ConnectedState; });
        },
        30000));
    for (size_t i = 0; i < sockets.size(); ++i)
        sockets[i]->write(requests[qsizetype(i)]);
    QVERIFY(QTest::qWaitFor(
        [&] {
            return std::all_of(sockets.begin(), sockets.end(),
                               [](const auto &s) { return s->state() == QAbstractSocket::UnconnectedState; });
        },
        120000));
    QList<int> statuses;
    for (const auto &socket : sockets)
        statuses.append(socket->readAll().mid(9, 3).toInt());
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
