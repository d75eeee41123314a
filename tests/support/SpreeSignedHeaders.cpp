#include "SpreeSignedHeaders.h"

#include <QMessageAuthenticationCode>

namespace {

QByteArray hmacSha256(const QByteArray &data, const QByteArray &key)
{
    return QMessageAuthenticationCode::hash(data, key, QCryptographicHash::Sha256);
}

} // namespace

HttpHeaders SpreeSignedHeaders::of(SpreeWebhookVerifier::Scheme scheme, const QByteArray &body,
                                   qint64 timestampSeconds, const QByteArray &secret)
{
    using Scheme = SpreeWebhookVerifier::Scheme;
    switch (scheme) {
    case Scheme::Timestamped: // 5.4+: hex HMAC of "TIMESTAMP.BODY"
        return {{"X-Spree-Webhook-Timestamp", QByteArray::number(timestampSeconds)},
                {"X-Spree-Webhook-Signature",
                 hmacSha256(QByteArray::number(timestampSeconds) + "." + body, secret).toHex()}};
    case Scheme::Body: // 5.3: hex HMAC of the body
        return {{"X-Spree-Webhook-Signature", hmacSha256(body, secret).toHex()}};
    case Scheme::Legacy: // 4.6 - 5.2: base64 HMAC of the body
        break;
    }
    return {{"X-Spree-Hmac-SHA256", hmacSha256(body, secret).toBase64()}};
}
