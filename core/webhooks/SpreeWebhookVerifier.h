#pragma once

#include "http/HttpRequestReader.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

// Checks that a Spree webhook was signed with the store's webhook_secret, in whichever of Spree's three
// schemes it came:
//   5.4+       X-Spree-Webhook-Signature = hex HMAC-SHA256(secret, "{X-Spree-Webhook-Timestamp}.{body}"),
//              the timestamp at most kToleranceSeconds away from now (Clock), so a captured request
//              cannot be replayed later;
//   5.3        X-Spree-Webhook-Signature = hex HMAC-SHA256(secret, body), no timestamp;
//   4.6 - 5.2  X-Spree-Hmac-SHA256 = base64 HMAC-SHA256(secret, body).
// Every comparison takes constant time (ConstantTime).
namespace SpreeWebhookVerifier {

enum class Scheme
{
    Timestamped, // 5.4+
    Body,        // 5.3
    Legacy       // 4.6 - 5.2
};

constexpr qint64 kToleranceSeconds = 300;

struct Result
{
    bool accepted = false;
    QString refusal; // one line, when not accepted
};

Result verify(const HttpRequest &request, const QByteArray &secret, qint64 nowMs);

// The headers Spree sends for `body` in `scheme` at `timestampSeconds`: what the demo sender and the
// tests sign with.
QList<QPair<QByteArray, QByteArray>> signatureHeaders(Scheme scheme, const QByteArray &secret,
                                                      const QByteArray &body, qint64 timestampSeconds);
// "5.4", "5.3", "legacy"; false for anything else.
bool parseScheme(const QString &text, Scheme *scheme);

} // namespace SpreeWebhookVerifier
