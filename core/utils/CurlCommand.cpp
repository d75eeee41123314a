#include "utils/CurlCommand.h"

#include <QStringList>
#include <QUrl>

namespace CurlCommand {

QString shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString forAttempt(const QString &url, const QJsonObject &requestHeaders, const QByteArray &body)
{
    // A user name and password in the URL (an attempt recorded before they were masked) are secrets too:
    // the shell supplies them, as it does a masked token.
    const QUrl parsed(url);
    const bool hasUserInfo = parsed.isValid() && !parsed.userInfo().isEmpty();
    QStringList parts{QStringLiteral("curl -X POST %1")
                          .arg(shellQuote(hasUserInfo ? parsed.toString(QUrl::RemoveUserInfo) : url))};
    if (hasUserInfo)
        parts << QStringLiteral("--user \"$URL_USER_INFO\"");
    for (auto it = requestHeaders.begin(); it != requestHeaders.end(); ++it) {
        const QString value = it.value().toString();
        // HttpExchange::maskSecret keeps four characters and an ellipsis: ask the shell for the secret.
        if (value.endsWith(QChar(0x2026))) {
            const QString variable = it.key().toUpper().replace(QLatin1Char('-'), QLatin1Char('_'));
            parts << QStringLiteral("-H \"%1: $%2\"").arg(it.key(), variable);
        } else {
            parts << QStringLiteral("-H %1").arg(shellQuote(it.key() + QStringLiteral(": ") + value));
        }
    }
    parts << QStringLiteral("--data-binary %1").arg(shellQuote(QString::fromUtf8(body)));
    return parts.join(QStringLiteral(" \\\n  "));
}

} // namespace CurlCommand
