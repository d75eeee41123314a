#include "EventLoopProbe.h"

#include <QThread>

#include <algorithm>

EventLoopProbe::EventLoopProbe()
{
    timer_.setInterval(10);
    timer_.setTimerType(Qt::PreciseTimer);
    connect(&timer_, &QTimer::timeout, this, [this] { tick(); });
}

void EventLoopProbe::start(int baseLevel)
{
    baseLevel_ = baseLevel;
    clock_.start();
    timer_.start();
}

void EventLoopProbe::tick()
{
    maxGapMs_ = std::max(maxGapMs_, clock_.restart());
    ++ticks_;
    if (QThread::currentThread()->loopLevel() > baseLevel_)
        ++nestedTicks_;
}

QString EventLoopProbe::failure(const QString &during) const
{
    if (ticks_ <= 100)
        return QStringLiteral("only %1 timer ticks while %2: too few to tell").arg(ticks_).arg(during);
    if (maxGapMs_ >= 100)
        return QStringLiteral("the GUI thread's event loop stood still for %1 ms while %2")
            .arg(maxGapMs_)
            .arg(during);
    if (nestedTicks_ > 0)
        return QStringLiteral("%1 timer ticks came from a nested event loop: the GUI thread waited")
            .arg(nestedTicks_);
    return {};
}
