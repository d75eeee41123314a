#pragma once

#include "delivery/Dispatcher.h"
#include "storage/DatabaseLocation.h"
#include "storage/RetentionPruner.h"

#include <QHostAddress>
#include <QLockFile>
#include <QObject>
#include <QThread>

#include <memory>

class CredentialStore;
class MetricsServer;
class PruneWorker;
class PushApiServer;
class StorePoller;
class WakeChannel;

// The running engine of one process: owns the dispatcher's thread, holds the database's engine lock
// (one engine per SQLite file) and listens for wake-ups from other processes.
class Engine : public QObject
{
    Q_OBJECT
public:
    enum class Polling
    {
        Off,       // stores are polled only when pollNow() asks
        Scheduled, // every collection at its interval, starting now
        Once,      // every collection once; idle() waits for those polls
    };

    Engine(DatabaseLocation location, CredentialStore *credentials, QObject *parent = nullptr);
    ~Engine() override;

    // Takes the engine lock and returns at once: false with *error when another engine holds it;
    // otherwise started() follows once the dispatcher and then the poller have opened their database
    // connections (the control panel, whose GUI thread must not wait on the database).
    bool startInBackground(QString *error, Polling polling = Polling::Scheduled);
    // startInBackground(), then waits for started() in a nested event loop (`integrator run`).
    bool start(QString *error, Polling polling = Polling::Scheduled);
    // Before started(), the poll is made once the poller has started.
    void pollNow(const QString &store = {});
    // Prunes old history now, on the pruner's thread (it also runs by itself; see PruneWorker).
    void pruneNow();
    // Accepts pushed messages over HTTP on this address (its own thread); after start().
    bool listen(const QHostAddress &address, quint16 port, QString *error);
    quint16 pushPort() const { return pushPort_; }
    // Serves GET /metrics (Prometheus) on this address (its own thread); after start(). Returns at once;
    // metricsServing() follows.
    void serveMetricsInBackground(const QHostAddress &address, quint16 port);
    // serveMetricsInBackground(), then waits for metricsServing() in a nested event loop.
    bool serveMetrics(const QHostAddress &address, quint16 port, QString *error);
    quint16 metricsPort() const { return metricsPort_; }
    void stop(); // blocks until in-flight deliveries are back in the queue
    void wake();
    static QString lockPath(const DatabaseLocation &location);

Q_SIGNALS:
    // After startInBackground(): the engine runs (empty error), or it stopped what it had started.
    void started(const QString &error);
    // After serveMetricsInBackground(): /metrics is served on metricsPort() (empty error), or not.
    void metricsServing(const QString &error);
    void idle();
    void caughtUp(); // nothing due now is left unsent (see Dispatcher::caughtUp); after the polls, if any
    // The database stopped answering; the engine keeps its outcomes in memory and reconnects by itself.
    void databaseUnreachable(const QString &reason, qint64 sinceMs);
    void databaseReachable(qint64 unreachableSinceMs);
    void recorded(int outcomes);
    void collectionPolled(const QString &store, const QString &collection, int messages,
                          const QString &error);
    void pollsDone();
    void pruned(const PruneReport &report);

private:
    DatabaseLocation location_;
    CredentialStore *credentials_;
    QLockFile lock_;
    void onDispatcherIdle();
    void onDispatcherCaughtUp();
    void onPollsDone();
    void onDispatcherStarted(const QString &error);
    void startPoller();
    void onPollerStarted(const QString &error);
    void finishStart();
    void failStart(const QString &error);
    void startPruner();
    void stopPruner();
    bool stopWorker(QObject *worker, QThread &thread);
    void stopMetrics();
    void onMetricsListening(quint16 port, const QString &error);

    QThread thread_;
    QThread pollerThread_;
    QThread pushThread_;
    QThread prunerThread_;
    PruneWorker *pruner_ = nullptr;
    PushApiServer *pushServer_ = nullptr;
    quint16 pushPort_ = 0;
    QThread metricsThread_;
    MetricsServer *metricsServer_ = nullptr;
    quint16 metricsPort_ = 0;
    Dispatcher *dispatcher_ = nullptr;
    StorePoller *poller_ = nullptr;
    bool waitingForPolls_ = false;
    Polling polling_ = Polling::Scheduled;
    bool starting_ = false;
    bool pollerStarted_ = false;
    QStringList pollsBeforeStart_;
    WakeChannel *wakeChannel_ = nullptr;
};
