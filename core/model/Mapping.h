#pragma once

#include "model/MessageFilter.h"

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

struct MappingOptions
{
    // What a parked delivery does to the later deliveries of its ordering key.
    enum class OnPark
    {
        Hold, // they wait until it is replayed and delivered, or archived
        Skip, // they go on; the parked one waits alone
    };

    bool retriesAllowed = true;
    double timeoutSeconds = 180;
    QList<double> retrySchedule; // empty: RetryPolicy's default
    // A JsonPath into the message; empty: deliveries go out in any order, several at once.
    QString orderingKey;
    OnPark onPark = OnPark::Hold;

    static constexpr double kMaxTimeoutSeconds = 3600;
    // One retry_schedule entry: 0 (at once) to 7 days, the longest an asynchronous delay may be too.
    static constexpr double kMaxRetryDelaySeconds = 7 * 24 * 3600;
    static const QStringList kKeys; // retries_allowed, timeout, retry_schedule, ordering_key, on_park
    QJsonObject toJson() const;
    static bool fromJson(const QJsonValue &json, MappingOptions *out, QString *error);
};

// A subscription: message types (exact, or "prefix:*") routed to one service of one endpoint,
// narrowed by filters and made unique per identifier values.
struct Mapping
{
    qint64 id = 0;
    qint64 endpointId = 0;
    QString name;
    QString endpoint; // endpoint name
    QString path;     // service path, "/order_confirmation"
    QStringList messages;
    QList<MessageFilter> filters;
    QList<QPair<QString, QString>> identifiers; // name -> path, in config order
    QStringList parameters;
    MappingOptions options;
    bool enabled = true;

    bool subscribes(const QString &type) const;
    // Identifier values of a message as a stable JSON text, or empty when the mapping has no identifiers.
    // A missing value is part of the identity as null, so such messages still collide with each other.
    QString identityOf(const QJsonObject &message) const;
    // The value of options.orderingKey in a message as text (a string as it is, anything else as compact
    // JSON); empty when the mapping has no ordering key or the path reaches nothing or only null: such a
    // delivery is not ordered.
    QString orderingKeyOf(const QJsonObject &message) const;

    // The definition column holds everything but id, name, endpoint and enabled.
    QJsonObject definitionJson() const;
    static bool applyDefinition(const QJsonObject &definition, Mapping *out, QString *error);

    QJsonObject toConfig() const;
    // Refuses keys not in kConfigKeys, MappingOptions::kKeys (options) and MessageFilter::kKeys (each
    // filter); applyDefinition does not check keys, so that what a newer build stored still reads.
    static bool fromConfig(const QJsonObject &object, Mapping *out, QString *error);
    static const QStringList kConfigKeys;
    static QString typePatternError(const QString &pattern);
};
