#include "model/MessageFilter.h"

#include "utils/JsonPath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <optional>

namespace {

using Operator = MessageFilter::Operator;

struct OperatorName
{
    Operator op;
    QLatin1String name;
};

const OperatorName operatorNames[] = {
    {Operator::Eq, QLatin1String("eq")},       {Operator::Neq, QLatin1String("neq")},
    {Operator::Gt, QLatin1String("gt")},       {Operator::Lt, QLatin1String("lt")},
    {Operator::Begin, QLatin1String("begin")}, {Operator::Contains, QLatin1String("contains")},
    {Operator::End, QLatin1String("end")},     {Operator::Present, QLatin1String("present")},
    {Operator::Empty, QLatin1String("empty")}, {Operator::Match, QLatin1String("match")},
};

QString operatorName(Operator op)
{
    for (const OperatorName &entry : operatorNames) {
        if (entry.op == op)
            return QString(entry.name);
    }
    return {};
}

std::optional<Operator> operatorFromName(const QString &name)
{
    for (const OperatorName &entry : operatorNames) {
        if (entry.name == name)
            return entry.op;
    }
    return std::nullopt;
}

QString operatorList()
{
    QStringList names;
    for (const OperatorName &entry : operatorNames)
        names.append(QString(entry.name));
    return names.join(QStringLiteral(", "));
}

bool needsValue(Operator op)
{
    return op != Operator::Present && op != Operator::Empty;
}

// Integers lose their ".0" so that 5 and "5" compare equal as strings, as the original product did.
QString numberText(double number)
{
    if (std::trunc(number) == number && std::fabs(number) < 9007199254740992.0)
        return QString::number(static_cast<qint64>(number));
    return QString::number(number, 'g', QLocale::FloatingPointShortest);
}

// Null renders as "" so that it reads like the absent values "present"/"empty" treat it as.
QString stringForm(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double:
        return numberText(value.toDouble());
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    default:
        return {};
    }
}

std::optional<double> numberForm(const QJsonValue &value)
{
    if (value.isDouble())
        return value.toDouble();
    if (!value.isString())
        return std::nullopt;
    bool ok = false;
    const double number = value.toString().trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(number))
        return std::nullopt;
    return number;
}

bool isPresent(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return false;
    case QJsonValue::String:
        return !value.toString().isEmpty() && value.toString() != u"null";
    case QJsonValue::Array:
        return !value.toArray().isEmpty();
    case QJsonValue::Object:
        return !value.toObject().isEmpty();
    default:
        return true;
    }
}

bool compareNumbers(const QJsonValue &found, const QJsonValue &rule, Operator op)
{
    const std::optional<double> left = numberForm(found);
    const std::optional<double> right = numberForm(rule);
    if (!left || !right)
        return false;
    return op == Operator::Gt ? *left > *right : *left < *right;
}

bool fail(QString *error, const QString &reason)
{
    *error = reason;
    return false;
}

} // namespace

const QStringList MessageFilter::kKeys{QStringLiteral("path"), QStringLiteral("operator"),
                                       QStringLiteral("value"), QStringLiteral("match_rule")};

bool MessageFilter::valuePasses(const QJsonValue &found) const
{
    switch (op) {
    case Operator::Present:
        return isPresent(found);
    case Operator::Empty:
        return !isPresent(found);
    case Operator::Gt:
    case Operator::Lt:
        return compareNumbers(found, value, op);
    default:
        break;
    }
    const QString text = stringForm(found);
    const QString rule = stringForm(value);
    switch (op) {
    case Operator::Eq:
        return text == rule;
    case Operator::Neq:
        return text != rule;
    case Operator::Begin:
        return text.startsWith(rule);
    case Operator::Contains:
        return text.contains(rule);
    case Operator::End:
        return text.endsWith(rule);
    case Operator::Match:
        if (m_regex.pattern() == rule && m_regex.isValid())
            return m_regex.match(text).hasMatch();
        return QRegularExpression(rule).match(text).hasMatch();
    default:
        return false;
    }
}

bool MessageFilter::matches(const QJsonObject &message) const
{
    const QJsonArray found = JsonPath::resolve(message, path);
    if (found.isEmpty())
        return op == Operator::Empty;
    const auto passes = [this](const QJsonValue &v) { return valuePasses(v); };
    if (matchRule == MatchRule::Any)
        return std::any_of(found.begin(), found.end(), passes);
    return std::all_of(found.begin(), found.end(), passes);
}

QJsonObject MessageFilter::toJson() const
{
    QJsonObject json{{QStringLiteral("path"), path}, {QStringLiteral("operator"), operatorName(op)}};
    if (needsValue(op))
        json.insert(QStringLiteral("value"), value);
    if (matchRule == MatchRule::Any)
        json.insert(QStringLiteral("match_rule"), QStringLiteral("any"));
    return json;
}

bool MessageFilter::fromJson(const QJsonValue &json, MessageFilter *out, QString *error)
{
    if (!json.isObject())
        return fail(error, QStringLiteral("a filter must be a JSON object such as {\"path\": "
                                          "\"payload.order.status\", \"operator\": \"eq\", \"value\": "
                                          "\"complete\"}"));
    const QJsonObject object = json.toObject();
    const QJsonValue pathValue = object.value(QStringLiteral("path"));
    if (!pathValue.isString())
        return fail(error, QStringLiteral("filter \"path\" is missing or not a string"));
    if (const QString reason = JsonPath::syntaxError(pathValue.toString()); !reason.isEmpty())
        return fail(error, QStringLiteral("filter %1").arg(reason));

    const QJsonValue opValue = object.value(QStringLiteral("operator"));
    if (!opValue.isString())
        return fail(error, QStringLiteral("filter \"operator\" is missing or not a string; use one of %1")
                               .arg(operatorList()));
    const QString opName = opValue.toString();
    const std::optional<Operator> parsedOp = operatorFromName(opName);
    if (!parsedOp)
        return fail(error,
                    QStringLiteral("filter operator \"%1\" is not one of %2").arg(opName, operatorList()));

    const QJsonValue ruleValue = object.value(QStringLiteral("value"));
    const bool valueUsable = ruleValue.isString() || ruleValue.isDouble() || ruleValue.isBool();
    if (needsValue(*parsedOp) && !valueUsable)
        return fail(error,
                    QStringLiteral("filter operator \"%1\" needs a \"value\" that is a string, number or "
                                   "boolean")
                        .arg(opName));

    const QJsonValue ruleName = object.value(QStringLiteral("match_rule"));
    const bool ruleAbsent = ruleName.isUndefined() || ruleName.isNull();
    if (!ruleAbsent && ruleName.toString() != u"all" && ruleName.toString() != u"any")
        return fail(error, QStringLiteral("filter \"match_rule\" must be \"all\" or \"any\""));

    MessageFilter filter;
    filter.path = pathValue.toString();
    filter.op = *parsedOp;
    if (needsValue(filter.op))
        filter.value = ruleValue;
    filter.matchRule = ruleName.toString() == u"any" ? MatchRule::Any : MatchRule::All;
    if (filter.op == Operator::Match) {
        filter.m_regex.setPattern(stringForm(filter.value));
        if (!filter.m_regex.isValid())
            return fail(error, QStringLiteral("filter regular expression \"%1\" is invalid at offset %2: %3")
                                   .arg(filter.m_regex.pattern())
                                   .arg(filter.m_regex.patternErrorOffset())
                                   .arg(filter.m_regex.errorString()));
    }
    *out = filter;
    return true;
}

bool MessageFilter::allMatch(const QList<MessageFilter> &filters, const QJsonObject &message)
{
    return std::all_of(filters.begin(), filters.end(),
                       [&message](const MessageFilter &filter) { return filter.matches(message); });
}

QString MessageFilter::describe() const
{
    QString text = path + u' ' + operatorName(op);
    if (value.isString() && needsValue(op))
        text += QStringLiteral(" \"%1\"").arg(value.toString());
    else if (needsValue(op))
        text += QStringLiteral(" %1").arg(stringForm(value));
    if (matchRule == MatchRule::Any)
        text += QStringLiteral(" (any value)");
    return text;
}
