#include "secrets/CredentialStore.h"

#include <QEventLoop>
#include <QtGlobal>
#include <QThread>
#include <QTimer>

#include <qt6keychain/keychain.h>

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

} // namespace

CredentialStore::CredentialStore(QString service, QObject *parent)
    : QObject(parent)
    , service_(std::move(service))
{
    if (sessionBusMissing())
        markUnavailable(QStringLiteral("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)"));
}

bool CredentialStore::available() const
{
    QMutexLocker lock(&mutex_);
    return unavailableReason_.isEmpty();
}

QString CredentialStore::unavailableReason() const
{
    QMutexLocker lock(&mutex_);
    if (unavailableReason_.isEmpty())
        return {};
    return QStringLiteral(
               "keychain unavailable (%1): secrets are kept in memory for this process only and are "
               "not saved")
        .arg(unavailableReason_);
}

void CredentialStore::markUnavailable(const QString &reason)
{
    QMutexLocker lock(&mutex_);
    if (unavailableReason_.isEmpty())
        unavailableReason_ = reason;
}

CredentialStore::Result CredentialStore::runOnOwnerThread(Operation operation, const QString &key,
                                                          const QString &secret)
{
    if (QThread::currentThread() == thread())
        return run(operation, key, secret);
    Result result;
    QMetaObject::invokeMethod(
        this, [&] { result = run(operation, key, secret); }, Qt::BlockingQueuedConnection);
    return result;
}

CredentialStore::Result CredentialStore::run(Operation operation, const QString &key, const QString &secret)
{
    QKeychain::Job *job = nullptr;
    if (operation == Operation::Read)
        job = new QKeychain::ReadPasswordJob(service_);
    else if (operation == Operation::Write)
        job = new QKeychain::WritePasswordJob(service_);
    else
        job = new QKeychain::DeletePasswordJob(service_);
    job->setAutoDelete(false); // read its result first, then deleteLater: it may still have events queued
    job->setInsecureFallback(false);
    job->setKey(key);
    if (auto *writeJob = qobject_cast<QKeychain::WritePasswordJob *>(job))
        writeJob->setTextData(secret);

    QEventLoop loop;
    QTimer watchdog;
    watchdog.setSingleShot(true);
    QObject::connect(job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    QObject::connect(&watchdog, &QTimer::timeout, &loop, &QEventLoop::quit);
    watchdog.start(kJobTimeoutMs);
    job->start();
    loop.exec(QEventLoop::ExcludeUserInputEvents);

    Result result;
    const bool timedOut = !watchdog.isActive();
    if (timedOut) {
        // A locked keyring waiting for a prompt, or a stuck daemon: warn and carry on without it.
        qWarning("Integrator: keychain job for %s did not finish within %d ms", qPrintable(key),
                 kJobTimeoutMs);
        result.noService = true;
        result.error = QStringLiteral("the keychain did not answer within %1 s").arg(kJobTimeoutMs / 1000);
        job->deleteLater();
        return result;
    }
    switch (job->error()) {
    case QKeychain::NoError:
        result.ok = true;
        if (operation == Operation::Read)
            result.value = static_cast<QKeychain::ReadPasswordJob *>(job)->textData();
        break;
    case QKeychain::EntryNotFound:
        result.notFound = true;
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        result.noService = true;
        result.error = job->errorString();
        break;
    default:
        result.error = job->errorString();
        break;
    }
    job->deleteLater();
    return result;
}

bool CredentialStore::write(const QString &key, const QString &secret, QString *error)
{
    if (available()) {
        const Result result = runOnOwnerThread(Operation::Write, key, secret);
        if (result.ok)
            return true;
        if (!result.noService) {
            *error = QStringLiteral("cannot save secret %1 in the keychain: %2").arg(key, result.error);
            return false;
        }
        markUnavailable(result.error);
    }
    QMutexLocker lock(&mutex_);
    memoryOnly_.insert(key, secret);
    return true;
}

std::optional<QString> CredentialStore::read(const QString &key, QString *error)
{
    {
        QMutexLocker lock(&mutex_);
        if (memoryOnly_.contains(key))
            return memoryOnly_.value(key);
    }
    if (!available())
        return std::nullopt;
    const Result result = runOnOwnerThread(Operation::Read, key, {});
    if (result.ok)
        return result.value;
    if (result.noService)
        markUnavailable(result.error);
    else if (!result.notFound && error)
        *error = QStringLiteral("cannot read secret %1 from the keychain: %2").arg(key, result.error);
    return std::nullopt;
}

bool CredentialStore::remove(const QString &key, QString *error)
{
    {
        QMutexLocker lock(&mutex_);
        memoryOnly_.remove(key);
    }
    if (!available())
        return true;
    const Result result = runOnOwnerThread(Operation::Remove, key, {});
    if (result.ok || result.notFound)
        return true;
    if (result.noService) {
        markUnavailable(result.error);
        return true;
    }
    *error = QStringLiteral("cannot delete secret %1 from the keychain: %2").arg(key, result.error);
    return false;
}
