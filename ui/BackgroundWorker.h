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
// requests. The GUI thread posts work here and gets a callback back on itself; it never waits, not even
// for the database to open (a SQLite file another process holds locked, a PostgreSQL server far away).
class BackgroundWorker : public QObject
{
    Q_OBJECT
public:
    // Runs on the worker thread. The database is open: when it could not be opened the work is not run
    // (its Done still is; see openError()).
    using Work = std::function<void(const Database &db)>;
    using Done = std::function<void()>;
    enum class State
    {
        Stopped,
        Opening,
        Open,
        Failed
    };
    Q_ENUM(State)

    explicit BackgroundWorker(DatabaseLocation location, QObject *parent = nullptr);
    ~BackgroundWorker() override;

    // Starts the thread and returns at once; the connection opens there (schema migrations included) and
    // opened() tells how that went. Work posted meanwhile waits in the queue and runs after the open.
    void start();
    const DatabaseLocation &location() const { return location_; }
    // As known on this object's thread: Opening until opened() was emitted.
    State state() const { return state_; }
    // Why the database could not be opened (one line), once state() is Failed.
    QString openError() const { return openError_; }

    // `work` runs on the worker thread; then `done` runs on this object's thread, unless `context`
    // was destroyed meanwhile.
    void post(QObject *context, Work work, Done done = {});
    // Only on the worker thread: for requests started from inside a Work.
    QNetworkAccessManager *network() const;
    // Only on the worker thread: lets a Work that started a request answer later.
    void finishLater(QObject *context, Done done);
    int pendingJobs() const { return pending_.load(); }

Q_SIGNALS:
    void opened(const QString &error); // empty when the database is open
    void jobsFinished();               // the queue ran empty (tests wait on this)

private:
    void openOnThread();
    void finishOpen(const QString &error);
    void jobDone();

    DatabaseLocation location_;
    QThread thread_;
    QObject *threadObject_ = nullptr; // lives on thread_
    std::unique_ptr<Database> db_;    // used only on thread_; null when it could not be opened
    QNetworkAccessManager *network_ = nullptr;
    std::atomic<int> pending_{0};
    State state_ = State::Stopped;
    QString openError_;
};
