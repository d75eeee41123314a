#pragma once

#include "storage/DatabaseLocation.h"

#include <QObject>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>

class Database;
class QNetworkAccessManager;

// The control panel's own thread for everything slow: queries, writes, keychain calls and network
// requests. The GUI thread posts work here and gets a callback back on itself; it never waits.
class BackgroundWorker : public QObject
{
    Q_OBJECT
public:
    // Runs on the worker thread. The database is open (or the work is not run: see openError()).
    using Work = std::function<void(const Database &db)>;
    using Done = std::function<void()>;

    explicit BackgroundWorker(DatabaseLocation location, QObject *parent = nullptr);
    ~BackgroundWorker() override;

    // Opens the worker's connection; blocks only until the thread has tried (a local file or socket).
    bool start(QString *error);
    const DatabaseLocation &location() const { return location_; }

    // `work` runs on the worker thread; then `done` runs on this object's thread, unless `context`
    // was destroyed meanwhile.
    void post(QObject *context, Work work, Done done = {});
    // Only on the worker thread: for requests started from inside a Work.
    QNetworkAccessManager *network() const;
    // Only on the worker thread: lets a Work that started a request answer later.
    void finishLater(QObject *context, Done done);
    int pendingJobs() const { return pending_.load(); }

Q_SIGNALS:
    void jobsFinished(); // the queue ran empty (tests wait on this)

private:
    void jobDone();

    DatabaseLocation location_;
    QThread thread_;
    QObject *threadObject_ = nullptr; // lives on thread_
    std::unique_ptr<Database> db_;    // used only on thread_
    QNetworkAccessManager *network_ = nullptr;
    std::atomic<int> pending_{0};
};
