#pragma once

#include "model/Attempt.h"

#include <QJsonArray>
#include <QUrl>

#include <optional>

// Reads an endpoint's answer by the rules of "Consuming Messages": 200 with JSON is success,
// {message_id, delay, update_url} is asynchronous, anything else is a failure. Notifications in a
// failure's JSON body are still honoured, as the original product did.
struct ResponseReading
{
    enum class Kind
    {
        Delivered,
        Async,
        Failed
    };
    Kind kind = Kind::Failed;
    QString error;
    QJsonArray messages;      // raw; validated when accepted
    QJsonArray notifications; // `notifications` and `events`, normalised to {level, subject, description}
    QJsonArray parameters;
    QJsonObject extra; // includes "summary", which the attempt's views show
    QString summary;   // the endpoint framework's one-line account of what it did, if it sent one
    QUrl updateUrl;
    // The answer named an update_url on another origin than the endpoint's, or the request just made was
    // a poll of such a stored update_url (refused before sending): the delivery's next try is the
    // original POST, never that URL.
    bool restartFromPost = false;
    qint64 delayMs = 0;
    std::optional<qint64> retryAfterMs;

    // `requestUrl` is the service URL (endpoint URL + mapping path): a relative update_url resolves
    // against it, and an absolute one must have its origin (scheme, host, port) or one of the endpoint's
    // `updateOrigins`.
    static ResponseReading read(const Attempt &attempt, const QUrl &requestUrl, qint64 nowMs,
                                const QStringList &updateOrigins = {});
};
