#include "model/RetentionPolicy.h"

#include "utils/ConfigKeys.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

struct Default
{
    RetentionPolicy::Kind kind;
    const char *key;
    const char *keep; // the default duration
};

const Default kDefaults[] = {
    {RetentionPolicy::Kind::Delivered, "delivered", "30d"},
    {RetentionPolicy::Kind::Skipped, "skipped", "30d"},
    {RetentionPolicy::Kind::Archived, "archived", "30d"},
    {RetentionPolicy::Kind::Notifications, "notifications", "90d"},
    {RetentionPolicy::Kind::ResponseBodies, "response_bodies", "7d"},
};

const Default &entryOf(RetentionPolicy::Kind kind)
{
    for (const Default &entry : kDefaults) {
        if (entry.kind == kind)
            return entry;
    }
    return kDefaults[0];
}

bool isOff(const QJsonValue &value)
{
    return value.isNull() || value.toString() == QLatin1String("off");
}

QString shown(const QJsonValue &value)
{
    // A scalar is no JSON document on its own: print it as the one item of an array, brackets cut.
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

} // namespace

const QList<RetentionPolicy::Kind> &RetentionPolicy::kinds()
{
    static const QList<Kind> all{Kind::Delivered, Kind::Skipped, Kind::Archived, Kind::Notifications,
                                 Kind::ResponseBodies};
    return all;
}

QString RetentionPolicy::key(Kind kind)
{
    return QString::fromLatin1(entryOf(kind).key);
}

std::optional<qint64> RetentionPolicy::parseDuration(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^([0-9]{1,9})([smhd])$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const qint64 count = match.captured(1).toLongLong();
    const QChar unit = match.captured(2).at(0);
    const qint64 unitMs = unit == QLatin1Char('s')   ? 1000
                          : unit == QLatin1Char('m') ? 60 * 1000
                          : unit == QLatin1Char('h') ? 3600 * 1000
                                                     : kDayMs;
    if (count <= 0)
        return std::nullopt;
    return count * unitMs;
}

bool RetentionPolicy::fromConfig(const QJsonValue &value, RetentionPolicy *out, QString *error)
{
    if (!value.isObject()) {
        *error = QStringLiteral("\"retention\" must be an object such as {\"delivered\": \"30d\"}");
        return false;
    }
    const QJsonObject object = value.toObject();
    QStringList keys;
    for (Kind kind : kinds())
        keys << key(kind);
    if (const QString unknown = ConfigKeys::unknownKey(object, keys, QStringLiteral("retention"));
        !unknown.isEmpty()) {
        *error = unknown;
        return false;
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (isOff(it.value()) || (it.value().isString() && parseDuration(it.value().toString())))
            continue;
        *error = QStringLiteral("retention: \"%1\" must be a duration such as \"30d\", \"12h\", \"15m\" or "
                                "\"90s\" (a whole number above 0), or \"off\"; got %2")
                     .arg(it.key(), shown(it.value()));
        return false;
    }
    out->configured_ = object;
    return true;
}

QJsonObject RetentionPolicy::toConfig() const
{
    return configured_;
}

void RetentionPolicy::merge(const RetentionPolicy &update)
{
    for (auto it = update.configured_.begin(); it != update.configured_.end(); ++it)
        configured_.insert(it.key(), it.value());
}

QJsonValue RetentionPolicy::valueOf(Kind kind) const
{
    const QJsonValue value = configured_.value(key(kind));
    return value.isUndefined() ? QJsonValue(QString::fromLatin1(entryOf(kind).keep)) : value;
}

std::optional<qint64> RetentionPolicy::keepMs(Kind kind) const
{
    const QJsonValue value = valueOf(kind);
    if (isOff(value))
        return std::nullopt;
    return parseDuration(value.toString());
}

QString RetentionPolicy::describe(Kind kind) const
{
    const QJsonValue value = valueOf(kind);
    return isOff(value) ? QStringLiteral("off") : value.toString();
}

QJsonObject RetentionPolicy::effective() const
{
    QJsonObject out;
    for (Kind kind : kinds())
        out.insert(key(kind), describe(kind));
    return out;
}
