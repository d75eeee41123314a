#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// Standard Webhooks signatures: webhook-signature is "v1," + base64(HMAC-SHA256(key, "id.timestamp.body")),
// where the key is the base64-decoded part of a "whsec_" secret. During a rotation the old and the new
// secret both sign, space-separated, so endpoints can switch over at their own pace.
namespace WebhookSigner {
constexpr int kMinKeyBytes = 24;
constexpr int kMaxKeyBytes = 64;

QString generateSecret();
// The HMAC key of a "whsec_…" secret; false and a one-line reason when it is not one.
bool decodeSecret(const QString &secret, QByteArray *key, QString *error);
QByteArray sign(const QByteArray &key, const QString &messageId, qint64 timestamp, const QByteArray &body);
QByteArray signatureHeader(const QList<QByteArray> &keys, const QString &messageId, qint64 timestamp,
                           const QByteArray &body);
} // namespace WebhookSigner
