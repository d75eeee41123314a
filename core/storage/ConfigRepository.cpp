#include "storage/ConfigRepository.h"

#include "storage/Database.h"
#include "storage/DeliveryQueue.h"

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

const QString ConfigRepository::kRemovedReason = QStringLiteral("the mapping was removed");
const QString ConfigRepository::kEndpointRemovedReason = QStringLiteral("the endpoint was removed");

ConfigRepository::ConfigRepository(const Database &db)
    : db_(db)
{}

bool ConfigRepository::loadEndpoints(QList<Endpoint> *out, QString *error) const
{
    QSqlQuery query =
        db_.prepare(QStringLiteral("SELECT id, name, url, options FROM endpoints WHERE removed_at IS NULL"
                                   " ORDER BY name"));
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
    QSqlQuery query = db_.prepare(QStringLiteral(
        "SELECT m.id, m.name, m.endpoint_id, e.name, m.definition, m.enabled FROM mappings m"
        " JOIN endpoints e ON e.id = m.endpoint_id WHERE m.removed_at IS NULL ORDER BY m.name"));
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
    if (!version_)
        version_ = db_.prepare(QStringLiteral("SELECT value FROM meta WHERE key = 'config_version'"));
    if (!db_.exec(*version_, error))
        return false;
    *out = version_->next() ? version_->value(0).toLongLong() : 0;
    version_->finish();
    return true;
}

bool ConfigRepository::saveEndpoint(Endpoint *endpoint, QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral(
        "INSERT INTO endpoints (name, url, options, created_at) VALUES (:name, :url, :options, :now)"
        " ON CONFLICT (name) DO UPDATE SET url = excluded.url, options = excluded.options,"
        " removed_at = NULL RETURNING id"));
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
    // First: on PostgreSQL the config_version row's lock queues this behind a concurrent endpoint
    // removal, so the check below sees it.
    if (!bumpVersion(error) || !checkEndpointLive(*mapping, error))
        return false;
    const bool byId = mapping->id != 0;
    qint64 existing = 0;
    bool removed = false;
    if (!findMapping(byId ? QStringLiteral("id") : QStringLiteral("name"),
                     byId ? QVariant(mapping->id) : QVariant(mapping->name), &existing, &removed, error))
        return false;
    if (byId && existing == 0) {
        *error = QStringLiteral("mapping \"%1\" no longer exists").arg(mapping->name);
        return false;
    }
    if (!(byId ? updateById(*mapping, error) : insertOrUpdateByName(mapping, error)))
        return false;
    return !removed || resumeDeliveries(mapping->id, error);
}

bool ConfigRepository::removeMapping(const QString &name, QString *error) const
{
    qint64 id = 0;
    bool removed = false;
    if (!findMapping(QStringLiteral("name"), name, &id, &removed, error))
        return false;
    if (id == 0 || removed) {
        *error = QStringLiteral("no mapping named \"%1\"").arg(name);
        return false;
    }
    const qint64 now = Database::nowMs();
    QSqlQuery mark = db_.prepare(QStringLiteral("UPDATE mappings SET removed_at = ? WHERE id = ?"));
    mark.bindValue(0, now);
    mark.bindValue(1, id);
    // Undelivered deliveries would otherwise wait for a mapping no engine loads any more (or, parked,
    // for a person to replay them to it).
    QSqlQuery archive = db_.prepare(QStringLiteral(
        "UPDATE deliveries SET state = 'archived', reason = ?, due_at = NULL, lease_owner = NULL,"
        " lease_until = NULL, updated_at = ? WHERE mapping_id = ?"
        " AND state IN ('pending', 'sending', 'waiting', 'retrying', 'parked')"));
    archive.bindValue(0, kRemovedReason);
    archive.bindValue(1, now);
    archive.bindValue(2, id);
    return db_.exec(mark, error) && db_.exec(archive, error) && bumpVersion(error);
}

bool ConfigRepository::removeEndpoint(const QString &name, QString *error) const
{
    // First: on PostgreSQL the config_version row's lock queues this behind a concurrent mapping save,
    // so the check below sees that mapping.
    if (!bumpVersion(error))
        return false;
    QSqlQuery find =
        db_.prepare(QStringLiteral("SELECT id FROM endpoints WHERE name = ? AND removed_at IS NULL"));
    find.bindValue(0, name);
    if (!db_.exec(find, error))
        return false;
    if (!find.next()) {
        *error = QStringLiteral("no endpoint named \"%1\"").arg(name);
        return false;
    }
    const qint64 id = find.value(0).toLongLong();
    find.finish();
    QSqlQuery users = db_.prepare(QStringLiteral(
        "SELECT name FROM mappings WHERE endpoint_id = ? AND removed_at IS NULL ORDER BY name"));
    users.bindValue(0, id);
    if (!db_.exec(users, error))
        return false;
    QStringList names;
    while (users.next())
        names << QStringLiteral("\"%1\"").arg(users.value(0).toString());
    if (names.size() == 1) {
        *error = QStringLiteral("endpoint \"%1\" is used by mapping %2; remove or move it first")
                     .arg(name, names.first());
        return false;
    }
    if (!names.isEmpty()) {
        *error = QStringLiteral("endpoint \"%1\" is used by mappings %2; remove or move those first")
                     .arg(name, names.join(QStringLiteral(", ")));
        return false;
    }
    const qint64 now = Database::nowMs();
    QSqlQuery mark = db_.prepare(QStringLiteral("UPDATE endpoints SET removed_at = ? WHERE id = ?"));
    mark.bindValue(0, now);
    mark.bindValue(1, id);
    // No mapping that is not removed uses the endpoint now, so open deliveries belong to removed mappings
    // (whose removal archived them; none is expected) or to mappings moved elsewhere since the delivery
    // was made. No engine loads the endpoint any more: left open, they would wait forever.
    QSqlQuery archive = db_.prepare(QStringLiteral(
        "UPDATE deliveries SET state = 'archived', reason = CASE WHEN mapping_id IN (SELECT id FROM mappings"
        " WHERE removed_at IS NULL) THEN ? ELSE ? END, due_at = NULL, lease_owner = NULL, lease_until = NULL,"
        " updated_at = ? WHERE endpoint_id = ? AND state IN ('pending', 'sending', 'waiting', 'retrying', "
        "'parked')"));
    archive.bindValue(0, kEndpointRemovedReason);
    archive.bindValue(1, kRemovedReason);
    archive.bindValue(2, now);
    archive.bindValue(3, id);
    return db_.exec(mark, error) && db_.exec(archive, error);
}

bool ConfigRepository::checkEndpointLive(const Mapping &mapping, QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral("SELECT name, removed_at FROM endpoints WHERE id = ?"));
    query.bindValue(0, mapping.endpointId);
    if (!db_.exec(query, error))
        return false;
    if (!query.next()) {
        *error = QStringLiteral("mapping \"%1\" names no saved endpoint").arg(mapping.name);
        return false;
    }
    if (!query.value(1).isNull()) {
        *error = QStringLiteral("endpoint \"%1\" was removed; save it again or choose another endpoint for "
                                "mapping \"%2\"")
                     .arg(query.value(0).toString(), mapping.name);
        return false;
    }
    return true;
}

bool ConfigRepository::findMapping(const QString &column, const QVariant &key, qint64 *id, bool *removed,
                                   QString *error) const
{
    QSqlQuery query =
        db_.prepare(QStringLiteral("SELECT id, removed_at FROM mappings WHERE %1 = ?").arg(column));
    query.bindValue(0, key);
    if (!db_.exec(query, error))
        return false;
    *id = query.next() ? query.value(0).toLongLong() : 0;
    *removed = *id != 0 && !query.value(1).isNull();
    return true;
}

bool ConfigRepository::insertOrUpdateByName(Mapping *mapping, QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral(
        "INSERT INTO mappings (name, endpoint_id, definition, enabled, created_at)"
        " VALUES (:name, :endpoint, :definition, :enabled, :now) ON CONFLICT (name) DO UPDATE SET"
        " endpoint_id = excluded.endpoint_id, definition = excluded.definition, enabled = excluded.enabled,"
        " removed_at = NULL RETURNING id"));
    query.bindValue(QStringLiteral(":name"), mapping->name);
    query.bindValue(QStringLiteral(":endpoint"), mapping->endpointId);
    query.bindValue(QStringLiteral(":definition"), compact(mapping->definitionJson()));
    query.bindValue(QStringLiteral(":enabled"), mapping->enabled ? 1 : 0);
    query.bindValue(QStringLiteral(":now"), Database::nowMs());
    if (!db_.exec(query, error) || !query.next())
        return false;
    mapping->id = query.value(0).toLongLong();
    query.finish();
    return true;
}

bool ConfigRepository::updateById(const Mapping &mapping, QString *error) const
{
    qint64 holder = 0;
    bool holderRemoved = false;
    if (!findMapping(QStringLiteral("name"), mapping.name, &holder, &holderRemoved, error))
        return false;
    if (holder != 0 && holder != mapping.id) {
        // Names are unique over removed mappings too: their history is shown under that name.
        *error = holderRemoved ? QStringLiteral("the name \"%1\" belongs to a removed mapping whose message "
                                                "history keeps it; choose another name")
                                     .arg(mapping.name)
                               : QStringLiteral("another mapping is named \"%1\"").arg(mapping.name);
        return false;
    }
    QSqlQuery query = db_.prepare(
        QStringLiteral("UPDATE mappings SET name = ?, endpoint_id = ?, definition = ?, enabled = ?,"
                       " removed_at = NULL WHERE id = ?"));
    query.bindValue(0, mapping.name);
    query.bindValue(1, mapping.endpointId);
    query.bindValue(2, compact(mapping.definitionJson()));
    query.bindValue(3, mapping.enabled ? 1 : 0);
    query.bindValue(4, mapping.id);
    return db_.exec(query, error);
}

bool ConfigRepository::resumeDeliveries(qint64 mappingId, QString *error) const
{
    const qint64 now = Database::nowMs();
    // An endpoint removed since the mapping's removal cannot take them: those go to the mapping's
    // endpoint, and start over there (an update poll belongs to the endpoint that answered).
    const QString sql = QStringLiteral(
        "UPDATE deliveries SET state = CASE WHEN update_url IS NULL OR %1 THEN 'pending' ELSE 'waiting' END,"
        " update_url = CASE WHEN %1 THEN NULL ELSE update_url END, %2, reason = NULL, due_at = ?,"
        " updated_at = ? WHERE mapping_id = ? AND state = 'archived' AND reason = ?");
    QSqlQuery query = db_.prepare(sql.arg(DeliveryQueue::kOnRemovedEndpoint, DeliveryQueue::kToLiveEndpoint));
    query.bindValue(0, now);
    query.bindValue(1, now);
    query.bindValue(2, mappingId);
    query.bindValue(3, kRemovedReason);
    if (!db_.exec(query, error))
        return false;
    return query.numRowsAffected() == 0 || db_.notifyWork(error);
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
