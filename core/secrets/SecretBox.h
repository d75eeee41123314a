#pragma once

#include "secrets/MasterKey.h"

#include <QByteArray>
#include <QString>

#include <optional>

// Authenticated encryption of one secret (libsodium's XChaCha20-Poly1305). The secret's scope, such as
// "endpoint/mailer/token", is the associated data, so a sealed value copied onto another entry does not
// open. Sealed values are base64 text: one version byte, a random 24-byte nonce, the ciphertext and tag.
namespace SecretBox {

QByteArray seal(const MasterKey &key, const QString &scope, const QString &secret);
// nullopt when the value was sealed with another key, for another scope, or was altered.
std::optional<QString> open(const MasterKey &key, const QString &scope, const QByteArray &sealed);

} // namespace SecretBox
