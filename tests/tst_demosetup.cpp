// The demo mode: a sample store and a sample endpoint on 127.0.0.1, configured through the core, driven by
// the real engine until it is idle.
#include "config/ConfigFile.h"
#include "DemoEndpoint.h"
#include "DemoSetup.h"
#include "engine/Engine.h"
#include "model/Endpoint.h"
#include "model/Store.h"
#include "secrets/CredentialStore.h"
#include "SpreeStoreServer.h"
#include "storage/Database.h"
#include "storage/MessageQuery.h"
#include "TestDatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <memory>

namespace {

// Retries in fractions of a second: 0.05, 0.1, 0.2.
DemoSetup::Options fastOptions()
{
    DemoSetup::Options options;
    options.newOrdersOverTime = false;
    options.retryScale = 0.05;
    return options;
}

QString uniqueService()
{
    return QStringLiteral("Integrator-test-%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
}

// One engine polls every store once and runs until no delivery is open; the poll errors are returned.
QStringList runEngineOnce(const DatabaseLocation &location, CredentialStore &credentials, QString *failure)
{
    Engine engine(location, &credentials);
    QStringList pollErrors;
    QObject::connect(
        &engine, &Engine::collectionPolled, &engine,
        [&pollErrors](const QString &store, const QString &collection, int, const QString &error) {
            if (!error.isEmpty())
                pollErrors << QStringLiteral("%1/%2: %3").arg(store, collection, error);
        });
    QString error;
    if (!engine.start(&error, Engine::Polling::Once)) {
        *failure = QStringLiteral("engine did not start: %1").arg(error);
        return pollErrors;
    }
    // As `run --exit-when-idle` does: from here on idle() waits for the polls start() asked for (an idle
    // reported while starting came before them).
    QSignalSpy idle(&engine, &Engine::idle);
    if (!idle.wait(60000))
        *failure = QStringLiteral("engine not idle after 60 s");
    engine.stop();
    return pollErrors;
}

QJsonArray allMessages(const Database &db, const QString &type = {})
{
    MessageLog::Filter filter;
    filter.type = type;
    QJsonArray out;
    QString error;
    if (!MessageQuery(db).list(filter, 100000, &out, &error))
        qWarning("messages: %s", qPrintable(error));
    return out;
}

QJsonObject deliveryOf(const QJsonValue &message, const QString &mapping)
{
    for (const QJsonValue &delivery : message[QStringLiteral("deliveries")].toArray()) {
        if (delivery[QStringLiteral("mapping")].toString() == mapping)
            return delivery.toObject();
    }
    return {};
}

QString orderNumberOf(const Database &db, const QString &messageId)
{
    QJsonObject shown;
    QString error;
    MessageQuery(db).show(messageId, &shown, &error);
    return shown[QStringLiteral("payload")][QStringLiteral("order")][QStringLiteral("number")].toString();
}

} // namespace

class TestDemoSetup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void storeOrdersAreDeliveredRetriedAndParked();
    void rerunUpdatesTheUrlsAndCarriesOn();
    void endpointAnswersOnlyItsServicesWithTheToken();
    void newOrdersAppearOverTime();

private:
    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<Database> db_;
    std::unique_ptr<CredentialStore> credentials_;
};

void TestDemoSetup::init()
{
    database_ = std::make_unique<TestDatabase>();
    QVERIFY2(database_->isValid(), qPrintable(database_->error()));
    db_ = std::make_unique<Database>(database_->location(), QStringLiteral("demo-test"));
    QString error;
    QVERIFY2(db_->open(&error), qPrintable(error));
    credentials_ = std::make_unique<CredentialStore>(uniqueService());
}

void TestDemoSetup::cleanup()
{
    db_.reset();
    credentials_.reset();
    database_.reset();
}

void TestDemoSetup::storeOrdersAreDeliveredRetriedAndParked()
{
    DemoSetup demo(fastOptions());
    QSignalSpy received(&demo, &DemoSetup::messageReceived);
    QString error;
    QVERIFY2(demo.start(*db_, *credentials_, &error), qPrintable(error));
    QVERIFY(demo.isRunning());
    QCOMPARE(demo.storeUrl().host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(demo.endpointUrl().host(), QStringLiteral("127.0.0.1"));
    QVERIFY(!demo.start(*db_, *credentials_, &error)); // once only
    QVERIFY(!error.isEmpty());
    QCOMPARE(demo.describe().size(), 3);
    QCOMPARE(demo.summary(),
             QStringLiteral("Demo running: store \"demo-store\" at %1, endpoint \"demo-endpoint\" at %2")
                 .arg(demo.storeUrl().toString(), demo.endpointUrl().toString()));

    QString failure;
    QCOMPARE(runEngineOnce(database_->location(), *credentials_, &failure), QStringList());
    QVERIFY2(failure.isEmpty(), qPrintable(failure));

    // Every order of the store became one order:new message.
    const QJsonArray orders = allMessages(*db_, QStringLiteral("order:new"));
    const QStringList storeOrders = demo.store()->orderNumbers();
    QCOMPARE(orders.size(), storeOrders.size());
    QSet<QString> numbers;
    int confirmed = 0;
    int retried = 0;
    for (const QJsonValue &message : orders) {
        const QString id = message[QStringLiteral("message_id")].toString();
        const QString number = orderNumberOf(*db_, id);
        QVERIFY2(storeOrders.contains(number), qPrintable(number));
        numbers.insert(number);
        // Complete orders are confirmed; carts and cancellations are skipped by the mapping's filter.
        const QJsonObject delivery = deliveryOf(message, DemoSetup::kOrderConfirmationMapping);
        const bool complete = demo.store()->order(number).value(QStringLiteral("state")).toString() ==
                              QLatin1String("complete");
        QCOMPARE(delivery[QStringLiteral("state")].toString(),
                 complete ? QStringLiteral("delivered") : QStringLiteral("skipped"));
        if (complete) {
            ++confirmed;
            if (delivery[QStringLiteral("attempts")].toInt() > 1)
                ++retried;
        }
    }
    QCOMPARE(numbers.size(), storeOrders.size());
    QVERIFY(confirmed >= 1);
    QVERIFY2(retried >= 1, "the first confirmation fails once and is retried");

    // Customers reach the CRM, shipments the 3PL.
    const QJsonArray users = allMessages(*db_, QStringLiteral("user:new"));
    QVERIFY(!users.isEmpty());
    for (const QJsonValue &message : users)
        QCOMPARE(deliveryOf(message, DemoSetup::kCrmMapping)[QStringLiteral("state")].toString(),
                 QStringLiteral("delivered"));
    const QJsonArray shipments = allMessages(*db_, QStringLiteral("shipment:*"));
    QVERIFY(!shipments.isEmpty());
    for (const QJsonValue &message : shipments)
        QCOMPARE(deliveryOf(message, DemoSetup::kShippingMapping)[QStringLiteral("state")].toString(),
                 QStringLiteral("delivered"));

    // The inventory service fails every scheduled attempt: its deliveries end parked, ready to replay.
    const QJsonArray products = allMessages(*db_, QStringLiteral("product:new"));
    QCOMPARE(products.size(), fastOptions().seedProducts);
    for (const QJsonValue &message : products) {
        const QJsonObject delivery = deliveryOf(message, DemoSetup::kInventoryMapping);
        QCOMPARE(delivery[QStringLiteral("state")].toString(), QStringLiteral("parked"));
        QCOMPARE(delivery[QStringLiteral("attempts")].toInt(), int(DemoSetup::kRetrySchedule.size()) + 1);
    }

    // The endpoint counted exactly the deliveries that ended delivered.
    int delivered = 0;
    for (const QJsonValue &message : allMessages(*db_)) {
        for (const QJsonValue &delivery : message[QStringLiteral("deliveries")].toArray())
            delivered += delivery[QStringLiteral("state")].toString() == QLatin1String("delivered") ? 1 : 0;
    }
    QCOMPARE(demo.received(), delivered);
    QCOMPARE(received.count(), delivered);
}

void TestDemoSetup::rerunUpdatesTheUrlsAndCarriesOn()
{
    QString error;
    QString failure;
    QSet<QString> firstNumbers;
    {
        DemoSetup first(fastOptions());
        QVERIFY2(first.start(*db_, *credentials_, &error), qPrintable(error));
        QCOMPARE(runEngineOnce(database_->location(), *credentials_, &failure), QStringList());
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        const QStringList numbers = first.store()->orderNumbers();
        firstNumbers = QSet<QString>(numbers.cbegin(), numbers.cend());
    }
    const int messagesAfterFirst = int(allMessages(*db_).size());
    QVERIFY(messagesAfterFirst > 0);

    DemoSetup second(fastOptions());
    QVERIFY2(second.start(*db_, *credentials_, &error), qPrintable(error));

    // One store, one endpoint, the same four mappings: updated with this run's URLs; no secret exported.
    QByteArray exported;
    QVERIFY2(ConfigFile::exportTo(*db_, &exported, &error), qPrintable(error));
    const QJsonObject config = QJsonDocument::fromJson(exported).object();
    const QJsonArray stores = config[QStringLiteral("stores")].toArray();
    const QJsonArray endpoints = config[QStringLiteral("endpoints")].toArray();
    QCOMPARE(stores.size(), 1);
    QCOMPARE(endpoints.size(), 1);
    QCOMPARE(config[QStringLiteral("mappings")].toArray().size(), 4);
    QCOMPARE(stores[0][QStringLiteral("url")].toString(), second.storeUrl().toString());
    QCOMPARE(endpoints[0][QStringLiteral("url")].toString(), second.endpointUrl().toString());
    QString reason;
    const auto apiKey = credentials_->read(*db_, Store::apiKeyKeyFor(DemoSetup::kStoreName), &reason);
    const auto token = credentials_->read(*db_, Endpoint::tokenKeyFor(DemoSetup::kEndpointName), &reason);
    QVERIFY2(apiKey.has_value() && token.has_value(), qPrintable(reason));
    QVERIFY(!exported.contains(apiKey->toUtf8()));
    QVERIFY(!exported.contains(token->toUtf8()));

    // The new store's history counts as seen: nothing is offered twice.
    QCOMPARE(runEngineOnce(database_->location(), *credentials_, &failure), QStringList());
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QCOMPARE(int(allMessages(*db_).size()), messagesAfterFirst);

    // A new order gets a number the first run never had, and is confirmed, not skipped as a duplicate.
    const QString number = second.store()->addOrder(QStringLiteral("complete"));
    QVERIFY(!firstNumbers.contains(number));
    QCOMPARE(runEngineOnce(database_->location(), *credentials_, &failure), QStringList());
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    QJsonArray fresh;
    for (const QJsonValue &message : allMessages(*db_, QStringLiteral("order:new"))) {
        if (!firstNumbers.contains(orderNumberOf(*db_, message[QStringLiteral("message_id")].toString())))
            fresh.append(message);
    }
    QCOMPARE(fresh.size(), 1);
    QCOMPARE(orderNumberOf(*db_, fresh[0][QStringLiteral("message_id")].toString()), number);
    QCOMPARE(deliveryOf(fresh[0], DemoSetup::kOrderConfirmationMapping)[QStringLiteral("state")].toString(),
             QStringLiteral("delivered"));
}

void TestDemoSetup::endpointAnswersOnlyItsServicesWithTheToken()
{
    DemoEndpoint endpoint;
    QString error;
    QVERIFY2(endpoint.listen(&error), qPrintable(error));
    endpoint.setToken(QStringLiteral("right-token"));
    QNetworkAccessManager network;
    const auto post = [&](const QString &path, const QByteArray &token, const QByteArray &body) {
        QNetworkRequest request(endpoint.url().resolved(QUrl(path)));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader(QByteArrayLiteral("X-Hub-Token"), token);
        std::unique_ptr<QNetworkReply> reply(network.post(request, body));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(10000);
        return qMakePair(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                         QJsonDocument::fromJson(reply->readAll()).object());
    };
    const QByteArray message =
        R"({"message": "user:new", "message_id": "0123456789abcdef01234567", "payload": {"user": {"email": "a@b.example"}}})";
    QCOMPARE(post(QStringLiteral("/crm"), "wrong-token", message).first, 401);
    QCOMPARE(post(QStringLiteral("/nowhere"), "right-token", message).first, 404);
    QCOMPARE(post(QStringLiteral("/crm"), "right-token", "not json").first, 400);
    QCOMPARE(endpoint.received(), 0);
    const auto accepted = post(QStringLiteral("/crm"), "right-token", message);
    QCOMPARE(accepted.first, 200);
    QCOMPARE(accepted.second[QStringLiteral("message_id")].toString(),
             QStringLiteral("0123456789abcdef01234567"));
    QVERIFY(accepted.second[QStringLiteral("message")].toString().contains(QStringLiteral("a@b.example")));
    QCOMPARE(accepted.second[QStringLiteral("notifications")].toArray().size(), 1);
    QCOMPARE(endpoint.received(), 1);

    // /inventory fails the attempts it is told to, then accepts.
    endpoint.setFailingAttempts(2);
    QCOMPARE(post(QStringLiteral("/inventory"), "right-token", message).first, 500);
    QCOMPARE(post(QStringLiteral("/inventory"), "right-token", message).first, 500);
    QCOMPARE(post(QStringLiteral("/inventory"), "right-token", message).first, 200);
    QCOMPARE(endpoint.received(), 2);
}

void TestDemoSetup::newOrdersAppearOverTime()
{
    DemoSetup::Options options = fastOptions();
    options.newOrdersOverTime = true;
    options.newOrderIntervalMs = 100;
    DemoSetup demo(options);
    QSignalSpy placed(&demo, &DemoSetup::orderPlaced);
    QString error;
    QVERIFY2(demo.start(*db_, *credentials_, &error), qPrintable(error));
    const int seeded = int(demo.store()->orderNumbers().size());
    while (placed.count() < 3 && placed.wait(10000)) {
    }
    QVERIFY(placed.count() >= 3);
    QCOMPARE(demo.ordersPlaced(), int(placed.count()));
    QCOMPARE(int(demo.store()->orderNumbers().size()), seeded + int(placed.count()));
    const QString last = placed.last().at(0).toString();
    QCOMPARE(demo.store()->order(last).value(QStringLiteral("state")).toString(), QStringLiteral("complete"));
    demo.stop();
    QVERIFY(!demo.isRunning());
}

QTEST_GUILESS_MAIN(TestDemoSetup)
#include "tst_demosetup.moc"
