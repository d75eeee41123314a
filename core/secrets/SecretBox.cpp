#include "secrets/SecretBox.h"

#include "secrets/Sodium.h"

#include <sodium.h>

namespace {

constexpr char kVersion = 1;
constexpr int kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr int kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;

const unsigned char *bytes(const QByteArray &data)
{
    return reinterpret_cast<const unsigned char *>(data.constData());
}

} // namespace

QByteArray SecretBox::seal(const MasterKey &key, const QString &scope, const QString &secret)
{
    Sodium::initialize();
    const QByteArray plain = secret.toUtf8();
    const QByteArray associated = scope.toUtf8();
    QByteArray out(1 + kNonceBytes + plain.size() + kTagBytes, Qt::Uninitialized);
    out[0] = kVersion;
    auto *nonce = reinterpret_cast<unsigned char *>(out.data() + 1);
    randombytes_buf(nonce, kNonceBytes);
    unsigned long long written = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + kNonceBytes, &written, bytes(plain),
                                               size_t(plain.size()), bytes(associated),
                                               size_t(associated.size()), nullptr, nonce, bytes(key.bytes()));
    return out.toBase64();
}

std::optional<QString> SecretBox::open(const MasterKey &key, const QString &scope, const QByteArray &sealed)
{
    Sodium::initialize();
    const QByteArray raw = QByteArray::fromBase64(sealed);
    if (raw.size() < 1 + kNonceBytes + kTagBytes || raw.at(0) != kVersion)
        return std::nullopt;
    const QByteArray associated = scope.toUtf8();
    const auto *nonce = bytes(raw) + 1;
    const auto cipherSize = size_t(raw.size() - 1 - kNonceBytes);
    QByteArray plain(int(cipherSize) - kTagBytes, Qt::Uninitialized);
    unsigned long long written = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            reinterpret_cast<unsigned char *>(plain.data()), &written, nullptr, nonce + kNonceBytes,
            cipherSize, bytes(associated), size_t(associated.size()), nonce, bytes(key.bytes())) != 0)
        return std::nullopt;
    QString secret = QString::fromUtf8(plain.constData(), qsizetype(written));
    sodium_memzero(plain.data(), size_t(plain.size()));
    return secret;
}
