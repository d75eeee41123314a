#include "secrets/CredentialStore.h"

#include "secrets/MasterKeyFile.h"
#include "secrets/SecretBox.h"
#include "storage/Database.h"
#include "storage/SealedSecretRepository.h"

#include <QDeadlineTimer>
#include <QMutexLocker>

namespace {

const QString kNoKeyHelp = QStringLiteral(
    "set INTEGRATOR_MASTER_KEY_FILE (or --master-key-file) to the key from `integrator secrets export-key`, "
    "or start a keychain");

} // namespace

CredentialStore::CredentialStore(QString service, QObject *parent)
    : QObject(parent)
    , keychain_(new KeychainAccess(std::move(service), this))
{}

void CredentialStore::setKeyFile(const QString &path)
{
    QMutexLocker lock(&mutex_);
    keyFile_ = path;
}

bool CredentialStore::loadFromFile()
{
    QString optionPath;
    {
        QMutexLocker lock(&mutex_);
        optionPath = keyFile_;
    }
    const std::optional<MasterKeyFile::Choice> choice = MasterKeyFile::choose(optionPath);
    if (!choice)
        return false;
    QString error;
    std::optional<MasterKey> key = MasterKeyFile::read(choice->path, &error);
    QMutexLocker lock(&mutex_);
    key_ = key;
    origin_ = key ? choice->origin : QString();
    problem_ = error;
    keychainHasNoKey_ = false;
    return true; // a configured file is the answer even when it is unusable: the keychain is not asked
}

void CredentialStore::loadMasterKey()
{
    if (loadFromFile())
        return;
    takeKeychainAnswer(keychain_->readNow(keychainEntry()));
}

void CredentialStore::loadMasterKeyInBackground()
{
    if (loadFromFile()) {
        Q_EMIT masterKeyChanged();
        return;
    }
    {
        QMutexLocker lock(&mutex_);
        loading_ = true;
    }
    QMetaObject::invokeMethod(this, [this] {
        keychain_->read(keychainEntry(), [this](const KeychainAccess::Result &result) {
            takeKeychainAnswer(result);
            Q_EMIT masterKeyChanged();
        });
    });
}

void CredentialStore::takeKeychainAnswer(const KeychainAccess::Result &result)
{
    QString error;
    std::optional<MasterKey> key;
    if (result.status == KeychainAccess::Status::Ok)
        key = MasterKey::parse(result.value.toLatin1(), &error);
    else if (result.status == KeychainAccess::Status::NoKeychain)
        error = QStringLiteral("no keychain (%1)").arg(result.error);
    else if (result.status == KeychainAccess::Status::Failed)
        error = QStringLiteral("the keychain did not give the master key: %1").arg(result.error);
    else
        error = QStringLiteral("the keychain holds no master key");
    QMutexLocker lock(&mutex_);
    loading_ = false;
    loaded_.wakeAll();
    key_ = key;
    origin_ = key ? QStringLiteral("keychain") : QString();
    problem_ = error;
    keychainHasNoKey_ = result.status == KeychainAccess::Status::NotFound;
}

bool CredentialStore::keychainHasNoKey() const
{
    QMutexLocker lock(&mutex_);
    return keychainHasNoKey_;
}

void CredentialStore::setProblem(const QString &problem)
{
    QMutexLocker lock(&mutex_);
    problem_ = problem;
}

void CredentialStore::useMasterKey(const MasterKey &key, const QString &origin)
{
    {
        QMutexLocker lock(&mutex_);
        key_ = key;
        origin_ = origin;
        problem_.clear();
        loading_ = false;
        loaded_.wakeAll();
    }
    Q_EMIT masterKeyChanged();
}

std::optional<MasterKey> CredentialStore::masterKey() const
{
    QMutexLocker lock(&mutex_);
    return key_;
}

QString CredentialStore::keyOrigin() const
{
    QMutexLocker lock(&mutex_);
    return origin_;
}

QString CredentialStore::keyProblem() const
{
    QMutexLocker lock(&mutex_);
    return problem_;
}

bool CredentialStore::keyLoading() const
{
    QMutexLocker lock(&mutex_);
    return loading_;
}

QString CredentialStore::lockedReasonFor(const QString &databaseKeyId) const
{
    if (databaseKeyId.isEmpty())
        return {};
    QMutexLocker lock(&mutex_);
    if (loading_)
        return QStringLiteral(
                   "secrets are sealed with key %1; the master key is still being read from the keychain")
            .arg(databaseKeyId);
    if (!key_) {
        const QString why = problem_.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(problem_);
        return QStringLiteral("secrets are sealed with key %1; this engine has no master key%2: %3")
            .arg(databaseKeyId, why, kNoKeyHelp);
    }
    if (key_->id() != databaseKeyId)
        return QStringLiteral("secrets are sealed with key %1, but this engine's master key (%2) is %3: "
                              "give it the key from `integrator secrets export-key`")
            .arg(databaseKeyId, origin_, key_->id());
    return {};
}

QString CredentialStore::lockedReason(const Database &db) const
{
    QString id, error;
    if (!SealedSecretRepository(db).keyId(&id, &error))
        return QStringLiteral("cannot read which key seals the secrets: %1").arg(error);
    return lockedReasonFor(id);
}

std::optional<QString> CredentialStore::read(const Database &db, const QString &scope, QString *error) const
{
    QString failure;
    const std::optional<SealedSecretRepository::Row> row = SealedSecretRepository(db).find(scope, &failure);
    if (!row) {
        if (!failure.isEmpty())
            *error = QStringLiteral("cannot read secret %1: %2").arg(scope, failure);
        return std::nullopt;
    }
    const std::optional<MasterKey> key = masterKey();
    if (!key || key->id() != row->keyId) {
        *error = lockedReasonFor(row->keyId);
        return std::nullopt;
    }
    std::optional<QString> secret = SecretBox::open(*key, scope, row->sealed);
    if (!secret)
        *error = QStringLiteral("secret %1 does not open with key %2: it was altered or copied from another "
                                "entry; save it again")
                     .arg(scope, key->id());
    return secret;
}

bool CredentialStore::ensureKeyForWriting(const Database &db, QString *error)
{
    QString databaseKeyId;
    if (!SealedSecretRepository(db).keyId(&databaseKeyId, error))
        return false;
    waitWhileLoading(); // the control panel's key may still be on its way from the keychain
    if (databaseKeyId.isEmpty())
        createKeyIfNone();
    else if (!masterKey() && !keyLoading())
        loadMasterKey(); // a tool that never asked: the key may be waiting in a file or the keychain
    const std::optional<MasterKey> key = masterKey();
    if (!key) {
        const QString why = keyProblem().isEmpty() ? QString() : QStringLiteral(" (%1)").arg(keyProblem());
        *error = QStringLiteral(
                     "secrets cannot be saved without a master key%1: make one with `integrator "
                     "secrets new-key > FILE` and set INTEGRATOR_MASTER_KEY_FILE=FILE, or start a keychain")
                     .arg(why);
        return false;
    }
    if (databaseKeyId.isEmpty() && !SealedSecretRepository(db).claimKeyId(key->id(), &databaseKeyId, error))
        return false;
    if (databaseKeyId != key->id()) {
        *error = lockedReasonFor(databaseKeyId);
        return false;
    }
    return true;
}

void CredentialStore::waitWhileLoading()
{
    QMutexLocker lock(&mutex_);
    QDeadlineTimer deadline(KeychainAccess::kJobTimeoutMs);
    while (loading_ && loaded_.wait(&mutex_, deadline)) {
    }
}

void CredentialStore::createKeyIfNone()
{
    waitWhileLoading();
    if (!masterKey() && !keyLoading())
        loadMasterKey(); // a tool that never asked: the key may be waiting in a file or the keychain
    if (masterKey() || !keychainHasNoKey())
        return;
    // A desktop saving its first secret: the keychain gets a new master key.
    const MasterKey key = MasterKey::generate();
    const KeychainAccess::Result saved =
        keychain_->writeNow(keychainEntry(), QString::fromLatin1(key.encoded()));
    if (saved.status == KeychainAccess::Status::Ok)
        useMasterKey(key, QStringLiteral("keychain"));
    else
        setProblem(QStringLiteral("cannot save a new master key in the keychain: %1").arg(saved.error));
}

bool CredentialStore::write(const Database &db, const QString &scope, const QString &secret, QString *error)
{
    if (!ensureKeyForWriting(db, error))
        return false;
    const MasterKey key = *masterKey();
    return SealedSecretRepository(db).save({scope, key.id(), SecretBox::seal(key, scope, secret)}, error);
}

bool CredentialStore::remove(const Database &db, const QString &scope, QString *error) const
{
    return SealedSecretRepository(db).remove(scope, error);
}
