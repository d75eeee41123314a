#include "CpuMeter.h"

#include <QFile>
#include <QList>

#include <sys/resource.h>
#include <unistd.h>

void CpuMeter::start()
{
    wall_.start();
    process_ = processSeconds();
    machine_ = machineBusySeconds();
}

CpuMeter::Use CpuMeter::stop() const
{
    const double wall = double(wall_.nsecsElapsed()) / 1e9;
    if (wall <= 0)
        return {};
    const double process = processSeconds() - process_;
    const double machine = machineBusySeconds() - machine_;
    return {process / wall, qMax(0.0, machine - process) / wall};
}

double CpuMeter::processSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval &t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double CpuMeter::machineBusySeconds()
{
    QFile file(QStringLiteral("/proc/stat"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = file.readLine().simplified().split(' ');
    if (fields.size() < 9 || fields.first() != "cpu")
        return -1;
    qint64 busy = 0;
    for (int i : {1, 2, 3, 6, 7, 8})
        busy += fields.at(i).toLongLong();
    return double(busy) / double(sysconf(_SC_CLK_TCK));
}
