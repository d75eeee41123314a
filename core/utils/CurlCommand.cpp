#include "utils/CurlCommand.h"

#include <QStringList>

namespace CurlCommand {

QString shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString forAttempt(const QString &url, const QJsonObject &requestHeaders, const QByteArray &body)
{
    QStringList parts{QStringLiteral("curl -X POST %1").arg(shellQuote(url))};
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
