#include "secrets/KeychainAccess.h"

#include <QEventLoop>
#include <QMutexLocker>
#include <QPointer>
#include <QSemaphore>
#include <QThread>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <iterator>
#include <memory>

namespace {

bool sessionBusMissing()
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    // Without a session bus QtKeychain may try to autolaunch one and hang; say it plainly instead.
    return qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS");
#else
    return false;
#endif
}

KeychainAccess::Result resultOf(QKeychain::Job *job)
{
    KeychainAccess::Result result;
    switch (job->error()) {
    case QKeychain::NoError:
        result.status = KeychainAccess::Status::Ok;
        if (auto *readJob = qobject_cast<QKeychain::ReadPasswordJob *>(job))
            result.value = readJob->textData();
        break;
    case QKeychain::EntryNotFound:
        result.status = KeychainAccess::Status::NotFound;
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        result.status = KeychainAccess::Status::NoKeychain;
        result.error = job->errorString();
        break;
    default:
        result.status = KeychainAccess::Status::Failed;
        result.error = job->errorString();
        break;
    }
    return result;
}

} // namespace

KeychainAccess::KeychainAccess(QString service, QObject *parent)
    : QObject(parent)
    , service_(std::move(service))
{
    if (sessionBusMissing())
        unavailableReason_ = QStringLiteral("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)");
}

bool KeychainAccess::available() const
{
    QMutexLocker lock(&mutex_);
    return unavailableReason_.isEmpty();
}

QString KeychainAccess::unavailableReason() const
{
    QMutexLocker lock(&mutex_);
    return unavailableReason_;
}

void KeychainAccess::noteUnavailable(const QString &reason)
{
    QMutexLocker lock(&mutex_);
    if (unavailableReason_.isEmpty())
        unavailableReason_ = reason;
}

void KeychainAccess::read(const QString &key, const Callback &done)
{
    start(Operation::Read, key, {}, 0, done);
}

void KeychainAccess::write(const QString &key, const QString &value, const Callback &done)
{
    start(Operation::Write, key, value, 0, done);
}

void KeychainAccess::remove(const QString &key, const Callback &done)
{
    start(Operation::Remove, key, {}, 0, done);
}

void KeychainAccess::start(Operation operation, const QString &key, const QString &value, int retry,
                           const Callback &done)
{
    if (!available()) {
        done({Status::NoKeychain, {}, unavailableReason()});
        return;
    }
    QKeychain::Job *job = nullptr;
    if (operation == Operation::Read)
        job = new QKeychain::ReadPasswordJob(service_);
    else if (operation == Operation::Write)
        job = new QKeychain::WritePasswordJob(service_);
    else
        job = new QKeychain::DeletePasswordJob(service_);
    // Not a child of this object, and deleted by itself once finished: the backend (libsecret) calls
    // back into the job even when this object is gone by then, so the job must outlive it.
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    if (auto *writeJob = qobject_cast<QKeychain::WritePasswordJob *>(job))
        writeJob->setTextData(value);
    connect(job, &QKeychain::Job::finished, this, [this, job, operation, key, value, retry, done] {
        const Result result = resultOf(job);
        constexpr int retries = int(std::size(kRetryDelaysMs));
        if (result.status == Status::NoKeychain && retry < retries) {
            QTimer::singleShot(kRetryDelaysMs[retry], this,
                               [=] { start(operation, key, value, retry + 1, done); });
            return;
        }
        if (result.status == Status::NoKeychain)
            noteUnavailable(result.error);
        done(result);
    });
    job->start();
}

KeychainAccess::Result KeychainAccess::runNow(Operation operation, const QString &key, const QString &value)
{
    auto result = std::make_shared<Result>();
    result->error = QStringLiteral("the keychain did not answer within %1 s").arg(kJobTimeoutMs / 1000);
    if (QThread::currentThread() == thread()) {
        // A command-line tool: wait in a local event loop; the GUI thread never calls this. The callback
        // may come after a timeout, when the loop is gone: it holds only shared state and a guarded pointer.
        QEventLoop loop;
        const QPointer<QEventLoop> waiting(&loop);
        auto finished = std::make_shared<bool>(false);
        start(operation, key, value, 0, [result, finished, waiting](const Result &answer) {
            *result = answer;
            *finished = true;
            if (waiting)
                waiting->quit();
        });
        if (!*finished) {
            QTimer::singleShot(kJobTimeoutMs, &loop, &QEventLoop::quit);
            loop.exec(QEventLoop::ExcludeUserInputEvents);
        }
        return *result;
    }
    // Another thread: the job runs on the owner's thread, which keeps serving its events; only the
    // calling thread waits.
    auto answered = std::make_shared<QSemaphore>();
    auto answer = std::make_shared<Result>();
    QMetaObject::invokeMethod(this, [=] {
        start(operation, key, value, 0, [answered, answer](const Result &r) {
            *answer = r;
            answered->release();
        });
    });
    if (!answered->tryAcquire(1, kJobTimeoutMs))
        return *result;
    return *answer;
}

KeychainAccess::Result KeychainAccess::readNow(const QString &key)
{
    return runNow(Operation::Read, key, {});
}

KeychainAccess::Result KeychainAccess::writeNow(const QString &key, const QString &value)
{
    return runNow(Operation::Write, key, value);
}

KeychainAccess::Result KeychainAccess::removeNow(const QString &key)
{
    return runNow(Operation::Remove, key, {});
}
