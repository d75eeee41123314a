#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// One HTTP exchange of a delivery, as stored and shown: what was sent (headers with secrets masked),
// what came back, how long it took and what it meant.
struct Attempt
{
    QString kind = QStringLiteral("post"); // post, or update (an asynchronous update poll)
    QString url;
    QJsonObject requestHeaders;
    int status = 0; // 0: no HTTP response at all
    QJsonObject responseHeaders;
    QByteArray responseBody; // at most kMaxBodyBytes
    bool truncated = false;
    QString outcome; // delivered, async, failed
    QString error;
    QJsonObject extra; // attributes of a synchronous response the contract does not name
    qint64 startedAtMs = 0;
    qint64 durationMs = 0;
    QByteArray retryAfter; // the Retry-After header, if any

    static constexpr qint64 kMaxBodyBytes = 1024 * 1024;
};
