#include "storage/LaneGate.h"

#include <algorithm>
#include <cmath>

LaneGate::LaneGate(const Database &db)
    : flows_(db)
{}

bool LaneGate::admit(const QHash<qint64, Lane> &lanes, qint64 nowMs, Admission *out, QString *error) const
{
    QHash<qint64, EndpointFlow> held;
    if (!flows_.loadHeld(&held, error))
        return false;
    // Rows are locked in one order (by endpoint id, as OutcomeRecorder takes them) so that engines
    // sharing PostgreSQL never deadlock on them.
    QList<qint64> ids = lanes.keys();
    std::sort(ids.begin(), ids.end());
    for (qint64 id : std::as_const(ids)) {
        const Lane &lane = lanes.value(id);
        if (const auto flow = held.constFind(id); flow != held.cend()) {
            if (!admitHeld(id, *flow, nowMs, out, error))
                return false;
            continue;
        }
        if (lane.rateLimit <= 0) {
            out->allowed.insert(id, lane.want);
            continue;
        }
        double tokens = 0;
        if (!flows_.readBucket(id, lane.rateLimit, nowMs, &tokens, error))
            return false;
        out->tokens.insert(id, tokens);
        const int whole = int(std::floor(tokens));
        if (whole > 0)
            out->allowed.insert(id, qMin(lane.want, whole));
        else
            out->heldUntil.insert(id, nowMs + qint64(std::ceil((1.0 - tokens) * 1000.0 / lane.rateLimit)));
    }
    return true;
}

bool LaneGate::admitHeld(qint64 endpointId, const EndpointFlow &flow, qint64 nowMs, Admission *out,
                         QString *error) const
{
    if (flow.pausedBy == EndpointFlow::PausedBy::Breaker && flow.nextProbeAtMs &&
        *flow.nextProbeAtMs <= nowMs) {
        bool won = false;
        if (!flows_.takeProbe(endpointId, nowMs, &won, error))
            return false;
        if (won) {
            out->allowed.insert(endpointId, 1);
            out->probes.insert(endpointId);
            return true;
        }
    }
    // Another engine took the probe, or its time has not come: ask again at the next probe time.
    std::optional<qint64> next = flow.nextProbeAtMs;
    if (next && *next <= nowMs)
        next = nowMs + qMax<qint64>(1, flow.probeIntervalMs);
    out->heldUntil.insert(endpointId, next);
    return true;
}

bool LaneGate::spend(const QHash<qint64, Lane> &lanes, const QHash<qint64, int> &claimed, qint64 nowMs,
                     Admission *admission, QString *error) const
{
    for (auto it = admission->tokens.cbegin(); it != admission->tokens.cend(); ++it) {
        const Lane &lane = lanes.value(it.key());
        const int used = claimed.value(it.key());
        const double left = it.value() - used;
        if (!flows_.writeBucket(it.key(), left, nowMs, error))
            return false;
        const bool wantedMore = used == admission->allowed.value(it.key()) && used < lane.want;
        if (wantedMore) {
            const double missing = qMax(0.0, 1.0 - left);
            admission->heldUntil.insert(it.key(),
                                        nowMs + qint64(std::ceil(missing * 1000.0 / lane.rateLimit)));
        }
    }
    return true;
}
