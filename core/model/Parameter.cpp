#include "model/Parameter.h"

#include "utils/ConfigKeys.h"

#include <QRegularExpression>
#include <QStringList>

#include <cmath>

const QStringList Parameter::kConfigKeys{QStringLiteral("name"), QStringLiteral("value"),
                                         QStringLiteral("type"), QStringLiteral("secret")};

QString Parameter::configKeyError(const QJsonObject &object)
{
    const QString unknown = ConfigKeys::unknownKey(object, kConfigKeys);
    if (unknown.isEmpty())
        return {};
    const QString name = object.value(QStringLiteral("name")).toString();
    return name.isEmpty() ? QStringLiteral("a parameter: %1").arg(unknown)
                          : QStringLiteral("parameter \"%1\": %2").arg(name, unknown);
}

QString Parameter::typeOf(const QJsonValue &value)
{
    if (value.isBool())
        return QStringLiteral("boolean");
    if (value.isArray())
        return QStringLiteral("list");
    if (value.isDouble()) {
        const double number = value.toDouble();
        return std::floor(number) == number && std::abs(number) < 9e15 ? QStringLiteral("integer")
                                                                       : QStringLiteral("float");
    }
    return QStringLiteral("string");
}

QString Parameter::valueError(const QString &name, const QString &type, const QJsonValue &value)
{
    static const QStringList types{QStringLiteral("string"), QStringLiteral("integer"),
                                   QStringLiteral("float"), QStringLiteral("boolean"),
                                   QStringLiteral("list")};
    if (!types.contains(type))
        return QStringLiteral("parameter \"%1\": type \"%2\" is not one of %3")
            .arg(name, type, types.join(QStringLiteral(", ")));
    const bool fits =
        (type == QLatin1String("string") && value.isString()) ||
        (type == QLatin1String("integer") && value.isDouble() && typeOf(value) == QLatin1String("integer")) ||
        (type == QLatin1String("float") && value.isDouble()) ||
        (type == QLatin1String("boolean") && value.isBool()) ||
        (type == QLatin1String("list") && value.isArray());
    return fits ? QString() : QStringLiteral("parameter \"%1\": value is not of type %2").arg(name, type);
}

bool Parameter::fromConfig(const QJsonObject &object, Parameter *out, QString *error)
{
    static const QRegularExpression namePattern(
        QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9_.\\-]+")));
    Parameter parsed;
    parsed.name = object.value(QStringLiteral("name")).toString();
    if (!namePattern.match(parsed.name).hasMatch()) {
        *error = QStringLiteral("parameter name \"%1\" must be letters, digits, dots, dashes or underscores, "
                                "such as mailer.api_key")
                     .arg(parsed.name);
        return false;
    }
    parsed.value = object.value(QStringLiteral("value"));
    parsed.secret = object.value(QStringLiteral("secret")).toBool(false);
    parsed.type = object.value(QStringLiteral("type")).toString(typeOf(parsed.value));
    if (parsed.value.isUndefined() || parsed.value.isNull()) {
        *error = QStringLiteral("parameter \"%1\" has no \"value\"").arg(parsed.name);
        return false;
    }
    if (parsed.secret && !parsed.value.isString()) {
        *error = QStringLiteral("secret parameter \"%1\" must have a string value").arg(parsed.name);
        return false;
    }
    if (const QString reason = valueError(parsed.name, parsed.type, parsed.value); !reason.isEmpty()) {
        *error = reason;
        return false;
    }
    *out = parsed;
    return true;
}

QJsonObject Parameter::toConfig() const
{
    QJsonObject object{{QStringLiteral("name"), name}, {QStringLiteral("type"), type}};
    if (secret)
        object.insert(QStringLiteral("secret"), true);
    else
        object.insert(QStringLiteral("value"), value);
    return object;
}
