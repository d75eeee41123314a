#include "delivery/ResponseReading.h"

#include "delivery/RetryPolicy.h"
#include "model/Endpoint.h"

#include <QJsonDocument>
#include <QSet>

namespace {

constexpr double kMaxAsyncDelaySeconds = 7 * 24 * 3600;

QJsonArray readNotifications(const QJsonObject &body)
{
    QJsonArray out;
    for (const QString &key : {QStringLiteral("notifications"), QStringLiteral("events")}) {
        for (const QJsonValue &item : body.value(key).toArray()) {
            const QJsonObject entry = item.toObject();
            QString level = entry.value(QStringLiteral("level")).toString(QStringLiteral("info")).toLower();
            if (level == QLatin1String("warning"))
                level = QStringLiteral("warn");
            if (level != QLatin1String("info") && level != QLatin1String("warn") &&
                level != QLatin1String("error"))
                level = QStringLiteral("info");
            const QString subject = entry.value(QStringLiteral("subject")).toString();
            const QString description = entry.value(QStringLiteral("description")).toString();
            if (subject.isEmpty() && description.isEmpty())
                continue;
            out.append(QJsonObject{{QStringLiteral("level"), level},
                                   {QStringLiteral("subject"), subject.left(500)},
                                   {QStringLiteral("description"), description.left(5000)}});
        }
    }
    return out;
}

QString statusText(const Attempt &attempt)
{
    QString text = QStringLiteral("HTTP %1").arg(attempt.status);
    if (attempt.status >= 300 && attempt.status < 400) {
        const QString location = attempt.responseHeaders.value(QStringLiteral("location")).toString();
        text += QStringLiteral(" redirect to %1 (redirects are not followed; fix the endpoint URL)")
                    .arg(Endpoint::displayUrl(QUrl(location)));
    }
    return text;
}

// A one-line summary of a failure body: the endpoint's own error text when it sent JSON.
QString bodySummary(const QJsonObject &json, const QByteArray &body)
{
    for (const QString &key :
         {QStringLiteral("error"), QStringLiteral("message"), QStringLiteral("description")}) {
        if (json.value(key).isString())
            return json.value(key).toString().simplified().left(300);
    }
    if (!json.isEmpty())
        return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)).left(300);
    return QString::fromUtf8(body.left(300)).simplified();
}

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::Array:
        return QStringLiteral("a list");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    default:
        return QStringLiteral("null");
    }
}

bool readAsync(const QJsonObject &body, const QUrl &requestUrl, const QStringList &updateOrigins,
               ResponseReading *out)
{
    const QJsonValue delay = body.value(QStringLiteral("delay"));
    const QJsonValue given = body.value(QStringLiteral("update_url"));
    const QUrl updateUrl = requestUrl.resolved(QUrl(given.toString()));
    if (!delay.isDouble() || delay.toDouble() < 0 || delay.toDouble() > kMaxAsyncDelaySeconds) {
        out->error = QStringLiteral("asynchronous response has no valid \"delay\" (seconds, 0 to 7 days)");
        return false;
    }
    const QString invalid = given.isString() ? Endpoint::urlError(updateUrl)
                                             : QStringLiteral("not a string but %1").arg(typeName(given));
    if (!invalid.isEmpty()) {
        out->error = QStringLiteral("asynchronous response has an invalid \"update_url\": %1").arg(invalid);
        return false;
    }
    // Every poll carries the endpoint's token, signature and parameters, so it goes to the endpoint's
    // own origin, or one its update_origins name, only, as curl and browsers drop credentials on a
    // cross-origin redirect. The answer
    // would likely come again, but retrying costs nothing (nothing reaches the other host) and the
    // usual schedule parks the delivery with this reason; the retry is the original POST, since
    // there is no update_url to poll.
    if (const QString refused = Endpoint::crossOriginError(updateUrl, requestUrl, updateOrigins);
        !refused.isEmpty()) {
        out->error = refused;
        out->restartFromPost = true;
        return false;
    }
    out->kind = ResponseReading::Kind::Async;
    out->delayMs = qint64(delay.toDouble() * 1000);
    out->updateUrl = updateUrl;
    return true;
}

// The later endpoint framework answered {"parameters": {"name": value}}; the hub's form is a list of
// {"name", "value"}. Both are read into the list form.
QJsonArray readParameters(const QJsonValue &parameters)
{
    if (!parameters.isObject())
        return parameters.toArray();
    QJsonArray list;
    const QJsonObject named = parameters.toObject();
    for (auto it = named.begin(); it != named.end(); ++it)
        list.append(QJsonObject{{QStringLiteral("name"), it.key()}, {QStringLiteral("value"), it.value()}});
    return list;
}

void readSync(const QJsonObject &body, ResponseReading *out)
{
    static const QSet<QString> known{QStringLiteral("message_id"), QStringLiteral("messages"),
                                     QStringLiteral("notifications"), QStringLiteral("events"),
                                     QStringLiteral("parameters")};
    out->kind = ResponseReading::Kind::Delivered;
    out->messages = body.value(QStringLiteral("messages")).toArray();
    out->parameters = readParameters(body.value(QStringLiteral("parameters")));
    // Kept in `extra` (stored with the attempt) like any other attribute; named here for the readers.
    out->summary = body.value(QStringLiteral("summary")).toString().simplified().left(1000);
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (!known.contains(it.key()))
            out->extra.insert(it.key(), it.value());
    }
}

} // namespace

ResponseReading ResponseReading::read(const Attempt &attempt, const QUrl &requestUrl, qint64 nowMs,
                                      const QStringList &updateOrigins)
{
    ResponseReading reading;
    // A poll of an update_url stored on another origin (before this check existed, or before the
    // endpoint's URL or its update_origins changed) was refused by HttpExchange without sending: start
    // over with a POST.
    reading.restartFromPost =
        !attempt.url.isEmpty() &&
        !Endpoint::crossOriginError(QUrl(attempt.url), requestUrl, updateOrigins).isEmpty();
    if (!attempt.error.isEmpty()) {
        reading.error = attempt.error;
        return reading;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(attempt.responseBody, &parseError);
    const bool isJson = parseError.error == QJsonParseError::NoError;
    const QJsonObject body = document.object();
    reading.notifications = readNotifications(body);
    if (attempt.status != 200) {
        reading.error = statusText(attempt);
        if (const QString summary = bodySummary(body, attempt.responseBody); !summary.isEmpty())
            reading.error +=
                (isJson ? QStringLiteral(": endpoint reported: ") : QStringLiteral(": ")) + summary;
        if (attempt.status == 429 || attempt.status == 503)
            reading.retryAfterMs = RetryPolicy::parseRetryAfterMs(attempt.retryAfter, nowMs);
        return reading;
    }
    if (!isJson) {
        reading.error = attempt.responseBody.isEmpty()
                            ? QStringLiteral("HTTP 200 with an empty body; the endpoint must answer JSON")
                            : QStringLiteral("HTTP 200 but the body is not JSON (%1 at offset %2): %3")
                                  .arg(parseError.errorString())
                                  .arg(parseError.offset)
                                  .arg(QString::fromUtf8(attempt.responseBody.left(120)).simplified());
        return reading;
    }
    if (body.contains(QStringLiteral("update_url")))
        readAsync(body, requestUrl, updateOrigins, &reading);
    else
        readSync(body, &reading);
    return reading;
}
