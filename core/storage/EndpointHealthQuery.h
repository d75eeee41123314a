#pragma once

#include "model/EndpointHealth.h"

#include <QHash>
#include <QList>

class Database;

// What the Dashboard shows of the endpoints, at a cost that follows the number of endpoints, not the
// traffic: each endpoint's flow state (endpoint_flow), its deliveries in flight, the earliest due time of
// what waits for it (one index seek each, deliveries(endpoint_id, due_at)) and its last hour from the
// per-minute rollup (endpoint_minutes); and the outcomes per minute over the last hour, or per quarter
// hour over the last day, for the chart.
class EndpointHealthQuery
{
public:
    enum class Span
    {
        LastHour, // 60 slots of a minute, the current minute last
        LastDay,  // 96 slots of a quarter hour, the current one last
    };
    static constexpr qint64 kMinuteMs = 60 * 1000;
    static constexpr int kHourMinutes = 60;

    explicit EndpointHealthQuery(const Database &db);

    // Every endpoint that is not removed, by name. "The last hour" is the 60 minutes of the rollup up to
    // and including the one of nowMs.
    bool list(qint64 nowMs, QList<EndpointHealth> *out, QString *error) const;
    // Every slot of the span, oldest first, empty ones included; the outcomes of all endpoints, or of
    // one when endpointId is given.
    bool outcomes(Span span, qint64 nowMs, std::optional<qint64> endpointId, QList<OutcomeSlot> *out,
                  QString *error) const;
    // What was delivered since sinceMs (at most a day ago: the rollup keeps no more), from the rollup.
    bool deliveredSince(qint64 sinceMs, qint64 *delivered, QString *error) const;

    static qint64 slotMs(Span span);
    static int slotCount(Span span);

private:
    bool loadEndpoints(QList<EndpointHealth> *out, QString *error) const;
    bool countInFlight(const QHash<qint64, EndpointHealth *> &byId, QString *error) const;
    bool sumLastHour(qint64 nowMs, const QHash<qint64, EndpointHealth *> &byId, QString *error) const;

    const Database &db_;
};
