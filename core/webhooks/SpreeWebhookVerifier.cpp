#include "webhooks/SpreeWebhookVerifier.h"

#include "utils/ConstantTime.h"

#include <QMessageAuthenticationCode>

namespace {

QByteArray hmacSha256(const QByteArray &secret, const QByteArray &data)
{
    return QMessageAuthenticationCode::hash(data, secret, QCryptographicHash::Sha256);
}

SpreeWebhookVerifier::Result refused(const QString &reason)
{
    return {false, reason};
}

SpreeWebhookVerifier::Result verifyTimestamped(const HttpRequest &request, const QByteArray &secret,
                                               qint64 nowMs)
{
    const QByteArray timestamp = request.header("x-spree-webhook-timestamp");
    bool isNumber = false;
    const qint64 seconds = timestamp.toLongLong(&isNumber);
    if (!isNumber)
        return refused(QStringLiteral("X-Spree-Webhook-Timestamp is not Unix seconds"));
    if (qAbs(nowMs / 1000 - seconds) > SpreeWebhookVerifier::kToleranceSeconds)
        return refused(QStringLiteral("the webhook's timestamp is more than %1 s away from this machine's "
                                      "clock; refused as stale (check both clocks)")
                           .arg(SpreeWebhookVerifier::kToleranceSeconds));
    const QByteArray expected = hmacSha256(secret, timestamp + '.' + request.body).toHex();
    if (!ConstantTime::equal(request.header("x-spree-webhook-signature").toLower(), expected))
        return refused(QStringLiteral("X-Spree-Webhook-Signature does not match; check that the store's "
                                      "webhook_secret is the endpoint's secret key in Spree"));
    return {true, {}};
}

} // namespace

SpreeWebhookVerifier::Result SpreeWebhookVerifier::verify(const HttpRequest &request,
                                                          const QByteArray &secret, qint64 nowMs)
{
    if (request.hasHeader("x-spree-webhook-signature")) {
        if (request.hasHeader("x-spree-webhook-timestamp"))
            return verifyTimestamped(request, secret, nowMs);
        const QByteArray expected = hmacSha256(secret, request.body).toHex();
        if (ConstantTime::equal(request.header("x-spree-webhook-signature").toLower(), expected))
            return {true, {}};
        return refused(QStringLiteral("X-Spree-Webhook-Signature does not match; check that the store's "
                                      "webhook_secret is the endpoint's secret key in Spree"));
    }
    if (request.hasHeader("x-spree-hmac-sha256")) {
        const QByteArray expected = hmacSha256(secret, request.body).toBase64();
        if (ConstantTime::equal(request.header("x-spree-hmac-sha256"), expected))
            return {true, {}};
        return refused(QStringLiteral("X-Spree-Hmac-SHA256 does not match; check that the store's "
                                      "webhook_secret is the subscriber's secret_key in Spree"));
    }
    return refused(QStringLiteral("the webhook is unsigned (no X-Spree-Webhook-Signature or "
                                  "X-Spree-Hmac-SHA256); Spree 4.4 and 4.5 do not sign, upgrade to 4.6+"));
}

QList<QPair<QByteArray, QByteArray>> SpreeWebhookVerifier::signatureHeaders(Scheme scheme,
                                                                            const QByteArray &secret,
                                                                            const QByteArray &body,
                                                                            qint64 timestampSeconds)
{
    switch (scheme) {
    case Scheme::Timestamped: {
        const QByteArray timestamp = QByteArray::number(timestampSeconds);
        return {{"X-Spree-Webhook-Timestamp", timestamp},
                {"X-Spree-Webhook-Signature", hmacSha256(secret, timestamp + '.' + body).toHex()}};
    }
    case Scheme::Body:
        return {{"X-Spree-Webhook-Signature", hmacSha256(secret, body).toHex()}};
    case Scheme::Legacy:
        break;
    }
    return {{"X-Spree-Hmac-SHA256", hmacSha256(secret, body).toBase64()}};
}

bool SpreeWebhookVerifier::parseScheme(const QString &text, Scheme *scheme)
{
    if (text == QLatin1String("5.4"))
        *scheme = Scheme::Timestamped;
    else if (text == QLatin1String("5.3"))
        *scheme = Scheme::Body;
    else if (text == QLatin1String("legacy"))
        *scheme = Scheme::Legacy;
    else
        return false;
    return true;
}
