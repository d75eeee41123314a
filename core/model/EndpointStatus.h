#pragma once

#include "model/EndpointFlow.h"

#include <QJsonObject>
#include <QString>

#include <optional>

// How one endpoint is doing now: whether it is sent to, what waits for it, and how its attempts of the
// last hour went. The shape of `integrator endpoints --json`; the control panel's Endpoints view shows
// the same values.
struct EndpointStatus
{
    QString name;
    QString url;
    EndpointFlow::State state = EndpointFlow::State::Active;
    EndpointFlow::PausedBy pausedBy = EndpointFlow::PausedBy::Nobody;
    QString pausedReason;              // empty while active
    qint64 inFlight = 0;               // deliveries in state sending
    qint64 pending = 0;                // deliveries in state pending, retrying or waiting
    qint64 attemptsLastHour = 0;       // the sample of the rate and the latencies
    std::optional<double> successRate; // delivered or async attempts / all attempts; none without attempts
    std::optional<qint64> latencyP50Ms;
    std::optional<qint64> latencyP95Ms;

    // {name, url, state, paused_reason, in_flight, pending, success_rate, latency_p50_ms,
    // latency_p95_ms}; a missing value is null.
    QJsonObject toJson() const;
    // A person may pause it unless a person already did (a pause by a person replaces the breaker's).
    bool canBePaused() const { return pausedBy != EndpointFlow::PausedBy::Person; }
    bool canBeResumed() const { return state != EndpointFlow::State::Active; }
};
