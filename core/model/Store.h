#pragma once

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

// A Spree storefront that Integrator polls. The API key, the OAuth client secret, the push token (for
// stores that push) and the webhook secret (for stores that send Spree's webhooks) are secrets, sealed
// under apiKeyKeyFor() / clientSecretKeyFor() / pushTokenKeyFor() / webhookSecretKeyFor()
// (CredentialStore).
struct Store
{
    // Which of Spree's APIs the store is polled through.
    static inline const QString kApiV1 = QStringLiteral("v1");                  // Spree up to 4.4
    static inline const QString kApiPlatformV2 = QStringLiteral("platform_v2"); // 4.5 to 5.3 (later: a gem)
    static inline const QString kApiAdminV3 = QStringLiteral("admin_v3");       // 5.5 and later
    static const QStringList kApis;

    qint64 id = 0;
    QString name;
    QUrl url;
    QString api = kApiV1;
    QString clientId;               // platform_v2: the OAuth application's id (not a secret; its secret is)
    QMap<QString, int> collections; // collection -> poll interval in seconds
    int pageSize = 50;
    double timeoutSeconds = 30;
    bool hasApiKey = false;
    bool hasPushToken = false;
    bool hasClientSecret = false;
    bool hasWebhookSecret = false;

    static const QStringList kCollections; // orders, users, shipments, products
    static QMap<QString, int> defaultCollections();

    static QString apiKeyKeyFor(const QString &name) { return QStringLiteral("store/%1/api_key").arg(name); }
    static QString clientSecretKeyFor(const QString &name)
    {
        return QStringLiteral("store/%1/client_secret").arg(name);
    }
    static QString pushTokenKeyFor(const QString &name)
    {
        return QStringLiteral("store/%1/push_token").arg(name);
    }

    static QString webhookSecretKeyFor(const QString &name)
    {
        return QStringLiteral("store/%1/webhook_secret").arg(name);
    }

    QJsonObject optionsJson() const;
    void applyOptions(const QJsonObject &options);
    // Validates {"name", "url", "api"?, "client_id"?, "collections"?, "page_size"?, "timeout"?} and refuses
    // keys not in kConfigKeys; the secrets (api_key, client_secret, push_token, webhook_secret) are the
    // caller's.
    static const QStringList kConfigKeys;
    static bool fromConfig(const QJsonObject &object, Store *out, QString *error);
    QJsonObject toConfig() const;
    int shortestInterval() const;
    // "Platform API v2" and so on, for what people read.
    static QString apiTitle(const QString &api);
};
