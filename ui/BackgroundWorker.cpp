#include "BackgroundWorker.h"

#include "storage/Database.h"

#include <QNetworkAccessManager>
#include <QPointer>

BackgroundWorker::BackgroundWorker(DatabaseLocation location, QObject *parent)
    : QObject(parent)
    , location_(std::move(location))
{
    thread_.setObjectName(QStringLiteral("control panel worker"));
}

BackgroundWorker::~BackgroundWorker()
{
    if (!thread_.isRunning())
        return;
    // The connection and the network manager belong to the worker thread: close them there.
    QMetaObject::invokeMethod(
        threadObject_,
        [this] {
            delete network_;
            network_ = nullptr;
            db_.reset();
        },
        Qt::BlockingQueuedConnection);
    thread_.quit();
    thread_.wait();
    delete threadObject_;
}

void BackgroundWorker::start()
{
    Q_ASSERT(state_ == State::Stopped);
    state_ = State::Opening;
    thread_.start();
    threadObject_ = new QObject;
    threadObject_->moveToThread(&thread_);
    // Queued first: every Work posted after start() runs after it, as a thread's events for one object
    // are delivered in the order they were posted.
    QMetaObject::invokeMethod(
        threadObject_, [this] { openOnThread(); }, Qt::QueuedConnection);
}

// On the worker thread. Opening waits for a SQLite write lock (the migration check takes it) or a
// PostgreSQL server; the GUI thread hears of it through opened().
void BackgroundWorker::openOnThread()
{
    static std::atomic<int> instances{0};
    auto db = std::make_unique<Database>(location_, QStringLiteral("control-panel-%1").arg(++instances));
    QString error;
    if (db->open(&error))
        db_ = std::move(db);
    network_ = new QNetworkAccessManager;
    network_->setAutoDeleteReplies(true);
    QMetaObject::invokeMethod(
        this, [this, error] { finishOpen(error); }, Qt::QueuedConnection);
}

void BackgroundWorker::finishOpen(const QString &error)
{
    state_ = error.isEmpty() ? State::Open : State::Failed;
    openError_ = error;
    Q_EMIT opened(error);
}

void BackgroundWorker::post(QObject *context, Work work, Done done)
{
    Q_ASSERT(threadObject_);
    ++pending_;
    QPointer<QObject> guard(context);
    QMetaObject::invokeMethod(
        threadObject_,
        [this, guard, work = std::move(work), done = std::move(done)] {
            if (db_)
                work(*db_);
            QMetaObject::invokeMethod(
                this,
                [this, guard, done] {
                    if (guard && done)
                        done();
                    jobDone();
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

QNetworkAccessManager *BackgroundWorker::network() const
{
    Q_ASSERT(QThread::currentThread() == &thread_);
    return network_;
}

void BackgroundWorker::finishLater(QObject *context, Done done)
{
    ++pending_;
    QPointer<QObject> guard(context);
    QMetaObject::invokeMethod(
        this,
        [this, guard, done = std::move(done)] {
            if (guard && done)
                done();
            jobDone();
        },
        Qt::QueuedConnection);
}

void BackgroundWorker::jobDone()
{
    if (--pending_ == 0)
        Q_EMIT jobsFinished();
}
