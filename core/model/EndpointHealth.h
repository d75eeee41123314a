#pragma once

#include "model/EndpointFlow.h"

#include <QString>

#include <optional>

// Where a latency percentile lies when only bucket counts are kept: (lowerMs, upperMs]. The rollup
// (endpoint_minutes) knows which bucket, not the value, so a percentile is a range, never a number.
struct LatencyRange
{
    qint64 lowerMs = 0;
    std::optional<qint64> upperMs; // none: above the last bound

    bool operator==(const LatencyRange &other) const
    {
        return lowerMs == other.lowerMs && upperMs == other.upperMs;
    }
};

// One endpoint on the Dashboard: whether it is sent to, what is out and waiting, and the outcomes of
// its attempts recorded in the last hour (from the per-minute rollup, so reading it costs the same
// however busy the endpoint was).
struct EndpointHealth
{
    qint64 endpointId = 0;
    QString name;
    EndpointFlow::State state = EndpointFlow::State::Active;
    EndpointFlow::PausedBy pausedBy = EndpointFlow::PausedBy::Nobody;
    QString pausedReason;
    qint64 inFlight = 0; // deliveries in state sending
    // Attempts recorded in the last hour, by the state they left their delivery in.
    qint64 delivered = 0;
    qint64 waiting = 0; // accepted asynchronously: the update_url is polled next
    qint64 retrying = 0;
    qint64 parked = 0;
    std::optional<LatencyRange> latencyP50;
    std::optional<LatencyRange> latencyP95;
    // The earliest due time among its deliveries that wait to be sent; in the past when one is overdue.
    std::optional<qint64> oldestDueAtMs;

    qint64 attempts() const { return delivered + waiting + retrying + parked; }
    // Delivered or accepted asynchronously, of all attempts, as EndpointStatus counts it.
    std::optional<double> successRate() const
    {
        return attempts() > 0 ? std::optional<double>(double(delivered + waiting) / double(attempts()))
                              : std::nullopt;
    }
};

// The outcomes recorded in one slot of the Dashboard's chart (a minute, or a quarter hour for the day).
struct OutcomeSlot
{
    qint64 startMs = 0;
    qint64 delivered = 0; // delivered, or accepted asynchronously
    qint64 retrying = 0;  // failed, another attempt is scheduled
    qint64 parked = 0;    // failed for the last time: waits for a person

    qint64 total() const { return delivered + retrying + parked; }
    bool operator==(const OutcomeSlot &other) const
    {
        return startMs == other.startMs && delivered == other.delivered && retrying == other.retrying &&
               parked == other.parked;
    }
};
