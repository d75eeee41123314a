#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// The 32 random bytes every stored secret is sealed with. Written as one base64 line (a key file, the
// keychain entry, `secrets new-key`); known to others only by id(), a hash that says which key sealed
// a database without revealing it.
class MasterKey
{
public:
    static constexpr int kBytes = 32;

    static MasterKey generate();
    // Parses one base64 line (surrounding white space ignored); nullopt and a one-line reason when it is
    // not exactly kBytes of base64, such as a truncated copy.
    static std::optional<MasterKey> parse(const QByteArray &text, QString *error);

    MasterKey(const MasterKey &other) = default;
    MasterKey &operator=(const MasterKey &other) = default;
    ~MasterKey();

    const QByteArray &bytes() const { return bytes_; }
    QByteArray encoded() const; // the base64 line, without a newline
    // 16 hex digits of a BLAKE2b hash of the key, stored beside the secrets it sealed.
    QString id() const;

private:
    explicit MasterKey(QByteArray bytes);
    QByteArray bytes_;
};
