#include "model/Mapping.h"

#include "model/Message.h"
#include "utils/ConfigKeys.h"
#include "utils/JsonPath.h"

#include <QJsonArray>
#include <QJsonDocument>

const QStringList MappingOptions::kKeys{QStringLiteral("retries_allowed"), QStringLiteral("timeout"),
                                        QStringLiteral("retry_schedule"), QStringLiteral("ordering_key"),
                                        QStringLiteral("on_park")};

namespace {

QString onParkName(MappingOptions::OnPark onPark)
{
    return onPark == MappingOptions::OnPark::Skip ? QStringLiteral("skip") : QStringLiteral("hold");
}

// ordering_key and on_park of the options object; on failure *error says which and why.
bool readOrdering(const QJsonObject &object, QString *orderingKey, MappingOptions::OnPark *onPark,
                  QString *error)
{
    const QJsonValue key = object.value(QStringLiteral("ordering_key"));
    const QJsonValue park = object.value(QStringLiteral("on_park"));
    if (!key.isUndefined()) {
        if (!key.isString()) {
            *error = QStringLiteral("\"ordering_key\" must be a path such as payload.order.number");
            return false;
        }
        if (const QString reason = JsonPath::syntaxError(key.toString()); !reason.isEmpty()) {
            *error = QStringLiteral("\"ordering_key\": %1").arg(reason);
            return false;
        }
    }
    if (!park.isUndefined()) {
        if (park != QJsonValue(QStringLiteral("hold")) && park != QJsonValue(QStringLiteral("skip"))) {
            *error = QStringLiteral("\"on_park\" must be \"hold\" or \"skip\"");
            return false;
        }
        // Refused rather than ignored: without a key nothing waits, so the option would do nothing.
        if (key.isUndefined()) {
            *error = QStringLiteral("\"on_park\" needs \"ordering_key\": it says what a parked delivery "
                                    "does to later ones of the same key");
            return false;
        }
    }
    *orderingKey = key.toString();
    *onPark = park.toString() == QLatin1String("skip") ? MappingOptions::OnPark::Skip
                                                       : MappingOptions::OnPark::Hold;
    return true;
}

} // namespace

const QStringList Mapping::kConfigKeys{
    QStringLiteral("name"),       QStringLiteral("endpoint"), QStringLiteral("path"),
    QStringLiteral("messages"),   QStringLiteral("filters"),  QStringLiteral("identifiers"),
    QStringLiteral("parameters"), QStringLiteral("options"),  QStringLiteral("enabled")};

QJsonObject MappingOptions::toJson() const
{
    QJsonObject object{{QStringLiteral("retries_allowed"), retriesAllowed},
                       {QStringLiteral("timeout"), timeoutSeconds}};
    if (!retrySchedule.isEmpty()) {
        QJsonArray schedule;
        for (double seconds : retrySchedule)
            schedule.append(seconds);
        object.insert(QStringLiteral("retry_schedule"), schedule);
    }
    if (!orderingKey.isEmpty()) {
        object.insert(QStringLiteral("ordering_key"), orderingKey);
        object.insert(QStringLiteral("on_park"), onParkName(onPark));
    }
    return object;
}

bool MappingOptions::fromJson(const QJsonValue &json, MappingOptions *out, QString *error)
{
    if (json.isUndefined() || json.isNull())
        return true;
    if (!json.isObject()) {
        *error = QStringLiteral("\"options\" must be an object");
        return false;
    }
    const QJsonObject object = json.toObject();
    const QJsonValue retries = object.value(QStringLiteral("retries_allowed"));
    if (!retries.isUndefined() && !retries.isBool()) {
        *error = QStringLiteral("\"retries_allowed\" must be true or false");
        return false;
    }
    const QJsonValue timeout = object.value(QStringLiteral("timeout"));
    if (!timeout.isUndefined() &&
        (!timeout.isDouble() || timeout.toDouble() <= 0 || timeout.toDouble() > kMaxTimeoutSeconds)) {
        *error = QStringLiteral("\"timeout\" must be a number of seconds above 0 and at most %1")
                     .arg(kMaxTimeoutSeconds);
        return false;
    }
    const QJsonValue schedule = object.value(QStringLiteral("retry_schedule"));
    QList<double> delays;
    if (!schedule.isUndefined()) {
        const QJsonArray array = schedule.toArray();
        if (!schedule.isArray() || array.isEmpty() || array.size() > 100) {
            *error = QStringLiteral("\"retry_schedule\" must be a list of 1 to 100 delays in seconds");
            return false;
        }
        for (const QJsonValue &delay : array) {
            if (!delay.isDouble() || delay.toDouble() < 0 || delay.toDouble() > kMaxRetryDelaySeconds) {
                *error =
                    QStringLiteral("\"retry_schedule\" holds %1, which is not a number of seconds from 0 "
                                   "to %2 (7 days)")
                        .arg(QString::fromUtf8(
                            QJsonDocument(QJsonArray{delay}).toJson(QJsonDocument::Compact)))
                        .arg(kMaxRetryDelaySeconds);
                return false;
            }
            delays.append(delay.toDouble());
        }
    }
    QString orderingKey;
    OnPark onPark = OnPark::Hold;
    if (!readOrdering(object, &orderingKey, &onPark, error))
        return false;
    out->retriesAllowed = retries.toBool(true);
    out->timeoutSeconds = timeout.toDouble(180);
    out->retrySchedule = delays;
    out->orderingKey = orderingKey;
    out->onPark = onPark;
    return true;
}

QString Mapping::typePatternError(const QString &pattern)
{
    if (pattern.endsWith(QLatin1String(":*"))) {
        const QString prefix = pattern.chopped(2);
        if (prefix == QLatin1String("*"))
            return {};
        // "order:*" is valid when "order:x" would be a valid type.
        return Message::typeError(prefix + QStringLiteral(":x")).isEmpty()
                   ? QString()
                   : QStringLiteral(
                         "message pattern \"%1\" is neither a type such as order:new nor a prefix such as "
                         "order:*")
                         .arg(pattern);
    }
    return Message::typeError(pattern);
}

bool Mapping::subscribes(const QString &type) const
{
    for (const QString &pattern : messages) {
        if (pattern == type)
            return true;
        if (pattern.endsWith(QLatin1String(":*"))) {
            const QStringView prefix = QStringView(pattern).chopped(1); // keeps the colon
            if (prefix == QLatin1String("*:") || type.startsWith(prefix))
                return true;
        }
    }
    return false;
}

QString Mapping::identityOf(const QJsonObject &message) const
{
    if (identifiers.isEmpty())
        return {};
    QJsonObject values;
    for (const auto &[key, valuePath] : identifiers) {
        const QJsonArray found = JsonPath::resolve(message, valuePath);
        values.insert(key, found.isEmpty()     ? QJsonValue()
                           : found.size() == 1 ? found.first()
                                               : QJsonValue(found));
    }
    return QString::fromUtf8(QJsonDocument(values).toJson(QJsonDocument::Compact));
}

QString Mapping::orderingKeyOf(const QJsonObject &message) const
{
    if (options.orderingKey.isEmpty())
        return {};
    const QJsonArray found = JsonPath::resolve(message, options.orderingKey);
    if (found.isEmpty() || (found.size() == 1 && found.first().isNull()))
        return {};
    if (found.size() == 1 && found.first().isString())
        return found.first().toString();
    const QJsonArray values = found.size() == 1 ? QJsonArray{found.first()} : found;
    // A number or an object is keyed by its JSON text; several values (a "*" path) by the list of them.
    const QByteArray text = QJsonDocument(values).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(found.size() == 1 ? text.mid(1, text.size() - 2) : text);
}

QJsonObject Mapping::definitionJson() const
{
    QJsonArray filterArray;
    for (const MessageFilter &filter : filters)
        filterArray.append(filter.toJson());
    QJsonObject identifierObject;
    for (const auto &[key, valuePath] : identifiers)
        identifierObject.insert(key, valuePath);
    return {{QStringLiteral("path"), path},
            {QStringLiteral("messages"), QJsonArray::fromStringList(messages)},
            {QStringLiteral("filters"), filterArray},
            {QStringLiteral("identifiers"), identifierObject},
            {QStringLiteral("parameters"), QJsonArray::fromStringList(parameters)},
            {QStringLiteral("options"), options.toJson()}};
}

namespace {

bool readStringList(const QJsonValue &value, const QString &key, QStringList *out, QString *error)
{
    if (value.isUndefined())
        return true;
    if (!value.isArray()) {
        *error = QStringLiteral("\"%1\" must be a list of strings").arg(key);
        return false;
    }
    for (const QJsonValue &item : value.toArray()) {
        if (!item.isString() || item.toString().isEmpty()) {
            *error = QStringLiteral("\"%1\" must be a list of non-empty strings").arg(key);
            return false;
        }
        out->append(item.toString());
    }
    return true;
}

bool readIdentifiers(const QJsonValue &value, QList<QPair<QString, QString>> *out, QString *error)
{
    if (value.isUndefined())
        return true;
    if (!value.isObject()) {
        *error = QStringLiteral("\"identifiers\" must be an object of name: path");
        return false;
    }
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString path = it.value().toString();
        if (const QString reason = JsonPath::syntaxError(path); !it.value().isString() || !reason.isEmpty()) {
            *error =
                QStringLiteral("identifier \"%1\": %2")
                    .arg(it.key(), it.value().isString() ? reason : QStringLiteral("path must be a string"));
            return false;
        }
        out->append({it.key(), path});
    }
    return true;
}

bool readFilters(const QJsonValue &value, QList<MessageFilter> *out, QString *error)
{
    if (value.isUndefined())
        return true;
    if (!value.isArray()) {
        *error = QStringLiteral("\"filters\" must be a list");
        return false;
    }
    const QJsonArray array = value.toArray();
    for (int i = 0; i < array.size(); ++i) {
        MessageFilter filter;
        QString reason;
        if (!MessageFilter::fromJson(array.at(i), &filter, &reason)) {
            *error = QStringLiteral("filter %1: %2").arg(i + 1).arg(reason);
            return false;
        }
        out->append(filter);
    }
    return true;
}

// The first unknown key of a mapping's config, its options or one of its filters (identifiers are free
// names). A key of the options written beside them ("timeout" on the mapping) is pointed there.
QString unknownKeyError(const QJsonObject &object)
{
    if (const QString key = ConfigKeys::firstUnknown(object, Mapping::kConfigKeys); !key.isEmpty()) {
        const QString option = ConfigKeys::closest(key, MappingOptions::kKeys);
        if (ConfigKeys::closest(key, Mapping::kConfigKeys).isEmpty() && !option.isEmpty())
            return QStringLiteral("unknown key \"%1\" (did you mean \"%2\" in options?)").arg(key, option);
        return ConfigKeys::unknownKey(object, Mapping::kConfigKeys);
    }
    const QJsonObject options = object.value(QStringLiteral("options")).toObject();
    if (QString unknown = ConfigKeys::unknownKey(options, MappingOptions::kKeys, QStringLiteral("options"));
        !unknown.isEmpty())
        return unknown;
    const QJsonArray filters = object.value(QStringLiteral("filters")).toArray();
    for (int i = 0; i < filters.size(); ++i) {
        const QString where = QStringLiteral("filter %1").arg(i + 1);
        if (QString unknown = ConfigKeys::unknownKey(filters.at(i).toObject(), MessageFilter::kKeys, where);
            !unknown.isEmpty())
            return unknown;
    }
    return {};
}

} // namespace

bool Mapping::applyDefinition(const QJsonObject &definition, Mapping *out, QString *error)
{
    Mapping parsed = *out;
    parsed.messages.clear();
    parsed.parameters.clear();
    parsed.filters.clear();
    parsed.identifiers.clear();
    parsed.path = definition.value(QStringLiteral("path")).toString();
    if (parsed.path.isEmpty())
        parsed.path = QStringLiteral("/");
    if (!parsed.path.startsWith(QLatin1Char('/'))) {
        *error = QStringLiteral("\"path\" must start with /, for example /order_confirmation");
        return false;
    }
    if (!readStringList(definition.value(QStringLiteral("messages")), QStringLiteral("messages"),
                        &parsed.messages, error) ||
        !readStringList(definition.value(QStringLiteral("parameters")), QStringLiteral("parameters"),
                        &parsed.parameters, error) ||
        !readFilters(definition.value(QStringLiteral("filters")), &parsed.filters, error) ||
        !readIdentifiers(definition.value(QStringLiteral("identifiers")), &parsed.identifiers, error) ||
        !MappingOptions::fromJson(definition.value(QStringLiteral("options")), &parsed.options, error))
        return false;
    if (parsed.messages.isEmpty()) {
        *error =
            QStringLiteral("\"messages\" must list at least one message type, such as order:new or order:*");
        return false;
    }
    for (const QString &pattern : std::as_const(parsed.messages)) {
        if (const QString reason = typePatternError(pattern); !reason.isEmpty()) {
            *error = reason;
            return false;
        }
    }
    *out = parsed;
    return true;
}

QJsonObject Mapping::toConfig() const
{
    QJsonObject object = definitionJson();
    object.insert(QStringLiteral("name"), name);
    object.insert(QStringLiteral("endpoint"), endpoint);
    if (!enabled)
        object.insert(QStringLiteral("enabled"), false);
    return object;
}

bool Mapping::fromConfig(const QJsonObject &object, Mapping *out, QString *error)
{
    Mapping parsed;
    parsed.name = object.value(QStringLiteral("name")).toString().trimmed();
    parsed.endpoint = object.value(QStringLiteral("endpoint")).toString().trimmed();
    parsed.enabled = object.value(QStringLiteral("enabled")).toBool(true);
    if (const QString unknown = unknownKeyError(object); !unknown.isEmpty()) {
        *error = parsed.name.isEmpty() ? QStringLiteral("a mapping: %1").arg(unknown)
                                       : QStringLiteral("mapping \"%1\": %2").arg(parsed.name, unknown);
        return false;
    }
    if (parsed.name.isEmpty()) {
        *error = QStringLiteral("a mapping has no \"name\"");
        return false;
    }
    if (parsed.endpoint.isEmpty()) {
        *error = QStringLiteral("mapping \"%1\" has no \"endpoint\"").arg(parsed.name);
        return false;
    }
    QString reason;
    if (!applyDefinition(object, &parsed, &reason)) {
        *error = QStringLiteral("mapping \"%1\": %2").arg(parsed.name, reason);
        return false;
    }
    *out = parsed;
    return true;
}
