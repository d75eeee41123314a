#include "storage/EndpointHealthQuery.h"

#include "metrics/LatencyBuckets.h"
#include "storage/Database.h"

#include <QSqlQuery>
#include <QStringList>

namespace {

constexpr int kMedian = 50;
constexpr int kTail = 95;
constexpr int kQuarterHourMinutes = 15;
constexpr int kDayQuarterHours = 96;

QString latencySums()
{
    QStringList sums;
    for (int bucket = 0; bucket < LatencyBuckets::count(); ++bucket)
        sums << QStringLiteral("SUM(latency_%1)").arg(bucket);
    return sums.join(QStringLiteral(", "));
}

} // namespace

EndpointHealthQuery::EndpointHealthQuery(const Database &db)
    : db_(db)
{}

qint64 EndpointHealthQuery::slotMs(Span span)
{
    return span == Span::LastHour ? kMinuteMs : kQuarterHourMinutes * kMinuteMs;
}

int EndpointHealthQuery::slotCount(Span span)
{
    return span == Span::LastHour ? kHourMinutes : kDayQuarterHours;
}

bool EndpointHealthQuery::list(qint64 nowMs, QList<EndpointHealth> *out, QString *error) const
{
    out->clear();
    if (!loadEndpoints(out, error))
        return false;
    QHash<qint64, EndpointHealth *> byId;
    for (EndpointHealth &health : *out)
        byId.insert(health.endpointId, &health);
    return countInFlight(byId, error) && sumLastHour(nowMs, byId, error);
}

// A missing endpoint_flow row is an endpoint that was never paused: active. The earliest due time is one
// seek per endpoint along deliveries(endpoint_id, due_at); due_at is set only while a delivery waits to
// be claimed.
bool EndpointHealthQuery::loadEndpoints(QList<EndpointHealth> *out, QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral(
        "SELECT e.id, e.name, f.state, f.paused_by, f.paused_reason,"
        " (SELECT MIN(d.due_at) FROM deliveries d WHERE d.endpoint_id = e.id AND d.due_at IS NOT NULL)"
        " FROM endpoints e LEFT JOIN endpoint_flow f ON f.endpoint_id = e.id"
        " WHERE e.removed_at IS NULL ORDER BY e.name"));
    if (!db_.exec(query, error))
        return false;
    while (query.next()) {
        EndpointHealth health;
        health.endpointId = query.value(0).toLongLong();
        health.name = query.value(1).toString();
        health.state = EndpointFlow::stateFromName(query.value(2).toString());
        if (health.state != EndpointFlow::State::Active) {
            health.pausedBy = EndpointFlow::pausedByFromName(query.value(3).toString());
            health.pausedReason = query.value(4).toString();
        }
        if (!query.value(5).isNull())
            health.oldestDueAtMs = query.value(5).toLongLong();
        out->append(health);
    }
    return true;
}

// Deliveries in flight are few (each endpoint's concurrency at most); deliveries_state (state first)
// finds them without walking the rest.
bool EndpointHealthQuery::countInFlight(const QHash<qint64, EndpointHealth *> &byId, QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral(
        "SELECT endpoint_id, COUNT(*) FROM deliveries WHERE state = 'sending' GROUP BY endpoint_id"));
    if (!db_.exec(query, error))
        return false;
    while (query.next()) {
        if (EndpointHealth *health = byId.value(query.value(0).toLongLong()))
            health->inFlight = query.value(1).toLongLong();
    }
    return true;
}

bool EndpointHealthQuery::sumLastHour(qint64 nowMs, const QHash<qint64, EndpointHealth *> &byId,
                                      QString *error) const
{
    const qint64 first = (nowMs / kMinuteMs - (kHourMinutes - 1)) * kMinuteMs;
    QSqlQuery query = db_.prepare(
        QStringLiteral("SELECT endpoint_id, SUM(delivered), SUM(waiting), SUM(retrying), SUM(parked), %1"
                       " FROM endpoint_minutes WHERE minute >= ? AND minute <= ? GROUP BY endpoint_id")
            .arg(latencySums()));
    query.bindValue(0, first);
    query.bindValue(1, nowMs);
    if (!db_.exec(query, error))
        return false;
    while (query.next()) {
        EndpointHealth *health = byId.value(query.value(0).toLongLong());
        if (!health)
            continue; // a removed endpoint's minutes
        health->delivered = query.value(1).toLongLong();
        health->waiting = query.value(2).toLongLong();
        health->retrying = query.value(3).toLongLong();
        health->parked = query.value(4).toLongLong();
        QList<qint64> latency;
        for (int bucket = 0; bucket < LatencyBuckets::count(); ++bucket)
            latency.append(query.value(5 + bucket).toLongLong());
        health->latencyP50 = LatencyBuckets::percentile(latency, kMedian);
        health->latencyP95 = LatencyBuckets::percentile(latency, kTail);
    }
    return true;
}

bool EndpointHealthQuery::outcomes(Span span, qint64 nowMs, std::optional<qint64> endpointId,
                                   QList<OutcomeSlot> *out, QString *error) const
{
    const qint64 slot = slotMs(span);
    const int count = slotCount(span);
    const qint64 first = (nowMs / slot - (count - 1)) * slot;
    out->clear();
    for (int i = 0; i < count; ++i)
        out->append({first + i * slot, 0, 0, 0});
    QSqlQuery query = db_.prepare(
        QStringLiteral("SELECT (minute - ?) / %1, SUM(delivered) + SUM(waiting), SUM(retrying), SUM(parked)"
                       " FROM endpoint_minutes WHERE minute >= ? AND minute <= ?%2 GROUP BY 1")
            .arg(slot)
            .arg(endpointId ? QStringLiteral(" AND endpoint_id = ?") : QString()));
    query.bindValue(0, first);
    query.bindValue(1, first);
    query.bindValue(2, nowMs);
    if (endpointId)
        query.bindValue(3, *endpointId);
    if (!db_.exec(query, error))
        return false;
    while (query.next()) {
        const int index = query.value(0).toInt();
        if (index < 0 || index >= count)
            continue;
        OutcomeSlot &entry = (*out)[index];
        entry.delivered = query.value(1).toLongLong();
        entry.retrying = query.value(2).toLongLong();
        entry.parked = query.value(3).toLongLong();
    }
    return true;
}

bool EndpointHealthQuery::deliveredSince(qint64 sinceMs, qint64 *delivered, QString *error) const
{
    QSqlQuery query =
        db_.prepare(QStringLiteral("SELECT SUM(delivered) FROM endpoint_minutes WHERE minute >= ?"));
    query.bindValue(0, sinceMs / kMinuteMs * kMinuteMs);
    if (!db_.exec(query, error))
        return false;
    *delivered = query.next() ? query.value(0).toLongLong() : 0;
    return true;
}
