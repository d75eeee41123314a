#pragma once

#include <QElapsedTimer>

// CPU use over a timed section, in cores: this process's (getrusage), and everyone else's on the
// machine (from /proc/stat), which shows whether other load disturbed the measurement.
class CpuMeter
{
public:
    struct Use
    {
        double process = 0;
        double others = 0;
    };

    void start();
    Use stop() const;

private:
    static double processSeconds();
    // user + nice + system + irq + softirq + steal of all CPUs; -1 when unreadable.
    static double machineBusySeconds();

    QElapsedTimer wall_;
    double process_ = 0;
    double machine_ = 0;
};
