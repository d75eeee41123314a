#include "storage/EndpointStatusQuery.h"

#include "storage/Database.h"

#include <QHash>
#include <QSqlQuery>

namespace {

constexpr int kMedian = 50;
constexpr int kTail = 95;

} // namespace

EndpointStatusQuery::EndpointStatusQuery(const Database &db)
    : db_(db)
{}

bool EndpointStatusQuery::list(qint64 nowMs, QList<EndpointStatus> *out, QString *error) const
{
    out->clear();
    QList<qint64> ids;
    if (!loadEndpoints(out, &ids, error))
        return false;
    QHash<qint64, EndpointStatus *> byId;
    for (int i = 0; i < out->size(); ++i)
        byId.insert(ids.at(i), &(*out)[i]);
    return countOpenDeliveries(byId, error) && measureAttempts(nowMs, byId, error);
}

// A missing endpoint_flow row is an endpoint that was never paused: active.
bool EndpointStatusQuery::loadEndpoints(QList<EndpointStatus> *out, QList<qint64> *ids, QString *error) const
{
    QSqlQuery query = db_.prepare(
        QStringLiteral("SELECT e.id, e.name, e.url, f.state, f.paused_by, f.paused_reason FROM endpoints e"
                       " LEFT JOIN endpoint_flow f ON f.endpoint_id = e.id"
                       " WHERE e.removed_at IS NULL ORDER BY e.name"));
    if (!db_.exec(query, error))
        return false;
    while (query.next()) {
        EndpointStatus status;
        ids->append(query.value(0).toLongLong());
        status.name = query.value(1).toString();
        status.url = query.value(2).toString();
        status.state = EndpointFlow::stateFromName(query.value(3).toString());
        if (status.state != EndpointFlow::State::Active) {
            status.pausedBy = EndpointFlow::pausedByFromName(query.value(4).toString());
            status.pausedReason = query.value(5).toString();
        }
        out->append(status);
    }
    return true;
}

// The deliveries_state index (state first) answers this from the open deliveries alone.
bool EndpointStatusQuery::countOpenDeliveries(const QHash<qint64, EndpointStatus *> &byId,
                                              QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral(
        "SELECT endpoint_id, state, COUNT(*) FROM deliveries"
        " WHERE state IN ('sending', 'pending', 'retrying', 'waiting') GROUP BY endpoint_id, state"));
    if (!db_.exec(query, error))
        return false;
    while (query.next()) {
        EndpointStatus *status = byId.value(query.value(0).toLongLong());
        if (!status)
            continue; // a removed endpoint's leftovers
        const qint64 count = query.value(2).toLongLong();
        (query.value(1).toString() == QLatin1String("sending") ? status->inFlight : status->pending) += count;
    }
    return true;
}

// One pass over the window's attempts: the database ranks each endpoint's durations and hands back only
// the rows at the two percentile positions, each carrying the endpoint's totals.
bool EndpointStatusQuery::measureAttempts(qint64 nowMs, const QHash<qint64, EndpointStatus *> &byId,
                                          QString *error) const
{
    QSqlQuery query = db_.prepare(
        QStringLiteral("SELECT endpoint_id, total, successes, position, duration_ms FROM ("
                       " SELECT d.endpoint_id AS endpoint_id, a.duration_ms AS duration_ms,"
                       " ROW_NUMBER() OVER (PARTITION BY d.endpoint_id ORDER BY a.duration_ms) AS position,"
                       " COUNT(*) OVER (PARTITION BY d.endpoint_id) AS total,"
                       " SUM(CASE WHEN a.outcome IN ('delivered', 'async') THEN 1 ELSE 0 END)"
                       " OVER (PARTITION BY d.endpoint_id) AS successes"
                       " FROM attempts a JOIN deliveries d ON d.id = a.delivery_id"
                       " WHERE a.started_at > ? AND a.started_at <= ?) ranked"
                       " WHERE position = (%1 * total + 99) / 100 OR position = (%2 * total + 99) / 100")
            .arg(kMedian)
            .arg(kTail));
    query.bindValue(0, nowMs - kWindowMs);
    query.bindValue(1, nowMs);
    if (!db_.exec(query, error))
        return false;
    while (query.next()) {
        EndpointStatus *status = byId.value(query.value(0).toLongLong());
        if (!status)
            continue;
        const qint64 total = query.value(1).toLongLong();
        const qint64 position = query.value(3).toLongLong();
        const qint64 durationMs = query.value(4).toLongLong();
        status->attemptsLastHour = total;
        status->successRate = double(query.value(2).toLongLong()) / double(total);
        if (position == nearestRank(kMedian, total))
            status->latencyP50Ms = durationMs;
        if (position == nearestRank(kTail, total))
            status->latencyP95Ms = durationMs;
    }
    return true;
}
