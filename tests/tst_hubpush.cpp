// The store-side clients of the hub era over real loopback HTTP: spree_wombat and the hub gem push
// collections ({"orders": [...]}) with X-Hub-Store, X-Hub-Access-Token and X-Hub-Timestamp and raise an
// error unless the answer is exactly 202. Each object becomes TYPE:new the first time the store pushes
// it and TYPE:updated afterwards; the HMAC form of the token is verified, a wrong one refused.
#include "EngineHarness.h"
#include "http/PushApiServer.h"
#include "HttpPostClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QTest>

#include <memory>

namespace {

const QByteArray kToken = "hub_connection_token_0123456789abcdef";
const QString kPath = QStringLiteral("/api/stores/shop/messages");

// What spree_wombat's Client.push sends: the token itself, and the time.
HttpHeaders spreeWombatHeaders(const QByteArray &timestamp = "1388534400")
{
    return {{"X-Hub-Store", "shop"}, {"X-Hub-Access-Token", kToken}, {"X-Hub-Timestamp", timestamp}};
}

QByteArray hmacSha1Hex(const QByteArray &data, const QByteArray &key)
{
    return QMessageAuthenticationCode::hash(data, key, QCryptographicHash::Sha1).toHex();
}

// An order as spree_wombat's OrderSerializer writes it (the id is the order number).
QByteArray wombatOrders(const QString &status)
{
    return QStringLiteral(
               R"({"orders":[{"id":"R154085346","status":"%1","channel":"spree","email":"spree@example.com",)"
               R"("currency":"USD","placed_on":"2014-02-03T17:29:15.219Z","updated_at":"2014-02-03T17:29:15.219Z",)"
               R"("totals":{"item":99.95,"adjustment":0.0,"tax":5.0,"shipping":5.0,"payment":109.95,"order":109.95},)"
               R"("line_items":[{"product_id":"SPREE-T-SHIRT","name":"Spree T-Shirt","quantity":2,"price":19.99}],)"
               R"("adjustments":[],"shipping_address":{"firstname":"Joe","lastname":"Smith","address1":"1234 Awesome Street",)"
               R"("address2":"","zipcode":"90210","city":"Hollywood","state":"California","country":"US",)"
               R"("phone":"0000000000"},"payments":[{"number":63,"status":"completed","amount":109.95,)"
               R"("payment_method":"Credit Card"}]}]})")
        .arg(status)
        .toUtf8();
}

} // namespace

class TestHubPush : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void spreeWombatPushIsNewThenUpdated();
    void everyCollectionBecomesItsType();
    void originIsTheMessagesSource();
    void hmacTokenIsAccepted_data();
    void hmacTokenIsAccepted();
    void wrongHmacIsRefused_data();
    void wrongHmacIsRefused();
    void hubBodyWithoutHubHeadersIsAnswered201();
    void objectWithoutIdIsRefused();

private:
    HttpPostResult post(const QByteArray &body, const HttpHeaders &headers)
    {
        return HttpPostClient::post(
            QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(server_->port()).arg(kPath)), body, headers);
    }
    QJsonArray messages(const QString &type) { return harness_->messages(type); }
    QJsonObject payloadOf(const QJsonValue &listed)
    {
        return harness_->show(listed[QStringLiteral("message_id")].toString())[QStringLiteral("payload")]
            .toObject();
    }

    std::unique_ptr<EngineHarness> harness_;
    std::unique_ptr<PushApiServer> server_;
};

void TestHubPush::init()
{
    harness_ = std::make_unique<EngineHarness>();
    QVERIFY2(harness_->isValid(), qPrintable(harness_->error()));
    const QJsonObject config{
        {QStringLiteral("stores"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("shop")},
                                {QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9")},
                                {QStringLiteral("push_token"), QString::fromLatin1(kToken)}}}}};
    QCOMPARE(harness_->importConfig(config), QString());
    server_ = std::make_unique<PushApiServer>(harness_->location(), &harness_->credentials());
    QString error;
    QVERIFY2(server_->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
}

void TestHubPush::cleanup()
{
    server_.reset();
    harness_.reset();
}

void TestHubPush::spreeWombatPushIsNewThenUpdated()
{
    HttpPostResult result = post(wombatOrders(QStringLiteral("complete")), spreeWombatHeaders());
    QVERIFY2(result.status == 202, qPrintable(result.error())); // exactly 202, or spree_wombat raises
    QCOMPARE(messages(QStringLiteral("order:new")).size(), 1);
    const QJsonObject order =
        payloadOf(messages(QStringLiteral("order:new"))[0])[QStringLiteral("order")].toObject();
    QCOMPARE(order.value(QStringLiteral("id")).toString(), QStringLiteral("R154085346"));
    QCOMPARE(order[QStringLiteral("totals")][QStringLiteral("order")].toDouble(), 109.95);

    result = post(wombatOrders(QStringLiteral("canceled")), spreeWombatHeaders("1388534460"));
    QCOMPARE(result.status, 202);
    QCOMPARE(messages(QStringLiteral("order:new")).size(), 1);
    const QJsonArray updated = messages(QStringLiteral("order:updated"));
    QCOMPARE(updated.size(), 1);
    QCOMPARE(payloadOf(updated[0])[QStringLiteral("order")][QStringLiteral("status")].toString(),
             QStringLiteral("canceled"));
    QCOMPARE(harness_->show(updated[0][QStringLiteral("message_id")].toString())[QStringLiteral("source")]
                 .toString(),
             QStringLiteral("push:shop"));
}

void TestHubPush::everyCollectionBecomesItsType()
{
    const QByteArray body = R"({"orders":[{"id":"R1"},{"id":"R2"}],"shipments":[{"id":"H1","order_id":"R1"}],
        "users":[{"id":7,"email":"ada@example.com"}],"products":[{"id":"SKU-1"}],"inventories":[{"id":"I1"}],
        "stock_transfers":[{"id":3}]})";
    HttpPostResult result = post(body, spreeWombatHeaders());
    QVERIFY2(result.status == 202, qPrintable(result.error()));
    QCOMPARE(messages(QStringLiteral("order:new")).size(), 2);
    QCOMPARE(messages(QStringLiteral("shipment:new")).size(), 1);
    QCOMPARE(messages(QStringLiteral("user:new")).size(), 1);
    QCOMPARE(messages(QStringLiteral("product:new")).size(), 1);
    QCOMPARE(messages(QStringLiteral("inventory:new")).size(), 1);
    QCOMPARE(messages(QStringLiteral("stock_transfer:new")).size(), 1);
    QCOMPARE(
        payloadOf(messages(QStringLiteral("user:new"))[0])[QStringLiteral("user")][QStringLiteral("email")]
            .toString(),
        QStringLiteral("ada@example.com"));

    // Objects are told apart by type and id: order R1 is known now, shipment R1 is not.
    result = post(R"({"orders":[{"id":"R1"}],"shipments":[{"id":"R1"}]})", spreeWombatHeaders());
    QCOMPARE(result.status, 202);
    QCOMPARE(messages(QStringLiteral("order:updated")).size(), 1);
    QCOMPARE(messages(QStringLiteral("shipment:new")).size(), 2);
}

void TestHubPush::originIsTheMessagesSource()
{
    const HttpPostResult result =
        post(R"({"origin":"spree-east","orders":[{"id":"R9"}]})", spreeWombatHeaders());
    QCOMPARE(result.status, 202);
    const QJsonArray listed = messages(QStringLiteral("order:new"));
    QCOMPARE(listed.size(), 1);
    QCOMPARE(harness_->show(listed[0][QStringLiteral("message_id")].toString())[QStringLiteral("source")]
                 .toString(),
             QStringLiteral("spree-east"));
    // A plain message keeps its origin too.
    const HttpPostResult single =
        post(R"({"message":"order:new","origin":"pos","payload":{"order":{"number":"R10"}}})",
             spreeWombatHeaders());
    QCOMPARE(single.status, 202);
    QCOMPARE(
        harness_->show(single.body.value(QStringLiteral("message_id")).toString())[QStringLiteral("source")]
            .toString(),
        QStringLiteral("pos"));
}

void TestHubPush::hmacTokenIsAccepted_data()
{
    QTest::addColumn<bool>("withTimestamp");
    QTest::newRow("of X-Hub-Timestamp and the body") << true;
    QTest::newRow("of the body") << false;
}

void TestHubPush::hmacTokenIsAccepted()
{
    QFETCH(bool, withTimestamp);
    const QByteArray body = wombatOrders(QStringLiteral("complete"));
    const QByteArray timestamp = "1388534400";
    const QByteArray token = hmacSha1Hex(withTimestamp ? timestamp + body : body, kToken);
    const HttpPostResult result =
        post(body, {{"X-Hub-Store", "shop"}, {"X-Hub-Access-Token", token}, {"X-Hub-Timestamp", timestamp}});
    QVERIFY2(result.status == 202, qPrintable(result.error()));
    QCOMPARE(messages(QStringLiteral("order:new")).size(), 1);
}

void TestHubPush::wrongHmacIsRefused_data()
{
    const QByteArray body = wombatOrders(QStringLiteral("complete"));
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QByteArray>("timestamp");
    QTest::newRow("another key") << hmacSha1Hex("1388534400" + body, "another_token_0123456789abcdef")
                                 << QByteArray("1388534400");
    QTest::newRow("another timestamp")
        << hmacSha1Hex("1388534400" + body, kToken) << QByteArray("1388534401");
    QTest::newRow("another body") << hmacSha1Hex("1388534400" + wombatOrders(QStringLiteral("canceled")),
                                                 kToken)
                                  << QByteArray("1388534400");
    QTest::newRow("SHA-256 instead")
        << QMessageAuthenticationCode::hash(body, kToken, QCryptographicHash::Sha256).toHex()
        << QByteArray("1388534400");
}

void TestHubPush::wrongHmacIsRefused()
{
    QFETCH(QByteArray, token);
    QFETCH(QByteArray, timestamp);
    const HttpPostResult result =
        post(wombatOrders(QStringLiteral("complete")),
             {{"X-Hub-Store", "shop"}, {"X-Hub-Access-Token", token}, {"X-Hub-Timestamp", timestamp}});
    QCOMPARE(result.status, 401);
    QCOMPARE(result.error(),
             QStringLiteral(
                 "X-Hub-Access-Token is neither the push_token of store shop nor its HMAC-SHA1 of the body"));
    QCOMPARE(harness_->messages().size(), 0);
}

void TestHubPush::hubBodyWithoutHubHeadersIsAnswered201()
{
    const HttpPostResult result = post(R"({"orders":[{"id":"R1"}]})", {{"X-Augury-Token", kToken}});
    QCOMPARE(result.status, 201);
    const QJsonArray answered = result.body.value(QStringLiteral("messages")).toArray();
    QCOMPARE(answered.size(), 1);
    QCOMPARE(answered[0][QStringLiteral("message")].toString(), QStringLiteral("order:new"));
}

void TestHubPush::objectWithoutIdIsRefused()
{
    const HttpPostResult result = post(R"({"orders":[{"id":"R1"},{"number":"R2"}]})", spreeWombatHeaders());
    QCOMPARE(result.status, 400);
    QVERIFY2(result.error().startsWith(QStringLiteral("orders[1] has no \"id\"")),
             qPrintable(result.error()));
    QCOMPARE(harness_->messages().size(), 0);
    // All or nothing: R1 was not remembered either.
    QCOMPARE(post(R"({"orders":[{"id":"R1"}]})", spreeWombatHeaders()).status, 202);
    QCOMPARE(messages(QStringLiteral("order:new")).size(), 1);
}

QTEST_GUILESS_MAIN(TestHubPush)
#include "tst_hubpush.moc"
