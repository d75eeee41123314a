#include "model/ErasureMatch.h"

#include "utils/JsonPath.h"

#include <QJsonArray>

bool ErasureMatch::parse(const QString &text, ErasureMatch *out, QString *error)
{
    const qsizetype equals = text.indexOf(QLatin1Char('='));
    if (equals < 0) {
        *error = QStringLiteral("--match \"%1\" has no \"=\"; write PATH=VALUE, such as "
                                "payload.order.email=ana@example.com")
                     .arg(text);
        return false;
    }
    ErasureMatch match;
    match.path_ = text.left(equals).trimmed();
    match.value_ = text.mid(equals + 1).trimmed();
    if (const QString reason = JsonPath::syntaxError(match.path_); !reason.isEmpty()) {
        *error = QStringLiteral("--match \"%1\": %2").arg(text, reason);
        return false;
    }
    // An empty value would erase every message where the path holds an empty string: never what was meant.
    if (match.value_.isEmpty()) {
        *error = QStringLiteral("--match \"%1\" has no value after \"=\"; write PATH=VALUE").arg(text);
        return false;
    }
    *out = match;
    return true;
}

bool ErasureMatch::matches(const QJsonObject &message) const
{
    bool isNumber = false;
    const double number = value_.toDouble(&isNumber);
    for (const QJsonValue &value : JsonPath::resolve(message, path_)) {
        if (value.isString() && value.toString().compare(value_, Qt::CaseInsensitive) == 0)
            return true;
        if (value.isDouble() && isNumber && value.toDouble() == number)
            return true;
        if (value.isBool() && (value.toBool() ? QLatin1String("true") : QLatin1String("false")) == value_)
            return true;
    }
    return false;
}
