#pragma once

#include <QObject>

// The time Integrator schedules by: due times, retries, leases, probes, retention, attempts' times.
// Tests move it forward instead of sleeping (KeePassXC's Clock does the same), and the engine, told by
// jumped(), looks at its due work again at once. Without a test moving it, it is the system clock.
class Clock : public QObject
{
    Q_OBJECT
public:
    static qint64 nowMs();
    // Moves this process's clock forward by `ms` (from any thread) and emits jumped().
    static void advanceForTesting(qint64 ms);
    static void resetForTesting();
    static Clock *instance();

Q_SIGNALS:
    void jumped(qint64 byMs);

private:
    Clock() = default;
    friend struct ClockHolder;
};
