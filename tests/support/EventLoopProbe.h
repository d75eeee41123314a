#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

// Watches the test thread's event loop: a timer every 10 ms notes the longest gap between two ticks (a
// blocking call on this thread stretches it), and the ticks that came from an event loop nested deeper
// than the one the test waits in (a wait in a nested QEventLoop on this thread runs one).
class EventLoopProbe : public QObject
{
public:
    EventLoopProbe();
    // baseLevel: the QThread::loopLevel() of the wait the test runs (QSignalSpy::wait runs one QEventLoop
    // above the current level; QTRY_VERIFY runs none).
    void start(int baseLevel);
    void stop() { timer_.stop(); }
    qint64 maxGapMs() const { return maxGapMs_; }
    int ticks() const { return ticks_; }
    int nestedTicks() const { return nestedTicks_; }
    // Empty when the loop kept running: more than 100 ticks, no gap of 100 ms, none nested. Otherwise what
    // went wrong, `during` saying what happened meanwhile ("the demo started").
    QString failure(const QString &during) const;

private:
    void tick();

    QTimer timer_;
    QElapsedTimer clock_;
    int baseLevel_ = 0;
    qint64 maxGapMs_ = 0;
    int ticks_ = 0;
    int nestedTicks_ = 0;
};
