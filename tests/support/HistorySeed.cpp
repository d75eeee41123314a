#include "HistorySeed.h"

#include "storage/Database.h"
#include "storage/UniqueKeyHash.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariantList>

namespace {

bool run(const Database &db, const QString &sql, const QVariantList &values, QString *error)
{
    QSqlQuery query = db.prepare(sql);
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    if (db.exec(query, error))
        return true;
    *error = QStringLiteral("%1: %2").arg(sql.left(60), *error);
    return false;
}

bool isOpen(const QString &state)
{
    return state == QLatin1String("pending") || state == QLatin1String("retrying") ||
           state == QLatin1String("waiting");
}

// Row by row: the unique key is a SHA-256 of the identity (UniqueKeyHash), which SQLite cannot compute.
bool seedIdentities(const Database &db, const HistorySeed::Batch &batch, QString *error)
{
    QSqlQuery rows(db.connection());
    QSqlQuery insert(db.connection());
    rows.prepare(QStringLiteral(
        "SELECT d.mapping_id, d.identity, m.message_id FROM deliveries d"
        " JOIN messages m ON m.id = d.message_row WHERE m.source = ? AND d.identity IS NOT NULL"));
    rows.addBindValue(batch.tag);
    insert.prepare(
        QStringLiteral("INSERT INTO identities (mapping_id, identity, message_id, created_at, identity_hash)"
                       " VALUES (?, ?, ?, ?, ?)"));
    if (!rows.exec()) {
        *error = rows.lastError().text();
        return false;
    }
    while (rows.next()) {
        insert.bindValue(0, rows.value(0));
        insert.bindValue(1, rows.value(1));
        insert.bindValue(2, rows.value(2));
        insert.bindValue(3, batch.atMs);
        insert.bindValue(4, UniqueKeyHash::of({rows.value(1).toString()}));
        if (!insert.exec()) {
            *error = QStringLiteral("INSERT INTO identities: ") + insert.lastError().text();
            return false;
        }
    }
    return true;
}

} // namespace

namespace HistorySeed {

bool seed(const Database &db, const Batch &batch, QString *error)
{
    WriteTransaction transaction(db);
    if (!transaction.begin(error))
        return false;
    const QString numbers =
        QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) ")
            .arg(batch.count);
    const QString payload =
        QStringLiteral("{\"note\":\"%1\"}").arg(QString(batch.payloadBytes, QLatin1Char('p')));
    if (!run(db,
             numbers +
                 QStringLiteral("INSERT INTO messages (message_id, type, payload, source, created_at)"
                                " SELECT CAST(? AS TEXT) || '-' || i, 'shipment:ready', CAST(? AS TEXT),"
                                " CAST(? AS TEXT), CAST(? AS BIGINT) FROM n"),
             {batch.tag, payload, batch.tag, batch.atMs}, error))
        return false;
    for (int k = 0; k < batch.mappings.size(); ++k) {
        const QString &state = batch.states.at(k);
        // Open deliveries are due in a year: an engine running beside them leaves them alone.
        const QVariant due = isOpen(state) ? QVariant(batch.atMs + 365LL * 24 * 3600 * 1000) : QVariant();
        if (!run(db,
                 QStringLiteral(
                     "INSERT INTO deliveries (message_row, mapping_id, endpoint_id, state, identity,"
                     " attempts, due_at, updated_at) SELECT m.id, mp.id, mp.endpoint_id,"
                     " CAST(? AS TEXT), 'R' || m.id, 1, CAST(? AS BIGINT), CAST(? AS BIGINT) FROM messages m,"
                     " mappings mp WHERE m.source = ? AND mp.name = ?"),
                 {state, due, batch.atMs, batch.tag, batch.mappings.at(k)}, error))
            return false;
    }
    const QByteArray body(batch.bodyBytes, 'b');
    return run(db,
               QStringLiteral("INSERT INTO attempts (delivery_id, kind, url, status, response_body, outcome,"
                              " started_at, duration_ms) SELECT d.id, 'post', 'http://127.0.0.1:9/seed', 200,"
                              " CAST(? AS %1), 'delivered', CAST(? AS BIGINT), 5 FROM deliveries d"
                              " JOIN messages m ON m.id = d.message_row WHERE m.source = ?")
                   .arg(db.dialect().blobType()),
               {body, batch.atMs, batch.tag}, error) &&
           seedIdentities(db, batch, error) && transaction.commit(error);
}

qint64 count(const Database &db, const QString &table, const QString &where)
{
    QSqlQuery query(db.connection());
    const QString sql = QStringLiteral("SELECT COUNT(*) FROM %1%2")
                            .arg(table, where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where);
    if (!query.exec(sql) || !query.next()) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return -1;
    }
    return query.value(0).toLongLong();
}

} // namespace HistorySeed
