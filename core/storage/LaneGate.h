#pragma once

#include "storage/EndpointFlowRepository.h"

#include <QHash>
#include <QSet>

#include <optional>

class Database;

// Inside the claim transaction: how many deliveries each lane (endpoint) may claim now, as the shared
// endpoint_flow says. A paused endpoint gets none, or one probe when its probe time has come; a
// rate-limited one gets what its token bucket holds. Every engine sharing the database obeys the same
// rows, so a pause or a rate limit holds for the whole deployment.
class LaneGate
{
public:
    struct Lane
    {
        int want = 0;
        double rateLimit = 0; // per second; 0: none
    };
    struct Admission
    {
        QHash<qint64, int> allowed; // lane -> how many it may claim; lanes held back are absent
        QSet<qint64> probes;        // lanes whose one claim is a probe
        // Lanes held back (paused, or out of tokens) and when to ask again; nullopt: not before a wake-up
        // (a person's pause).
        QHash<qint64, std::optional<qint64>> heldUntil;
        QHash<qint64, double> tokens; // rate-limited lanes: what their bucket held, for spend()
    };

    explicit LaneGate(const Database &db);

    bool admit(const QHash<qint64, Lane> &lanes, qint64 nowMs, Admission *out, QString *error) const;
    // After the claim: takes the tokens the rate-limited lanes used. A lane that used all its tokens and
    // wanted more is held until its next token.
    bool spend(const QHash<qint64, Lane> &lanes, const QHash<qint64, int> &claimed, qint64 nowMs,
               Admission *admission, QString *error) const;

private:
    bool admitHeld(qint64 endpointId, const EndpointFlow &flow, qint64 nowMs, Admission *out,
                   QString *error) const;

    EndpointFlowRepository flows_;
};
