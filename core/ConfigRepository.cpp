#include "ConfigRepository.h"

#include "Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>

namespace {

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject parseObject(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

// Wraps a scalar so that every stored value is a JSON document.
QString encodeValue(const QJsonValue &value)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
}

QJsonValue decodeValue(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).array().first();
}

} // namespace

ConfigRepository::ConfigRepository(const Database &db)
    : db_(db)
{}

bool ConfigRepository::loadEndpoints(QList<Endpoint> *out, QString *error) const
{
    QSqlQuery query =
        db_.prepare(QStringLiteral("SELECT id, name, url, options FROM endpoints ORDER BY name"));
    if (!db_.exec(query, error))
        return false;
    while (query.next()) {
        Endpoint endpoint;
        endpoint.id = query.value(0).toLongLong();
        endpoint.name = query.value(1).toString();
        endpoint.url = QUrl(query.value(2).toString());
        endpoint.applyOptions(parseObject(query.value(3).toString()));
        out->append(endpoint);
    }
    return true;
}

bool ConfigRepository::loadMappings(QList<Mapping> *out, QString *error) const
{
    QSqlQuery query = db_.prepare(
        QStringLiteral("SELECT m.id, m.name, m.endpoint_id, e.name, m.definition, m.enabled FROM mappings m"
                       " JOIN endpoints e ON e.id = m.endpoint_id ORDER BY m.name"));
    if (!db_.exec(query, error))
        return false;
    while (query.next()) {
        Mapping mapping;
        mapping.id = query.value(0).toLongLong();
        mapping.name = query.value(1).toString();
        mapping.endpointId = query.value(2).toLongLong();
        mapping.endpoint = query.value(3).toString();
        mapping.enabled = query.value(5).toInt() != 0;
        QString reason;
        if (!Mapping::applyDefinition(parseObject(query.value(4).toString()), &mapping, &reason)) {
            *error = QStringLiteral("stored mapping \"%1\" is invalid: %2").arg(mapping.name, reason);
            return false;
        }
        out->append(mapping);
    }
    return true;
}

bool ConfigRepository::loadParameters(QList<Parameter> *out, QString *error) const
{
    QSqlQuery query =
        db_.prepare(QStringLiteral("SELECT name, type, value, secret FROM parameters ORDER BY name"));
    if (!db_.exec(query, error))
        return false;
    while (query.next()) {
        Parameter parameter;
        parameter.name = query.value(0).toString();
        parameter.type = query.value(1).toString();
        parameter.secret = query.value(3).toInt() != 0;
        if (!parameter.secret)
            parameter.value = decodeValue(query.value(2).toString());
        out->append(parameter);
    }
    return true;
}

bool ConfigRepository::version(qint64 *out, QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral("SELECT value FROM meta WHERE key = 'config_version'"));
    if (!db_.exec(query, error))
        return false;
    *out = query.next() ? query.value(0).toLongLong() : 0;
    return true;
}

bool ConfigRepository::saveEndpoint(Endpoint *endpoint, QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral(
        "INSERT INTO endpoints (name, url, options, created_at) VALUES (:name, :url, :options, :now)"
        " ON CONFLICT (name) DO UPDATE SET url = excluded.url, options = excluded.options RETURNING id"));
    query.bindValue(QStringLiteral(":name"), endpoint->name);
    query.bindValue(QStringLiteral(":url"), endpoint->url.toString());
    query.bindValue(QStringLiteral(":options"), compact(endpoint->optionsJson()));
    query.bindValue(QStringLiteral(":now"), Database::nowMs());
    if (!db_.exec(query, error) || !query.next())
        return false;
    endpoint->id = query.value(0).toLongLong();
    query.finish();
    return bumpVersion(error);
}

bool ConfigRepository::saveMapping(Mapping *mapping, QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral(
        "INSERT INTO mappings (name, endpoint_id, definition, enabled, created_at)"
        " VALUES (:name, :endpoint, :definition, :enabled, :now) ON CONFLICT (name) DO UPDATE SET"
        " endpoint_id = excluded.endpoint_id, definition = excluded.definition, enabled = excluded.enabled"
        " RETURNING id"));
    query.bindValue(QStringLiteral(":name"), mapping->name);
    query.bindValue(QStringLiteral(":endpoint"), mapping->endpointId);
    query.bindValue(QStringLiteral(":definition"), compact(mapping->definitionJson()));
    query.bindValue(QStringLiteral(":enabled"), mapping->enabled ? 1 : 0);
    query.bindValue(QStringLiteral(":now"), Database::nowMs());
    if (!db_.exec(query, error) || !query.next())
        return false;
    mapping->id = query.value(0).toLongLong();
    query.finish();
    return bumpVersion(error);
}

bool ConfigRepository::saveParameter(const Parameter &parameter, QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral("INSERT INTO parameters (name, type, value, secret, "
                                                 "updated_at) VALUES (:name, :type, :value, :secret, :now)"
                                                 " ON CONFLICT (name) DO UPDATE SET type = excluded.type, "
                                                 "value = excluded.value, secret = excluded.secret,"
                                                 " updated_at = excluded.updated_at"));
    query.bindValue(QStringLiteral(":name"), parameter.name);
    query.bindValue(QStringLiteral(":type"), parameter.type);
    query.bindValue(QStringLiteral(":value"),
                    parameter.secret ? QVariant() : QVariant(encodeValue(parameter.value)));
    query.bindValue(QStringLiteral(":secret"), parameter.secret ? 1 : 0);
    query.bindValue(QStringLiteral(":now"), Database::nowMs());
    return db_.exec(query, error) && bumpVersion(error);
}

bool ConfigRepository::bumpVersion(QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral(
        "UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS TEXT) WHERE key = 'config_version'"));
    return db_.exec(query, error);
}
