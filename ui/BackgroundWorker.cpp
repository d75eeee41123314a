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

bool BackgroundWorker::start(QString *error)
{
    thread_.start();
    threadObject_ = new QObject;
    threadObject_->moveToThread(&thread_);
    bool opened = false;
    QMetaObject::invokeMethod(
        threadObject_,
        [this, &opened, error] {
            static std::atomic<int> instances{0};
            db_ = std::make_unique<Database>(location_, QStringLiteral("control-panel-%1").arg(++instances));
            opened = db_->open(error);
            network_ = new QNetworkAccessManager;
            network_->setAutoDeleteReplies(true);
        },
        Qt::BlockingQueuedConnection);
    return opened;
}

void BackgroundWorker::post(QObject *context, Work work, Done done)
{
    ++pending_;
    QPointer<QObject> guard(context);
    QMetaObject::invokeMethod(
        threadObject_,
        [this, guard, work = std::move(work), done = std::move(done)] {
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
