#pragma once

#include "ScriptedEndpoint.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

// Standard Webhooks signatures checked by an independent HMAC: the openssl command, not the project's
// WebhookSigner.

// base64(HMAC-SHA256(key, content)) computed by openssl.
QByteArray opensslHmac(const QByteArray &key, const QByteArray &content);
// The key bytes of a whsec_ secret.
QByteArray keyOf(const QString &secret);
// Which of the given secrets produced a valid signature for this request.
QList<int> verifiedBy(const RecordedRequest &request, const QStringList &secrets);
