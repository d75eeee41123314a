#include "utils/Clock.h"

#include <QDateTime>

#include <atomic>

namespace {
// Read on every thread that schedules, written only by tests: an atomic offset rather than a swappable
// time source, so no reader ever sees a half-replaced one.
std::atomic<qint64> offsetMs{0};
} // namespace

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
    static Clock clock; // created on first use, thread-safely (C++11 statics)
    return &clock;
}
