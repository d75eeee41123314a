#include "model/EndpointDescription.h"

#include <QJsonDocument>

namespace {

bool readParameters(const QJsonValue &value, const QString &service,
                    QList<EndpointDescription::RequiredParameter> *out, QString *error)
{
    if (value.isUndefined())
        return true;
    if (!value.isArray()) {
        *error = QStringLiteral("service \"%1\": \"requires.parameters\" must be a list").arg(service);
        return false;
    }
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        EndpointDescription::RequiredParameter parameter;
        // Endpoints of the time wrote either {"name": ...} objects or bare names.
        const QJsonObject object = item.toObject();
        parameter.name = item.isString() ? item.toString() : object.value(QStringLiteral("name")).toString();
        if (parameter.name.isEmpty()) {
            *error = QStringLiteral("service \"%1\": a required parameter has no name").arg(service);
            return false;
        }
        parameter.defaultValue = object.value(QStringLiteral("default"));
        parameter.allowed = object.value(QStringLiteral("allowed")).toArray();
        parameter.optional = object.value(QStringLiteral("optional")).toBool(false);
        out->append(parameter);
    }
    return true;
}

bool readService(const QJsonValue &value, int index, EndpointDescription::Service *out, QString *error)
{
    const QJsonObject object = value.toObject();
    const QString path = object.value(QStringLiteral("path")).toString();
    if (!value.isObject() || !path.startsWith(QLatin1Char('/'))) {
        *error = QStringLiteral("service %1 has no \"path\" starting with /").arg(index + 1);
        return false;
    }
    out->path = path;
    out->name = object.value(QStringLiteral("name")).toString(path.mid(1));
    out->description = object.value(QStringLiteral("description")).toString();
    const QJsonValue recommends = object.value(QStringLiteral("recommends"));
    if (!recommends.isUndefined() && !recommends.isObject()) {
        *error = QStringLiteral("service \"%1\": \"recommends\" must be an object").arg(out->name);
        return false;
    }
    out->recommends = recommends.toObject();
    return readParameters(
        object.value(QStringLiteral("requires")).toObject().value(QStringLiteral("parameters")), out->name,
        &out->parameters, error);
}

} // namespace

QStringList EndpointDescription::Service::recommendedMessages() const
{
    QStringList messages;
    const QJsonArray array = recommends.value(QStringLiteral("messages")).toArray();
    for (const QJsonValue &value : array) {
        if (value.isString())
            messages << value.toString();
    }
    return messages;
}

QString EndpointDescription::Service::suggestedMappingName(const QString &endpointName) const
{
    return QStringLiteral("%1 %2").arg(endpointName, name);
}

bool EndpointDescription::Service::recommendedMapping(const QString &endpointName, Mapping *out,
                                                      QString *error) const
{
    QJsonArray parameterNames;
    for (const RequiredParameter &parameter : parameters)
        parameterNames.append(parameter.name);
    QJsonObject config{{QStringLiteral("name"), suggestedMappingName(endpointName)},
                       {QStringLiteral("endpoint"), endpointName},
                       {QStringLiteral("path"), path},
                       {QStringLiteral("parameters"), parameterNames}};
    for (const QString &key : {QStringLiteral("messages"), QStringLiteral("identifiers"),
                               QStringLiteral("filters"), QStringLiteral("options")}) {
        if (recommends.contains(key))
            config.insert(key, recommends.value(key));
    }
    QString reason;
    if (!Mapping::fromConfig(config, out, &reason)) {
        *error = QStringLiteral("the recommendation of service \"%1\" is not a usable mapping: %2")
                     .arg(name, reason);
        return false;
    }
    return true;
}

QUrl EndpointDescription::locationFor(const QUrl &endpointUrl)
{
    QUrl url = endpointUrl;
    QString base = url.path();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + QStringLiteral("/endpoint.json"));
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

bool EndpointDescription::parse(const QByteArray &json, EndpointDescription *out, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("endpoint.json is not JSON (%1 at offset %2)")
                     .arg(parseError.errorString())
                     .arg(parseError.offset);
        return false;
    }
    const QJsonObject root = document.object();
    if (!document.isObject() || !root.value(QStringLiteral("services")).isArray()) {
        *error = QStringLiteral("endpoint.json has no \"services\" list");
        return false;
    }
    EndpointDescription parsed;
    parsed.name = root.value(QStringLiteral("name")).toString();
    parsed.display = root.value(QStringLiteral("display")).toString(parsed.name);
    parsed.description = root.value(QStringLiteral("description")).toString();
    parsed.help = root.value(QStringLiteral("help")).toString();
    const QJsonArray services = root.value(QStringLiteral("services")).toArray();
    for (int i = 0; i < services.size(); ++i) {
        Service service;
        if (!readService(services.at(i), i, &service, error))
            return false;
        parsed.services.append(service);
    }
    *out = parsed;
    return true;
}
