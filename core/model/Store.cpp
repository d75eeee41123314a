#include "model/Store.h"

#include "model/Endpoint.h"
#include "utils/ConfigKeys.h"

#include <QJsonArray>
#include <QStringList>

const QStringList Store::kConfigKeys{QStringLiteral("name"),        QStringLiteral("url"),
                                     QStringLiteral("api"),         QStringLiteral("api_key"),
                                     QStringLiteral("client_id"),   QStringLiteral("client_secret"),
                                     QStringLiteral("push_token"),  QStringLiteral("webhook_secret"),
                                     QStringLiteral("collections"), QStringLiteral("page_size"),
                                     QStringLiteral("timeout")};

const QStringList Store::kApis{kApiV1, kApiPlatformV2, kApiAdminV3};

const QStringList Store::kCollections{QStringLiteral("orders"), QStringLiteral("users"),
                                      QStringLiteral("shipments"), QStringLiteral("products")};

QMap<QString, int> Store::defaultCollections()
{
    // The hosted product's connector: orders, users and carts every 5 minutes, products every hour.
    return {{QStringLiteral("orders"), 300},
            {QStringLiteral("users"), 300},
            {QStringLiteral("shipments"), 300},
            {QStringLiteral("products"), 3600}};
}

QJsonObject Store::optionsJson() const
{
    QJsonObject intervals;
    for (auto it = collections.cbegin(); it != collections.cend(); ++it)
        intervals.insert(it.key(), it.value());
    return {{QStringLiteral("collections"), intervals},
            {QStringLiteral("page_size"), pageSize},
            {QStringLiteral("timeout"), timeoutSeconds},
            {QStringLiteral("has_api_key"), hasApiKey},
            {QStringLiteral("has_push_token"), hasPushToken},
            {QStringLiteral("api"), api},
            {QStringLiteral("client_id"), clientId},
            {QStringLiteral("has_client_secret"), hasClientSecret},
            {QStringLiteral("has_webhook_secret"), hasWebhookSecret}};
}

void Store::applyOptions(const QJsonObject &options)
{
    collections.clear();
    const QJsonObject intervals = options.value(QStringLiteral("collections")).toObject();
    for (auto it = intervals.begin(); it != intervals.end(); ++it)
        collections.insert(it.key(), it.value().toInt());
    pageSize = options.value(QStringLiteral("page_size")).toInt(50);
    timeoutSeconds = options.value(QStringLiteral("timeout")).toDouble(30);
    hasApiKey = options.value(QStringLiteral("has_api_key")).toBool();
    hasPushToken = options.value(QStringLiteral("has_push_token")).toBool();
    api = options.value(QStringLiteral("api")).toString(kApiV1);
    clientId = options.value(QStringLiteral("client_id")).toString();
    hasClientSecret = options.value(QStringLiteral("has_client_secret")).toBool();
    hasWebhookSecret = options.value(QStringLiteral("has_webhook_secret")).toBool();
}

bool Store::fromConfig(const QJsonObject &object, Store *out, QString *error)
{
    Store parsed;
    parsed.name = object.value(QStringLiteral("name")).toString().trimmed();
    if (const QString unknown = ConfigKeys::unknownKey(object, kConfigKeys); !unknown.isEmpty()) {
        *error = parsed.name.isEmpty() ? QStringLiteral("a store: %1").arg(unknown)
                                       : QStringLiteral("store \"%1\": %2").arg(parsed.name, unknown);
        return false;
    }
    if (parsed.name.isEmpty()) {
        *error = QStringLiteral("a store has no \"name\"");
        return false;
    }
    parsed.url = QUrl(object.value(QStringLiteral("url")).toString(), QUrl::StrictMode);
    if (const QString reason = Endpoint::urlError(parsed.url, QStringLiteral("api_key")); !reason.isEmpty()) {
        *error = QStringLiteral("store \"%1\": %2").arg(parsed.name, reason);
        return false;
    }
    const QJsonValue api = object.value(QStringLiteral("api"));
    if (!api.isUndefined() && !kApis.contains(api.toString())) {
        *error = QStringLiteral("store \"%1\": \"api\" must be \"v1\" (Spree up to 4.4), \"platform_v2\" "
                                "(4.5 to 5.3) or \"admin_v3\" (5.5 and later)")
                     .arg(parsed.name);
        return false;
    }
    parsed.api = api.toString(kApiV1);
    const QJsonValue clientId = object.value(QStringLiteral("client_id"));
    if (!clientId.isUndefined() && !clientId.isString()) {
        *error = QStringLiteral("store \"%1\": \"client_id\" must be a string").arg(parsed.name);
        return false;
    }
    parsed.clientId = clientId.toString().trimmed();
    if (parsed.api == kApiPlatformV2 && parsed.clientId.isEmpty()) {
        *error =
            QStringLiteral("store \"%1\": the Platform API v2 needs \"client_id\" and \"client_secret\" of "
                           "an OAuth application (Spree admin: Apps or Settings > Developers)")
                .arg(parsed.name);
        return false;
    }
    const QJsonValue collections = object.value(QStringLiteral("collections"));
    if (collections.isUndefined()) {
        parsed.collections = defaultCollections();
    } else if (!collections.isObject()) {
        *error = QStringLiteral("store \"%1\": \"collections\" must be an object of collection: seconds")
                     .arg(parsed.name);
        return false;
    }
    const QJsonObject intervals = collections.toObject();
    if (const QString unknown =
            ConfigKeys::unknownKey(intervals, kCollections, QStringLiteral("collections"));
        !unknown.isEmpty()) {
        *error = QStringLiteral("store \"%1\": %2").arg(parsed.name, unknown);
        return false;
    }
    for (auto it = intervals.begin(); it != intervals.end(); ++it) {
        if (!it.value().isDouble() || it.value().toDouble() < 1 || it.value().toDouble() > 7 * 24 * 3600) {
            *error = QStringLiteral("store \"%1\": the interval of \"%2\" must be 1 to 604800 seconds")
                         .arg(parsed.name, it.key());
            return false;
        }
        parsed.collections.insert(it.key(), it.value().toInt());
    }
    const QJsonValue pageSize = object.value(QStringLiteral("page_size"));
    if (!pageSize.isUndefined() && (!pageSize.isDouble() || pageSize.toInt() < 1 || pageSize.toInt() > 100)) {
        *error = QStringLiteral("store \"%1\": \"page_size\" must be 1 to 100").arg(parsed.name);
        return false;
    }
    parsed.pageSize = pageSize.toInt(50);
    const QJsonValue timeout = object.value(QStringLiteral("timeout"));
    if (!timeout.isUndefined() &&
        (!timeout.isDouble() || timeout.toDouble() <= 0 || timeout.toDouble() > 600)) {
        *error = QStringLiteral("store \"%1\": \"timeout\" must be above 0 and at most 600 seconds")
                     .arg(parsed.name);
        return false;
    }
    parsed.timeoutSeconds = timeout.toDouble(30);
    *out = parsed;
    return true;
}

QJsonObject Store::toConfig() const
{
    QJsonObject intervals;
    for (auto it = collections.cbegin(); it != collections.cend(); ++it)
        intervals.insert(it.key(), it.value());
    QJsonObject config{{QStringLiteral("name"), name},
                       {QStringLiteral("url"), url.toString()},
                       {QStringLiteral("collections"), intervals},
                       {QStringLiteral("page_size"), pageSize},
                       {QStringLiteral("timeout"), timeoutSeconds}};
    if (api != kApiV1) // a v1 store's export stays as it was before there was a choice
        config.insert(QStringLiteral("api"), api);
    if (!clientId.isEmpty())
        config.insert(QStringLiteral("client_id"), clientId);
    return config;
}

QString Store::apiTitle(const QString &api)
{
    if (api == kApiPlatformV2)
        return QStringLiteral("Platform API v2");
    if (api == kApiAdminV3)
        return QStringLiteral("Admin API v3");
    return QStringLiteral("API v1");
}

int Store::shortestInterval() const
{
    int shortest = 0;
    for (int interval : collections)
        shortest = shortest == 0 ? interval : qMin(shortest, interval);
    return shortest;
}
