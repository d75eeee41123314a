#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

// A shell command that repeats one delivery attempt with curl, for a person debugging an endpoint.
// The headers are those recorded with the attempt, whose secrets are already masked; a masked token is
// written as a shell variable so the command runs once the person exports it.
namespace CurlCommand {
QString forAttempt(const QString &url, const QJsonObject &requestHeaders, const QByteArray &body);
QString shellQuote(const QString &text);
} // namespace CurlCommand
