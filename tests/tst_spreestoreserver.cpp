#include "SpreeStoreServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>

namespace {

constexpr int ReplyTimeoutMs = 10000;

struct Fetched
{
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    int status = 0; // -1 when no answer came in time
    QByteArray contentType;
    QByteArray body;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

bool waitFinished(QNetworkReply *reply)
{
    if (reply->isFinished())
        return true;
    QSignalSpy finished(reply, &QNetworkReply::finished);
    return finished.wait(ReplyTimeoutMs);
}

QString field(const QJsonObject &object, const char *name)
{
    return object.value(QString::fromLatin1(name)).toString();
}

QJsonArray array(const QJsonObject &object, const char *name)
{
    return object.value(QString::fromLatin1(name)).toArray();
}

QJsonObject object(const QJsonObject &parent, const char *name)
{
    return parent.value(QString::fromLatin1(name)).toObject();
}

qint64 ms(const QString &timestamp)
{
    return QDateTime::fromString(timestamp, Qt::ISODateWithMs).toMSecsSinceEpoch();
}

QByteArray iso(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs).toLatin1();
}

bool isMoney(const QJsonValue &value)
{
    static const QRegularExpression pattern(QStringLiteral("^-?\\d+\\.\\d\\d$"));
    return value.isString() && pattern.match(value.toString()).hasMatch();
}

qint64 cents(const QJsonValue &value)
{
    return qRound64(value.toString().toDouble() * 100);
}

QStringList numbersOf(const QJsonArray &orders)
{
    QStringList numbers;
    for (const QJsonValue &order : orders)
        numbers.append(field(order.toObject(), "number"));
    return numbers;
}

// An hour ahead, so a frozen time is later than anything the running clock has given; ".123" on a whole
// second shows milliseconds survive the round trip.
QDateTime futureTime(int minutes = 60)
{
    const QDateTime now = QDateTime::currentDateTimeUtc().addSecs(minutes * 60);
    return QDateTime::fromMSecsSinceEpoch(now.toMSecsSinceEpoch() - now.toMSecsSinceEpoch() % 1000 + 123,
                                          Qt::UTC);
}

} // namespace

class TestSpreeStoreServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void keyInHeaderOrQueryIsAccepted();
    void wrongOrMissingKeyIs401();
    void unknownPathIs404();
    void otherMethodsAre405();
    void orderIndexIsSummaryAndDetailIsFull();
    void pagingCountsOverSeededData();
    void updatedAtGtExcludesAndGteqIncludesTheBoundary();
    void equalUpdatedAtSortsById();
    void setOrderStateMovesUpdatedAt();
    void setShipmentStateUpdatesShipmentsIndexAndOrder();
    void usersAndProductsIndexes();
    void clockIsStrictlyIncreasing();
    void seedIsDeterministic();
    void failureAnswersEveryRequest();
    void malformedBodyDoesNotParse();
    void failAfterPagesFailsMidPoll();
    void hangLeavesTheTimeoutToTheClient();
    void closedStoreRefusesConnections();
    void requestsAreRecordedAndSignalled();
    void keepAliveConnectionServesPipelinedRequests();

private:
    Fetched fetch(const QByteArray &target, const QByteArray &token, int transferTimeoutMs = 0);
    Fetched get(const QByteArray &target) { return fetch(target, server_->apiKey().toUtf8()); }

    std::unique_ptr<SpreeStoreServer> server_;
    std::unique_ptr<QNetworkAccessManager> manager_;
};

void TestSpreeStoreServer::init()
{
    server_ = std::make_unique<SpreeStoreServer>();
    QVERIFY(server_->listen());
    manager_ = std::make_unique<QNetworkAccessManager>();
    // An http_proxy in the environment must not capture loopback traffic.
    manager_->setProxy(QNetworkProxy::NoProxy);
}

void TestSpreeStoreServer::cleanup()
{
    manager_.reset();
    server_.reset();
}

// An empty token sends no X-Spree-Token header.
Fetched TestSpreeStoreServer::fetch(const QByteArray &target, const QByteArray &token, int transferTimeoutMs)
{
    QNetworkRequest request(QUrl::fromEncoded(server_->url().toEncoded() + target));
    if (!token.isEmpty())
        request.setRawHeader(QByteArrayLiteral("X-Spree-Token"), token);
    if (transferTimeoutMs > 0)
        request.setTransferTimeout(transferTimeoutMs);
    std::unique_ptr<QNetworkReply> reply(manager_->get(request));
    Fetched fetched;
    if (!waitFinished(reply.get())) {
        fetched.status = -1;
        return fetched;
    }
    fetched.error = reply->error();
    fetched.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    fetched.contentType = reply->rawHeader(QByteArrayLiteral("Content-Type"));
    if (reply->isOpen())
        fetched.body = reply->readAll();
    return fetched;
}

void TestSpreeStoreServer::keyInHeaderOrQueryIsAccepted()
{
    server_->seed(2, 1, 2);
    const Fetched byHeader = get(QByteArrayLiteral("/api/orders"));
    QCOMPARE(byHeader.status, 200);
    QCOMPARE(byHeader.json().value(QStringLiteral("total_count")).toInt(), 2);
    QVERIFY(byHeader.contentType.startsWith("application/json"));

    const Fetched byQuery = fetch(QByteArrayLiteral("/api/orders?token=spree-demo-key"), {});
    QCOMPARE(byQuery.status, 200);
    QCOMPARE(array(byQuery.json(), "orders").size(), 2);

    server_->setApiKey(QStringLiteral("other key"));
    QCOMPARE(server_->apiKey(), QStringLiteral("other key"));
    QCOMPARE(fetch(QByteArrayLiteral("/api/v1/orders.json?token=other%20key"), {}).status, 200);
}

void TestSpreeStoreServer::wrongOrMissingKeyIs401()
{
    const QString message = QStringLiteral("You are not authorized to perform that action.");
    const Fetched wrongHeader = fetch(QByteArrayLiteral("/api/orders"), QByteArrayLiteral("nope"));
    QCOMPARE(wrongHeader.status, 401);
    QCOMPARE(field(wrongHeader.json(), "error"), message);

    const Fetched wrongToken = fetch(QByteArrayLiteral("/api/orders?token=nope"), {});
    QCOMPARE(wrongToken.status, 401);
    QCOMPARE(field(wrongToken.json(), "error"), message);

    const Fetched missing = fetch(QByteArrayLiteral("/api/users"), {});
    QCOMPARE(missing.status, 401);
    QCOMPARE(field(missing.json(), "error"), message);

    // As in Spree, the header wins over the query parameter.
    QCOMPARE(fetch(QByteArrayLiteral("/api/orders?token=spree-demo-key"), QByteArrayLiteral("nope")).status,
             401);
}

void TestSpreeStoreServer::unknownPathIs404()
{
    server_->seed(1, 1, 1);
    const QString message = QStringLiteral("The resource you were looking for could not be found.");
    for (const QByteArray &target :
         {QByteArrayLiteral("/api/nothing"), QByteArrayLiteral("/api/orders/R999999999"),
          QByteArrayLiteral("/api/users/999"), QByteArrayLiteral("/api/products/no-such-slug"),
          QByteArrayLiteral("/api/orders/R100000001/extra"), QByteArrayLiteral("/orders"),
          QByteArrayLiteral("/")}) {
        const Fetched fetched = get(target);
        QVERIFY2(fetched.status == 404, target.constData());
        QCOMPARE(field(fetched.json(), "error"), message);
    }
    // Routing comes before authentication, as in Rails.
    QCOMPARE(fetch(QByteArrayLiteral("/api/nothing"), {}).status, 404);
}

void TestSpreeStoreServer::otherMethodsAre405()
{
    QNetworkRequest request(QUrl::fromEncoded(server_->url().toEncoded() + QByteArrayLiteral("/api/orders")));
    request.setRawHeader(QByteArrayLiteral("X-Spree-Token"), server_->apiKey().toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    std::unique_ptr<QNetworkReply> reply(manager_->post(request, QByteArrayLiteral("{\"order\":{}}")));
    QVERIFY(waitFinished(reply.get()));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 405);
    QCOMPARE(reply->rawHeader(QByteArrayLiteral("Allow")), QByteArrayLiteral("GET"));
    // The body was read past, so the connection still serves the next request.
    QCOMPARE(get(QByteArrayLiteral("/api/orders")).status, 200);
}

void TestSpreeStoreServer::orderIndexIsSummaryAndDetailIsFull()
{
    server_->seed(3, 2, 5);
    const QString number = server_->addOrder();
    QCOMPARE(number, QStringLiteral("R100000004"));

    const QJsonArray orders = array(get(QByteArrayLiteral("/api/orders")).json(), "orders");
    QCOMPARE(orders.size(), 4);
    const QJsonObject summary = orders.last().toObject();
    const QStringList summaryKeys = {QStringLiteral("adjustment_total"),
                                     QStringLiteral("channel"),
                                     QStringLiteral("completed_at"),
                                     QStringLiteral("created_at"),
                                     QStringLiteral("currency"),
                                     QStringLiteral("email"),
                                     QStringLiteral("id"),
                                     QStringLiteral("item_total"),
                                     QStringLiteral("number"),
                                     QStringLiteral("payment_state"),
                                     QStringLiteral("payment_total"),
                                     QStringLiteral("ship_total"),
                                     QStringLiteral("shipment_state"),
                                     QStringLiteral("state"),
                                     QStringLiteral("total"),
                                     QStringLiteral("updated_at"),
                                     QStringLiteral("user_id")};
    QCOMPARE(summary.keys(), summaryKeys);
    QCOMPARE(field(summary, "number"), number);
    QVERIFY(isMoney(summary.value(QStringLiteral("total"))));
    QVERIFY(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"))
                .match(field(summary, "updated_at"))
                .hasMatch());

    const Fetched detail = get(QByteArrayLiteral("/api/orders/") + number.toLatin1());
    QCOMPARE(detail.status, 200);
    const QJsonObject order = detail.json();
    QCOMPARE(order, server_->order(number));
    QCOMPARE(field(order, "state"), QStringLiteral("complete"));
    QCOMPARE(field(order, "currency"), QStringLiteral("USD"));
    QCOMPARE(field(order, "channel"), QStringLiteral("spree"));
    QCOMPARE(field(order, "payment_state"), QStringLiteral("paid"));
    QCOMPARE(field(order, "shipment_state"), QStringLiteral("ready"));
    QVERIFY(!field(order, "completed_at").isEmpty());
    for (const char *money : {"item_total", "ship_total", "adjustment_total", "total", "payment_total"})
        QVERIFY2(isMoney(order.value(QString::fromLatin1(money))), money);
    QCOMPARE(cents(order.value(QStringLiteral("total"))),
             cents(order.value(QStringLiteral("item_total"))) +
                 cents(order.value(QStringLiteral("ship_total"))) +
                 cents(order.value(QStringLiteral("adjustment_total"))));

    const QJsonArray lineItems = array(order, "line_items");
    QVERIFY(!lineItems.isEmpty() && lineItems.size() <= 3);
    qint64 itemTotal = 0;
    for (const QJsonValue &value : lineItems) {
        const QJsonObject item = value.toObject();
        QVERIFY(isMoney(item.value(QStringLiteral("price"))));
        QCOMPARE(item.value(QStringLiteral("variant_id")),
                 object(item, "variant").value(QStringLiteral("id")));
        QVERIFY(!field(object(item, "variant"), "sku").isEmpty());
        itemTotal +=
            cents(item.value(QStringLiteral("price"))) * item.value(QStringLiteral("quantity")).toInt();
    }
    QCOMPARE(itemTotal, cents(order.value(QStringLiteral("item_total"))));

    for (const char *name : {"bill_address", "ship_address"}) {
        const QJsonObject address = object(order, name);
        QVERIFY(!field(address, "address1").isEmpty());
        QCOMPARE(field(object(address, "country"), "iso"), QStringLiteral("US"));
        QCOMPARE(field(object(address, "state"), "abbr").size(), 2);
    }
    const QJsonObject payment = array(order, "payments").first().toObject();
    QCOMPARE(payment.value(QStringLiteral("amount")), order.value(QStringLiteral("total")));
    QCOMPARE(field(payment, "state"), QStringLiteral("completed"));
    QVERIFY(!field(object(payment, "payment_method"), "name").isEmpty());

    const QJsonArray shipments = array(order, "shipments");
    QCOMPARE(shipments.size(), 1);
    const QJsonObject shipment = shipments.first().toObject();
    QCOMPARE(field(shipment, "order_id"), number);
    QCOMPARE(field(shipment, "state"), QStringLiteral("ready"));
    QVERIFY(isMoney(shipment.value(QStringLiteral("cost"))));
    QVERIFY(shipment.value(QStringLiteral("shipped_at")).isNull());
    QCOMPARE(array(shipment, "manifest").size(), lineItems.size());
    QVERIFY(!field(array(shipment, "shipping_methods").first().toObject(), "name").isEmpty());
    QCOMPARE(QStringList{field(shipment, "number")}, server_->shipmentNumbers(number));
    QVERIFY(isMoney(array(order, "adjustments").first().toObject().value(QStringLiteral("amount"))));
}

void TestSpreeStoreServer::pagingCountsOverSeededData()
{
    server_->seed(60, 10, 10);
    const QJsonObject first = get(QByteArrayLiteral("/api/orders")).json();
    QCOMPARE(first.value(QStringLiteral("count")).toInt(), 25);
    QCOMPARE(first.value(QStringLiteral("total_count")).toInt(), 60);
    QCOMPARE(first.value(QStringLiteral("current_page")).toInt(), 1);
    QCOMPARE(first.value(QStringLiteral("pages")).toInt(), 3);
    QCOMPARE(first.value(QStringLiteral("per_page")).toInt(), 25);

    const QJsonObject last = get(QByteArrayLiteral("/api/orders?page=3")).json();
    QCOMPARE(last.value(QStringLiteral("count")).toInt(), 10);
    QCOMPARE(last.value(QStringLiteral("current_page")).toInt(), 3);
    const QJsonObject beyond = get(QByteArrayLiteral("/api/orders?page=4")).json();
    QCOMPARE(beyond.value(QStringLiteral("count")).toInt(), 0);
    QVERIFY(array(beyond, "orders").isEmpty());

    const QJsonObject capped = get(QByteArrayLiteral("/api/orders?per_page=500")).json();
    QCOMPARE(capped.value(QStringLiteral("per_page")).toInt(), 100);
    QCOMPARE(capped.value(QStringLiteral("count")).toInt(), 60);
    QCOMPARE(capped.value(QStringLiteral("pages")).toInt(), 1);

    // Walking the pages sorted by updated_at sees every order once, oldest change first.
    QStringList walked;
    qint64 previous = 0;
    for (int page = 1; page <= 6; ++page) {
        const QJsonObject answer =
            get(QByteArrayLiteral("/api/orders?q%5Bs%5D=updated_at+asc&per_page=11&page=") +
                QByteArray::number(page))
                .json();
        QCOMPARE(answer.value(QStringLiteral("pages")).toInt(), 6);
        for (const QJsonValue &order : array(answer, "orders")) {
            QVERIFY(ms(field(order.toObject(), "updated_at")) > previous);
            previous = ms(field(order.toObject(), "updated_at"));
            walked.append(field(order.toObject(), "number"));
        }
    }
    QCOMPARE(walked, server_->orderNumbers());
    QCOMPARE(QSet<QString>(walked.cbegin(), walked.cend()).size(), 60);
}

void TestSpreeStoreServer::updatedAtGtExcludesAndGteqIncludesTheBoundary()
{
    const QString before = server_->addOrder();
    const QDateTime boundary = futureTime();
    server_->freezeClock(boundary);
    const QString atFirst = server_->addOrder();
    const QString atSecond = server_->addOrder();
    server_->unfreezeClock();
    const QString after = server_->addOrder();
    QCOMPARE(ms(field(server_->order(after), "updated_at")), boundary.toMSecsSinceEpoch() + 1);

    const Fetched gt = get(QByteArrayLiteral("/api/orders?q%5Bupdated_at_gt%5D=") + iso(boundary));
    QCOMPARE(gt.status, 200);
    QCOMPARE(numbersOf(array(gt.json(), "orders")), QStringList{after});
    QVERIFY(server_->requestedUrls().last().toEncoded().contains("q%5Bupdated_at_gt%5D"));

    const Fetched gteq = get(QByteArrayLiteral("/api/orders?q%5Bupdated_at_gteq%5D=") + iso(boundary));
    QCOMPARE(numbersOf(array(gteq.json(), "orders")), (QStringList{atFirst, atSecond, after}));
    QCOMPARE(gteq.json().value(QStringLiteral("total_count")).toInt(), 3);

    // Unencoded brackets and an offset instead of "Z" mean the same.
    QByteArray offset = boundary.toOffsetFromUtc(3600).toString(Qt::ISODateWithMs).toLatin1();
    QVERIFY(offset.endsWith("+01:00"));
    const Fetched shifted = get(QByteArrayLiteral("/api/orders?q[updated_at_gteq]=") +
                                offset.replace('+', QByteArrayLiteral("%2B")));
    QCOMPARE(numbersOf(array(shifted.json(), "orders")), (QStringList{atFirst, atSecond, after}));
    QVERIFY(!numbersOf(array(shifted.json(), "orders")).contains(before));
}

void TestSpreeStoreServer::equalUpdatedAtSortsById()
{
    server_->seed(6, 3, 5);
    const QStringList numbers = server_->orderNumbers();
    const QDateTime shared = futureTime();
    server_->freezeClock(shared);
    // Changed newest id first, so only the tie-break can put them back in id order.
    for (const int index : {4, 1, 3})
        QVERIFY(server_->updateOrder(numbers.at(index), [](QJsonObject &order) {
            order.insert(QStringLiteral("special_instructions"), QStringLiteral("Leave at the door."));
        }));
    server_->unfreezeClock();
    const QStringList tied = {numbers.at(1), numbers.at(3), numbers.at(4)};

    const QStringList ascending =
        numbersOf(array(get(QByteArrayLiteral("/api/orders?q%5Bs%5D=updated_at%20asc")).json(), "orders"));
    QCOMPARE(ascending.mid(3), tied);
    const QStringList descending =
        numbersOf(array(get(QByteArrayLiteral("/api/orders?q%5Bs%5D=updated_at+desc")).json(), "orders"));
    QCOMPARE(descending.mid(0, 3), tied);

    // Paging through the tie neither repeats nor skips an order.
    const QByteArray poll =
        QByteArrayLiteral("/api/orders?q%5Bs%5D=updated_at+asc&per_page=2&q%5Bupdated_at_gteq%5D=") +
        iso(shared) + QByteArrayLiteral("&page=");
    QCOMPARE(numbersOf(array(get(poll + '1').json(), "orders")), tied.mid(0, 2));
    QCOMPARE(numbersOf(array(get(poll + '2').json(), "orders")), tied.mid(2));
}

void TestSpreeStoreServer::setOrderStateMovesUpdatedAt()
{
    const QString number = server_->addOrder();
    const QString mark = field(server_->order(number), "updated_at");
    QVERIFY(server_->setOrderState(number, QStringLiteral("canceled")));
    QVERIFY(!server_->setOrderState(number, QStringLiteral("teleported")));
    QVERIFY(!server_->setOrderState(QStringLiteral("R0"), QStringLiteral("complete")));

    const QJsonObject order = get(QByteArrayLiteral("/api/orders/") + number.toLatin1()).json();
    QCOMPARE(field(order, "state"), QStringLiteral("canceled"));
    QCOMPARE(field(order, "payment_state"), QStringLiteral("void"));
    QVERIFY(ms(field(order, "updated_at")) > ms(mark));
    const QJsonArray changed =
        array(get(QByteArrayLiteral("/api/orders?q%5Bupdated_at_gt%5D=") + mark.toLatin1()).json(), "orders");
    QCOMPARE(numbersOf(changed), QStringList{number});
    QCOMPARE(field(changed.first().toObject(), "state"), QStringLiteral("canceled"));
}

void TestSpreeStoreServer::setShipmentStateUpdatesShipmentsIndexAndOrder()
{
    server_->seed(5, 3, 4);
    const QString number = server_->addOrder();
    const QString shipmentNumber = server_->shipmentNumbers(number).first();
    const QString mark = field(server_->order(number), "updated_at");
    const QString tracking = QStringLiteral("1Z999AA10123456784");
    QVERIFY(server_->setShipmentState(shipmentNumber, QStringLiteral("shipped"), tracking));
    QVERIFY(!server_->setShipmentState(QStringLiteral("H0"), QStringLiteral("shipped")));

    const QJsonObject index =
        get(QByteArrayLiteral("/api/shipments?q%5Bupdated_at_gt%5D=") + mark.toLatin1()).json();
    QCOMPARE(index.value(QStringLiteral("total_count")).toInt(), 1);
    const QJsonObject shipment = array(index, "shipments").first().toObject();
    QCOMPARE(field(shipment, "number"), shipmentNumber);
    QCOMPARE(field(shipment, "state"), QStringLiteral("shipped"));
    QCOMPARE(field(shipment, "tracking"), tracking);
    QCOMPARE(field(shipment, "order_id"), number);
    QCOMPARE(field(shipment, "email"), field(server_->order(number), "email"));
    QVERIFY(ms(field(shipment, "shipped_at")) > ms(mark));
    QCOMPARE(field(shipment, "updated_at"), field(shipment, "shipped_at"));

    const QJsonObject order = get(QByteArrayLiteral("/api/orders/") + number.toLatin1()).json();
    QCOMPARE(field(order, "shipment_state"), QStringLiteral("shipped"));
    QCOMPARE(field(order, "updated_at"), field(shipment, "updated_at"));
    QCOMPARE(field(array(order, "shipments").first().toObject(), "tracking"), tracking);
    QVERIFY(!array(order, "shipments").first().toObject().contains(QStringLiteral("updated_at")));
    QCOMPARE(
        numbersOf(array(get(QByteArrayLiteral("/api/orders?q%5Bupdated_at_gt%5D=") + mark.toLatin1()).json(),
                        "orders")),
        QStringList{number});
}

void TestSpreeStoreServer::usersAndProductsIndexes()
{
    server_->seed(0, 7, 4);
    const QJsonObject users = get(QByteArrayLiteral("/api/users")).json();
    QCOMPARE(users.value(QStringLiteral("total_count")).toInt(), 7);
    for (const QJsonValue &value : array(users, "users")) {
        const QJsonObject user = value.toObject();
        QVERIFY(field(user, "email").contains(QLatin1Char('@')));
        QVERIFY(!field(object(user, "bill_address"), "city").isEmpty());
        QVERIFY(!field(user, "updated_at").isEmpty());
    }
    const QJsonObject products = get(QByteArrayLiteral("/api/products")).json();
    QCOMPARE(products.value(QStringLiteral("total_count")).toInt(), 4);
    for (const QJsonValue &value : array(products, "products")) {
        const QJsonObject product = value.toObject();
        QVERIFY(isMoney(product.value(QStringLiteral("price"))));
        QVERIFY(!field(product, "slug").isEmpty());
        QVERIFY(!field(product, "sku").isEmpty());
        QVERIFY(!field(product, "available_on").isEmpty());
    }

    // Seeding made the products first, then the users.
    const QString mark = field(array(users, "users").last().toObject(), "updated_at");
    const int userId = server_->addUser(QStringLiteral("Jane.Doe@Example.com"));
    QCOMPARE(userId, 8);
    QCOMPARE(server_->addUser(QStringLiteral("jane.doe@example.com")), 0);
    const int productId = server_->addProduct(QStringLiteral("Demo Mug"));
    QCOMPARE(productId, 5);
    QVERIFY(server_->updateProduct(
        2, [](QJsonObject &product) { product.insert(QStringLiteral("price"), QStringLiteral("99.00")); }));
    QVERIFY(!server_->updateProduct(99, [](QJsonObject &) {}));

    const QJsonObject newUsers =
        get(QByteArrayLiteral("/api/users?q%5Bupdated_at_gt%5D=") + mark.toLatin1()).json();
    QCOMPARE(array(newUsers, "users").size(), 1);
    QCOMPARE(field(array(newUsers, "users").first().toObject(), "email"),
             QStringLiteral("jane.doe@example.com"));
    const QJsonArray changedProducts =
        array(get(QByteArrayLiteral("/api/products?q%5Bupdated_at_gt%5D=") + mark.toLatin1() +
                  QByteArrayLiteral("&q%5Bs%5D=updated_at+asc"))
                  .json(),
              "products");
    QCOMPARE(changedProducts.size(), 2);
    QCOMPARE(changedProducts.at(0).toObject().value(QStringLiteral("id")).toInt(), 5);
    QCOMPARE(changedProducts.at(1).toObject().value(QStringLiteral("id")).toInt(), 2);
    QCOMPARE(field(changedProducts.at(1).toObject(), "price"), QStringLiteral("99.00"));

    QCOMPARE(field(get(QByteArrayLiteral("/api/products/demo-mug")).json(), "name"),
             QStringLiteral("Demo Mug"));
    QCOMPARE(field(get(QByteArrayLiteral("/api/users/8")).json(), "email"),
             QStringLiteral("jane.doe@example.com"));
}

void TestSpreeStoreServer::clockIsStrictlyIncreasing()
{
    qint64 previous = 0;
    for (int i = 0; i < 20; ++i) {
        const qint64 stamped = ms(field(server_->order(server_->addOrder()), "updated_at"));
        QVERIFY(stamped > previous);
        previous = stamped;
    }
}

void TestSpreeStoreServer::seedIsDeterministic()
{
    SpreeStoreServer other;
    server_->seed(8, 4, 6);
    other.seed(8, 4, 6);
    QCOMPARE(other.orderNumbers(), server_->orderNumbers());
    for (const QString &number : server_->orderNumbers()) {
        const QJsonObject mine = server_->order(number);
        const QJsonObject theirs = other.order(number);
        for (const char *name : {"state", "email", "total", "shipment_state"})
            QCOMPARE(mine.value(QString::fromLatin1(name)), theirs.value(QString::fromLatin1(name)));
        for (const char *name : {"line_items", "bill_address", "payments"})
            QCOMPARE(mine.value(QString::fromLatin1(name)), theirs.value(QString::fromLatin1(name)));
    }
}

void TestSpreeStoreServer::failureAnswersEveryRequest()
{
    QSignalSpy served(server_.get(), &SpreeStoreServer::requestServed);
    server_->setFailure(503);
    for (const QByteArray &target : {QByteArrayLiteral("/api/orders"), QByteArrayLiteral("/api/nothing")}) {
        const Fetched failed = get(target);
        QCOMPARE(failed.status, 503);
        QVERIFY(failed.contentType.startsWith("text/html"));
    }
    QCOMPARE(served.count(), 2);
    QCOMPARE(served.last().at(1).toInt(), 503);

    server_->setFailure(429, QByteArrayLiteral("{\"error\":\"slow down\"}"));
    const Fetched limited = get(QByteArrayLiteral("/api/orders"));
    QCOMPARE(limited.status, 429);
    QCOMPARE(field(limited.json(), "error"), QStringLiteral("slow down"));

    server_->clearFailures();
    QCOMPARE(get(QByteArrayLiteral("/api/orders")).status, 200);
}

void TestSpreeStoreServer::malformedBodyDoesNotParse()
{
    server_->seed(5, 2, 3);
    server_->setMalformed(true);
    const Fetched fetched = get(QByteArrayLiteral("/api/orders"));
    QCOMPARE(fetched.status, 200);
    QVERIFY(!fetched.body.isEmpty());
    QJsonParseError error;
    QJsonDocument::fromJson(fetched.body, &error);
    QVERIFY(error.error != QJsonParseError::NoError);

    server_->setMalformed(false);
    QCOMPARE(get(QByteArrayLiteral("/api/orders")).json().value(QStringLiteral("total_count")).toInt(), 5);
}

void TestSpreeStoreServer::failAfterPagesFailsMidPoll()
{
    server_->seed(30, 5, 5);
    server_->failAfterPages(1);
    QCOMPARE(get(QByteArrayLiteral("/api/orders?page=1")).status, 200);
    // Details are not index pages: they neither count nor fail.
    QCOMPARE(get(QByteArrayLiteral("/api/orders/R100000001")).status, 200);
    QCOMPARE(get(QByteArrayLiteral("/api/orders?page=2")).status, 500);
    QCOMPARE(get(QByteArrayLiteral("/api/users")).status, 500);

    server_->failAfterPages(0, 502);
    QCOMPARE(get(QByteArrayLiteral("/api/orders")).status, 502);
    server_->failAfterPages(-1);
    QCOMPARE(get(QByteArrayLiteral("/api/orders?page=2")).status, 200);
}

void TestSpreeStoreServer::hangLeavesTheTimeoutToTheClient()
{
    QSignalSpy served(server_.get(), &SpreeStoreServer::requestServed);
    server_->setHang(true);
    const Fetched hung = fetch(QByteArrayLiteral("/api/orders"), server_->apiKey().toUtf8(), 300);
    // Qt 6.4 reports a transfer timeout as a cancel; later versions as a timeout.
    QVERIFY(hung.error == QNetworkReply::OperationCanceledError || hung.error == QNetworkReply::TimeoutError);
    QCOMPARE(server_->requestCount(), 1);
    QCOMPARE(served.count(), 0);

    server_->clearFailures();
    QCOMPARE(get(QByteArrayLiteral("/api/orders")).status, 200);
}

void TestSpreeStoreServer::closedStoreRefusesConnections()
{
    QCOMPARE(get(QByteArrayLiteral("/api/orders")).status, 200);
    const quint16 port = server_->port();
    server_->close();
    QCOMPARE(server_->port(), port);
    QCOMPARE(get(QByteArrayLiteral("/api/orders")).error, QNetworkReply::ConnectionRefusedError);

    // The store comes back at the same url.
    QVERIFY(server_->listen(port));
    QCOMPARE(get(QByteArrayLiteral("/api/orders")).status, 200);
}

void TestSpreeStoreServer::requestsAreRecordedAndSignalled()
{
    QSignalSpy served(server_.get(), &SpreeStoreServer::requestServed);
    get(QByteArrayLiteral("/api/orders?page=2&q%5Bs%5D=updated_at+asc"));
    fetch(QByteArrayLiteral("/api/users"), {});
    QCOMPARE(server_->requestCount(), 2);
    const QList<QUrl> urls = server_->requestedUrls();
    QCOMPARE(urls.size(), 2);
    QCOMPARE(urls.at(0).path(), QStringLiteral("/api/orders"));
    QCOMPARE(urls.at(0).query(QUrl::FullyEncoded), QStringLiteral("page=2&q%5Bs%5D=updated_at+asc"));
    QCOMPARE(urls.at(1).path(), QStringLiteral("/api/users"));
    QCOMPARE(served.count(), 2);
    QCOMPARE(served.at(0).at(0).toUrl(), urls.at(0));
    QCOMPARE(served.at(0).at(1).toInt(), 200);
    QCOMPARE(served.at(1).at(1).toInt(), 401);
}

void TestSpreeStoreServer::keepAliveConnectionServesPipelinedRequests()
{
    server_->seed(2, 1, 1);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server_->port());
    QVERIFY(client.waitForConnected(ReplyTimeoutMs));
    const QByteArray request = QByteArrayLiteral("GET /api/orders?token=spree-demo-key HTTP/1.1\r\n"
                                                 "Host: 127.0.0.1\r\n\r\n");
    client.write(request + request);
    QByteArray received;
    connect(&client, &QIODevice::readyRead, this,
            [&received, &client] { received.append(client.readAll()); });
    QTRY_COMPARE_WITH_TIMEOUT(received.count("HTTP/1.1 200 OK\r\n"), 2, ReplyTimeoutMs);
    QCOMPARE(server_->requestCount(), 2);
    QCOMPARE(client.state(), QAbstractSocket::ConnectedState);
}

QTEST_GUILESS_MAIN(TestSpreeStoreServer)
#include "tst_spreestoreserver.moc"
