// The Platform API v2 and Admin API v3 pollers against the demo store on 127.0.0.1, which serves the same
// records through API v1 as well: the messages, the bookmark, restarts and failures as API v1 has them.
#include "DemoSetup.h"
#include "EngineHarness.h"
#include "IntegratorProcess.h"
#include "model/Store.h"
#include "polling/SpreeTranslator.h"
#include "SpreeStoreServer.h"
#include "storage/StoreRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

QJsonObject allCollections()
{
    return {{QStringLiteral("orders"), 3600},
            {QStringLiteral("users"), 3600},
            {QStringLiteral("shipments"), 3600},
            {QStringLiteral("products"), 3600}};
}

// A store as the config file has it, for the API named; `refused` gives it a wrong credential.
QJsonObject storeConfig(const SpreeStoreServer &server, const QString &api, const QJsonObject &collections,
                        int pageSize = 50, bool refused = false, const QString &name = QStringLiteral("shop"))
{
    QJsonObject config{{QStringLiteral("name"), name},
                       {QStringLiteral("url"), server.url().toString()},
                       {QStringLiteral("api"), api},
                       {QStringLiteral("collections"), collections},
                       {QStringLiteral("page_size"), pageSize},
                       {QStringLiteral("timeout"), 5}};
    if (api == Store::kApiPlatformV2) {
        config.insert(QStringLiteral("client_id"), server.clientId());
        config.insert(QStringLiteral("client_secret"),
                      refused ? QStringLiteral("not-the-secret") : server.clientSecret());
    } else {
        config.insert(QStringLiteral("api_key"), refused ? QStringLiteral("sk_wrong") : server.apiKey());
    }
    return config;
}

QMap<QString, int> countTypes(const QJsonArray &messages)
{
    QMap<QString, int> counts;
    for (const QJsonValue &m : messages)
        ++counts[m[QStringLiteral("message")].toString()];
    return counts;
}

// Every message not seen before, in full.
QJsonArray newMessages(EngineHarness &harness, QSet<QString> *seen)
{
    QJsonArray fresh;
    for (const QJsonValue &m : harness.messages()) {
        const QString id = m[QStringLiteral("message_id")].toString();
        if (!seen->contains(id)) {
            seen->insert(id);
            fresh.append(harness.show(id));
        }
    }
    return fresh;
}

QString heartbeat(EngineHarness &harness, QString *lastError = nullptr)
{
    QJsonArray stores;
    QString error;
    StoreRepository(harness.db()).describe(&stores, &error);
    if (lastError)
        *lastError = stores[0][QStringLiteral("last_error")].toString();
    return stores[0][QStringLiteral("heartbeat")].toString();
}

} // namespace

class TestStoreApiPoller : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void changesBecomeTheExpectedMessages_data();
    void changesBecomeTheExpectedMessages();
    void platformOrdersHaveTheHubFormOfApiV1();
    void sharedUpdatedAtAcrossPagesAndARestart_data();
    void sharedUpdatedAtAcrossPagesAndARestart();
    void expiredTokenIsRenewedAndThePollGoesOn();
    void refusedCredentialIsOneLineAndABeat_data();
    void refusedCredentialIsOneLineAndABeat();
    void storeDownIsOneLineAndABeat_data();
    void storeDownIsOneLineAndABeat();
    void rateLimitWaitsForRetryAfter_data();
    void rateLimitWaitsForRetryAfter();
    void storesTestSaysWhichApiTheStoreSpeaks();
    void demoIsPolledThroughEachApi_data();
    void demoIsPolledThroughEachApi();

private:
    static void addApis();
};

void TestStoreApiPoller::addApis()
{
    QTest::addColumn<QString>("api");
    QTest::newRow("platform_v2") << Store::kApiPlatformV2;
    QTest::newRow("admin_v3") << Store::kApiAdminV3;
}

void TestStoreApiPoller::changesBecomeTheExpectedMessages_data()
{
    addApis();
}

void TestStoreApiPoller::changesBecomeTheExpectedMessages()
{
    QFETCH(QString, api);
    SpreeStoreServer store;
    QVERIFY(store.listen());
    const QString complete = store.addOrder(QStringLiteral("complete"));
    const QString toCancel = store.addOrder(QStringLiteral("complete"));
    store.addOrder(QStringLiteral("cart")); // neither API lists carts as orders
    store.addUser(QStringLiteral("early.bird@example.com"));
    const int product = store.addProduct(QStringLiteral("Spree Tote"));

    EngineHarness harness;
    QCOMPARE(harness.importConfig(
                 {{QStringLiteral("stores"), QJsonArray{storeConfig(store, api, allCollections())}}}),
             QString());
    QCOMPARE(harness.pollOnce(), QStringList());
    QSet<QString> seen;
    const QJsonArray first = newMessages(harness, &seen);
    const QMap<QString, int> firstCounts = countTypes(first);
    QCOMPARE(firstCounts.value(QStringLiteral("order:new")), 2);
    QCOMPARE(firstCounts.value(QStringLiteral("shipment:ready")), 2);
    QVERIFY(firstCounts.value(QStringLiteral("user:new")) >= 1);
    QVERIFY(firstCounts.value(QStringLiteral("product:new")) >= 1);
    for (const QJsonValue &m : first) {
        const QJsonObject payload = m[QStringLiteral("payload")].toObject();
        QCOMPARE(m[QStringLiteral("source")].toString(), QStringLiteral("store:shop"));
        if (m[QStringLiteral("message")].toString() == QLatin1String("shipment:ready")) {
            const QJsonObject shipment = payload[QStringLiteral("shipment")].toObject();
            QVERIFY(QStringList({complete, toCancel})
                        .contains(shipment[QStringLiteral("order_number")].toString()));
            QVERIFY(!shipment[QStringLiteral("email")].toString().isEmpty());
            QVERIFY(!shipment[QStringLiteral("items")].toArray().isEmpty());
            QVERIFY(!shipment[QStringLiteral("shipping_method")].toString().isEmpty());
            continue;
        }
        if (m[QStringLiteral("message")].toString() != QLatin1String("order:new"))
            continue;
        const QJsonObject order = payload[QStringLiteral("order")].toObject();
        const QJsonObject spree = store.order(order[QStringLiteral("number")].toString());
        QVERIFY(QStringList({complete, toCancel}).contains(order[QStringLiteral("number")].toString()));
        QCOMPARE(order[QStringLiteral("email")].toString(), spree[QStringLiteral("email")].toString());
        QCOMPARE(order[QStringLiteral("status")].toString(), QStringLiteral("complete"));
        QCOMPARE(order[QStringLiteral("totals")][QStringLiteral("order")].toDouble(),
                 spree[QStringLiteral("total")].toString().toDouble());
        const QJsonArray items = order[QStringLiteral("line_items")].toArray();
        QCOMPARE(items.size(), spree[QStringLiteral("line_items")].toArray().size());
        QCOMPARE(items[0][QStringLiteral("sku")].toString(),
                 spree[QStringLiteral("line_items")][0][QStringLiteral("variant")][QStringLiteral("sku")]
                     .toString());
        QCOMPARE(order[QStringLiteral("shipping_address")][QStringLiteral("city")].toString(),
                 spree[QStringLiteral("ship_address")][QStringLiteral("city")].toString());
        QCOMPARE(order[QStringLiteral("shipments")].toArray().size(), 1);
        QVERIFY(!payload[QStringLiteral("original")].toObject().isEmpty()); // the store's own form
    }

    QCOMPARE(harness.pollOnce(), QStringList()); // nothing changed: nothing
    QCOMPARE(newMessages(harness, &seen).size(), 0);

    QVERIFY(store.updateOrder(complete, [](QJsonObject &order) {
        order.insert(QStringLiteral("email"), QStringLiteral("new.address@example.com"));
    }));
    QVERIFY(store.setOrderState(toCancel, QStringLiteral("canceled")));
    QVERIFY(store.setShipmentState(store.shipmentNumbers(complete).first(), QStringLiteral("shipped"),
                                   QStringLiteral("1Z999AA10123456784")));
    store.addUser(QStringLiteral("late.comer@example.com"));
    QVERIFY(store.updateProduct(
        product, [](QJsonObject &p) { p.insert(QStringLiteral("price"), QStringLiteral("24.00")); }));

    QCOMPARE(harness.pollOnce(), QStringList());
    const QJsonArray second = newMessages(harness, &seen);
    const QMap<QString, int> expected{{QStringLiteral("order:updated"), 1},
                                      {QStringLiteral("order:canceled"), 1},
                                      {QStringLiteral("shipment:confirm"), 1},
                                      {QStringLiteral("user:new"), 1},
                                      {QStringLiteral("product:updated"), 1}};
    QCOMPARE(countTypes(second), expected);
    for (const QJsonValue &m : second) {
        const QJsonObject payload = m[QStringLiteral("payload")].toObject();
        const QString type = m[QStringLiteral("message")].toString();
        if (type == QLatin1String("order:updated")) {
            QCOMPARE(payload[QStringLiteral("order")][QStringLiteral("number")].toString(), complete);
            QCOMPARE(
                payload[QStringLiteral("diff")][QStringLiteral("email")][QStringLiteral("to")].toString(),
                QStringLiteral("new.address@example.com"));
        } else if (type == QLatin1String("order:canceled")) {
            QCOMPARE(payload[QStringLiteral("order")][QStringLiteral("number")].toString(), toCancel);
        } else if (type == QLatin1String("shipment:confirm")) {
            QCOMPARE(payload[QStringLiteral("shipment")][QStringLiteral("order_number")].toString(),
                     complete);
            QCOMPARE(payload[QStringLiteral("shipment")][QStringLiteral("tracking")].toString(),
                     QStringLiteral("1Z999AA10123456784"));
        }
    }
}

// The same store polled through API v1 and through the Platform API v2 gives the same hub form of each order.
void TestStoreApiPoller::platformOrdersHaveTheHubFormOfApiV1()
{
    SpreeStoreServer store;
    QVERIFY(store.listen());
    store.seed(12, 5, 6);
    const QJsonObject orders{{QStringLiteral("orders"), 3600}};
    EngineHarness v1;
    QJsonObject v1Config = storeConfig(store, Store::kApiAdminV3, orders);
    v1Config.insert(QStringLiteral("api"), Store::kApiV1);
    QCOMPARE(v1.importConfig({{QStringLiteral("stores"), QJsonArray{v1Config}}}), QString());
    EngineHarness v2;
    QCOMPARE(v2.importConfig(
                 {{QStringLiteral("stores"), QJsonArray{storeConfig(store, Store::kApiPlatformV2, orders)}}}),
             QString());
    QCOMPARE(v1.pollOnce(), QStringList());
    QCOMPARE(v2.pollOnce(), QStringList());
    const auto byNumber = [](EngineHarness &harness) {
        QMap<QString, QJsonObject> forms;
        for (const QJsonValue &m : harness.messages(QStringLiteral("order:new"))) {
            const QJsonObject order =
                harness
                    .show(m[QStringLiteral("message_id")]
                              .toString())[QStringLiteral("payload")][QStringLiteral("order")]
                    .toObject();
            // API v1's order detail leaves its shipments' email and address out; the Platform API has them.
            QJsonArray shipments = order[QStringLiteral("shipments")].toArray();
            for (auto shipment = shipments.begin(); shipment != shipments.end(); ++shipment) {
                QJsonObject fields = shipment->toObject();
                fields.remove(QStringLiteral("email"));
                fields.remove(QStringLiteral("shipping_address"));
                *shipment = fields;
            }
            QJsonObject compared = order;
            compared.insert(QStringLiteral("shipments"), shipments);
            // Without updated_at, which API v1's order detail leaves out of its shipments.
            forms.insert(order[QStringLiteral("number")].toString(),
                         SpreeTranslator::withoutUpdatedAt(compared));
        }
        return forms;
    };
    const QMap<QString, QJsonObject> fromV1 = byNumber(v1);
    const QMap<QString, QJsonObject> fromV2 = byNumber(v2);
    QVERIFY(!fromV2.isEmpty());
    const auto text = [](const QJsonValue &value) {
        return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
    };
    for (auto it = fromV2.cbegin(); it != fromV2.cend(); ++it) {
        const QJsonObject v1Form = fromV1.value(it.key());
        QCOMPARE(it.value().keys(), v1Form.keys());
        for (const QString &field : v1Form.keys())
            QVERIFY2(it.value().value(field) == v1Form.value(field),
                     qPrintable(QStringLiteral("%1 %2: %3 != %4")
                                    .arg(it.key(), field, text(it.value().value(field)),
                                         text(v1Form.value(field)))));
    }
    QCOMPARE(
        fromV2.size(), int(std::count_if(fromV1.cbegin(), fromV1.cend(), [](const QJsonObject &order) {
            return !order[QStringLiteral("placed_on")].isNull(); // carts are not in the Platform API's list
        })));
}

void TestStoreApiPoller::sharedUpdatedAtAcrossPagesAndARestart_data()
{
    addApis();
}

// Seven orders share one updated_at, read three to a page: the bookmark's list of ids seen at that time
// carries the poll across page boundaries and a restart without losing or repeating one.
void TestStoreApiPoller::sharedUpdatedAtAcrossPagesAndARestart()
{
    QFETCH(QString, api);
    SpreeStoreServer store;
    QVERIFY(store.listen());
    store.freezeClock(QDateTime::currentDateTimeUtc().addSecs(-60));
    QStringList numbers;
    for (int i = 0; i < 7; ++i)
        numbers << store.addOrder();
    store.unfreezeClock();
    for (int i = 0; i < 5; ++i)
        numbers << store.addOrder();

    EngineHarness harness;
    const QJsonObject orders{{QStringLiteral("orders"), 3600}};
    QCOMPARE(
        harness.importConfig({{QStringLiteral("stores"), QJsonArray{storeConfig(store, api, orders, 3)}}}),
        QString());
    store.failAfterPages(3); // the poll breaks off part-way, inside the tie
    const QStringList errors = harness.pollOnce();
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().contains(QStringLiteral("HTTP 500")), qPrintable(errors.first()));
    const int afterFailure = int(harness.messages(QStringLiteral("order:new")).size());
    QVERIFY2(afterFailure > 0 && afterFailure < 7, qPrintable(QString::number(afterFailure)));

    store.clearFailures();
    QVERIFY(harness.restartEngine());
    QCOMPARE(harness.pollOnce(), QStringList());
    QCOMPARE(harness.pollOnce(), QStringList()); // and a poll with nothing new repeats nothing
    QMap<QString, int> perOrder;
    for (const QJsonValue &m : harness.messages(QStringLiteral("order:new")))
        ++perOrder[harness
                       .show(m[QStringLiteral("message_id")].toString())[QStringLiteral(
                           "payload")][QStringLiteral("order")][QStringLiteral("number")]
                       .toString()];
    QCOMPARE(perOrder.size(), numbers.size()); // no gap
    for (const QString &number : std::as_const(numbers))
        QVERIFY2(perOrder.value(number) == 1, qPrintable(number)); // no repeat
}

void TestStoreApiPoller::expiredTokenIsRenewedAndThePollGoesOn()
{
    SpreeStoreServer store;
    QVERIFY(store.listen());
    store.addOrder();
    EngineHarness harness;
    const QJsonObject orders{{QStringLiteral("orders"), 3600}};
    QCOMPARE(harness.importConfig(
                 {{QStringLiteral("stores"), QJsonArray{storeConfig(store, Store::kApiPlatformV2, orders)}}}),
             QString());
    QCOMPARE(harness.pollOnce(), QStringList());
    QCOMPARE(store.tokensIssued(), 1);
    QCOMPARE(harness.pollOnce(), QStringList());
    QCOMPARE(store.tokensIssued(), 1); // kept between polls

    store.expireTokens(); // the store refuses the token before expires_in said it would
    const QString later = store.addOrder();
    QCOMPARE(harness.pollOnce(), QStringList());
    QCOMPARE(store.tokensIssued(), 2);
    QCOMPARE(harness.messages(QStringLiteral("order:new")).size(), 2);
    QCOMPARE(heartbeat(harness), QStringLiteral("up"));
}

void TestStoreApiPoller::refusedCredentialIsOneLineAndABeat_data()
{
    QTest::addColumn<QString>("api");
    QTest::addColumn<QString>("expected");
    QTest::newRow("platform_v2") << Store::kApiPlatformV2
                                 << QStringLiteral(
                                        "store shop: the token endpoint refused the OAuth client (HTTP 401, "
                                        "invalid_client); check client_id and client_secret");
    QTest::newRow("admin_v3") << Store::kApiAdminV3
                              << QStringLiteral(
                                     "store shop: the API key was refused (HTTP 401) reading orders page 1; "
                                     "check the store's api_key");
}

void TestStoreApiPoller::refusedCredentialIsOneLineAndABeat()
{
    QFETCH(QString, api);
    QFETCH(QString, expected);
    SpreeStoreServer store;
    QVERIFY(store.listen());
    store.addOrder();
    EngineHarness harness;
    QCOMPARE(harness.importConfig(
                 {{QStringLiteral("stores"),
                   QJsonArray{storeConfig(store, api, {{QStringLiteral("orders"), 3600}}, 50, true)}}}),
             QString());
    const QStringList errors = harness.pollOnce();
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().startsWith(expected), qPrintable(errors.first()));
    QVERIFY(!errors.first().contains(QLatin1Char('\n')));
    QVERIFY(!errors.first().contains(QStringLiteral("not-the-secret")) &&
            !errors.first().contains(QStringLiteral("sk_wrong")));
    QString lastError;
    QCOMPARE(heartbeat(harness, &lastError), QStringLiteral("degraded"));
    QCOMPARE(lastError, errors.first());
    QCOMPARE(harness.messages(QStringLiteral("order:*")).size(), 0);
}

void TestStoreApiPoller::storeDownIsOneLineAndABeat_data()
{
    addApis();
}

void TestStoreApiPoller::storeDownIsOneLineAndABeat()
{
    QFETCH(QString, api);
    SpreeStoreServer store;
    QVERIFY(store.listen());
    const quint16 port = store.port();
    store.addOrder();
    EngineHarness harness;
    QCOMPARE(
        harness.importConfig({{QStringLiteral("stores"),
                               QJsonArray{storeConfig(store, api, {{QStringLiteral("orders"), 3600}})}}}),
        QString());
    store.close();
    const QStringList errors = harness.pollOnce();
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().startsWith(QStringLiteral("store shop: ")) &&
                 errors.first().contains(QStringLiteral("connection refused")),
             qPrintable(errors.first()));
    QCOMPARE(heartbeat(harness), QStringLiteral("degraded"));
    QVERIFY(store.listen(port));
    QCOMPARE(harness.pollOnce(), QStringList());
    QCOMPARE(heartbeat(harness), QStringLiteral("up"));
    QCOMPARE(harness.messages(QStringLiteral("order:new")).size(), 1);
}

void TestStoreApiPoller::rateLimitWaitsForRetryAfter_data()
{
    addApis();
}

void TestStoreApiPoller::rateLimitWaitsForRetryAfter()
{
    QFETCH(QString, api);
    SpreeStoreServer store;
    QVERIFY(store.listen());
    store.addOrder();
    EngineHarness harness;
    QCOMPARE(
        harness.importConfig({{QStringLiteral("stores"),
                               QJsonArray{storeConfig(store, api, {{QStringLiteral("orders"), 3600}})}}}),
        QString());
    QCOMPARE(harness.pollOnce(), QStringList()); // the Platform API's token is in hand
    store.addOrder();
    store.rateLimitNext(1, 1);
    QSignalSpy served(&store, &SpreeStoreServer::requestServed);
    QCOMPARE(harness.pollOnce(), QStringList());
    QCOMPARE(harness.messages(QStringLiteral("order:new")).size(), 2);
    QList<int> statuses;
    for (const QList<QVariant> &answer : std::as_const(served))
        statuses << answer.at(1).toInt();
    QVERIFY2(statuses.contains(429) && statuses.last() == 200, qPrintable(QString::number(statuses.size())));

    store.rateLimitNext(1, 3600); // longer than a poll waits: the poll fails and says so
    const QStringList errors = harness.pollOnce();
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().contains(QStringLiteral("rate limited (HTTP 429, Retry-After 3600)")),
             qPrintable(errors.first()));
}

void TestStoreApiPoller::storesTestSaysWhichApiTheStoreSpeaks()
{
    SpreeStoreServer store;
    QVERIFY(store.listen());
    store.addOrder();
    store.serveOnly(Store::kApiAdminV3); // a Spree 5.5 store
    QTemporaryDir dir;
    const QStringList db{QStringLiteral("--db"), dir.filePath(QStringLiteral("t.sqlite"))};
    const auto importStore = [&](const QString &api) {
        QJsonObject config = storeConfig(store, Store::kApiAdminV3, {{QStringLiteral("orders"), 3600}});
        config.insert(QStringLiteral("api"), api);
        return runIntegrator(
            db + QStringList{QStringLiteral("config"), QStringLiteral("import"), QStringLiteral("-")},
            QJsonDocument(QJsonObject{{QStringLiteral("stores"), QJsonArray{config}}}).toJson());
    };
    const QStringList test =
        db + QStringList{QStringLiteral("stores"), QStringLiteral("test"), QStringLiteral("shop")};
    CliResult result = importStore(Store::kApiV1);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    result = runIntegrator(db + QStringList{QStringLiteral("poll")});
    QVERIFY2(result.exitCode == 1 &&
                 result.err.contains("not found (HTTP 404); check the store's url and api"),
             qPrintable(result.describe()));

    result = runIntegrator(test);
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.startsWith("integrator: store shop: speaks the Admin API v3, 1 orders visible") &&
                 result.err.trimmed().endsWith("; the configured api is \"v1\": set \"api\": \"admin_v3\""),
             qPrintable(result.describe()));

    result = importStore(Store::kApiAdminV3);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    result = runIntegrator(test);
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.startsWith("store shop: OK: speaks the Admin API v3, 1 orders visible"),
             qPrintable(result.describe()));
    result = runIntegrator(db + QStringList{QStringLiteral("stores"), QStringLiteral("--json")});
    QCOMPARE(QJsonDocument::fromJson(result.out).array()[0][QStringLiteral("api")].toString(),
             Store::kApiAdminV3);
}

void TestStoreApiPoller::demoIsPolledThroughEachApi_data()
{
    QTest::addColumn<QString>("api");
    QTest::newRow("v1") << Store::kApiV1;
    QTest::newRow("platform_v2") << Store::kApiPlatformV2;
    QTest::newRow("admin_v3") << Store::kApiAdminV3;
}

void TestStoreApiPoller::demoIsPolledThroughEachApi()
{
    QFETCH(QString, api);
    EngineHarness harness;
    DemoSetup::Options options;
    options.newOrdersOverTime = false;
    options.api = api;
    DemoSetup demo(options);
    QString error;
    QVERIFY2(demo.start(harness.db(), harness.credentials(), &error), qPrintable(error));
    QCOMPARE(demo.api(), api);
    QCOMPARE(harness.pollOnce(), QStringList());
    const qsizetype before = harness.messages(QStringLiteral("order:new")).size();
    const QString number = demo.store()->addOrder(QStringLiteral("complete"));
    QCOMPARE(harness.pollOnce(), QStringList());
    const QJsonArray orders = harness.messages(QStringLiteral("order:new")); // newest first
    QCOMPARE(orders.size(), before + 1);
    QCOMPARE(harness
                 .show(orders[0][QStringLiteral("message_id")].toString())[QStringLiteral(
                     "payload")][QStringLiteral("order")][QStringLiteral("number")]
                 .toString(),
             number);
}

QTEST_GUILESS_MAIN(TestStoreApiPoller)
#include "tst_storeapipoller.moc"
