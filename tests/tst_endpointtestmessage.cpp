// A test message reaches one service exactly as the dispatcher would send it (headers, token,
// signature), and what the endpoint answers is told in one line. Nothing is stored.
#include "delivery/EndpointTestMessage.h"
#include "delivery/WebhookSigner.h"
#include "ScriptedEndpoint.h"
#include "secrets/CredentialStore.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "TestDatabase.h"
#include "utils/ObjectId.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTest>
#include <QUuid>

#include <optional>

namespace {
const QString kToken = QStringLiteral("tok_test_message_0123456789abcdef01");
}

class TestEndpointTestMessage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void postsTheMessageWithTokenHeaders();
    void signsWhenGivenKeys();
    void failureIsOneLine_data();
    void failureIsOneLine();
    void asynchronousAnswerIsAccepted();
    void messagesInTheAnswerAreNotAccepted();
    void secretsComeFromTheKeychainForASavedEndpoint();
    void unsavedEndpointKeepsWhatWasTyped();

private:
    EndpointTestMessage::Result send(EndpointTestMessage::Request request);
    EndpointTestMessage::Request request() const;

    QNetworkAccessManager network_;
    std::unique_ptr<ScriptedEndpoint> server_;
};

void TestEndpointTestMessage::init()
{
    server_ = std::make_unique<ScriptedEndpoint>();
    QVERIFY(server_->listen());
}

EndpointTestMessage::Request TestEndpointTestMessage::request() const
{
    EndpointTestMessage::Request request;
    request.endpoint.name = QStringLiteral("mailer");
    request.endpoint.url = server_->url(QStringLiteral("/base/"));
    request.path = QStringLiteral("/order_confirmation");
    request.message = EndpointTestMessage::notificationMessage();
    return request;
}

EndpointTestMessage::Result TestEndpointTestMessage::send(EndpointTestMessage::Request request)
{
    std::optional<EndpointTestMessage::Result> result;
    EndpointTestMessage::send(&network_, std::move(request),
                              [&result](const EndpointTestMessage::Result &answer) { result = answer; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 40000))
        qFatal("the test message never finished");
    return *result;
}

void TestEndpointTestMessage::postsTheMessageWithTokenHeaders()
{
    EndpointTestMessage::Request message = request();
    message.token = kToken;
    const EndpointTestMessage::Result result = send(message);
    QVERIFY2(result.delivered, qPrintable(result.summary));
    QCOMPARE(result.status, 200);
    QVERIFY2(result.summary.startsWith(QStringLiteral("HTTP 200 OK in ")), qPrintable(result.summary));
    QVERIFY2(result.summary.endsWith(QStringLiteral(": delivered")), qPrintable(result.summary));
    const QList<RecordedRequest> requests = server_->requests();
    QCOMPARE(requests.size(), 1);
    const RecordedRequest &received = requests.first();
    QCOMPARE(received.method, QByteArray("POST"));
    QCOMPARE(received.path(), QByteArray("/base/order_confirmation"));
    QCOMPARE(received.headers.value("content-type"), QByteArray("application/json"));
    QCOMPARE(received.headers.value("x-hub-token"), kToken.toUtf8());
    QCOMPARE(received.headers.value("x-augury-token"), kToken.toUtf8());
    QVERIFY(!received.headers.contains("webhook-signature"));
    const QJsonObject body = received.json();
    QCOMPARE(body.value(QStringLiteral("message")).toString(), QStringLiteral("notification:info"));
    QVERIFY(ObjectId::isValid(body.value(QStringLiteral("message_id")).toString()));
    QVERIFY(!body.value(QStringLiteral("payload"))
                 .toObject()
                 .value(QStringLiteral("subject"))
                 .toString()
                 .isEmpty());
}

void TestEndpointTestMessage::signsWhenGivenKeys()
{
    QByteArray key;
    QString error;
    QVERIFY(WebhookSigner::decodeSecret(WebhookSigner::generateSecret(), &key, &error));
    EndpointTestMessage::Request message = request();
    message.signingKeys = {key};
    QVERIFY(send(message).delivered);
    const RecordedRequest received = server_->requests().first();
    const QString id = received.json().value(QStringLiteral("message_id")).toString();
    QCOMPARE(received.headers.value("webhook-id"), id.toUtf8());
    const qint64 timestamp = received.headers.value("webhook-timestamp").toLongLong();
    QCOMPARE(received.headers.value("webhook-signature"),
             WebhookSigner::signatureHeader({key}, id, timestamp, received.body));
    QVERIFY(!received.headers.contains("x-hub-token"));
}

void TestEndpointTestMessage::failureIsOneLine_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    QTest::newRow("401") << 401 << QByteArray(R"({"error": "bad token"})")
                         << QStringLiteral("HTTP 401: endpoint reported: bad token");
    QTest::newRow("500 html") << 500 << QByteArray("<html>\n<b>oops</b>\n</html>")
                              << QStringLiteral("HTTP 500: ");
    QTest::newRow("200 not json") << 200 << QByteArray("ok")
                                  << QStringLiteral("HTTP 200 but the body is not JSON");
}

void TestEndpointTestMessage::failureIsOneLine()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    server_->setHandler(
        [status, body](const RecordedRequest &) { return ScriptedResponse::text(status, body); });
    const EndpointTestMessage::Result result = send(request());
    QVERIFY(!result.delivered);
    QCOMPARE(result.status, status);
    QVERIFY2(result.summary.contains(expected), qPrintable(result.summary));
    QVERIFY2(!result.summary.contains(QLatin1Char('\n')), qPrintable(result.summary));
}

void TestEndpointTestMessage::asynchronousAnswerIsAccepted()
{
    server_->setHandler([](const RecordedRequest &received) {
        return ScriptedResponse::json(
            200, {{QStringLiteral("message_id"), received.json().value(QStringLiteral("message_id"))},
                  {QStringLiteral("delay"), 5},
                  {QStringLiteral("update_url"), QStringLiteral("/poll")}});
    });
    const EndpointTestMessage::Result result = send(request());
    QVERIFY(result.delivered);
    QVERIFY2(result.summary.contains(QStringLiteral("accepted asynchronously")), qPrintable(result.summary));
    QCOMPARE(server_->requestCount(), 1); // the update URL is not followed for a test
}

void TestEndpointTestMessage::messagesInTheAnswerAreNotAccepted()
{
    server_->setHandler([](const RecordedRequest &received) {
        const QJsonObject child{{QStringLiteral("message"), QStringLiteral("notification:info")},
                                {QStringLiteral("payload"), QJsonObject{}}};
        return ScriptedResponse::json(
            200, {{QStringLiteral("message_id"), received.json().value(QStringLiteral("message_id"))},
                  {QStringLiteral("messages"), QJsonArray{child, child}}});
    });
    const EndpointTestMessage::Result result = send(request());
    QVERIFY(result.delivered);
    QVERIFY2(result.summary.contains(QStringLiteral("2 message(s) in the answer were not accepted")),
             qPrintable(result.summary));
}

void TestEndpointTestMessage::secretsComeFromTheKeychainForASavedEndpoint()
{
    TestDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.error()));
    Database db(database.location(), QStringLiteral("test"));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    CredentialStore credentials(
        QStringLiteral("Integrator-test-%1").arg(QUuid::createUuid().toString(QUuid::Id128)));
    const QString secret = WebhookSigner::generateSecret();
    Endpoint endpoint = request().endpoint;
    endpoint.hasToken = true;
    endpoint.hasSigningSecret = true;
    QVERIFY2(ConfigRepository(db).saveEndpoint(&endpoint, &error), qPrintable(error));
    QVERIFY(credentials.write(db, endpoint.tokenKey(), kToken, &error));
    QVERIFY(credentials.write(db, Endpoint::signingKeyFor(endpoint.name), secret, &error));

    EndpointTestMessage::Request message = request();
    QVERIFY2(EndpointTestMessage::loadSecrets(db, credentials, &message, &error), qPrintable(error));
    QCOMPARE(message.token, kToken);
    QByteArray key;
    QVERIFY(WebhookSigner::decodeSecret(secret, &key, &error));
    QCOMPARE(message.signingKeys, QList<QByteArray>{key});

    // A token typed in the form wins over the stored one.
    EndpointTestMessage::Request typed = request();
    typed.token = QStringLiteral("typed-token");
    QVERIFY(EndpointTestMessage::loadSecrets(db, credentials, &typed, &error));
    QCOMPARE(typed.token, QStringLiteral("typed-token"));

    // A token the database says exists but the keychain lost is a one-line reason, not an unsigned send.
    QVERIFY(credentials.remove(db, endpoint.tokenKey(), &error));
    EndpointTestMessage::Request lost = request();
    error.clear();
    QVERIFY(!EndpointTestMessage::loadSecrets(db, credentials, &lost, &error));
    QVERIFY2(error.contains(endpoint.tokenKey()), qPrintable(error));
    QVERIFY(credentials.remove(db, Endpoint::signingKeyFor(endpoint.name), &error));
}

void TestEndpointTestMessage::unsavedEndpointKeepsWhatWasTyped()
{
    TestDatabase database;
    Database db(database.location(), QStringLiteral("test"));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    CredentialStore credentials(
        QStringLiteral("Integrator-test-%1").arg(QUuid::createUuid().toString(QUuid::Id128)));
    EndpointTestMessage::Request message = request();
    message.token = QStringLiteral("typed");
    QVERIFY2(EndpointTestMessage::loadSecrets(db, credentials, &message, &error), qPrintable(error));
    QCOMPARE(message.token, QStringLiteral("typed"));
    QVERIFY(message.signingKeys.isEmpty());
}

QTEST_GUILESS_MAIN(TestEndpointTestMessage)
#include "tst_endpointtestmessage.moc"
