#include "delivery/CircuitBreaker.h"

#include "storage/Database.h"
#include "storage/NotificationAnnouncer.h"

#include <algorithm>

namespace {

constexpr qint64 kMaxProbeIntervalMs = qint64(Endpoint::kMaxProbeSeconds * 1000);

qint64 firstProbeIntervalMs(const Endpoint &endpoint)
{
    return qMax<qint64>(1, qint64(endpoint.probeIntervalSeconds * 1000));
}

QString sourceOf(const Endpoint &endpoint)
{
    return QStringLiteral("endpoint:%1").arg(endpoint.name);
}

} // namespace

CircuitBreaker::CircuitBreaker(const Database &db)
    : db_(db)
    , flows_(db)
{}

bool CircuitBreaker::needsNote(const QList<Attempt> &attempts)
{
    return std::any_of(attempts.cbegin(), attempts.cend(),
                       [](const Attempt &attempt) { return attempt.failed || attempt.probe; });
}

bool CircuitBreaker::note(const Endpoint &endpoint, const QList<Attempt> &attempts,
                          const QList<Mapping> &mappings, qint64 nowMs, Result *result, QString *error)
{
    if (!needsNote(attempts))
        return flows_.clearFailures(endpoint.id, error);
    EndpointFlow flow;
    if (!flows_.load(endpoint.id, &flow, error))
        return false;
    const EndpointFlow::State before = flow.state;
    bool changed = false;
    for (const Attempt &attempt : attempts)
        changed = apply(&flow, endpoint, attempt, nowMs) || changed;
    result->sendable = flow.isActive();
    if (!flows_.save(flow, error))
        return false;
    if (!changed || flow.state == before)
        return true;
    result->announced = true;
    if (!flow.isActive())
        return announcePause(db_, endpoint, flow, mappings, error);
    return flows_.makeRetriesDueNow(endpoint.id, nowMs, error) &&
           announceResume(db_, endpoint, QStringLiteral("a delivery succeeded; its backlog is sent"),
                          mappings, error);
}

bool CircuitBreaker::apply(EndpointFlow *flow, const Endpoint &endpoint, const Attempt &attempt, qint64 nowMs)
{
    const bool breakerOwns = flow->pausedBy != EndpointFlow::PausedBy::Person;
    if (!attempt.failed) {
        flow->consecutiveFailures = 0;
        if (flow->isActive() || !breakerOwns)
            return false;
        resumeFlow(flow);
        return true;
    }
    ++flow->consecutiveFailures;
    if (!breakerOwns)
        return false;
    if (flow->state == EndpointFlow::State::Probing && attempt.probe) {
        // The probe failed: wait twice as long for the next one.
        flow->state = EndpointFlow::State::Paused;
        flow->probeIntervalMs = qMin(kMaxProbeIntervalMs, flow->probeIntervalMs * 2);
        flow->nextProbeAtMs = nowMs + flow->probeIntervalMs;
        return false;
    }
    if (!flow->isActive())
        return false;
    if (attempt.gone) {
        pause(flow, EndpointFlow::PausedBy::Breaker,
              QStringLiteral("answered 410 Gone: it says it is not coming back"),
              firstProbeIntervalMs(endpoint), nowMs);
        return true;
    }
    if (endpoint.pauseAfter > 0 && flow->consecutiveFailures >= endpoint.pauseAfter) {
        pause(flow, EndpointFlow::PausedBy::Breaker,
              QStringLiteral("%1 failed attempts in a row; last: %2")
                  .arg(flow->consecutiveFailures)
                  .arg(attempt.error.isEmpty() ? QStringLiteral("no reason given") : attempt.error),
              firstProbeIntervalMs(endpoint), nowMs);
        return true;
    }
    return false;
}

void CircuitBreaker::pause(EndpointFlow *flow, EndpointFlow::PausedBy by, const QString &reason,
                           qint64 probeIntervalMs, qint64 nowMs)
{
    flow->state = EndpointFlow::State::Paused;
    flow->pausedBy = by;
    flow->pausedReason = reason;
    flow->pausedAtMs = nowMs;
    flow->probeIntervalMs = probeIntervalMs;
    // A person's pause has no probes: only a person resumes it.
    flow->nextProbeAtMs =
        by == EndpointFlow::PausedBy::Breaker ? std::optional<qint64>(nowMs + probeIntervalMs) : std::nullopt;
}

bool CircuitBreaker::resume(const Database &db, EndpointFlow *flow, QString *error)
{
    resumeFlow(flow);
    return EndpointFlowRepository(db).makeRetriesDueNow(flow->endpointId, Database::nowMs(), error);
}

void CircuitBreaker::resumeFlow(EndpointFlow *flow)
{
    const qint64 endpointId = flow->endpointId;
    const int failures = flow->consecutiveFailures;
    *flow = EndpointFlow();
    flow->endpointId = endpointId;
    flow->consecutiveFailures = failures;
}

bool CircuitBreaker::announcePause(const Database &db, const Endpoint &endpoint, const EndpointFlow &flow,
                                   const QList<Mapping> &mappings, QString *error)
{
    const QString description =
        flow.pausedBy == EndpointFlow::PausedBy::Person
            ? QStringLiteral("%1; its deliveries wait until it is resumed").arg(flow.pausedReason)
            : QStringLiteral("%1; its deliveries wait, and one is tried every %2 s until one succeeds")
                  .arg(flow.pausedReason)
                  .arg(double(flow.probeIntervalMs) / 1000.0);
    return announce(db, endpoint, EndpointFlow::State::Paused, description, mappings, error);
}

bool CircuitBreaker::announceResume(const Database &db, const Endpoint &endpoint, const QString &why,
                                    const QList<Mapping> &mappings, QString *error)
{
    return announce(db, endpoint, EndpointFlow::State::Active, why, mappings, error);
}

// A pause is an error, a resume is news; both name the endpoint and its new state in the message.
bool CircuitBreaker::announce(const Database &db, const Endpoint &endpoint, EndpointFlow::State state,
                              const QString &description, const QList<Mapping> &mappings, QString *error)
{
    const bool paused = state != EndpointFlow::State::Active;
    Notification notification;
    notification.level = paused ? QStringLiteral("error") : QStringLiteral("info");
    notification.subject =
        (paused ? QStringLiteral("Endpoint paused: %1") : QStringLiteral("Endpoint resumed: %1"))
            .arg(endpoint.name);
    notification.description = description;
    notification.source = sourceOf(endpoint);
    notification.reference = endpoint.name;
    return NotificationAnnouncer::announce(db, notification,
                                           {{QStringLiteral("endpoint"), endpoint.name},
                                            {QStringLiteral("state"), EndpointFlow::stateName(state)}},
                                           mappings, error);
}
