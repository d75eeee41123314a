#include "metrics/DatabaseGaugeReader.h"

#include "storage/Database.h"

const QStringList DatabaseGaugeReader::kQueueStates = {QStringLiteral("pending"), QStringLiteral("sending"),
                                                       QStringLiteral("waiting"), QStringLiteral("retrying"),
                                                       QStringLiteral("parked")};
const QStringList DatabaseGaugeReader::kEndpointStates = {QStringLiteral("active"), QStringLiteral("paused"),
                                                          QStringLiteral("probing")};
const QStringList DatabaseGaugeReader::kHeartbeatStates = {
    QStringLiteral("unknown"), QStringLiteral("up"), QStringLiteral("degraded"), QStringLiteral("down")};

DatabaseGaugeReader::DatabaseGaugeReader(const Database &db)
    : db_(db)
{}

bool DatabaseGaugeReader::read(DatabaseGauges *out, QString *error) const
{
    *out = DatabaseGauges();
    return readQueue(out, error) && readOldestDue(out, error) && readEndpoints(out, error) &&
           readStores(out, error);
}

bool DatabaseGaugeReader::readQueue(DatabaseGauges *out, QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral("SELECT state, COUNT(*) FROM deliveries WHERE state IN "
                                                 "('%1') GROUP BY state")
                                      .arg(kQueueStates.join(QStringLiteral("', '"))));
    if (!db_.exec(query, error))
        return false;
    for (const QString &state : kQueueStates)
        out->queueDeliveries.insert(state, 0);
    while (query.next())
        out->queueDeliveries.insert(query.value(0).toString(), query.value(1).toLongLong());
    return true;
}

bool DatabaseGaugeReader::readOldestDue(DatabaseGauges *out, QString *error) const
{
    const qint64 now = Database::nowMs();
    QSqlQuery query = db_.prepare(QStringLiteral("SELECT MIN(due_at) FROM deliveries WHERE due_at <= ?"));
    query.bindValue(0, now);
    if (!db_.exec(query, error))
        return false;
    if (query.next() && !query.value(0).isNull())
        out->oldestDueAgeSeconds = double(now - query.value(0).toLongLong()) / 1000.0;
    return true;
}

// An endpoint without an endpoint_flow row is active (see SchemaMigrations' version 6).
bool DatabaseGaugeReader::readEndpoints(DatabaseGauges *out, QString *error) const
{
    QSqlQuery query = db_.prepare(
        QStringLiteral("SELECT e.name, COALESCE(f.state, 'active') FROM endpoints e LEFT JOIN endpoint_flow f"
                       " ON f.endpoint_id = e.id WHERE e.removed_at IS NULL ORDER BY e.name"));
    if (!db_.exec(query, error))
        return false;
    while (query.next())
        out->endpointStates.append({query.value(0).toString(), query.value(1).toString()});
    return true;
}

bool DatabaseGaugeReader::readStores(DatabaseGauges *out, QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral("SELECT name, heartbeat FROM stores ORDER BY name"));
    if (!db_.exec(query, error))
        return false;
    while (query.next())
        out->storeHeartbeats.append({query.value(0).toString(), query.value(1).toString()});
    return true;
}
