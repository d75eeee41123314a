#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

// A web app that receives messages. The token is a secret: it is sealed under tokenKey() (CredentialStore),
// never in this struct's JSON or in plain text in the database.
struct Endpoint
{
    qint64 id = 0;
    QString name;
    QUrl url;
    int maxInFlight = 6;
    bool hasToken = false;
    bool hasSigningSecret = false;
    bool hasBasicAuth = false;         // "user:password", sent as Authorization: Basic
    qint64 previousSigningUntilMs = 0; // while in the future, the previous secret signs too
    double signingGraceHours = 24;
    bool allowSelfSigned = false;     // accept a self-signed TLS certificate (shown as a warning)
    double rateLimit = 0;             // deliveries per second for the whole deployment; 0: no limit
    int pauseAfter = 20;              // consecutive failed attempts that pause the endpoint; 0: never
    double probeIntervalSeconds = 60; // a paused endpoint's first probe; doubles up to kMaxProbeSeconds
    // Origins besides the endpoint's own ("https://status.example.com") whose update_url is polled, with
    // the token, signature and parameters.
    QStringList updateOrigins;

    static constexpr int kMaxInFlightLimit = 64;
    static constexpr double kMaxRateLimit = 10000;
    static constexpr double kMaxProbeSeconds = 3600;

    QString tokenKey() const { return tokenKeyFor(name); }
    static QString tokenKeyFor(const QString &name) { return QStringLiteral("endpoint/%1/token").arg(name); }
    static QString signingKeyFor(const QString &name)
    {
        return QStringLiteral("endpoint/%1/signing_secret").arg(name);
    }
    static QString basicAuthKeyFor(const QString &name)
    {
        return QStringLiteral("endpoint/%1/basic_auth").arg(name);
    }
    static QString previousSigningKeyFor(const QString &name)
    {
        return QStringLiteral("endpoint/%1/signing_secret_previous").arg(name);
    }

    QJsonObject optionsJson() const;
    void applyOptions(const QJsonObject &options);

    // Validates {"name", "url", "max_in_flight"?, "allow_self_signed"?, "signing_grace_hours"?,
    // "rate_limit"?, "pause_after"?, "probe_interval"?, "update_origins"?} and
    // refuses keys not in kConfigKeys; the secrets (token, signing_secret, basic_auth) are handled by the
    // caller.
    static const QStringList kConfigKeys;
    static bool fromConfig(const QJsonObject &object, Endpoint *out, QString *error);
    QJsonObject toConfig() const;
    // Why `url` cannot be an endpoint's (or a store's) URL, empty when it can: absolute, http or https,
    // and no user name or password, which would be stored and printed; `secretKey` names the config key
    // that carries the credential instead (an endpoint's "basic_auth", or a store's "api_key").
    static QString urlError(const QUrl &url, const QString &secretKey = QStringLiteral("basic_auth"));
    // Why `value` cannot be an endpoint's basic_auth, empty when it can: "user:password".
    static QString basicAuthError(const QString &value);
    // `url` without user name and password, for messages and records.
    static QString displayUrl(const QUrl &url);

    // Same origin (RFC 6454): scheme, host and port, a default port being equal to its absence.
    static bool sameOrigin(const QUrl &a, const QUrl &b);
    static QString origin(const QUrl &url); // "http://127.0.0.1:9001"
    // Empty when `target` has the origin of `endpointUrl` or one of `updateOrigins`; otherwise the
    // one-line reason a request carrying the endpoint's token, signature and parameters must not go there.
    static QString crossOriginError(const QUrl &target, const QUrl &endpointUrl,
                                    const QStringList &updateOrigins = {});
    // Why `value` cannot be an entry of update_origins, empty when it can: an http or https origin,
    // scheme, host and port only.
    static QString updateOriginError(const QString &value);
};
