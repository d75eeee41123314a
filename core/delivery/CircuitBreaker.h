#pragma once

#include "model/Endpoint.h"
#include "model/EndpointFlow.h"
#include "model/Mapping.h"
#include "storage/EndpointFlowRepository.h"

#include <QList>

class Database;

// Pauses an endpoint that keeps failing and resumes it when it answers again. After
// Endpoint::pauseAfter failed attempts in a row, or at once on 410 Gone, the endpoint is paused: its
// deliveries wait without using up their retries, and one probe delivery goes every probe interval,
// doubling up to an hour. The first success resumes it. A pause by a person is left to a person.
// Pausing and resuming are announced (NotificationAnnouncer).
class CircuitBreaker
{
public:
    struct Attempt
    {
        bool failed = false;
        bool gone = false;  // 410: the endpoint says it is not coming back
        bool probe = false; // the one delivery a paused endpoint was sent
        QString error;
    };

    struct Result
    {
        bool announced = false; // a pause or resume wrote a notification message
        bool sendable = true;   // false: the endpoint is paused or probing now
    };

    explicit CircuitBreaker(const Database &db);

    // Inside the recorder's transaction: the endpoint's attempts of one batch, in the order they ended.
    // Plain successes (no failure, no probe) cost one prepared UPDATE that ends a run of failures.
    bool note(const Endpoint &endpoint, const QList<Attempt> &attempts, const QList<Mapping> &mappings,
              qint64 nowMs, Result *result, QString *error);

    // The transitions themselves, shared with a person's pause and resume (EndpointPauseControl).
    static void pause(EndpointFlow *flow, EndpointFlow::PausedBy by, const QString &reason,
                      qint64 probeIntervalMs, qint64 nowMs);
    // Also makes the endpoint's retries due now: they waited for the endpoint, which answers again.
    static bool resume(const Database &db, EndpointFlow *flow, QString *error);
    static bool announcePause(const Database &db, const Endpoint &endpoint, const EndpointFlow &flow,
                              const QList<Mapping> &mappings, QString *error);
    static bool announceResume(const Database &db, const Endpoint &endpoint, const QString &why,
                               const QList<Mapping> &mappings, QString *error);

private:
    // Applies one attempt; returns true when the endpoint was paused or resumed by it.
    static bool needsNote(const QList<Attempt> &attempts);
    static bool announce(const Database &db, const Endpoint &endpoint, EndpointFlow::State state,
                         const QString &description, const QList<Mapping> &mappings, QString *error);
    static void resumeFlow(EndpointFlow *flow);
    static bool apply(EndpointFlow *flow, const Endpoint &endpoint, const Attempt &attempt, qint64 nowMs);

    const Database &db_;
    EndpointFlowRepository flows_;
};
