#include "delivery/WebhookSigner.h"

#include <QTest>

class TestWebhookSigner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void publishedTestVector();
    void rotationSignsWithEveryKey();
    void generatedSecretsDecode();
    void badSecretsAreRefused_data();
    void badSecretsAreRefused();
};

void TestWebhookSigner::publishedTestVector()
{
    // The Standard Webhooks test vector (shared/reference/hub.md).
    QByteArray key;
    QString error;
    QVERIFY2(
        WebhookSigner::decodeSecret(QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), &key, &error),
        qPrintable(error));
    QCOMPARE(WebhookSigner::sign(key, QStringLiteral("msg_p5jXN8AQM9LWM0D4loKWxJek"), 1614265330,
                                 QByteArrayLiteral("{\"test\": 2432232314}")),
             QByteArrayLiteral("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
}

void TestWebhookSigner::rotationSignsWithEveryKey()
{
    QByteArray oldKey, newKey;
    QString error;
    QVERIFY(WebhookSigner::decodeSecret(QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), &oldKey,
                                        &error));
    QVERIFY(WebhookSigner::decodeSecret(WebhookSigner::generateSecret(), &newKey, &error));
    const QByteArray header =
        WebhookSigner::signatureHeader({newKey, oldKey}, QStringLiteral("msg_p5jXN8AQM9LWM0D4loKWxJek"),
                                       1614265330, QByteArrayLiteral("{\"test\": 2432232314}"));
    const QList<QByteArray> parts = header.split(' ');
    QCOMPARE(parts.size(), 2);
    QVERIFY(parts[0].startsWith("v1,"));
    QCOMPARE(parts[1], QByteArrayLiteral("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
    QVERIFY(parts[0] != parts[1]);
}

void TestWebhookSigner::generatedSecretsDecode()
{
    const QString a = WebhookSigner::generateSecret();
    const QString b = WebhookSigner::generateSecret();
    QVERIFY(a.startsWith(QStringLiteral("whsec_")));
    QVERIFY(a != b);
    QByteArray key;
    QString error;
    QVERIFY2(WebhookSigner::decodeSecret(a, &key, &error), qPrintable(error));
    QCOMPARE(key.size(), 32);
}

void TestWebhookSigner::badSecretsAreRefused_data()
{
    QTest::addColumn<QString>("secret");
    QTest::newRow("no prefix") << QStringLiteral("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    QTest::newRow("not base64") << QStringLiteral("whsec_!!!not-base64!!!");
    QTest::newRow("too short") << QStringLiteral("whsec_") +
                                      QString::fromLatin1(QByteArray(16, 'k').toBase64());
    QTest::newRow("too long") << QStringLiteral("whsec_") +
                                     QString::fromLatin1(QByteArray(65, 'k').toBase64());
    QTest::newRow("empty") << QString();
}

void TestWebhookSigner::badSecretsAreRefused()
{
    QFETCH(QString, secret);
    QByteArray key;
    QString error;
    QVERIFY(!WebhookSigner::decodeSecret(secret, &key, &error));
    QVERIFY(error.contains(QStringLiteral("whsec_")));
}

QTEST_APPLESS_MAIN(TestWebhookSigner)
#include "tst_webhooksigner.moc"
