// The push API over real loopback HTTP: what is answered 201 is in the database, what is refused
// leaves nothing behind, and a burst of concurrent pushes is committed in few transactions.
#include "EngineHarness.h"
#include "http/PushApiServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>

namespace {

const QByteArray kShopToken = "push_shop_0123456789abcdefghijklmn";
const QByteArray kOtherToken = "push_other_0123456789abcdefghijklm";
const QString kShopPath = QStringLiteral("/api/stores/shop/messages");

using Headers = QList<QPair<QByteArray, QByteArray>>;

struct HttpResult
{
    int status = 0;
    QByteArray headers; // raw clients only
    QJsonValue body;
    QJsonObject object() const { return body.toObject(); }
    QString error() const { return object().value(QStringLiteral("error")).toString(); }
};

QJsonValue parseJson(const QByteArray &data)
{
    const QJsonDocument document = QJsonDocument::fromJson(data);
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

QByteArray orderNew(const QString &number, const QString &id = {})
{
    QJsonObject message{
        {QStringLiteral("message"), QStringLiteral("order:new")},
        {QStringLiteral("payload"),
         QJsonObject{{QStringLiteral("order"), QJsonObject{{QStringLiteral("number"), number}}}}}};
    if (!id.isEmpty())
        message.insert(QStringLiteral("message_id"), id);
    return QJsonDocument(message).toJson(QJsonDocument::Compact);
}

QByteArray rawPost(const QByteArray &path, const QByteArray &body, const QByteArray &extraHeaders = {})
{
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Augury-Token: " + kShopToken +
           "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
           "\r\n" + extraHeaders + "\r\n" + body;
}

bool isObjectId(const QString &id)
{
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(QStringLiteral("[0-9a-f]{24}")));
    return pattern.match(id).hasMatch();
}

// A client that writes bytes exactly as given, for what QNetworkAccessManager will not send.
class RawClient
{
public:
    explicit RawClient(quint16 port)
    {
        socket_.connectToHost(QHostAddress::LocalHost, port);
        if (!QTest::qWaitFor([this] { return socket_.state() == QAbstractSocket::ConnectedState; }, 10000))
            qWarning("raw client: no connection to port %d", int(port));
    }

    void send(const QByteArray &bytes) { socket_.write(bytes); }
    void close() { socket_.disconnectFromHost(); }
    // The next complete response; status 0 when none came in time.
    HttpResult next(int timeoutMs = 10000)
    {
        HttpResult result;
        const bool complete = QTest::qWaitFor(
            [&] {
                buffer_ += socket_.readAll();
                return take(&result);
            },
            timeoutMs);
        return complete ? result : HttpResult();
    }
    bool waitUntilClosed(int timeoutMs = 10000)
    {
        return QTest::qWaitFor([this] { return socket_.state() == QAbstractSocket::UnconnectedState; },
                               timeoutMs);
    }

private:
    bool take(HttpResult *out)
    {
        const qsizetype end = buffer_.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const QByteArray head = buffer_.left(end);
        static const QRegularExpression lengthPattern(QStringLiteral("(?i)\r\ncontent-length: *(\\d+)"));
        const QRegularExpressionMatch length = lengthPattern.match(QString::fromLatin1(head));
        const qsizetype bodyLength = length.hasMatch() ? length.captured(1).toLongLong() : 0;
        if (buffer_.size() < end + 4 + bodyLength)
            return false;
        out->status = head.mid(9, 3).toInt();
        out->headers = head;
        out->body = parseJson(buffer_.mid(end + 4, bodyLength));
        buffer_.remove(0, end + 4 + bodyLength);
        return true;
    }

    QTcpSocket socket_;
    QByteArray buffer_;
};

} // namespace

class TestPushApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void goodPushIsStoredWithItsDeliveries();
    void hubHeadersAreAccepted();
    void batchPushAnswersEveryMessage_data();
    void batchPushAnswersEveryMessage();
    void pushingAStoredMessageAgainIsHarmless();
    void badTokensAreRefused_data();
    void badTokensAreRefused();
    void storeWithoutPushTokenIsRefused();
    void unknownStoreIsNotFound();
    void badBodiesAreRefusedWithTheReason_data();
    void badBodiesAreRefusedWithTheReason();
    void oversizedBodyIsRefusedUnread();
    void wrongMethodAndPathAreRefused();
    void malformedRequestsAreRefused_data();
    void malformedRequestsAreRefused();
    void keepAliveAnswersPipelinedRequestsInOrder();
    void connectionCloseIsHonoured();
    void connectionsPastTheLimitAreRefusedUntilOneCloses();
    void changedPushTokenIsPickedUp();
    void thousandConcurrentPushesAreAllDurable();
    void listensOnlyOnTheAddressGiven();
    void listenAddressIsParsed_data();
    void listenAddressIsParsed();

private:
    QJsonObject config(const QByteArray &shopToken = kShopToken) const;
    QUrl url(const QString &path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(server_->port()).arg(path));
    }
    HttpResult post(const QString &path, const QByteArray &body, const Headers &headers);
    HttpResult post(const QByteArray &body)
    {
        return post(kShopPath, body, {{"X-Augury-Token", kShopToken}});
    }

    std::unique_ptr<EngineHarness> harness_;
    std::unique_ptr<PushApiServer> server_;
    std::unique_ptr<QNetworkAccessManager> network_;
};

QJsonObject TestPushApi::config(const QByteArray &shopToken) const
{
    const QString storeUrl = QStringLiteral("http://127.0.0.1:9");
    return {{QStringLiteral("endpoints"),
             QJsonArray{testEndpoint(QStringLiteral("mailer"), QUrl(QStringLiteral("http://127.0.0.1:9")),
                                     QStringLiteral("endpoint_token_0123456789abcdefghij"))}},
            {QStringLiteral("mappings"),
             QJsonArray{testMapping(QStringLiteral("confirmation"), QStringLiteral("mailer"),
                                    QStringLiteral("/confirm"), {QStringLiteral("order:new")})}},
            {QStringLiteral("stores"),
             QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("shop")},
                                    {QStringLiteral("url"), storeUrl},
                                    {QStringLiteral("push_token"), QString::fromLatin1(shopToken)}},
                        QJsonObject{{QStringLiteral("name"), QStringLiteral("other shop")},
                                    {QStringLiteral("url"), storeUrl},
                                    {QStringLiteral("push_token"), QString::fromLatin1(kOtherToken)}},
                        QJsonObject{{QStringLiteral("name"), QStringLiteral("quiet")},
                                    {QStringLiteral("url"), storeUrl}}}}};
}

void TestPushApi::init()
{
    harness_ = std::make_unique<EngineHarness>();
    QVERIFY2(harness_->isValid(), qPrintable(harness_->error()));
    QCOMPARE(harness_->importConfig(config()), QString());
    server_ = std::make_unique<PushApiServer>(harness_->location(), &harness_->credentials());
    QString error;
    QVERIFY2(server_->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    QVERIFY(server_->port() != 0);
    network_ = std::make_unique<QNetworkAccessManager>();
}

void TestPushApi::cleanup()
{
    network_.reset();
    server_.reset();
    harness_.reset();
}

HttpResult TestPushApi::post(const QString &path, const QByteArray &body, const Headers &headers)
{
    QNetworkRequest request(url(path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    for (const auto &header : headers)
        request.setRawHeader(header.first, header.second);
    std::unique_ptr<QNetworkReply> reply(network_->post(request, body));
    HttpResult result;
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 10000))
        return result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = parseJson(reply->readAll());
    return result;
}

void TestPushApi::goodPushIsStoredWithItsDeliveries()
{
    QSignalSpy accepted(server_.get(), &PushApiServer::messagesAccepted);
    const HttpResult result = post(orderNew(QStringLiteral("R100")));
    QCOMPARE(result.status, 201);
    const QString id = result.object().value(QStringLiteral("message_id")).toString();
    QVERIFY2(isObjectId(id), qPrintable(id));
    QCOMPARE(result.object().value(QStringLiteral("message")).toString(), QStringLiteral("order:new"));
    QCOMPARE(result.object()[QStringLiteral("payload")][QStringLiteral("order")][QStringLiteral("number")],
             QJsonValue(QStringLiteral("R100")));

    // The answer came after the commit, so another connection sees the row already.
    const QJsonObject stored = harness_->show(id);
    QCOMPARE(stored.value(QStringLiteral("message_id")).toString(), id);
    QCOMPARE(stored.value(QStringLiteral("source")).toString(), QStringLiteral("push:shop"));
    QCOMPARE(harness_->delivery(id, QStringLiteral("confirmation")).value(QStringLiteral("state")).toString(),
             QStringLiteral("pending"));
    QCOMPARE(accepted.count(), 1);
    QCOMPARE(accepted.at(0).at(0).toInt(), 1);
}

void TestPushApi::hubHeadersAreAccepted()
{
    const HttpResult result =
        post(QStringLiteral("/api/stores/other%20shop/messages"), orderNew(QStringLiteral("R7")),
             {{"X-Hub-Store", "other shop"}, {"X-Hub-Access-Token", kOtherToken}});
    QCOMPARE(result.status, 202); // the hub-era clients expect exactly 202
    const QString id = result.object().value(QStringLiteral("message_id")).toString();
    QCOMPARE(harness_->show(id).value(QStringLiteral("source")).toString(),
             QStringLiteral("push:other shop"));
}

void TestPushApi::batchPushAnswersEveryMessage_data()
{
    QTest::addColumn<bool>("wrapped");
    QTest::newRow("array") << false;
    QTest::newRow("messages object") << true;
}

void TestPushApi::batchPushAnswersEveryMessage()
{
    QFETCH(bool, wrapped);
    const QJsonArray messages{parseJson(orderNew(QStringLiteral("R1"))),
                              parseJson(orderNew(QStringLiteral("R2")))};
    const QJsonDocument body = wrapped ? QJsonDocument(QJsonObject{{QStringLiteral("messages"), messages}})
                                       : QJsonDocument(messages);
    QSignalSpy accepted(server_.get(), &PushApiServer::messagesAccepted);
    const HttpResult result = post(body.toJson(QJsonDocument::Compact));
    QCOMPARE(result.status, 201);
    const QJsonArray answered = result.object().value(QStringLiteral("messages")).toArray();
    QCOMPARE(answered.size(), 2);
    for (int i = 0; i < 2; ++i) {
        const QString id = answered[i][QStringLiteral("message_id")].toString();
        QVERIFY(isObjectId(id));
        QCOMPARE(
            harness_->show(id)[QStringLiteral("payload")][QStringLiteral("order")][QStringLiteral("number")],
            QJsonValue(QStringLiteral("R%1").arg(i + 1)));
    }
    QCOMPARE(accepted.count(), 1);
    QCOMPARE(accepted.at(0).at(0).toInt(), 2);
}

void TestPushApi::pushingAStoredMessageAgainIsHarmless()
{
    const QString id = QStringLiteral("65a1b2c3d4e5f60718293a4b");
    QCOMPARE(post(orderNew(QStringLiteral("R5"), id)).status, 201);
    const HttpResult again = post(orderNew(QStringLiteral("R5"), id));
    QCOMPARE(again.status, 201);
    QCOMPARE(again.object().value(QStringLiteral("message_id")).toString(), id);
    QCOMPARE(harness_->messages().size(), 1);
    QCOMPARE(harness_->show(id)[QStringLiteral("deliveries")].toArray().size(), 1);
}

void TestPushApi::badTokensAreRefused_data()
{
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<QString>("reason");
    QTest::newRow("wrong token") << Headers{{"X-Augury-Token", "push_shop_0123456789abcdefghijklmX"}}
                                 << QStringLiteral("X-Augury-Token is not the push_token of store shop");
    QTest::newRow("another store's token")
        << Headers{{"X-Augury-Token", kOtherToken}} << QStringLiteral("X-Augury-Token is not the push_token");
    QTest::newRow("no token") << Headers{} << QStringLiteral("needs its push_token");
    QTest::newRow("empty token") << Headers{{"X-Augury-Token", ""}} << QStringLiteral("not the push_token");
    QTest::newRow("hub token, no store")
        << Headers{{"X-Hub-Access-Token", kShopToken}} << QStringLiteral("X-Hub-Store must name store shop");
    QTest::newRow("hub headers for another store")
        << Headers{{"X-Hub-Store", "other shop"}, {"X-Hub-Access-Token", kOtherToken}}
        << QStringLiteral("X-Hub-Store must name store shop");
    QTest::newRow("hub, wrong token")
        << Headers{{"X-Hub-Store", "shop"}, {"X-Hub-Access-Token", kOtherToken}}
        << QStringLiteral("X-Hub-Access-Token is neither the push_token of store shop");
}

void TestPushApi::badTokensAreRefused()
{
    QFETCH(Headers, headers);
    QFETCH(QString, reason);
    QSignalSpy accepted(server_.get(), &PushApiServer::messagesAccepted);
    const HttpResult result = post(kShopPath, orderNew(QStringLiteral("R1")), headers);
    QCOMPARE(result.status, 401);
    QVERIFY2(result.error().contains(reason), qPrintable(result.error()));
    QVERIFY(!result.error().contains(QString::fromLatin1(kShopToken)));
    QCOMPARE(harness_->messages().size(), 0);
    QCOMPARE(accepted.count(), 0);
}

void TestPushApi::storeWithoutPushTokenIsRefused()
{
    const HttpResult result = post(QStringLiteral("/api/stores/quiet/messages"),
                                   orderNew(QStringLiteral("R1")), {{"X-Augury-Token", ""}});
    QCOMPARE(result.status, 401);
    QCOMPARE(result.error(), QStringLiteral("store quiet accepts no pushes: it has no push_token"));
    QCOMPARE(harness_->messages().size(), 0);
}

void TestPushApi::unknownStoreIsNotFound()
{
    const HttpResult result = post(QStringLiteral("/api/stores/nowhere/messages"),
                                   orderNew(QStringLiteral("R1")), {{"X-Augury-Token", kShopToken}});
    QCOMPARE(result.status, 404);
    QCOMPARE(result.error(), QStringLiteral("no store named nowhere"));
    QCOMPARE(harness_->messages().size(), 0);
}

void TestPushApi::badBodiesAreRefusedWithTheReason_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("reason");
    QTest::newRow("malformed JSON") << QByteArray("{\"message\": \"order:new\",")
                                    << QStringLiteral("malformed JSON");
    QTest::newRow("bad type") << QByteArray("{\"message\": \"Order New\"}")
                              << QStringLiteral("message type \"Order New\" is not colon notation");
    QTest::newRow("payload not an object") << QByteArray("{\"message\": \"order:new\", \"payload\": 3}")
                                           << QStringLiteral("\"payload\" of a order:new message must be");
    QTest::newRow("one bad message of two")
        << QByteArray("[{\"message\": \"order:new\"}, {\"message\": \"x\"}]")
        << QStringLiteral("message 2: ");
    QTest::newRow("empty array") << QByteArray("[]") << QStringLiteral("the input holds no message");
    QTest::newRow("empty body") << QByteArray() << QStringLiteral("malformed JSON");
}

void TestPushApi::badBodiesAreRefusedWithTheReason()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, reason);
    const HttpResult result = post(body);
    QCOMPARE(result.status, 400);
    QVERIFY2(result.error().contains(reason), qPrintable(result.error()));
    QVERIFY(!result.error().contains(u'\n'));
    QCOMPARE(harness_->messages().size(), 0);
}

void TestPushApi::oversizedBodyIsRefusedUnread()
{
    RawClient client(server_->port());
    // Only the headers go out: the refusal must not wait for a body it will not read.
    client.send("POST /api/stores/shop/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Augury-Token: " +
                kShopToken + "\r\nContent-Type: application/json\r\nContent-Length: 2097152\r\n\r\n");
    const HttpResult result = client.next();
    QCOMPARE(result.status, 413);
    QVERIFY2(result.error().contains(QStringLiteral("over the limit of 1048576 bytes")),
             qPrintable(result.error()));
    QVERIFY(result.headers.contains("Content-Type: application/json"));
    QVERIFY(client.waitUntilClosed());
    QCOMPARE(harness_->messages().size(), 0);
}

void TestPushApi::wrongMethodAndPathAreRefused()
{
    std::unique_ptr<QNetworkReply> get(network_->get(QNetworkRequest(url(kShopPath))));
    QVERIFY(QTest::qWaitFor([&] { return get->isFinished(); }, 10000));
    QCOMPARE(get->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 405);
    QCOMPARE(get->rawHeader("Allow"), QByteArray("POST"));
    QVERIFY(
        parseJson(get->readAll())[QStringLiteral("error")].toString().contains(QStringLiteral("use POST")));

    const HttpResult elsewhere = post(QStringLiteral("/api/messages"), orderNew(QStringLiteral("R1")),
                                      {{"X-Augury-Token", kShopToken}});
    QCOMPARE(elsewhere.status, 404);
    QVERIFY(!elsewhere.error().isEmpty());
    QCOMPARE(post(QStringLiteral("/api/stores/shop/messages/extra"), orderNew(QStringLiteral("R1")),
                  {{"X-Augury-Token", kShopToken}})
                 .status,
             404);
    QCOMPARE(harness_->messages().size(), 0);
}

void TestPushApi::malformedRequestsAreRefused_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::newRow("garbage request line") << QByteArray("HELLO THERE\r\n\r\n") << 400;
    QTest::newRow("header without colon")
        << QByteArray("POST /api/stores/shop/messages HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n") << 400;
    QTest::newRow("folded header")
        << QByteArray("POST /api/stores/shop/messages HTTP/1.1\r\nHost: a\r\n b\r\nContent-Length: 0\r\n\r\n")
        << 400;
    QTest::newRow("bad Content-Length")
        << QByteArray("POST /api/stores/shop/messages HTTP/1.1\r\nContent-Length: -5\r\n\r\n") << 400;
    QTest::newRow("disagreeing Content-Length")
        << QByteArray(
               "POST /api/stores/shop/messages HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n")
        << 400;
    QTest::newRow("no Content-Length")
        << QByteArray("POST /api/stores/shop/messages HTTP/1.1\r\nHost: a\r\n\r\n") << 411;
    QTest::newRow("chunked")
        << QByteArray(
               "POST /api/stores/shop/messages HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
        << 501;
    QTest::newRow("HEAD") << QByteArray("HEAD /api/stores/shop/messages HTTP/1.1\r\n\r\n") << 405;
    QTest::newRow("HTTP/2.0") << QByteArray("POST /api/stores/shop/messages HTTP/2.0\r\n\r\n") << 505;
    QTest::newRow("huge headers") << "POST /api/stores/shop/messages HTTP/1.1\r\nX-Padding: " +
                                         QByteArray(70 * 1024, 'a') + "\r\n\r\n"
                                  << 431;
}

void TestPushApi::malformedRequestsAreRefused()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    RawClient client(server_->port());
    client.send(request);
    const HttpResult result = client.next();
    QCOMPARE(result.status, status);
    QVERIFY(!result.error().isEmpty());
    QVERIFY(result.headers.contains("Connection: close"));
    QVERIFY(client.waitUntilClosed());
    QCOMPARE(harness_->messages().size(), 0);
}

void TestPushApi::keepAliveAnswersPipelinedRequestsInOrder()
{
    RawClient client(server_->port());
    const QString first = QStringLiteral("65a1b2c3d4e5f60718293a01");
    const QString second = QStringLiteral("65a1b2c3d4e5f60718293a02");
    // Stray empty lines between requests are allowed, and the second request follows in the same write.
    client.send(rawPost(kShopPath.toLatin1(), orderNew(QStringLiteral("R1"), first)) + "\r\n" +
                rawPost(kShopPath.toLatin1(), orderNew(QStringLiteral("R2"), second)));
    const HttpResult a = client.next();
    const HttpResult b = client.next();
    QCOMPARE(a.status, 201);
    QCOMPARE(a.object().value(QStringLiteral("message_id")).toString(), first);
    QCOMPARE(b.status, 201);
    QCOMPARE(b.object().value(QStringLiteral("message_id")).toString(), second);
    QVERIFY(!a.headers.contains("Connection: close"));

    // A refusal that can be framed keeps the connection, and the 100-continue handshake is honoured.
    client.send("GET /api/stores/shop/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QCOMPARE(client.next().status, 405);
    const QByteArray body = orderNew(QStringLiteral("R3"));
    client.send("POST /api/stores/shop/messages HTTP/1.1\r\nX-Augury-Token: " + kShopToken +
                "\r\nExpect: 100-continue\r\nContent-Length: " + QByteArray::number(body.size()) +
                "\r\n\r\n");
    QCOMPARE(client.next().status, 100);
    client.send(body);
    QCOMPARE(client.next().status, 201);
    QCOMPARE(harness_->messages().size(), 3);
}

void TestPushApi::connectionCloseIsHonoured()
{
    RawClient client(server_->port());
    client.send(rawPost(kShopPath.toLatin1(), orderNew(QStringLiteral("R1")), "Connection: close\r\n"));
    const HttpResult result = client.next();
    QCOMPARE(result.status, 201);
    QVERIFY(result.headers.contains("Connection: close"));
    QVERIFY(client.waitUntilClosed());
}

void TestPushApi::connectionsPastTheLimitAreRefusedUntilOneCloses()
{
    server_->setConnectionLimit(3);
    std::vector<std::unique_ptr<RawClient>> open;
    for (int i = 0; i < 3; ++i) {
        open.push_back(std::make_unique<RawClient>(server_->port()));
        open.back()->send(rawPost(kShopPath.toLatin1(), orderNew(QStringLiteral("R%1").arg(i))));
        QCOMPARE(open.back()->next().status, 201); // adopted and served, and kept open
    }
    RawClient extra(server_->port());
    extra.send(rawPost(kShopPath.toLatin1(), orderNew(QStringLiteral("R9"))));
    const HttpResult refused = extra.next();
    QCOMPARE(refused.status, 503);
    QVERIFY(refused.headers.contains("Retry-After: 1"));
    QVERIFY2(refused.error().contains(QStringLiteral("too many open connections")),
             qPrintable(refused.error()));
    QVERIFY(extra.waitUntilClosed());

    open.front()->close();
    QTRY_VERIFY_WITH_TIMEOUT(
        [this] {
            RawClient again(server_->port());
            again.send(rawPost(kShopPath.toLatin1(), orderNew(QStringLiteral("R10"))));
            return again.next().status == 201;
        }(),
        10000);
}

void TestPushApi::changedPushTokenIsPickedUp()
{
    QCOMPARE(post(orderNew(QStringLiteral("R1"))).status, 201);
    const QByteArray rotated = "push_shop_rotated_0123456789abcdefgh";
    QCOMPARE(harness_->importConfig(config(rotated)), QString());
    QCOMPARE(post(orderNew(QStringLiteral("R2"))).status, 401);
    QCOMPARE(post(kShopPath, orderNew(QStringLiteral("R3")), {{"X-Augury-Token", rotated}}).status, 201);
    QCOMPARE(harness_->messages().size(), 2);
}

void TestPushApi::thousandConcurrentPushesAreAllDurable()
{
    constexpr int kPushes = 1000;
    constexpr int kClients = 25; // each keeps up to 6 connections open, so 150 at once
    QSignalSpy accepted(server_.get(), &PushApiServer::messagesAccepted);
    std::vector<std::unique_ptr<QNetworkAccessManager>> clients;
    clients.reserve(kClients);
    for (int i = 0; i < kClients; ++i)
        clients.push_back(std::make_unique<QNetworkAccessManager>());

    QList<int> statuses;
    QSet<QString> ids;
    // Every request is handed over before the event loop runs, so none is answered before all started.
    for (int i = 0; i < kPushes; ++i) {
        QNetworkRequest request(url(kShopPath));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        request.setRawHeader("X-Augury-Token", kShopToken);
        QNetworkReply *reply =
            clients[size_t(i % kClients)]->post(request, orderNew(QStringLiteral("R%1").arg(i)));
        connect(reply, &QNetworkReply::finished, this, [reply, &statuses, &ids] {
            statuses.append(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt());
            ids.insert(parseJson(reply->readAll())[QStringLiteral("message_id")].toString());
            reply->deleteLater();
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(statuses.size(), kPushes, 120000);
    QCOMPARE(statuses.count(201), kPushes);
    QCOMPARE(ids.size(), kPushes);
    QVERIFY(!ids.contains(QString()));
    QCOMPARE(harness_->messages().size(), kPushes);

    int total = 0;
    for (const QList<QVariant> &emission : std::as_const(accepted))
        total += emission.at(0).toInt();
    QCOMPARE(total, kPushes);
    qInfo("%d pushes committed in %d transactions", kPushes, int(accepted.count()));
    QVERIFY2(accepted.count() < kPushes, "concurrent pushes were not committed together");
}

void TestPushApi::listensOnlyOnTheAddressGiven()
{
    QCOMPARE(server_->serverAddress(), QHostAddress(QHostAddress::LocalHost));
    for (const QHostAddress &address : QNetworkInterface::allAddresses()) {
        if (address.isLoopback() || address.protocol() != QAbstractSocket::IPv4Protocol)
            continue;
        // Another interface of this machine must refuse; one that never answers (a firewall) is fine too.
        QTcpSocket probe;
        probe.connectToHost(address, server_->port());
        const bool settled = QTest::qWaitFor(
            [&] {
                return probe.state() == QAbstractSocket::ConnectedState ||
                       probe.state() == QAbstractSocket::UnconnectedState;
            },
            5000);
        QVERIFY2(!settled || probe.state() != QAbstractSocket::ConnectedState,
                 qPrintable(address.toString()));
    }
    PushApiServer second(harness_->location(), &harness_->credentials());
    QString error;
    QVERIFY(!second.listen(QHostAddress::LocalHost, server_->port(), &error));
    QVERIFY2(error.startsWith(QStringLiteral("the push API cannot listen on 127.0.0.1:")), qPrintable(error));
}

void TestPushApi::listenAddressIsParsed_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("address"); // empty when refused
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("error");
    QTest::newRow("IPv4") << QStringLiteral("127.0.0.1:8080") << QStringLiteral("127.0.0.1") << 8080
                          << QString();
    QTest::newRow("IPv6") << QStringLiteral("[::1]:8080") << QStringLiteral("::1") << 8080 << QString();
    QTest::newRow("localhost") << QStringLiteral("localhost:9000") << QStringLiteral("127.0.0.1") << 9000
                               << QString();
    QTest::newRow("any port") << QStringLiteral("127.0.0.1:0") << QStringLiteral("127.0.0.1") << 0
                              << QString();
    QTest::newRow("no port") << QStringLiteral("127.0.0.1") << QString() << 0
                             << QStringLiteral("has no port");
    QTest::newRow("empty port") << QStringLiteral("127.0.0.1:") << QString() << 0
                                << QStringLiteral("has no port");
    QTest::newRow("IPv6, no port") << QStringLiteral("[::1]") << QString() << 0
                                   << QStringLiteral("has no port");
    QTest::newRow("bare IPv6") << QStringLiteral("::1:8080") << QString() << 0
                               << QStringLiteral("has no port");
    QTest::newRow("no host") << QStringLiteral(":8080") << QString() << 0
                             << QStringLiteral("is not an IP address or localhost");
    QTest::newRow("port too big") << QStringLiteral("127.0.0.1:70000") << QString() << 0
                                  << QStringLiteral("is not a number from 0 to 65535");
    QTest::newRow("signed port") << QStringLiteral("127.0.0.1:+80") << QString() << 0
                                 << QStringLiteral("is not a number from 0 to 65535");
    QTest::newRow("host name") << QStringLiteral("example.com:80") << QString() << 0
                               << QStringLiteral("is not an IP address or localhost");
    QTest::newRow("bracketed IPv4") << QStringLiteral("[127.0.0.1]:80") << QString() << 0
                                    << QStringLiteral("is not an IP address or localhost");
}

void TestPushApi::listenAddressIsParsed()
{
    QFETCH(QString, text);
    QFETCH(QString, address);
    QFETCH(int, port);
    QFETCH(QString, error);
    QHostAddress parsed;
    quint16 parsedPort = 1;
    QString reason;
    const bool ok = PushApiServer::parseListenAddress(text, &parsed, &parsedPort, &reason);
    QCOMPARE(ok, error.isEmpty());
    if (ok) {
        QCOMPARE(parsed, QHostAddress(address));
        QCOMPARE(int(parsedPort), port);
    } else {
        QVERIFY2(reason.contains(error), qPrintable(reason));
        QVERIFY(reason.contains(text));
    }
}

QTEST_GUILESS_MAIN(TestPushApi)
#include "tst_pushapi.moc"
