#include "Engine.h"

#include "WakeChannel.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QHostInfo>
#include <QUuid>

Engine::Engine(DatabaseLocation location, CredentialStore *credentials, QObject *parent)
    : QObject(parent)
    , location_(std::move(location))
    , credentials_(credentials)
    , lock_(lockPath(location_))
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

bool Engine::start(QString *error)
{
    if (!lock_.tryLock(0)) {
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
    Dispatcher::Settings settings;
    settings.owner = QStringLiteral("%1-%2-%3")
                         .arg(QHostInfo::localHostName())
                         .arg(QCoreApplication::applicationPid())
                         .arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
    dispatcher_ = new Dispatcher(location_, credentials_, settings);
    dispatcher_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, dispatcher_, &QObject::deleteLater);
    connect(dispatcher_, &Dispatcher::idle, this, &Engine::idle);
    connect(dispatcher_, &Dispatcher::failed, this, &Engine::failed);
    connect(dispatcher_, &Dispatcher::recorded, this, &Engine::recorded);
    thread_.setObjectName(QStringLiteral("dispatcher"));
    thread_.start();

    QString startError;
    QEventLoop loop;
    connect(dispatcher_, &Dispatcher::started, &loop, [&](const QString &message) {
        startError = message;
        loop.quit();
    });
    QMetaObject::invokeMethod(dispatcher_, &Dispatcher::start, Qt::QueuedConnection);
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (!startError.isEmpty()) {
        *error = startError;
        stop();
        return false;
    }
    wakeChannel_ = new WakeChannel(location_, this);
    QString wakeError;
    if (!wakeChannel_->listen(&wakeError))
        qWarning("Integrator: other processes cannot wake this engine (%s); it still finds new work when due",
                 qPrintable(wakeError));
    connect(wakeChannel_, &WakeChannel::woken, this, &Engine::wake);
    return true;
}

void Engine::wake()
{
    if (dispatcher_)
        QMetaObject::invokeMethod(dispatcher_, &Dispatcher::wake, Qt::QueuedConnection);
}

void Engine::stop()
{
    if (!thread_.isRunning())
        return;
    if (dispatcher_) {
        // Wait with a running event loop: while stopping, the dispatcher may need this thread (the
        // keychain runs here), so a blocking call could deadlock.
        QEventLoop loop;
        connect(dispatcher_, &Dispatcher::stopped, &loop, &QEventLoop::quit);
        QMetaObject::invokeMethod(dispatcher_, &Dispatcher::stop, Qt::QueuedConnection);
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
    thread_.quit();
    thread_.wait();
    dispatcher_ = nullptr;
    delete wakeChannel_;
    wakeChannel_ = nullptr;
    lock_.unlock();
}
