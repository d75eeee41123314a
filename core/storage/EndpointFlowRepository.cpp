#include "storage/EndpointFlowRepository.h"

#include "storage/Database.h"

#include <QVariant>

namespace {

const QString kColumns = QStringLiteral(
    "endpoint_id, state, paused_by, paused_reason, paused_at, consecutive_failures, probe_interval_ms,"
    " next_probe_at");

QVariant orNull(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant();
}

std::optional<qint64> optionalOf(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

EndpointFlow flowOf(const QSqlQuery &query)
{
    EndpointFlow flow;
    flow.endpointId = query.value(0).toLongLong();
    flow.state = EndpointFlow::stateFromName(query.value(1).toString());
    flow.pausedBy = EndpointFlow::pausedByFromName(query.value(2).toString());
    flow.pausedReason = query.value(3).toString();
    flow.pausedAtMs = optionalOf(query.value(4));
    flow.consecutiveFailures = query.value(5).toInt();
    flow.probeIntervalMs = query.value(6).toLongLong();
    flow.nextProbeAtMs = optionalOf(query.value(7));
    return flow;
}

} // namespace

EndpointFlowRepository::EndpointFlowRepository(const Database &db)
    : db_(db)
    , loadHeld_(db.connection())
    , clearFailures_(db.connection())
{
    loadHeld_.prepare(QStringLiteral("SELECT %1 FROM endpoint_flow WHERE state <> 'active'").arg(kColumns));
    clearFailures_.prepare(
        QStringLiteral("UPDATE endpoint_flow SET consecutive_failures = 0"
                       " WHERE endpoint_id = ? AND state = 'active' AND consecutive_failures <> 0"));
}

bool EndpointFlowRepository::load(qint64 endpointId, EndpointFlow *out, QString *error) const
{
    QSqlQuery query =
        db_.prepare(QStringLiteral("SELECT %1 FROM endpoint_flow WHERE endpoint_id = ?").arg(kColumns) +
                    db_.dialect().rowLockClause());
    query.bindValue(0, endpointId);
    if (!db_.exec(query, error))
        return false;
    *out = query.next() ? flowOf(query) : EndpointFlow();
    out->endpointId = endpointId;
    return true;
}

bool EndpointFlowRepository::loadHeld(QHash<qint64, EndpointFlow> *out, QString *error) const
{
    if (!db_.exec(loadHeld_, error))
        return false;
    while (loadHeld_.next()) {
        const EndpointFlow flow = flowOf(loadHeld_);
        out->insert(flow.endpointId, flow);
    }
    loadHeld_.finish();
    return true;
}

bool EndpointFlowRepository::ensureRow(qint64 endpointId, QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral(
        "INSERT INTO endpoint_flow (endpoint_id) VALUES (?) ON CONFLICT (endpoint_id) DO NOTHING"));
    query.bindValue(0, endpointId);
    return db_.exec(query, error);
}

bool EndpointFlowRepository::save(const EndpointFlow &flow, QString *error) const
{
    if (!ensureRow(flow.endpointId, error))
        return false;
    QSqlQuery query = db_.prepare(QStringLiteral(
        "UPDATE endpoint_flow SET state = ?, paused_by = ?, paused_reason = ?, paused_at = ?,"
        " consecutive_failures = ?, probe_interval_ms = ?, next_probe_at = ? WHERE endpoint_id = ?"));
    const QString by = EndpointFlow::pausedByName(flow.pausedBy);
    query.bindValue(0, EndpointFlow::stateName(flow.state));
    query.bindValue(1, by.isEmpty() ? QVariant() : QVariant(by));
    query.bindValue(2, flow.pausedReason.isEmpty() ? QVariant() : QVariant(flow.pausedReason));
    query.bindValue(3, orNull(flow.pausedAtMs));
    query.bindValue(4, flow.consecutiveFailures);
    query.bindValue(5, flow.probeIntervalMs);
    query.bindValue(6, orNull(flow.nextProbeAtMs));
    query.bindValue(7, flow.endpointId);
    return db_.exec(query, error);
}

bool EndpointFlowRepository::clearFailures(qint64 endpointId, QString *error) const
{
    clearFailures_.bindValue(0, endpointId);
    return db_.exec(clearFailures_, error);
}

// One conditional UPDATE: of two engines asking at once, the row lock lets one through and the other
// then finds the state already probing with a later probe time.
bool EndpointFlowRepository::takeProbe(qint64 endpointId, qint64 nowMs, bool *won, QString *error) const
{
    QSqlQuery query = db_.prepare(
        QStringLiteral("UPDATE endpoint_flow SET state = 'probing', next_probe_at = ? + probe_interval_ms"
                       " WHERE endpoint_id = ? AND paused_by = 'breaker' AND state IN ('paused', 'probing')"
                       " AND next_probe_at <= ?"));
    query.bindValue(0, nowMs);
    query.bindValue(1, endpointId);
    query.bindValue(2, nowMs);
    if (!db_.exec(query, error))
        return false;
    *won = query.numRowsAffected() == 1;
    return true;
}

bool EndpointFlowRepository::readBucket(qint64 endpointId, double rate, qint64 nowMs, double *tokens,
                                        QString *error) const
{
    if (!ensureRow(endpointId, error))
        return false;
    QSqlQuery query =
        db_.prepare(QStringLiteral("SELECT tokens, tokens_at FROM endpoint_flow WHERE endpoint_id = ?") +
                    db_.dialect().rowLockClause());
    query.bindValue(0, endpointId);
    if (!db_.exec(query, error))
        return false;
    const double burst = burstOf(rate);
    if (!query.next() || query.value(0).isNull() || query.value(1).isNull()) {
        *tokens = burst;
        return true;
    }
    const qint64 elapsedMs = qMax<qint64>(0, nowMs - query.value(1).toLongLong());
    *tokens = qMin(burst, query.value(0).toDouble() + double(elapsedMs) * rate / 1000.0);
    return true;
}

bool EndpointFlowRepository::writeBucket(qint64 endpointId, double tokens, qint64 nowMs, QString *error) const
{
    QSqlQuery query = db_.prepare(
        QStringLiteral("UPDATE endpoint_flow SET tokens = ?, tokens_at = ? WHERE endpoint_id = ?"));
    query.bindValue(0, tokens);
    query.bindValue(1, nowMs);
    query.bindValue(2, endpointId);
    return db_.exec(query, error);
}

bool EndpointFlowRepository::makeRetriesDueNow(qint64 endpointId, qint64 nowMs, QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral(
        "UPDATE deliveries SET due_at = ?, updated_at = ? WHERE endpoint_id = ? AND state = 'retrying'"
        " AND due_at > ?"));
    query.bindValue(0, nowMs);
    query.bindValue(1, nowMs);
    query.bindValue(2, endpointId);
    query.bindValue(3, nowMs);
    return db_.exec(query, error);
}

bool EndpointFlowRepository::setSecretsWait(qint64 endpointId, const QString &reason, QString *error) const
{
    QSqlQuery query = db_.prepare(
        QStringLiteral("INSERT INTO endpoint_flow (endpoint_id, secrets_wait) VALUES (?, ?)"
                       " ON CONFLICT (endpoint_id) DO UPDATE SET secrets_wait = excluded.secrets_wait"));
    query.addBindValue(endpointId);
    query.addBindValue(reason.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(reason));
    return db_.exec(query, error);
}
