// Signed deliveries checked by an independent HMAC (the openssl command, not the project's code),
// including a secret rotation; and TLS: a self-signed endpoint is refused unless it opts in.
#include "delivery/WebhookSigner.h"
#include "EngineHarness.h"
#include "IndependentSignatureCheck.h"
#include "ScriptedEndpoint.h"

#include <QDateTime>
#include <QJsonArray>
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTest>

namespace {

QJsonObject signedConfig(const ScriptedEndpoint &endpoint, const QString &secret, double graceHours)
{
    QJsonObject ep = testEndpoint(QStringLiteral("ep"), endpoint.url());
    ep.insert(QStringLiteral("signing_secret"), secret);
    ep.insert(QStringLiteral("signing_grace_hours"), graceHours);
    return {{QStringLiteral("endpoints"), QJsonArray{ep}},
            {QStringLiteral("mappings"),
             QJsonArray{testMapping(QStringLiteral("m"), QStringLiteral("ep"), QStringLiteral("/hook"),
                                    {QStringLiteral("order:*")})}}};
}

} // namespace

class TestSignedDelivery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void verifierAgreesWithPublishedVector();
    void everyDeliveryIsSigned();
    void rotationSignsWithOldAndNewUntilGraceEnds();
    void selfSignedTlsIsRefusedByDefault();
    void selfSignedTlsIsAcceptedWhenAllowed();

private:
    bool makeCertificate(QSslCertificate *certificate, QSslKey *key);
    QTemporaryDir certDir_;
};

void TestSignedDelivery::verifierAgreesWithPublishedVector()
{
    const QByteArray mac = opensslHmac(keyOf(QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")),
                                       "msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{\"test\": 2432232314}");
    QCOMPARE(mac, QByteArrayLiteral("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
}

void TestSignedDelivery::everyDeliveryIsSigned()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    const QString secret = WebhookSigner::generateSecret();
    EngineHarness harness;
    QCOMPARE(harness.importConfig(signedConfig(endpoint, secret, 24)), QString());
    QStringList ids;
    for (int i = 0; i < 5; ++i)
        ids << harness.push(QStringLiteral("order:new"), {{QStringLiteral("i"), i}});
    QVERIFY(harness.runUntilIdle());
    const QList<RecordedRequest> requests = endpoint.requests();
    QCOMPARE(requests.size(), 5);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (const RecordedRequest &request : requests) {
        QVERIFY(ids.contains(QString::fromUtf8(request.headers.value("webhook-id"))));
        QVERIFY(qAbs(request.headers.value("webhook-timestamp").toLongLong() - now) < 60);
        QCOMPARE(verifiedBy(request, {secret}), QList<int>{0});
        QCOMPARE(request.headers.value("webhook-signature").split(' ').size(), 1);
    }
}

void TestSignedDelivery::rotationSignsWithOldAndNewUntilGraceEnds()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    const QString oldSecret = WebhookSigner::generateSecret();
    const QString newSecret = WebhookSigner::generateSecret();
    EngineHarness harness;
    QCOMPARE(harness.importConfig(signedConfig(endpoint, oldSecret, 24)), QString());
    harness.push(QStringLiteral("order:new"));
    QVERIFY(harness.runUntilIdle());

    // Rotate with a grace period of about two seconds.
    const double graceHours = 2.0 / 3600;
    QCOMPARE(harness.importConfig(signedConfig(endpoint, newSecret, graceHours)), QString());
    const qint64 graceEnds = QDateTime::currentMSecsSinceEpoch() + 2000;
    harness.push(QStringLiteral("order:updated"));
    QVERIFY(harness.runUntilIdle());
    QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentMSecsSinceEpoch() > graceEnds + 100, 10000);
    harness.push(QStringLiteral("order:canceled"));
    QVERIFY(harness.runUntilIdle());

    const QList<RecordedRequest> requests = endpoint.requests();
    QCOMPARE(requests.size(), 3);
    QCOMPARE(verifiedBy(requests[0], {oldSecret, newSecret}), QList<int>{0});
    QCOMPARE(verifiedBy(requests[1], {oldSecret, newSecret}),
             (QList<int>{0, 1})); // both during the grace period
    QCOMPARE(requests[1].headers.value("webhook-signature").split(' ').size(), 2);
    QCOMPARE(verifiedBy(requests[2], {oldSecret, newSecret}), QList<int>{1}); // only the new one after it
}

bool TestSignedDelivery::makeCertificate(QSslCertificate *certificate, QSslKey *key)
{
    const QString certPath = certDir_.filePath(QStringLiteral("cert.pem"));
    const QString keyPath = certDir_.filePath(QStringLiteral("key.pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"), keyPath,
                   QStringLiteral("-out"), certPath, QStringLiteral("-days"), QStringLiteral("2"),
                   QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=IP:127.0.0.1")});
    if (!openssl.waitForFinished(60000) || openssl.exitCode() != 0)
        return false;
    QFile certFile(certPath), keyFile(keyPath);
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
        return false;
    *certificate = QSslCertificate(&certFile, QSsl::Pem);
    *key = QSslKey(&keyFile, QSsl::Rsa, QSsl::Pem);
    return !certificate->isNull() && !key->isNull();
}

void TestSignedDelivery::selfSignedTlsIsRefusedByDefault()
{
    QSslCertificate certificate;
    QSslKey key;
    QVERIFY(makeCertificate(&certificate, &key));
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listenTls(certificate, key));
    EngineHarness harness;
    const QJsonObject config{
        {QStringLiteral("endpoints"), QJsonArray{testEndpoint(QStringLiteral("tls"), endpoint.url())}},
        {QStringLiteral("mappings"),
         QJsonArray{testMapping(QStringLiteral("m"), QStringLiteral("tls"), QStringLiteral("/"),
                                {QStringLiteral("order:new")},
                                {{QStringLiteral("retries_allowed"), false}})}}};
    QCOMPARE(harness.importConfig(config), QString());
    const QString id = harness.push(QStringLiteral("order:new"));
    QVERIFY(harness.runUntilIdle());
    const QJsonObject delivery = harness.delivery(id, QStringLiteral("m"));
    QCOMPARE(delivery[QStringLiteral("state")].toString(), QStringLiteral("parked"));
    QVERIFY2(delivery[QStringLiteral("last_error")].toString().contains(QStringLiteral("TLS")),
             qPrintable(delivery[QStringLiteral("last_error")].toString()));
    QCOMPARE(endpoint.requestCount(), 0);
}

void TestSignedDelivery::selfSignedTlsIsAcceptedWhenAllowed()
{
    QSslCertificate certificate;
    QSslKey key;
    QVERIFY(makeCertificate(&certificate, &key));
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listenTls(certificate, key));
    QJsonObject ep = testEndpoint(QStringLiteral("tls"), endpoint.url());
    ep.insert(QStringLiteral("allow_self_signed"), true);
    EngineHarness harness;
    const QJsonObject config{{QStringLiteral("endpoints"), QJsonArray{ep}},
                             {QStringLiteral("mappings"),
                              QJsonArray{testMapping(QStringLiteral("m"), QStringLiteral("tls"),
                                                     QStringLiteral("/"), {QStringLiteral("order:new")},
                                                     {{QStringLiteral("retries_allowed"), false}})}}};
    QCOMPARE(harness.importConfig(config), QString());
    const QString id = harness.push(QStringLiteral("order:new"));
    QVERIFY(harness.runUntilIdle());
    QCOMPARE(harness.delivery(id, QStringLiteral("m"))[QStringLiteral("state")].toString(),
             QStringLiteral("delivered"));
    QCOMPARE(endpoint.requestCount(), 1);
    QVERIFY(endpoint.url().scheme() == QLatin1String("https"));
}

QTEST_GUILESS_MAIN(TestSignedDelivery)
#include "tst_signeddelivery.moc"
