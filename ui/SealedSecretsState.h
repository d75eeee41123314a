#pragma once

#include <QCoreApplication>
#include <QString>

#include <functional>

class BackgroundWorker;
class Database;
class QObject;

// What the database says about its secrets: which master key sealed them and how many there are. Read
// on the worker thread (read()); the status bar and Settings → Secrets compare it with the key this
// process holds.
struct SealedSecretsState
{
    Q_DECLARE_TR_FUNCTIONS(SealedSecretsState)

public:
    QString databaseKeyId; // empty before the first secret is saved
    int sealedCount = 0;
    QString error; // set when the database could not be read

    static SealedSecretsState read(const Database &db);
    // read() on the worker; `done` gets the state back on context's thread (not at all if context is gone).
    static void readThrough(BackgroundWorker *worker, QObject *context,
                            std::function<void(const SealedSecretsState &)> done);
    // The first digits of a key id, enough to tell keys apart at a glance.
    static QString shortId(const QString &keyId);
    // CredentialStore::keyOrigin() for people: "keychain" in their language, a key file's path as it is.
    static QString describeOrigin(const QString &origin);
};
