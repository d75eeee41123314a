#pragma once

#include <QJsonObject>
#include <QString>

// One PATH=VALUE of `integrator erase --match`: the messages to erase are those where the path (rooted at
// the message, as a filter's: payload.order.email) reaches the value. Strings compare without regard to
// case, since an address written Ana@Example.com is the same person's; numbers and booleans by their JSON
// text, so payload.user.id=42 finds 42 and "42".
class ErasureMatch
{
public:
    // "payload.order.email=ana@example.com"; false and a one-line reason for anything else.
    static bool parse(const QString &text, ErasureMatch *out, QString *error);

    const QString &path() const { return path_; }
    bool matches(const QJsonObject &message) const;

private:
    QString path_;
    QString value_;
};
