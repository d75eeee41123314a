#pragma once

#include <QString>

#include <optional>

// The shared, per-endpoint state every engine obeys (the endpoint_flow table): whether the endpoint is
// sent to, and why not. Paused by the circuit breaker, an endpoint gets one probe delivery every
// probeIntervalMs; paused by a person, none until a person resumes it.
struct EndpointFlow
{
    enum class State
    {
        Active,
        Paused,
        Probing, // paused, and one probe delivery is out
    };
    enum class PausedBy
    {
        Nobody,
        Breaker,
        Person,
    };

    qint64 endpointId = 0;
    State state = State::Active;
    PausedBy pausedBy = PausedBy::Nobody;
    QString pausedReason;
    std::optional<qint64> pausedAtMs;
    int consecutiveFailures = 0;
    qint64 probeIntervalMs = 0;
    std::optional<qint64> nextProbeAtMs;

    bool isActive() const { return state == State::Active; }

    static QString stateName(State state);
    static State stateFromName(const QString &name);
    static QString pausedByName(PausedBy by);
    static PausedBy pausedByFromName(const QString &name);
};
