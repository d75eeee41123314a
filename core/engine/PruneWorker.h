#pragma once

#include "storage/DatabaseLocation.h"
#include "storage/RetentionPruner.h"

#include <QObject>
#include <QTimer>

#include <memory>

class Database;

// The engine's own pruning: soon after start and then every few minutes, on a thread of its own with
// its own connection. A run goes one batch per turn of the event loop, resting between batches, so
// the dispatcher's writes get the lock in between and stop() is never kept waiting for a whole run.
class PruneWorker : public QObject
{
    Q_OBJECT
public:
    static constexpr int kFirstRunDelayMs = 30 * 1000;
    static constexpr int kIntervalMs = 5 * 60 * 1000;

    explicit PruneWorker(DatabaseLocation location, QObject *parent = nullptr);
    ~PruneWorker() override;

    void start(); // on the worker's thread
    void stop();  // closes the connection on the worker's thread
    void pruneNow();

Q_SIGNALS:
    void pruned(const PruneReport &report);

private:
    bool beginRun(QString *error);
    void continueRun();
    void finishRun(const QString &error);

    DatabaseLocation location_;
    std::unique_ptr<Database> db_;
    std::unique_ptr<RetentionPruner> run_;
    QTimer schedule_;
    QTimer nextStep_;
};
