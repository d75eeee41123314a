#include "delivery/WebhookSigner.h"

#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

namespace {
const QString kPrefix = QStringLiteral("whsec_");
}

QString WebhookSigner::generateSecret()
{
    QByteArray key(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(key.data()),
                                         reinterpret_cast<quint32 *>(key.data() + key.size()));
    return kPrefix + QString::fromLatin1(key.toBase64());
}

bool WebhookSigner::decodeSecret(const QString &secret, QByteArray *key, QString *error)
{
    if (!secret.startsWith(kPrefix)) {
        *error =
            QStringLiteral("a signing secret must start with whsec_ (integrator secret generate makes one)");
        return false;
    }
    const auto decoded = QByteArray::fromBase64Encoding(secret.mid(kPrefix.size()).toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() < kMinKeyBytes || decoded.decoded.size() > kMaxKeyBytes) {
        *error = QStringLiteral("a signing secret must be whsec_ followed by base64 of %1 to %2 random bytes")
                     .arg(kMinKeyBytes)
                     .arg(kMaxKeyBytes);
        return false;
    }
    *key = decoded.decoded;
    return true;
}

QByteArray WebhookSigner::sign(const QByteArray &key, const QString &messageId, qint64 timestamp,
                               const QByteArray &body)
{
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, key);
    mac.addData(messageId.toUtf8());
    mac.addData(".");
    mac.addData(QByteArray::number(timestamp));
    mac.addData(".");
    mac.addData(body);
    return "v1," + mac.result().toBase64();
}

QByteArray WebhookSigner::signatureHeader(const QList<QByteArray> &keys, const QString &messageId,
                                          qint64 timestamp, const QByteArray &body)
{
    QList<QByteArray> signatures;
    for (const QByteArray &key : keys)
        signatures.append(sign(key, messageId, timestamp, body));
    return signatures.join(' ');
}
