#pragma once

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

// A Spree storefront that Integrator polls. The API key, the push token (for stores that push) and the
// webhook secret (for stores that send Spree's webhooks) are secrets, sealed under apiKeyKeyFor() /
// pushTokenKeyFor() / webhookSecretKeyFor() (CredentialStore).
struct Store
{
    qint64 id = 0;
    QString name;
    QUrl url;
    QMap<QString, int> collections; // collection -> poll interval in seconds
    int pageSize = 50;
    double timeoutSeconds = 30;
    bool hasApiKey = false;
    bool hasPushToken = false;
    bool hasWebhookSecret = false;

    static const QStringList kCollections; // orders, users, shipments, products
    static QMap<QString, int> defaultCollections();

    static QString apiKeyKeyFor(const QString &name) { return QStringLiteral("store/%1/api_key").arg(name); }
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
    // Validates {"name", "url", "collections"?, "page_size"?, "timeout"?} and refuses keys not in
    // kConfigKeys; the secrets (api_key, push_token, webhook_secret) are the
    // caller's.
    static const QStringList kConfigKeys;
    static bool fromConfig(const QJsonObject &object, Store *out, QString *error);
    QJsonObject toConfig() const;
    int shortestInterval() const;
};
