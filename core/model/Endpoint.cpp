#include "model/Endpoint.h"

#include "utils/ConfigKeys.h"

#include <QJsonArray>

const QStringList Endpoint::kConfigKeys{QStringLiteral("name"),
                                        QStringLiteral("url"),
                                        QStringLiteral("token"),
                                        QStringLiteral("max_in_flight"),
                                        QStringLiteral("signing_secret"),
                                        QStringLiteral("basic_auth"),
                                        QStringLiteral("signing_grace_hours"),
                                        QStringLiteral("allow_self_signed"),
                                        QStringLiteral("rate_limit"),
                                        QStringLiteral("pause_after"),
                                        QStringLiteral("probe_interval"),
                                        QStringLiteral("update_origins")};

namespace {

// An optional number option: absent, or a number in (above, atMost].
bool isNumberIn(const QJsonValue &value, double above, double atMost)
{
    return value.isUndefined() ||
           (value.isDouble() && value.toDouble() > above && value.toDouble() <= atMost);
}

QString flowControlError(const QJsonObject &object)
{
    if (!isNumberIn(object.value(QStringLiteral("rate_limit")), 0, Endpoint::kMaxRateLimit))
        return QStringLiteral("\"rate_limit\" must be deliveries per second above 0 and at most %1, "
                              "such as 5 or 0.5")
            .arg(Endpoint::kMaxRateLimit);
    const QJsonValue pauseAfter = object.value(QStringLiteral("pause_after"));
    if (!pauseAfter.isUndefined() &&
        (!pauseAfter.isDouble() || pauseAfter.toDouble() != double(pauseAfter.toInt()) ||
         pauseAfter.toInt() < 0))
        return QStringLiteral("\"pause_after\" must be a whole number of failed attempts, 0 for never");
    if (!isNumberIn(object.value(QStringLiteral("probe_interval")), 0, Endpoint::kMaxProbeSeconds))
        return QStringLiteral("\"probe_interval\" must be seconds above 0 and at most %1")
            .arg(Endpoint::kMaxProbeSeconds);
    return {};
}

// update_origins: a list of origins, each normalised (Endpoint::origin) so that equal origins compare
// equal wherever they are shown or exported.
bool readUpdateOrigins(const QJsonValue &value, QStringList *out, QString *error)
{
    if (value.isUndefined())
        return true;
    if (!value.isArray()) {
        *error = QStringLiteral("\"update_origins\" must be a list of origins such as "
                                "[\"https://status.example.com\"]");
        return false;
    }
    for (const QJsonValue &entry : value.toArray()) {
        const QString text = entry.toString();
        if (const QString reason = entry.isString() ? Endpoint::updateOriginError(text)
                                                    : QStringLiteral("an entry is not a string");
            !reason.isEmpty()) {
            *error = QStringLiteral("\"update_origins\": %1").arg(reason);
            return false;
        }
        const QString origin = Endpoint::origin(QUrl(text));
        if (!out->contains(origin))
            out->append(origin);
    }
    return true;
}

} // namespace

QJsonObject Endpoint::optionsJson() const
{
    return {{QStringLiteral("max_in_flight"), maxInFlight},
            {QStringLiteral("has_token"), hasToken},
            {QStringLiteral("has_signing_secret"), hasSigningSecret},
            {QStringLiteral("has_basic_auth"), hasBasicAuth},
            {QStringLiteral("previous_signing_until"), previousSigningUntilMs},
            {QStringLiteral("signing_grace_hours"), signingGraceHours},
            {QStringLiteral("allow_self_signed"), allowSelfSigned},
            {QStringLiteral("rate_limit"), rateLimit},
            {QStringLiteral("pause_after"), pauseAfter},
            {QStringLiteral("probe_interval"), probeIntervalSeconds},
            {QStringLiteral("update_origins"), QJsonArray::fromStringList(updateOrigins)}};
}

void Endpoint::applyOptions(const QJsonObject &options)
{
    maxInFlight = qBound(1, options.value(QStringLiteral("max_in_flight")).toInt(6), kMaxInFlightLimit);
    hasToken = options.value(QStringLiteral("has_token")).toBool();
    hasSigningSecret = options.value(QStringLiteral("has_signing_secret")).toBool();
    hasBasicAuth = options.value(QStringLiteral("has_basic_auth")).toBool();
    previousSigningUntilMs = qint64(options.value(QStringLiteral("previous_signing_until")).toDouble());
    signingGraceHours = options.value(QStringLiteral("signing_grace_hours")).toDouble(24);
    allowSelfSigned = options.value(QStringLiteral("allow_self_signed")).toBool();
    rateLimit = options.value(QStringLiteral("rate_limit")).toDouble(0);
    pauseAfter = options.value(QStringLiteral("pause_after")).toInt(20);
    probeIntervalSeconds = options.value(QStringLiteral("probe_interval")).toDouble(60);
    updateOrigins.clear();
    for (const QJsonValue &origin : options.value(QStringLiteral("update_origins")).toArray())
        updateOrigins.append(origin.toString());
}

QString Endpoint::urlError(const QUrl &url, const QString &secretKey)
{
    if (!url.isValid() || url.isRelative() || url.host().isEmpty())
        return QStringLiteral("\"%1\" is not an absolute URL such as http://127.0.0.1:9001")
            .arg(displayUrl(url));
    if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        return QStringLiteral("URL \"%1\" must start with http:// or https://").arg(displayUrl(url));
    // A password in the URL would be stored, exported and printed by show and Copy as curl.
    if (!url.userInfo().isEmpty())
        return QStringLiteral("URL \"%1\" must not hold a user name or password; put the credential in "
                              "\"%2\" instead, which is stored sealed")
            .arg(displayUrl(url), secretKey);
    return {};
}

QString Endpoint::basicAuthError(const QString &value)
{
    if (!value.contains(u':') || value.startsWith(u':'))
        return QStringLiteral("\"basic_auth\" must be \"user:password\" (the user name, a colon, the "
                              "password)");
    return {};
}

QString Endpoint::displayUrl(const QUrl &url)
{
    return url.toString(QUrl::RemoveUserInfo);
}

bool Endpoint::sameOrigin(const QUrl &a, const QUrl &b)
{
    const auto port = [](const QUrl &address) {
        const bool https = address.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
        return address.port(https ? 443 : 80);
    };
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0 &&
           a.host().compare(b.host(), Qt::CaseInsensitive) == 0 && port(a) == port(b);
}

QString Endpoint::origin(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment)
        .toString();
}

QString Endpoint::crossOriginError(const QUrl &target, const QUrl &endpointUrl,
                                   const QStringList &updateOrigins)
{
    if (sameOrigin(target, endpointUrl))
        return {};
    for (const QString &allowed : updateOrigins) {
        if (sameOrigin(target, QUrl(allowed)))
            return {};
    }
    if (updateOrigins.isEmpty())
        return QStringLiteral("update_url %1 is on another origin than the endpoint %2; refused so the "
                              "token is not sent there")
            .arg(displayUrl(target), origin(endpointUrl));
    return QStringLiteral("update_url %1 is on another origin than the endpoint %2 and not in its "
                          "update_origins; refused so the token is not sent to %3")
        .arg(displayUrl(target), origin(endpointUrl), origin(target));
}

QString Endpoint::updateOriginError(const QString &value)
{
    const QUrl url(value, QUrl::StrictMode);
    const bool web = url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https");
    const bool originOnly = url.userInfo().isEmpty() && (url.path().isEmpty() || url.path() == u'/') &&
                            !url.hasQuery() && !url.hasFragment();
    if (url.isValid() && web && !url.host().isEmpty() && originOnly)
        return {};
    return QStringLiteral("\"%1\" is not an http or https origin (scheme, host and port) such as "
                          "https://status.example.com")
        .arg(url.isValid() ? displayUrl(url) : value);
}

bool Endpoint::fromConfig(const QJsonObject &object, Endpoint *out, QString *error)
{
    const QString name = object.value(QStringLiteral("name")).toString().trimmed();
    if (const QString unknown = ConfigKeys::unknownKey(object, kConfigKeys); !unknown.isEmpty()) {
        *error = name.isEmpty() ? QStringLiteral("an endpoint: %1").arg(unknown)
                                : QStringLiteral("endpoint \"%1\": %2").arg(name, unknown);
        return false;
    }
    if (name.isEmpty()) {
        *error = QStringLiteral("an endpoint has no \"name\"");
        return false;
    }
    const QUrl url(object.value(QStringLiteral("url")).toString(), QUrl::StrictMode);
    if (const QString reason = urlError(url); !reason.isEmpty()) {
        *error = QStringLiteral("endpoint \"%1\": %2").arg(name, reason);
        return false;
    }
    const QJsonValue limit = object.value(QStringLiteral("max_in_flight"));
    if (!limit.isUndefined() &&
        (!limit.isDouble() || limit.toInt() < 1 || limit.toInt() > kMaxInFlightLimit)) {
        *error = QStringLiteral("endpoint \"%1\": \"max_in_flight\" must be a whole number from 1 to %2")
                     .arg(name)
                     .arg(kMaxInFlightLimit);
        return false;
    }
    const QJsonValue selfSigned = object.value(QStringLiteral("allow_self_signed"));
    const QJsonValue grace = object.value(QStringLiteral("signing_grace_hours"));
    if (!selfSigned.isUndefined() && !selfSigned.isBool()) {
        *error = QStringLiteral("endpoint \"%1\": \"allow_self_signed\" must be true or false").arg(name);
        return false;
    }
    if (!grace.isUndefined() && (!grace.isDouble() || grace.toDouble() < 0 || grace.toDouble() > 24 * 30)) {
        *error = QStringLiteral("endpoint \"%1\": \"signing_grace_hours\" must be 0 to 720 hours").arg(name);
        return false;
    }
    if (const QString reason = flowControlError(object); !reason.isEmpty()) {
        *error = QStringLiteral("endpoint \"%1\": %2").arg(name, reason);
        return false;
    }
    QStringList updateOrigins;
    if (QString reason;
        !readUpdateOrigins(object.value(QStringLiteral("update_origins")), &updateOrigins, &reason)) {
        *error = QStringLiteral("endpoint \"%1\": %2").arg(name, reason);
        return false;
    }
    out->updateOrigins = updateOrigins;
    out->name = name;
    out->url = url;
    out->rateLimit = object.value(QStringLiteral("rate_limit")).toDouble(0);
    out->pauseAfter = object.value(QStringLiteral("pause_after")).toInt(20);
    out->probeIntervalSeconds = object.value(QStringLiteral("probe_interval")).toDouble(60);
    out->maxInFlight = limit.isUndefined() ? 6 : limit.toInt();
    out->allowSelfSigned = selfSigned.toBool(false);
    out->signingGraceHours = grace.toDouble(24);
    return true;
}

QJsonObject Endpoint::toConfig() const
{
    QJsonObject object{{QStringLiteral("name"), name},
                       {QStringLiteral("url"), url.toString()},
                       {QStringLiteral("max_in_flight"), maxInFlight}};
    if (allowSelfSigned)
        object.insert(QStringLiteral("allow_self_signed"), true);
    if (hasSigningSecret)
        object.insert(QStringLiteral("signing_grace_hours"), signingGraceHours);
    if (rateLimit > 0)
        object.insert(QStringLiteral("rate_limit"), rateLimit);
    if (pauseAfter != 20)
        object.insert(QStringLiteral("pause_after"), pauseAfter);
    if (probeIntervalSeconds != 60)
        object.insert(QStringLiteral("probe_interval"), probeIntervalSeconds);
    if (!updateOrigins.isEmpty())
        object.insert(QStringLiteral("update_origins"), QJsonArray::fromStringList(updateOrigins));
    return object;
}
