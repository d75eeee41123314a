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
