#include "secrets/MasterKey.h"

#include "secrets/Sodium.h"

#include <sodium.h>

MasterKey::MasterKey(QByteArray bytes)
    : bytes_(std::move(bytes))
{}

MasterKey::~MasterKey()
{
    // Only wipes this copy's buffer when it is the last one sharing it (QByteArray is shared).
    if (bytes_.isDetached())
        sodium_memzero(bytes_.data(), size_t(bytes_.size()));
}

MasterKey MasterKey::generate()
{
    Sodium::initialize();
    QByteArray bytes(kBytes, Qt::Uninitialized);
    randombytes_buf(bytes.data(), size_t(bytes.size()));
    return MasterKey(bytes);
}

std::optional<MasterKey> MasterKey::parse(const QByteArray &text, QString *error)
{
    const QByteArray line = text.trimmed();
    const auto decoded = QByteArray::fromBase64Encoding(line, QByteArray::AbortOnBase64DecodingErrors);
    if (line.isEmpty()) {
        *error = QStringLiteral("the master key is empty");
        return std::nullopt;
    }
    if (!decoded || decoded.decoded.size() != kBytes) {
        *error =
            QStringLiteral("the master key is not %1 bytes of base64 (made by `integrator secrets new-key`); "
                           "is it truncated?")
                .arg(kBytes);
        return std::nullopt;
    }
    return MasterKey(decoded.decoded);
}

QByteArray MasterKey::encoded() const
{
    return bytes_.toBase64();
}

QString MasterKey::id() const
{
    Sodium::initialize();
    static const QByteArray context("integrator master key id");
    unsigned char hash[8];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char *>(bytes_.constData()),
                       size_t(bytes_.size()), reinterpret_cast<const unsigned char *>(context.constData()),
                       size_t(context.size()));
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(hash), sizeof hash).toHex());
}
