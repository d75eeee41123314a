#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

// How long finished history is kept (the config file's "retention" object). Only what was set is kept
// here, so an export writes back what a person wrote; every other kind keeps its default.
class RetentionPolicy
{
public:
    enum class Kind
    {
        Delivered,      // delivered deliveries
        Skipped,        // skipped deliveries, and messages that no mapping took
        Archived,       // archived deliveries
        Notifications,  // notifications, by their last occurrence
        ResponseBodies, // the response bodies of finished deliveries' attempts
    };

    static const QList<Kind> &kinds();
    static QString key(Kind kind);

    // Validates a config file's "retention" value; on error one line that names the key.
    static bool fromConfig(const QJsonValue &value, RetentionPolicy *out, QString *error);
    QJsonObject toConfig() const; // the keys that were set, as written
    bool isEmpty() const { return configured_.isEmpty(); }
    // The keys set in `update` replace these; the others stay.
    void merge(const RetentionPolicy &update);

    // How long the kind's rows are kept, in milliseconds; nullopt when pruning it is off.
    std::optional<qint64> keepMs(Kind kind) const;
    // "30d", or "off".
    QString describe(Kind kind) const;
    // Every kind with its effective value, defaults included.
    QJsonObject effective() const;

    // "30d", "12h", "15m", "90s" in milliseconds; nullopt unless a whole number above 0 and a unit.
    static std::optional<qint64> parseDuration(const QString &text);

private:
    QJsonValue valueOf(Kind kind) const;

    QJsonObject configured_;
};
