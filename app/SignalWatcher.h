#pragma once

#include <QObject>

class QSocketNotifier;

// Turns SIGTERM and SIGINT into a Qt signal (self-pipe), so the engine can stop cleanly from the event
// loop instead of inside a signal handler.
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);

Q_SIGNALS:
    void terminationRequested();

private:
    QSocketNotifier *notifier_ = nullptr;
};
