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

    // Blocks until the dispatcher and the poller have opened their database connections.
    bool start(QString *error, Polling polling = Polling::Scheduled);
    void pollNow(const QString &store = {});
    // Prunes old history now, on the pruner's thread (it also runs by itself; see PruneWorker).
    void pruneNow();
    // Accepts pushed messages over HTTP on this address (its own thread); after start().
    bool listen(const QHostAddress &address, quint16 port, QString *error);
    quint16 pushPort() const { return pushPort_; }
    // Serves GET /metrics (Prometheus) on this address (its own thread); after start().
    bool serveMetrics(const QHostAddress &address, quint16 port, QString *error);
    quint16 metricsPort() const { return metricsPort_; }
    void stop(); // blocks until in-flight deliveries are back in the queue
    void wake();
    static QString lockPath(const DatabaseLocation &location);

Q_SIGNALS:
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
    bool startPoller(Polling polling, QString *error);
    void startPruner();
    void stopPruner();
    bool stopWorker(QObject *worker, QThread &thread);
    void stopMetrics();

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
    WakeChannel *wakeChannel_ = nullptr;
};
