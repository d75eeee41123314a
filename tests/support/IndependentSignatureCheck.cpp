#include "IndependentSignatureCheck.h"

#include <QProcess>

// base64(HMAC-SHA256(key, content)) computed by openssl.
QByteArray opensslHmac(const QByteArray &key, const QByteArray &content)
{
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-mac"),
                   QStringLiteral("HMAC"), QStringLiteral("-macopt"),
                   QStringLiteral("hexkey:") + QString::fromLatin1(key.toHex()), QStringLiteral("-binary")});
    openssl.write(content);
    openssl.closeWriteChannel();
    openssl.waitForFinished(10000);
    return openssl.readAllStandardOutput().toBase64();
}

QByteArray keyOf(const QString &secret)
{
    return QByteArray::fromBase64(secret.mid(6).toLatin1());
}

// Which of the given secrets produced a valid signature for this request.
QList<int> verifiedBy(const RecordedRequest &request, const QStringList &secrets)
{
    const QByteArray id = request.headers.value("webhook-id");
    const QByteArray timestamp = request.headers.value("webhook-timestamp");
    const QByteArray content = id + '.' + timestamp + '.' + request.body;
    QList<int> matched;
    const QList<QByteArray> signatures = request.headers.value("webhook-signature").split(' ');
    for (int i = 0; i < secrets.size(); ++i) {
        const QByteArray expected = "v1," + opensslHmac(keyOf(secrets[i]), content);
        if (signatures.contains(expected))
            matched << i;
    }
    return matched;
}
