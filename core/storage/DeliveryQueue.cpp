#include "storage/DeliveryQueue.h"

#include "model/DeliveryState.h"
#include "storage/Database.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QtEndian>

#include <algorithm>

const QStringList DeliveryQueue::kActiveStates = DeliveryStates::names(DeliveryStates::active());
const QString DeliveryQueue::kOnRemovedEndpoint =
    QStringLiteral("endpoint_id IN (SELECT id FROM endpoints WHERE removed_at IS NOT NULL)");
const QString DeliveryQueue::kToLiveEndpoint =
    QStringLiteral("endpoint_id = CASE WHEN %1 THEN (SELECT mp.endpoint_id FROM mappings mp"
                   " WHERE mp.id = deliveries.mapping_id) ELSE endpoint_id END")
        .arg(DeliveryQueue::kOnRemovedEndpoint);

namespace {

QString compact(const QJsonObject &object)
{
    return object.isEmpty() ? QString()
                            : QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString idList(const QList<qint64> &ids)
{
    QStringList parts;
    for (qint64 id : ids)
        parts << QString::number(id);
    return parts.join(QLatin1Char(','));
}

// The states a person can send back to pending; skipped deliveries are replayed through routing.
const QString kReplayable = QStringLiteral("('parked','retrying','delivered','archived')");
// A removed mapping's deliveries stay archived: no engine loads the mapping to send them.
const QString kLiveMapping =
    QStringLiteral("mapping_id IN (SELECT id FROM mappings WHERE removed_at IS NULL)");

} // namespace

DeliveryQueue::DeliveryQueue(const Database &db, QString owner)
    : db_(db)
    , owner_(std::move(owner))
    , insertAttempt_(db.connection())
    , updateDelivery_(db.connection())
    , claimSelect_(db.connection())
    , nextDue_(db.connection())
    , gate_(db)
{
    prepareClaimQueries();
    insertAttempt_.prepare(
        QStringLiteral("INSERT INTO attempts (delivery_id, kind, url, request_headers, status, "
                       "response_headers, response_body,"
                       " response_truncated, outcome, error, extra, started_at, duration_ms)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    updateDelivery_.prepare(QStringLiteral(
        "UPDATE deliveries SET state = ?, reason = ?, attempts = attempts + 1, failures = ?, due_at = ?,"
        " update_url = ?, last_status = ?, last_error = ?, lease_owner = NULL, lease_until = NULL, "
        "updated_at = ?"
        " WHERE id = ? AND lease_owner = ?"));
}

void DeliveryQueue::useOrderingOf(const QList<Mapping> &mappings)
{
    const OrderingRule rule(mappings);
    if (rule == ordering_)
        return;
    ordering_ = rule;
    prepareClaimQueries();
}

// Only the head of an ordering key is claimable (OrderingRule). Why no two engines send one key at once
// on PostgreSQL, under READ COMMITTED, where each claim SELECT sees what was committed when it started:
//  - The same row: FOR UPDATE SKIP LOCKED lets one claim lock it; a claim that reaches it after that
//    claim committed re-reads the row (due_at is NULL now) and drops it.
//  - Two rows of one key, head H and successor S: S is claimable only where H is no longer pending,
//    waiting, retrying, sending (or parked, with hold). Among claims and recorded outcomes alone the
//    head only moves forward, and only after its outcome is recorded, so every snapshot sees S blocked
//    until H's request has ended.
//  - What can put an earlier row back in front after a later one went (a replay of an earlier message,
//    a message accepted by a transaction that committed after a later one of its key, a mapping added
//    since) could race with a claim that read an older snapshot. So lockKeysAndRecheck takes a lock per
//    key for the rest of the claim and checks the candidates again with a new snapshot: the claims of
//    one key follow each other, and each sees the one before it `sending`, which holds back every other
//    delivery of the key.
// On SQLite the only engine claims inside BEGIN IMMEDIATE, so the SELECT already sees everything.
void DeliveryQueue::prepareClaimQueries()
{
    claimSelect_.prepare(
        QStringLiteral("SELECT d.id, d.mapping_id, d.endpoint_id, d.attempts, d.failures, d.update_url,"
                       " m.message_id, m.type, m.payload, m.parent_id, m.hops, d.ordering_key, m.created_at "
                       "FROM deliveries d"
                       " JOIN messages m ON m.id = d.message_row"
                       " WHERE d.endpoint_id = ? AND d.due_at <= ? AND %1 ORDER BY d.due_at, d.id LIMIT ?")
            .arg(ordering_.mayGo(QStringLiteral("d"))) +
        db_.dialect().claimLockClause());
    // A delivery held back by its key has a due time long past: it must not count, or the dispatcher
    // would ask its lane again and again while the head waits for a retry hours away.
    nextDue_.prepare(QStringLiteral("SELECT d.due_at FROM deliveries d WHERE d.endpoint_id = ?"
                                    " AND d.due_at IS NOT NULL AND %1 ORDER BY d.due_at LIMIT 1")
                         .arg(ordering_.mayGo(QStringLiteral("d"))));
}

namespace {

// The lock of an ordering key: the mapping id and 32 bits of a hash that is the same in every process.
QPair<qint32, qint32> orderingLockId(qint64 mappingId, const QString &key)
{
    const QByteArray digest = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Md5);
    return {qint32(mappingId), qFromBigEndian<qint32>(digest.constData())};
}

} // namespace

// Shared database only (see prepareClaimQueries): locks the keys of the candidates in one order, so two
// claims never wait for each other in a circle, then drops the candidates that another claim's commit
// has since held back. Those stay locked by this transaction until it ends, unclaimed.
bool DeliveryQueue::lockKeysAndRecheck(QList<qint64> *ids, QList<ClaimedDelivery> *claimed, QString *error)
{
    const QString lockStatement = db_.dialect().orderingKeyLockStatement();
    QList<QPair<qint32, qint32>> locks;
    QList<qint64> keyed;
    for (const ClaimedDelivery &delivery : std::as_const(*claimed)) {
        if (delivery.orderingKey.isEmpty())
            continue;
        locks.append(orderingLockId(delivery.mappingId, delivery.orderingKey));
        keyed.append(delivery.id);
    }
    if (lockStatement.isEmpty() || keyed.isEmpty())
        return true;
    std::sort(locks.begin(), locks.end());
    locks.erase(std::unique(locks.begin(), locks.end()), locks.end());
    QSqlQuery lock = db_.prepare(lockStatement);
    for (const auto &[mapping, key] : std::as_const(locks)) {
        lock.bindValue(0, mapping);
        lock.bindValue(1, key);
        if (!db_.exec(lock, error))
            return false;
    }
    QSqlQuery recheck =
        db_.prepare(QStringLiteral("SELECT d.id FROM deliveries d WHERE d.id IN (%1) AND NOT %2")
                        .arg(idList(keyed), ordering_.mayGo(QStringLiteral("d"))));
    if (!db_.exec(recheck, error))
        return false;
    QSet<qint64> heldBack;
    while (recheck.next())
        heldBack.insert(recheck.value(0).toLongLong());
    ids->removeIf([&heldBack](qint64 id) { return heldBack.contains(id); });
    claimed->removeIf(
        [&heldBack](const ClaimedDelivery &delivery) { return heldBack.contains(delivery.id); });
    return true;
}

bool DeliveryQueue::requeue(const QString &condition, const QVariantList &values, int *count, QString *error)
{
    QSqlQuery query = db_.prepare(
        QStringLiteral(
            "UPDATE deliveries SET state = CASE WHEN update_url IS NULL THEN 'pending' ELSE 'waiting' END,"
            " due_at = ?, lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE state = 'sending'") +
        condition);
    const qint64 now = Database::nowMs();
    query.bindValue(0, now);
    query.bindValue(1, now);
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(2 + i, values.at(i));
    if (!db_.exec(query, error))
        return false;
    *count = query.numRowsAffected();
    return *count == 0 || db_.notifyWork(error);
}

bool DeliveryQueue::recoverInterrupted(int *recovered, QString *error)
{
    return requeue(QString(), {}, recovered, error);
}

// This engine's own claims are never reaped: while it lives it renews them, and its requests for them
// may still be out.
bool DeliveryQueue::reapExpiredLeases(int *reaped, QString *error)
{
    return requeue(QStringLiteral(" AND lease_until < ? AND (lease_owner IS NULL OR lease_owner <> ?)"),
                   {Database::nowMs(), owner_}, reaped, error);
}

bool DeliveryQueue::releaseClaims(int *released, QString *error)
{
    return requeue(QStringLiteral(" AND lease_owner = ?"), {owner_}, released, error);
}

bool DeliveryQueue::renewClaims(qint64 leaseMs, int *renewed, QString *error)
{
    QSqlQuery query = db_.prepare(
        QStringLiteral("UPDATE deliveries SET lease_until = ? WHERE state = 'sending' AND lease_owner = ?"));
    query.bindValue(0, Database::nowMs() + leaseMs);
    query.bindValue(1, owner_);
    if (!db_.exec(query, error))
        return false;
    *renewed = query.numRowsAffected();
    return true;
}

bool DeliveryQueue::nextLeaseExpiry(std::optional<qint64> *out, QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral(
        "SELECT MIN(lease_until) FROM deliveries WHERE state = 'sending' AND lease_owner <> ?"));
    query.bindValue(0, owner_);
    if (!db_.exec(query, error))
        return false;
    *out = query.next() && !query.value(0).isNull() ? std::optional<qint64>(query.value(0).toLongLong())
                                                    : std::nullopt;
    return true;
}

bool DeliveryQueue::claimDue(const QHash<qint64, LaneGate::Lane> &lanes, qint64 leaseMs,
                             QList<ClaimedDelivery> *out, QHash<qint64, std::optional<qint64>> *heldUntil,
                             QString *error)
{
    const qint64 now = Database::nowMs();
    WriteTransaction transaction(db_);
    if (!transaction.begin(error))
        return false;
    LaneGate::Admission admission;
    if (!gate_.admit(lanes, now, &admission, error))
        return false;
    QList<qint64> ids;
    for (auto it = admission.allowed.cbegin(); it != admission.allowed.cend(); ++it) {
        QSqlQuery &select = claimSelect_;
        select.bindValue(0, it.key());
        select.bindValue(1, now);
        select.bindValue(2, it.value());
        if (!db_.exec(select, error))
            return false;
        while (select.next()) {
            ClaimedDelivery delivery;
            delivery.id = select.value(0).toLongLong();
            delivery.mappingId = select.value(1).toLongLong();
            delivery.endpointId = select.value(2).toLongLong();
            delivery.attempts = select.value(3).toInt();
            delivery.failures = select.value(4).toInt();
            delivery.updateUrl = select.value(5).toString();
            delivery.message.id = select.value(6).toString();
            delivery.message.type = select.value(7).toString();
            delivery.message.payload = QJsonDocument::fromJson(select.value(8).toString().toUtf8()).object();
            delivery.message.parentId = select.value(9).toString();
            delivery.message.hops = select.value(10).toInt();
            delivery.orderingKey = select.value(11).toString();
            delivery.acceptedAtMs = select.value(12).toLongLong();
            delivery.probe = admission.probes.contains(it.key());
            ids.append(delivery.id);
            out->append(delivery);
        }
        select.finish();
    }
    if (!lockKeysAndRecheck(&ids, out, error))
        return false;
    QHash<qint64, int> claimed;
    for (const ClaimedDelivery &delivery : std::as_const(*out))
        ++claimed[delivery.endpointId];
    if (!gate_.spend(lanes, claimed, now, &admission, error))
        return false;
    *heldUntil = admission.heldUntil;
    if (ids.isEmpty())
        return transaction.commit(error);
    QSqlQuery claim =
        db_.prepare(QStringLiteral("UPDATE deliveries SET state = 'sending', due_at = NULL,"
                                   " lease_owner = ?, lease_until = ?, updated_at = ? WHERE id IN (%1)")
                        .arg(idList(ids)));
    claim.bindValue(0, owner_);
    claim.bindValue(1, now + leaseMs);
    claim.bindValue(2, now);
    return db_.exec(claim, error) && transaction.commit(error);
}

bool DeliveryQueue::release(const QList<qint64> &deliveryIds, QString *error)
{
    if (deliveryIds.isEmpty())
        return true;
    QSqlQuery query = db_.prepare(
        QStringLiteral(
            "UPDATE deliveries SET state = CASE WHEN update_url IS NULL THEN 'pending' ELSE 'waiting' END,"
            " due_at = ?, lease_owner = NULL, lease_until = NULL, updated_at = ?"
            " WHERE state = 'sending' AND lease_owner = ? AND id IN (%1)")
            .arg(idList(deliveryIds)));
    const qint64 now = Database::nowMs();
    query.bindValue(0, now);
    query.bindValue(1, now);
    query.bindValue(2, owner_);
    return db_.exec(query, error);
}

bool DeliveryQueue::record(const DeliveryOutcome &outcome, bool *owned, QString *error)
{
    const Attempt &a = outcome.attempt;
    insertAttempt_.bindValue(0, outcome.deliveryId);
    insertAttempt_.bindValue(1, a.kind);
    insertAttempt_.bindValue(2, a.url);
    insertAttempt_.bindValue(3, compact(a.requestHeaders));
    insertAttempt_.bindValue(4, a.status ? QVariant(a.status) : QVariant());
    insertAttempt_.bindValue(5, compact(a.responseHeaders));
    insertAttempt_.bindValue(6, a.responseBody);
    insertAttempt_.bindValue(7, a.truncated ? 1 : 0);
    insertAttempt_.bindValue(8, a.outcome);
    insertAttempt_.bindValue(9, a.error.isEmpty() ? QVariant() : QVariant(a.error));
    insertAttempt_.bindValue(10, a.extra.isEmpty() ? QVariant() : QVariant(compact(a.extra)));
    insertAttempt_.bindValue(11, a.startedAtMs);
    insertAttempt_.bindValue(12, a.durationMs);
    if (!db_.exec(insertAttempt_, error))
        return false;
    updateDelivery_.bindValue(0, DeliveryStates::name(outcome.state));
    updateDelivery_.bindValue(1, outcome.reason.isEmpty() ? QVariant() : QVariant(outcome.reason));
    updateDelivery_.bindValue(2, outcome.failures);
    updateDelivery_.bindValue(3, outcome.dueAtMs ? QVariant(*outcome.dueAtMs) : QVariant());
    updateDelivery_.bindValue(4, outcome.updateUrl.isEmpty() ? QVariant() : QVariant(outcome.updateUrl));
    updateDelivery_.bindValue(5, a.status ? QVariant(a.status) : QVariant());
    updateDelivery_.bindValue(6, a.error.isEmpty() ? QVariant() : QVariant(a.error));
    updateDelivery_.bindValue(7, Database::nowMs());
    updateDelivery_.bindValue(8, outcome.deliveryId);
    updateDelivery_.bindValue(9, owner_);
    if (!db_.exec(updateDelivery_, error))
        return false;
    *owned = updateDelivery_.numRowsAffected() > 0;
    return true;
}

bool DeliveryQueue::parkUnrecorded(qint64 deliveryId, const QString &reason, QString *error)
{
    QSqlQuery park = db_.prepare(QStringLiteral(
        "UPDATE deliveries SET state = ?, reason = ?, attempts = attempts + 1, due_at = NULL,"
        " lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE id = ? AND lease_owner = ?"));
    park.bindValue(0, DeliveryStates::name(DeliveryState::Parked));
    park.bindValue(1, reason);
    park.bindValue(2, Database::nowMs());
    park.bindValue(3, deliveryId);
    park.bindValue(4, owner_); // as record(): a claim another engine took over is that engine's to decide
    return db_.exec(park, error);
}

bool DeliveryQueue::nextDueAt(const QList<qint64> &endpoints, std::optional<qint64> *out, QString *error)
{
    *out = std::nullopt;
    for (qint64 endpoint : endpoints) {
        nextDue_.bindValue(0, endpoint);
        if (!db_.exec(nextDue_, error))
            return false;
        if (nextDue_.next() && !nextDue_.value(0).isNull()) {
            const qint64 due = nextDue_.value(0).toLongLong();
            *out = *out ? qMin(**out, due) : due;
        }
        nextDue_.finish();
    }
    return true;
}

bool DeliveryQueue::countActive(int *out, QString *error, const QList<qint64> &heldEndpoints) const
{
    // So are those of endpoints this engine holds (it cannot open their secrets): it can do nothing
    // for them until it is given the key.
    QStringList held;
    held.reserve(heldEndpoints.size());
    for (const qint64 id : heldEndpoints)
        held << QString::number(id);
    const QString notHeld = held.isEmpty() ? QStringLiteral("1 = 1")
                                           : QStringLiteral("d.endpoint_id NOT IN (%1)").arg(held.join(u','));
    // Deliveries held back by their key are left out: behind a parked head they wait for a person, as
    // the parked one does; behind an active head, that head is counted. So are those of an endpoint a
    // person paused: they wait for a person too. (A breaker's pause has probes coming, like a retry.)
    QSqlQuery query = db_.prepare(
        QStringLiteral(
            "SELECT COUNT(*) FROM deliveries d WHERE d.state IN ('pending', 'sending', 'waiting',"
            " 'retrying') AND (d.state = 'sending' OR (%1 AND %2 AND d.endpoint_id NOT IN"
            " (SELECT endpoint_id FROM endpoint_flow WHERE paused_by = 'person' AND state <> 'active')))")
            .arg(ordering_.mayGo(QStringLiteral("d")), notHeld));
    if (!db_.exec(query, error))
        return false;
    *out = query.next() ? query.value(0).toInt() : 0;
    return true;
}

bool DeliveryQueue::replayMessage(qint64 messageRow, int *replayed, QString *error)
{
    QSqlQuery query = db_.prepare(
        QStringLiteral(
            "UPDATE deliveries SET state = 'pending', reason = NULL, failures = 0, update_url = NULL,"
            " due_at = ?, updated_at = ?, %3 WHERE message_row = ? AND state IN %1 AND %2")
            .arg(kReplayable, kLiveMapping, kToLiveEndpoint));
    const qint64 now = Database::nowMs();
    query.bindValue(0, now);
    query.bindValue(1, now);
    query.bindValue(2, messageRow);
    if (!db_.exec(query, error))
        return false;
    *replayed += query.numRowsAffected();
    return db_.notifyWork(error);
}

bool DeliveryQueue::replayFailedOf(const QList<qint64> &messageRows, const QStringList &failedStates,
                                   const QString &mapping, const QString &endpoint, int *replayed,
                                   QString *error)
{
    if (messageRows.isEmpty() || failedStates.isEmpty())
        return true;
    const qint64 now = Database::nowMs();
    QVariantList values{now, now};
    QStringList where{QStringLiteral("message_row IN (%1)").arg(idList(messageRows)), kLiveMapping};
    QStringList marks;
    for (const QString &state : failedStates) {
        marks << QStringLiteral("?");
        values << state;
    }
    where << QStringLiteral("state IN (%1)").arg(marks.join(QLatin1Char(',')));
    if (!mapping.isEmpty()) {
        where << QStringLiteral("mapping_id IN (SELECT id FROM mappings WHERE name = ?)");
        values << mapping;
    }
    if (!endpoint.isEmpty()) {
        where << QStringLiteral("endpoint_id IN (SELECT id FROM endpoints WHERE name = ?)");
        values << endpoint;
    }
    QSqlQuery query = db_.prepare(
        QStringLiteral(
            "UPDATE deliveries SET state = 'pending', reason = NULL, failures = 0, update_url = NULL,"
            " due_at = ?, updated_at = ?, %1 WHERE %2")
            .arg(kToLiveEndpoint, where.join(QLatin1String(" AND "))));
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    if (!db_.exec(query, error))
        return false;
    *replayed += query.numRowsAffected();
    return db_.notifyWork(error);
}

bool DeliveryQueue::archiveMessage(qint64 messageRow, int *archived, QString *error)
{
    QSqlQuery query = db_.prepare(QStringLiteral(
        "UPDATE deliveries SET state = 'archived', due_at = NULL, updated_at = ? WHERE message_row = ?"
        " AND state IN ('parked', 'retrying', 'pending', 'waiting')"));
    query.bindValue(0, Database::nowMs());
    query.bindValue(1, messageRow);
    if (!db_.exec(query, error))
        return false;
    *archived += query.numRowsAffected();
    // An archived delivery no longer holds back the later ones of its ordering key.
    return db_.notifyWork(error);
}
