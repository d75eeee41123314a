#pragma once

#include "model/EndpointStatus.h"

#include <QList>

class Database;

// Every endpoint that is not removed, by name, with its flow state (endpoint_flow), its open deliveries
// and its attempts of the hour up to `nowMs`: `integrator endpoints` and the control panel's Endpoints
// view. Three reads; the attempts are found through attempts(started_at), so the cost follows the
// last hour's traffic, not the size of the history.
class EndpointStatusQuery
{
public:
    static constexpr qint64 kWindowMs = 3600 * 1000;

    explicit EndpointStatusQuery(const Database &db);

    // The window is (nowMs - kWindowMs, nowMs]: an attempt that started exactly an hour ago is out.
    bool list(qint64 nowMs, QList<EndpointStatus> *out, QString *error) const;

    // The nearest-rank percentile's position among `count` values sorted ascending, counted from 1:
    // ceil(percent / 100 * count), in whole numbers so both databases compute the same.
    static qint64 nearestRank(int percent, qint64 count) { return (percent * count + 99) / 100; }

private:
    bool loadEndpoints(QList<EndpointStatus> *out, QList<qint64> *ids, QString *error) const;
    bool countOpenDeliveries(const QHash<qint64, EndpointStatus *> &byId, QString *error) const;
    bool measureAttempts(qint64 nowMs, const QHash<qint64, EndpointStatus *> &byId, QString *error) const;

    const Database &db_;
};
