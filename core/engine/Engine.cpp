#include "engine/Engine.h"

#include "engine/PruneWorker.h"
#include "engine/WakeChannel.h"
#include "http/PushApiServer.h"
#include "metrics/MetricsServer.h"
#include "polling/StorePoller.h"
#include "secrets/CredentialStore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QHostInfo>
#include <QUuid>

#include <utility>

Engine::Engine(DatabaseLocation location, CredentialStore *credentials, QObject *parent)
    : QObject(parent)
    , location_(std::move(location))
    , credentials_(credentials)
    , lock_(location_.isPostgres() ? QString() : lockPath(location_))
{
    lock_.setStaleLockTime(0); // a lock is stale only when its process is gone
}

Engine::~Engine()
{
    stop();
}

QString Engine::lockPath(const DatabaseLocation &location)
{
    return location.sqlitePath + QStringLiteral(".engine-lock");
}

bool Engine::startInBackground(QString *error, Polling polling)
{
    // One engine per SQLite file; a shared (PostgreSQL) database takes any number.
    if (!location_.isPostgres() && !lock_.tryLock(0)) {
        qint64 pid = 0;
        QString host, app;
        lock_.getLockInfo(&pid, &host, &app);
        *error = lock_.error() == QLockFile::LockFailedError
                     ? QStringLiteral("another Integrator engine (pid %1) already runs on %2")
                           .arg(pid)
                           .arg(location_.describe())
                     : QStringLiteral("cannot create the engine lock %1").arg(lockPath(location_));
        return false;
    }
    polling_ = polling;
    starting_ = true;
    Dispatcher::Settings settings;
    settings.owner = QStringLiteral("%1-%2-%3")
                         .arg(QHostInfo::localHostName())
                         .arg(QCoreApplication::applicationPid())
                         .arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
    dispatcher_ = new Dispatcher(location_, credentials_, settings);
    dispatcher_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, dispatcher_, &QObject::deleteLater);
    connect(dispatcher_, &Dispatcher::started, this, &Engine::onDispatcherStarted);
    connect(dispatcher_, &Dispatcher::idle, this, &Engine::onDispatcherIdle);
    connect(dispatcher_, &Dispatcher::caughtUp, this, &Engine::onDispatcherCaughtUp);
    connect(dispatcher_, &Dispatcher::databaseUnreachable, this, &Engine::databaseUnreachable);
    connect(dispatcher_, &Dispatcher::databaseReachable, this, &Engine::databaseReachable);
    connect(dispatcher_, &Dispatcher::recorded, this, &Engine::recorded);
    if (credentials_)
        connect(credentials_, &CredentialStore::masterKeyChanged, dispatcher_, &Dispatcher::reloadSecrets);
    thread_.setObjectName(QStringLiteral("dispatcher"));
    thread_.start();
    QMetaObject::invokeMethod(dispatcher_, &Dispatcher::start, Qt::QueuedConnection);
    return true;
}

bool Engine::start(QString *error, Polling polling)
{
    if (!startInBackground(error, polling))
        return false;
    // started() is emitted from a queued signal of a worker, so it cannot come before this loop runs.
    QString startError;
    QEventLoop loop;
    connect(this, &Engine::started, &loop, [&](const QString &message) {
        startError = message;
        loop.quit();
    });
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (startError.isEmpty())
        return true;
    *error = startError;
    return false;
}

// The poller starts only after the dispatcher, which may first move an older database's secrets out
// of the keychain: the poller reads the stores' keys from the database.
void Engine::onDispatcherStarted(const QString &error)
{
    if (!starting_)
        return; // stopped meanwhile
    if (error.isEmpty())
        startPoller();
    else
        failStart(error);
}

void Engine::startPoller()
{
    poller_ = new StorePoller(location_, credentials_);
    poller_->moveToThread(&pollerThread_);
    connect(&pollerThread_, &QThread::finished, poller_, &QObject::deleteLater);
    connect(poller_, &StorePoller::started, this, &Engine::onPollerStarted);
    connect(poller_, &StorePoller::messagesAccepted, this, &Engine::wake);
    connect(poller_, &StorePoller::collectionPolled, this, &Engine::collectionPolled);
    connect(poller_, &StorePoller::pollsDone, this, &Engine::onPollsDone);
    pollerThread_.setObjectName(QStringLiteral("poller"));
    pollerThread_.start();
    const bool scheduled = polling_ == Polling::Scheduled;
    QMetaObject::invokeMethod(
        poller_, [this, scheduled] { poller_->start(scheduled); }, Qt::QueuedConnection);
}

void Engine::onPollerStarted(const QString &error)
{
    if (!starting_)
        return;
    if (!error.isEmpty())
        return failStart(QStringLiteral("the store poller cannot start: %1").arg(error));
    pollerStarted_ = true;
    if (polling_ == Polling::Once)
        pollNow();
    for (const QString &store : std::exchange(pollsBeforeStart_, {}))
        pollNow(store);
    finishStart();
}

void Engine::finishStart()
{
    starting_ = false;
    startPruner();
    if (!location_.isPostgres()) {
        wakeChannel_ = new WakeChannel(location_, this);
        QString wakeError;
        if (!wakeChannel_->listen(&wakeError))
            qWarning("Integrator: other processes cannot wake this engine (%s); it still finds new work "
                     "when due",
                     qPrintable(wakeError));
        connect(wakeChannel_, &WakeChannel::woken, this, &Engine::wake);
    }
    // Other processes wake an engine on PostgreSQL through LISTEN/NOTIFY.
    Q_EMIT started(QString());
}

// Stops what did start (with Engine::stop's wait: a dispatcher that started may hold claims).
void Engine::failStart(const QString &error)
{
    starting_ = false;
    stop();
    Q_EMIT started(error);
}

bool Engine::listen(const QHostAddress &address, quint16 port, QString *error)
{
    pushServer_ = new PushApiServer(location_, credentials_);
    pushServer_->moveToThread(&pushThread_);
    connect(pushServer_, &PushApiServer::messagesAccepted, this, &Engine::wake);
    pushThread_.setObjectName(QStringLiteral("push-api"));
    pushThread_.start();
    bool listening = false;
    QString reason;
    // listen() never touches the keychain, so a blocking call cannot deadlock here.
    QMetaObject::invokeMethod(
        pushServer_, [&] { listening = pushServer_->listen(address, port, &reason); },
        Qt::BlockingQueuedConnection);
    if (!listening) {
        *error = reason;
        return false;
    }
    QMetaObject::invokeMethod(
        pushServer_, [&] { pushPort_ = pushServer_->port(); }, Qt::BlockingQueuedConnection);
    return true;
}

void Engine::serveMetricsInBackground(const QHostAddress &address, quint16 port)
{
    if (metricsServer_) {
        const QString error = QStringLiteral("metrics are already served on port %1").arg(metricsPort_);
        QMetaObject::invokeMethod(
            this, [this, error] { Q_EMIT metricsServing(error); }, Qt::QueuedConnection);
        return;
    }
    metricsServer_ = new MetricsServer(location_);
    metricsServer_->moveToThread(&metricsThread_);
    metricsThread_.setObjectName(QStringLiteral("metrics"));
    metricsThread_.start();
    // The answer is queued back to this thread; stopMetrics() deletes the server after this call ran.
    QMetaObject::invokeMethod(
        metricsServer_,
        [this, server = metricsServer_, address, port] {
            QString reason;
            const bool listening = server->listen(address, port, &reason);
            const quint16 bound = listening ? server->port() : quint16(0);
            QMetaObject::invokeMethod(
                this, [this, bound, reason] { onMetricsListening(bound, reason); }, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void Engine::onMetricsListening(quint16 port, const QString &error)
{
    if (!metricsServer_)
        return; // stopped meanwhile
    if (error.isEmpty())
        metricsPort_ = port;
    else
        stopMetrics();
    Q_EMIT metricsServing(error);
}

bool Engine::serveMetrics(const QHostAddress &address, quint16 port, QString *error)
{
    QString listenError;
    QEventLoop loop;
    connect(this, &Engine::metricsServing, &loop, [&](const QString &message) {
        listenError = message;
        loop.quit();
    });
    serveMetricsInBackground(address, port);
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (listenError.isEmpty())
        return true;
    *error = listenError;
    return false;
}

// Destroyed on its own thread, where its database connection lives.
void Engine::stopMetrics()
{
    if (!metricsServer_)
        return;
    QMetaObject::invokeMethod(
        metricsServer_, [this] { delete metricsServer_; }, Qt::BlockingQueuedConnection);
    metricsServer_ = nullptr;
    metricsPort_ = 0;
    metricsThread_.quit();
    metricsThread_.wait();
}

void Engine::startPruner()
{
    pruner_ = new PruneWorker(location_);
    pruner_->moveToThread(&prunerThread_);
    connect(&prunerThread_, &QThread::finished, pruner_, &QObject::deleteLater);
    connect(pruner_, &PruneWorker::pruned, this, &Engine::pruned);
    prunerThread_.setObjectName(QStringLiteral("pruner"));
    prunerThread_.start();
    QMetaObject::invokeMethod(pruner_, &PruneWorker::start, Qt::QueuedConnection);
}

void Engine::pruneNow()
{
    if (pruner_)
        QMetaObject::invokeMethod(pruner_, &PruneWorker::pruneNow, Qt::QueuedConnection);
}

// The pruner never waits on this thread (no keychain), so a blocking call is safe.
void Engine::stopPruner()
{
    if (!pruner_)
        return;
    QMetaObject::invokeMethod(pruner_, &PruneWorker::stop, Qt::BlockingQueuedConnection);
    pruner_ = nullptr;
    prunerThread_.quit();
    prunerThread_.wait();
}

void Engine::pollNow(const QString &store)
{
    waitingForPolls_ = true;
    if (!pollerStarted_) {
        pollsBeforeStart_.append(store);
        return;
    }
    QMetaObject::invokeMethod(
        poller_, [this, store] { poller_->pollNow(store); }, Qt::QueuedConnection);
}

void Engine::onPollsDone()
{
    waitingForPolls_ = false;
    Q_EMIT pollsDone();
    // The polls may have added work, or none: either way the dispatcher says when it is idle.
    if (dispatcher_)
        QMetaObject::invokeMethod(dispatcher_, &Dispatcher::recheckIdle, Qt::QueuedConnection);
}

void Engine::onDispatcherIdle()
{
    if (!waitingForPolls_)
        Q_EMIT idle();
}

void Engine::onDispatcherCaughtUp()
{
    if (!waitingForPolls_)
        Q_EMIT caughtUp();
}

void Engine::wake()
{
    if (dispatcher_)
        QMetaObject::invokeMethod(dispatcher_, &Dispatcher::wake, Qt::QueuedConnection);
}

// Waits with a running event loop: while stopping, a worker may need this thread (the keychain runs
// here), so a blocking call could deadlock.
bool Engine::stopWorker(QObject *worker, QThread &thread)
{
    if (!thread.isRunning())
        return false;
    if (worker) {
        QEventLoop loop;
        if (auto *dispatcher = qobject_cast<Dispatcher *>(worker)) {
            connect(dispatcher, &Dispatcher::stopped, &loop, &QEventLoop::quit);
            QMetaObject::invokeMethod(dispatcher, &Dispatcher::stop, Qt::QueuedConnection);
        } else if (auto *poller = qobject_cast<StorePoller *>(worker)) {
            connect(poller, &StorePoller::stopped, &loop, &QEventLoop::quit);
            QMetaObject::invokeMethod(poller, &StorePoller::stop, Qt::QueuedConnection);
        }
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
    thread.quit();
    thread.wait();
    return true;
}

void Engine::stop()
{
    if (starting_) {
        // A start under way ends here; its workers' late started() signals are ignored.
        starting_ = false;
        Q_EMIT started(QStringLiteral("the engine was stopped before it had started"));
    }
    pollerStarted_ = false;
    pollsBeforeStart_.clear();
    stopMetrics();
    if (pushServer_) {
        // Destroyed on its own thread (its database connection lives there), with this thread's
        // event loop running: a push being answered may be reading the keychain through it.
        QEventLoop loop;
        connect(pushServer_, &QObject::destroyed, &loop, &QEventLoop::quit);
        pushServer_->deleteLater();
        loop.exec(QEventLoop::ExcludeUserInputEvents);
        pushServer_ = nullptr;
        pushThread_.quit();
        pushThread_.wait();
    }
    stopPruner();
    stopWorker(poller_, pollerThread_);
    poller_ = nullptr;
    if (!stopWorker(dispatcher_, thread_))
        return;
    dispatcher_ = nullptr;
    delete wakeChannel_;
    wakeChannel_ = nullptr;
    if (!location_.isPostgres())
        lock_.unlock();
}
