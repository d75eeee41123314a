#pragma once

#include "secrets/KeychainAccess.h"
#include "secrets/MasterKey.h"

#include <QMutex>
#include <QObject>
#include <QString>
#include <QWaitCondition>

#include <optional>

class Database;

// The one place secrets go. Each secret is sealed with the master key (SecretBox) and stored in the
// database under its scope ("endpoint/mailer/token", "parameter/api_key"), so it follows the database
// to every engine that has the key. The master key comes from a key file or systemd credential
// (MasterKeyFile) or else the keychain, where a desktop creates one the first time a secret is saved.
//
// Without the key, or with another one, nothing is guessed: read() says why it cannot open a secret, and
// callers hold what needs it. Thread-safe; the keychain is touched only for the master key (and once to
// move the secrets of older databases, KeychainSecretsMigration).
class CredentialStore : public QObject
{
    Q_OBJECT
public:
    explicit CredentialStore(QString service = QStringLiteral("Integrator"), QObject *parent = nullptr);

    // --master-key-file; it wins over INTEGRATOR_MASTER_KEY_FILE, systemd's credential and the keychain.
    void setKeyFile(const QString &path);
    // Finds the master key, waiting for the keychain if it comes to that: command-line tools and worker
    // threads only.
    void loadMasterKey();
    // The same without waiting: masterKeyChanged() once the keychain answered. For the control panel.
    void loadMasterKeyInBackground();
    // A key given directly (rotation, provisioning), and where it came from.
    void useMasterKey(const MasterKey &key, const QString &origin);

    std::optional<MasterKey> masterKey() const;
    QString
    keyOrigin() const; // "key file /etc/integrator/master.key (INTEGRATOR_MASTER_KEY_FILE)", "keychain"
    QString keyProblem() const; // why there is no key, one line; empty while it loads or once it is there
    bool keyLoading() const;
    // On a desktop whose keychain answered with no key: makes one and saves it there. Waits for the
    // keychain: not on the GUI thread.
    void createKeyIfNone();

    // A secret in the database that this process cannot open (no key, another key) is an error, never a
    // quiet empty value: nullopt with *error saying why. nullopt with *error empty: there is no such secret.
    std::optional<QString> read(const Database &db, const QString &scope, QString *error) const;
    // Seals and stores; on a desktop without any key yet, creates one in the keychain first.
    bool write(const Database &db, const QString &scope, const QString &secret, QString *error);
    bool remove(const Database &db, const QString &scope, QString *error) const;

    // Empty when this process can open the database's secrets (or there are none); otherwise the one line
    // that says why not and what to do.
    QString lockedReason(const Database &db) const;
    // The same line, for a database known to be sealed with databaseKeyId.
    QString lockedReasonFor(const QString &databaseKeyId) const;

    KeychainAccess &keychain() { return *keychain_; }
    static QString keychainEntry() { return QStringLiteral("master-key"); }

Q_SIGNALS:
    void masterKeyChanged();

private:
    void takeKeychainAnswer(const KeychainAccess::Result &result);
    bool loadFromFile();
    bool ensureKeyForWriting(const Database &db, QString *error);
    bool keychainHasNoKey() const;
    void setProblem(const QString &problem);
    // Worker threads only: a write must not fail just because the key is seconds away.
    void waitWhileLoading();

    KeychainAccess *keychain_;
    QString keyFile_;
    mutable QMutex mutex_;
    QWaitCondition loaded_;
    std::optional<MasterKey> key_;
    QString origin_;
    QString problem_;
    bool loading_ = false;
    bool keychainHasNoKey_ = false; // the keychain answered and holds none: a desktop may create one
};
