#include "utils/Clock.h"

#include <QDateTime>

#include <atomic>

namespace {
// Read on every thread that schedules, written only by tests: an atomic offset rather than a swappable
// time source, so no reader ever sees a half-replaced one.
std::atomic<qint64> offsetMs{0};
} // namespace

struct ClockHolder
{
    Clock clock;
};
Q_GLOBAL_STATIC(ClockHolder, holder)

qint64 Clock::nowMs()
{
    return QDateTime::currentMSecsSinceEpoch() + offsetMs.load(std::memory_order_relaxed);
}

void Clock::advanceForTesting(qint64 ms)
{
    offsetMs.fetch_add(ms);
    Q_EMIT instance()->jumped(ms);
}

void Clock::resetForTesting()
{
    offsetMs.store(0);
}

Clock *Clock::instance()
{
    return &holder()->clock;
}
