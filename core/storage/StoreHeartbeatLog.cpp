#include "storage/StoreHeartbeatLog.h"

#include "storage/Database.h"

StoreHeartbeatLog::StoreHeartbeatLog(const Database &db)
    : db_(db)
{}

bool StoreHeartbeatLog::recent(qint64 storeId, int limit, QList<HeartbeatChange> *out, QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral(
        "SELECT state, at, reason FROM heartbeats WHERE store_id = ? ORDER BY at DESC, id DESC LIMIT ?"));
    query.bindValue(0, storeId);
    query.bindValue(1, limit);
    if (!db_.exec(query, error))
        return false;
    while (query.next()) {
        HeartbeatChange change;
        change.state = query.value(0).toString();
        change.atMs = query.value(1).toLongLong();
        change.reason = query.value(2).toString();
        out->append(change);
    }
    return true;
}
