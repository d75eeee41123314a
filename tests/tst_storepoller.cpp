// Store pollers against the Spree-like store server on 127.0.0.1, with data changed between polls.
#include "DemoIndexQuery.h"
#include "EngineHarness.h"
#include "IntegratorProcess.h"
#include "polling/StorePoller.h"
#include "RefusingTrigger.h"
#include "ScriptedEndpoint.h"
#include "SpreeStoreServer.h"
#include "storage/NotificationLog.h"
#include "storage/StoreRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

namespace {

QJsonObject storeConfig(const SpreeStoreServer &server, const QJsonObject &collections, int pageSize = 50,
                        const QString &apiKey = {}, double timeout = 5)
{
    return {{QStringLiteral("name"), QStringLiteral("shop")},
            {QStringLiteral("url"), server.url().toString()},
            {QStringLiteral("api_key"), apiKey.isEmpty() ? server.apiKey() : apiKey},
            {QStringLiteral("collections"), collections},
            {QStringLiteral("page_size"), pageSize},
            {QStringLiteral("timeout"), timeout}};
}

QJsonObject allCollections()
{
    return {{QStringLiteral("orders"), 3600},
            {QStringLiteral("users"), 3600},
            {QStringLiteral("shipments"), 3600},
            {QStringLiteral("products"), 3600}};
}

// Message types produced by polls, counted, e.g. {"order:new": 3}.
QMap<QString, int> countTypes(const QJsonArray &messages)
{
    QMap<QString, int> counts;
    for (const QJsonValue &m : messages)
        ++counts[m[QStringLiteral("message")].toString()];
    return counts;
}

} // namespace

class TestStorePoller : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void changesBecomeExactlyTheExpectedMessages();
    void restartMidCollectionHasNoGapAndNoRepeat();
    void heartbeatGoesDownAndRecovers();
    void errorsAreReportedAndKeepTheBookmark_data();
    void errorsAreReportedAndKeepTheBookmark();
    void refusedWritesAreReportedAndPolledAgain_data();
    void refusedWritesAreReportedAndPolledAgain();
    void pollAndStoresCommands();
    void apiUrlEncodesEverySegmentAndValue_data();
    void apiUrlEncodesEverySegmentAndValue();
    void orderNumbersAreEncodedInTheDetailUrl();

private:
    QJsonArray newMessages(EngineHarness &harness, QSet<QString> *seen);
};

QJsonArray TestStorePoller::newMessages(EngineHarness &harness, QSet<QString> *seen)
{
    QJsonArray fresh;
    const QJsonArray all = harness.messages();
    for (const QJsonValue &m : all) {
        const QString id = m[QStringLiteral("message_id")].toString();
        if (!seen->contains(id)) {
            seen->insert(id);
            fresh.append(harness.show(id));
        }
    }
    return fresh;
}

void TestStorePoller::changesBecomeExactlyTheExpectedMessages()
{
    SpreeStoreServer store;
    QVERIFY(store.listen());
    const QString complete = store.addOrder(QStringLiteral("complete"));
    const QString toCancel = store.addOrder(QStringLiteral("complete"));
    const QString cart = store.addOrder(QStringLiteral("cart"));
    store.addUser(QStringLiteral("early.bird@example.com"));
    const int product = store.addProduct(QStringLiteral("Spree Tote"));

    EngineHarness harness;
    QCOMPARE(
        harness.importConfig({{QStringLiteral("stores"), QJsonArray{storeConfig(store, allCollections())}}}),
        QString());
    QCOMPARE(harness.pollOnce(), QStringList());
    QSet<QString> seen;
    const QJsonArray first = newMessages(harness, &seen);
    const QMap<QString, int> firstCounts = countTypes(first);
    QCOMPARE(firstCounts.value(QStringLiteral("order:new")), 3);
    QCOMPARE(firstCounts.value(QStringLiteral("shipment:ready")), 2); // the cart's shipment is still pending
    QVERIFY(firstCounts.value(QStringLiteral("user:new")) >= 1);
    QVERIFY(firstCounts.value(QStringLiteral("product:new")) >= 1);
    for (const QJsonValue &m : first) {
        if (m[QStringLiteral("message")].toString() != QLatin1String("order:new"))
            continue;
        const QJsonObject order = m[QStringLiteral("payload")][QStringLiteral("order")].toObject();
        QVERIFY(QStringList({complete, toCancel, cart}).contains(order[QStringLiteral("number")].toString()));
        QVERIFY(!order[QStringLiteral("line_items")].toArray().isEmpty()); // read from the order's detail
        QVERIFY(!order[QStringLiteral("shipping_address")][QStringLiteral("city")].toString().isEmpty());
        QVERIFY(order[QStringLiteral("totals")][QStringLiteral("order")].isDouble());
        QVERIFY(
            m[QStringLiteral("payload")][QStringLiteral("original")][QStringLiteral("number")].isString());
        QCOMPARE(m[QStringLiteral("source")].toString(), QStringLiteral("store:shop"));
    }

    // Polled again without changes: nothing.
    QCOMPARE(harness.pollOnce(), QStringList());
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
    const QJsonArray third = newMessages(harness, &seen);
    const QMap<QString, int> counts = countTypes(third);
    const QMap<QString, int> expected{{QStringLiteral("order:updated"), 1},
                                      {QStringLiteral("order:canceled"), 1},
                                      {QStringLiteral("shipment:confirm"), 1},
                                      {QStringLiteral("user:new"), 1},
                                      {QStringLiteral("product:updated"), 1}};
    QCOMPARE(counts, expected);
    for (const QJsonValue &m : third) {
        const QJsonObject payload = m[QStringLiteral("payload")].toObject();
        const QString type = m[QStringLiteral("message")].toString();
        if (type == QLatin1String("order:updated")) {
            QCOMPARE(payload[QStringLiteral("order")][QStringLiteral("number")].toString(), complete);
            QCOMPARE(
                payload[QStringLiteral("diff")][QStringLiteral("email")][QStringLiteral("to")].toString(),
                QStringLiteral("new.address@example.com"));
            QVERIFY(payload[QStringLiteral("previous")][QStringLiteral("email")].toString() !=
                    QLatin1String("new.address@example.com"));
        } else if (type == QLatin1String("order:canceled")) {
            QCOMPARE(payload[QStringLiteral("order")][QStringLiteral("number")].toString(), toCancel);
            QCOMPARE(payload[QStringLiteral("order")][QStringLiteral("status")].toString(),
                     QStringLiteral("canceled"));
        } else if (type == QLatin1String("shipment:confirm")) {
            QCOMPARE(payload[QStringLiteral("shipment")][QStringLiteral("order_number")].toString(),
                     complete);
            QCOMPARE(payload[QStringLiteral("shipment")][QStringLiteral("tracking")].toString(),
                     QStringLiteral("1Z999AA10123456784"));
        }
    }
}

void TestStorePoller::restartMidCollectionHasNoGapAndNoRepeat()
{
    SpreeStoreServer store;
    QVERIFY(store.listen());
    // Seven orders share one updated_at, so with pages of 3 the tie crosses two page boundaries.
    store.freezeClock(QDateTime::currentDateTimeUtc().addSecs(-60));
    QStringList numbers;
    for (int i = 0; i < 7; ++i)
        numbers << store.addOrder();
    store.unfreezeClock();
    for (int i = 0; i < 5; ++i)
        numbers << store.addOrder();

    EngineHarness harness;
    const QJsonObject orders{{QStringLiteral("orders"), 3600}};
    QCOMPARE(harness.importConfig({{QStringLiteral("stores"), QJsonArray{storeConfig(store, orders, 3)}}}),
             QString());
    store.failAfterPages(3); // the poll breaks off part-way
    const QStringList errors = harness.pollOnce();
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().contains(QStringLiteral("HTTP 500")), qPrintable(errors.first()));
    const int afterFailure = int(harness.messages(QStringLiteral("order:new")).size());
    QVERIFY2(afterFailure > 0 && afterFailure < numbers.size(), qPrintable(QString::number(afterFailure)));

    store.clearFailures();
    QVERIFY(harness.restartEngine());
    QCOMPARE(harness.pollOnce(), QStringList());
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

void TestStorePoller::heartbeatGoesDownAndRecovers()
{
    SpreeStoreServer store;
    QVERIFY(store.listen());
    const quint16 port = store.port();
    ScriptedEndpoint chat;
    QVERIFY(chat.listen());
    EngineHarness harness;
    QJsonObject alerts{{QStringLiteral("name"), QStringLiteral("alerts")},
                       {QStringLiteral("endpoint"), QStringLiteral("chat")},
                       {QStringLiteral("messages"), QJsonArray{QStringLiteral("notification:*")}}};
    const QJsonObject config{
        {QStringLiteral("endpoints"), QJsonArray{testEndpoint(QStringLiteral("chat"), chat.url())}},
        {QStringLiteral("mappings"), QJsonArray{alerts}},
        {QStringLiteral("stores"), QJsonArray{storeConfig(store, {{QStringLiteral("orders"), 3600}})}}};
    QCOMPARE(harness.importConfig(config), QString());
    QCOMPARE(harness.pollOnce(), QStringList());

    auto heartbeat = [&harness] {
        QJsonArray stores;
        QString error;
        StoreRepository(harness.db()).describe(&stores, &error);
        return stores[0][QStringLiteral("heartbeat")].toString();
    };
    QCOMPARE(heartbeat(), QStringLiteral("up"));
    store.close();
    QCOMPARE(harness.pollOnce().size(), 1);
    QCOMPARE(heartbeat(), QStringLiteral("degraded"));
    QCOMPARE(harness.pollOnce().size(), 1);
    QCOMPARE(heartbeat(), QStringLiteral("degraded"));
    QCOMPARE(harness.pollOnce().size(), 1);
    QCOMPARE(heartbeat(), QStringLiteral("down"));
    QVERIFY(harness.runUntilIdle());
    QStringList delivered;
    for (const RecordedRequest &r : chat.requests())
        delivered << r.json()[QStringLiteral("message")].toString() + QLatin1Char(' ') +
                         r.json()[QStringLiteral("payload")][QStringLiteral("subject")].toString();
    QVERIFY2(delivered.contains(QStringLiteral("notification:error Store down: shop")),
             qPrintable(delivered.join(u',')));

    QVERIFY(store.listen(port));
    QCOMPARE(harness.pollOnce(), QStringList());
    QCOMPARE(heartbeat(), QStringLiteral("up"));
    QVERIFY(harness.runUntilIdle());
    QVERIFY(chat.requests().last().json()[QStringLiteral("message")].toString() ==
            QLatin1String("notification:info"));
    QCOMPARE(chat.requests().last().json()[QStringLiteral("payload")][QStringLiteral("subject")].toString(),
             QStringLiteral("Store recovered: shop"));
    QList<Notification> notifications;
    QString error;
    QVERIFY(
        NotificationLog(harness.db()).list(QStringLiteral("error"), QString(), 10, &notifications, &error));
    QVERIFY(std::any_of(notifications.cbegin(), notifications.cend(), [](const Notification &n) {
        return n.subject == QLatin1String("Store down: shop");
    }));
}

void TestStorePoller::errorsAreReportedAndKeepTheBookmark_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<QString>("expected");
    QTest::newRow("401 bad key") << QStringLiteral("badkey")
                                 << QStringLiteral("API key was refused (HTTP 401)");
    QTest::newRow("404 wrong URL") << QStringLiteral("badurl") << QStringLiteral("not found (HTTP 404)");
    QTest::newRow("503") << QStringLiteral("503") << QStringLiteral("HTTP 503");
    QTest::newRow("timeout") << QStringLiteral("hang")
                             << QStringLiteral("within 0.5 s (the store's timeout)");
    QTest::newRow("malformed JSON") << QStringLiteral("malformed") << QStringLiteral("malformed JSON");
    QTest::newRow("down") << QStringLiteral("down") << QStringLiteral(": is the store running?");
}

void TestStorePoller::errorsAreReportedAndKeepTheBookmark()
{
    QFETCH(QString, mode);
    QFETCH(QString, expected);
    SpreeStoreServer store;
    QVERIFY(store.listen());
    store.addOrder();
    QJsonObject config =
        storeConfig(store, {{QStringLiteral("orders"), 3600}}, 50,
                    mode == QLatin1String("badkey") ? QStringLiteral("wrong-key") : QString(), 0.5);
    if (mode == QLatin1String("badurl"))
        config.insert(QStringLiteral("url"), store.url().toString() + QStringLiteral("/not-the-shop"));
    if (mode == QLatin1String("503"))
        store.setFailure(503, R"({"error":"maintenance"})");
    if (mode == QLatin1String("hang"))
        store.setHang(true);
    if (mode == QLatin1String("malformed"))
        store.setMalformed(true);
    if (mode == QLatin1String("down"))
        store.close();
    EngineHarness harness;
    QCOMPARE(harness.importConfig({{QStringLiteral("stores"), QJsonArray{config}}}), QString());
    const QStringList errors = harness.pollOnce();
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().startsWith(QStringLiteral("store shop: ")) && errors.first().contains(expected),
             qPrintable(errors.first()));
    QVERIFY(!errors.first().contains(QLatin1Char('\n')));
    QCOMPARE(harness.messages(QStringLiteral("order:*")).size(), 0);
    QJsonArray stores;
    QString error;
    QVERIFY(StoreRepository(harness.db()).describe(&stores, &error));
    QVERIFY(stores[0][QStringLiteral("collections")][0][QStringLiteral("bookmark")].isNull());
    QCOMPARE(stores[0][QStringLiteral("last_error")].toString(), errors.first());
    QList<Notification> warnings;
    QVERIFY(NotificationLog(harness.db()).list(QStringLiteral("warn"), QString(), 10, &warnings, &error));
    QVERIFY(std::any_of(warnings.cbegin(), warnings.cend(),
                        [&](const Notification &n) { return n.description == errors.first(); }));
}

void TestStorePoller::pollAndStoresCommands()
{
    SpreeStoreServer store;
    QVERIFY(store.listen());
    store.addOrder();
    store.addOrder();
    QTemporaryDir dir;
    const QStringList db{QStringLiteral("--db"), dir.filePath(QStringLiteral("p.sqlite"))};
    const QJsonObject config{
        {QStringLiteral("stores"), QJsonArray{storeConfig(store, {{QStringLiteral("orders"), 3600}})}}};
    CliResult result = runIntegrator(
        db + QStringList{QStringLiteral("config"), QStringLiteral("import"), QStringLiteral("-")},
        QJsonDocument(config).toJson());
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    result = runIntegrator(db + QStringList{QStringLiteral("poll"), QStringLiteral("shop")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(result.out.contains("shop/orders: 2 new messages"), qPrintable(result.describe()));
    result = runIntegrator(db + QStringList{QStringLiteral("stores"), QStringLiteral("--json")});
    const QJsonObject shop = QJsonDocument::fromJson(result.out).array().first().toObject();
    QCOMPARE(shop[QStringLiteral("heartbeat")].toString(), QStringLiteral("up"));
    QVERIFY(!shop[QStringLiteral("last_success_at")].isNull());
    const QJsonObject bookmark =
        shop[QStringLiteral("collections")][0][QStringLiteral("bookmark")].toObject();
    QCOMPARE(bookmark[QStringLiteral("updated_at")].toString(),
             store.order(store.orderNumbers().last())[QStringLiteral("updated_at")].toString());
    result = runIntegrator(db + QStringList{QStringLiteral("poll"), QStringLiteral("nope")});
    QVERIFY(result.exitCode != 0 && result.err.contains("no store named \"nope\""));
    store.close();
    result = runIntegrator(db + QStringList{QStringLiteral("poll")});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.startsWith("integrator: store shop: ") && result.err.contains("connection refused"),
             qPrintable(result.describe()));
}

void TestStorePoller::apiUrlEncodesEverySegmentAndValue_data()
{
    QTest::addColumn<QString>("storeUrl");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("encodedPath");

    const QString odd = QStringLiteral("R/1?a=b&c#d e%41+\u00e9\u6771");
    const QByteArray oddEncoded = "R%2F1%3Fa%3Db%26c%23d%20e%2541%2B%C3%A9%E6%9D%B1";
    QTest::newRow("plain") << QStringLiteral("http://127.0.0.1:3000") << QStringLiteral("R100000001")
                           << QByteArray("/api/orders/R100000001");
    QTest::newRow("every delimiter") << QStringLiteral("http://127.0.0.1:3000") << odd
                                     << QByteArray("/api/orders/") + oddEncoded;
    QTest::newRow("under a path with a slash") << QStringLiteral("https://shop.example/store/") << odd
                                               << QByteArray("/store/api/orders/") + oddEncoded;
    QTest::newRow("under an encoded path") << QStringLiteral("https://shop.example/my%20shop") << odd
                                           << QByteArray("/my%20shop/api/orders/") + oddEncoded;
}

void TestStorePoller::apiUrlEncodesEverySegmentAndValue()
{
    QFETCH(QString, storeUrl);
    QFETCH(QString, value);
    QFETCH(QByteArray, encodedPath);

    const QUrl url = StorePoller::apiUrl(QUrl(storeUrl), {QStringLiteral("orders"), value},
                                         {{QStringLiteral("q[updated_at_gteq]"), value},
                                          {QStringLiteral("q[s]"), QStringLiteral("updated_at asc")}});
    QCOMPARE(url.path(QUrl::FullyEncoded).toLatin1(), encodedPath);
    QVERIFY2(!url.hasFragment(), url.toEncoded().constData());
    // Read back as Rails (and the fake store) read a query: "+" is a space, then percent-escapes.
    const QList<QPair<QString, QString>> items =
        DemoIndexQuery::decode(url.query(QUrl::FullyEncoded).toUtf8());
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0).first, QStringLiteral("q[updated_at_gteq]"));
    QCOMPARE(items.at(0).second, value);
    QCOMPARE(items.at(1).second, QStringLiteral("updated_at asc"));
    // A bookmark's time with an offset keeps its "+".
    const QString time = QStringLiteral("2026-11-22T10:00:00.000+02:00");
    const QUrl page = StorePoller::apiUrl(QUrl(storeUrl), {QStringLiteral("orders")},
                                          {{QStringLiteral("q[updated_at_gteq]"), time}});
    QCOMPARE(DemoIndexQuery::decode(page.query(QUrl::FullyEncoded).toUtf8()).first().second, time);
}

void TestStorePoller::orderNumbersAreEncodedInTheDetailUrl()
{
    // An order number is the store's to choose: each of these, unencoded, would split the path, start a
    // query or a fragment, or read as an escape, and the detail GET would fetch another record or none.
    SpreeStoreServer store;
    QVERIFY(store.listen());
    const QStringList numbers{QStringLiteral("R/1"),
                              QStringLiteral("R?2"),
                              QStringLiteral("R#3"),
                              QStringLiteral("R 4"),
                              QStringLiteral("R%415"),
                              QStringLiteral("R+6"),
                              QStringLiteral("Bestellung-\u00e9\u00df-\u6771\u4eac")};
    for (const QString &number : numbers)
        QCOMPARE(store.addOrder(QStringLiteral("complete"), number), number);

    EngineHarness harness;
    QCOMPARE(harness.importConfig({{QStringLiteral("stores"),
                                    QJsonArray{storeConfig(store, {{QStringLiteral("orders"), 3600}})}}}),
             QString());
    QCOMPARE(harness.pollOnce(), QStringList());
    QStringList polled;
    for (const QJsonValue &m : harness.messages(QStringLiteral("order:new"))) {
        const QJsonObject message = harness.show(m[QStringLiteral("message_id")].toString());
        const QJsonObject order = message[QStringLiteral("payload")][QStringLiteral("order")].toObject();
        QVERIFY(!order[QStringLiteral("line_items")].toArray().isEmpty()); // read from the order's detail
        polled.append(order[QStringLiteral("number")].toString());
    }
    std::sort(polled.begin(), polled.end());
    QStringList expected = numbers;
    std::sort(expected.begin(), expected.end());
    QCOMPARE(polled, expected);
    // One detail GET per order, each for its own number.
    QStringList detailed;
    for (const QUrl &url : store.requestedUrls()) {
        const QString path = url.path(QUrl::FullyEncoded);
        if (path.startsWith(QStringLiteral("/api/orders/")))
            detailed.append(QUrl::fromPercentEncoding(path.mid(12).toLatin1()));
    }
    std::sort(detailed.begin(), detailed.end());
    QCOMPARE(detailed, expected);
}

void TestStorePoller::refusedWritesAreReportedAndPolledAgain_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("written"); // a time column the poll writes in that table
    QTest::newRow("collection poll (finishJob)")
        << QStringLiteral("store_collections") << QStringLiteral("last_poll_at");
    QTest::newRow("heartbeat (recordBeat)") << QStringLiteral("stores") << QStringLiteral("last_beat_at");
}

// The database refuses what a poll writes at its end: the poll says so (its error, a notification, a
// warning) instead of carrying on as if recorded, and the collection is polled again by itself.
void TestStorePoller::refusedWritesAreReportedAndPolledAgain()
{
    QFETCH(QString, table);
    QFETCH(QString, written);
    SpreeStoreServer store;
    QVERIFY(store.listen());
    store.addUser(QStringLiteral("early.bird@example.com"));
    EngineHarness harness;
    QVERIFY2(harness.isValid(), qPrintable(harness.error()));
    QCOMPARE(harness.importConfig({{QStringLiteral("stores"),
                                    QJsonArray{storeConfig(store, {{QStringLiteral("users"), 3600}})}}}),
             QString());
    QCOMPARE(harness.pollOnce(), QStringList());
    const auto writtenAt = [&harness, table, written] {
        QSqlQuery query(harness.db().connection());
        query.exec(QStringLiteral("SELECT MAX(%1) FROM %2").arg(written, table));
        return query.next() ? query.value(0).toLongLong() : -1;
    };
    const qint64 before = writtenAt();
    QVERIFY(before > 0);

    QString error;
    QVERIFY2(RefusingTrigger::install(harness.db(), table, {}, &error), qPrintable(error));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("refused by the test.*polling again"),
                                            QRegularExpression::DotMatchesEverythingOption));
    const QStringList errors = harness.pollOnce();
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors[0].contains(QStringLiteral("cannot record")) &&
                 errors[0].contains(QStringLiteral("refused by the test")),
             qPrintable(errors[0]));
    QList<Notification> notifications;
    QVERIFY2(NotificationLog(harness.db())
                 .list(QStringLiteral("error"), QStringLiteral("shop"), 10, &notifications, &error),
             qPrintable(error));
    QCOMPARE(notifications.size(), 1);
    QCOMPARE(notifications[0].subject, QStringLiteral("Store poll not recorded: shop"));
    QCOMPARE(writtenAt(), before);

    QSignalSpy polled(&harness.engine(), &Engine::collectionPolled);
    QVERIFY2(RefusingTrigger::remove(harness.db(), table, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(!polled.isEmpty(), 20000); // no pollOnce: the poller tries again itself
    QCOMPARE(polled[0][1].toString(), QStringLiteral("users"));
    QCOMPARE(polled[0][3].toString(), QString());
    QVERIFY(writtenAt() > before);
}

QTEST_GUILESS_MAIN(TestStorePoller)
#include "tst_storepoller.moc"
