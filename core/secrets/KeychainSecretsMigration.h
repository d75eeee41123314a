#pragma once

#include <QString>
#include <QStringList>

class CredentialStore;
class Database;

// Databases made before secrets were sealed keep them in the keychain, one entry per scope. Where that
// keychain answers, each one the configuration names is sealed into the database and then removed from
// the keychain; meta's 'secrets_migrated' records that the move is done so the keychain is not asked on
// every start. Nothing is removed before its sealed copy is committed.
class KeychainSecretsMigration
{
public:
    KeychainSecretsMigration(const Database &db, CredentialStore &credentials);

    // False with *error when something could not be moved (it stays in the keychain for the next try).
    bool run(int *moved, QString *error);

private:
    bool scopesNamedByConfig(QStringList *scopes, QString *error) const;
    bool done(bool *yes, QString *error) const;
    bool markDone(QString *error) const;

    const Database &db_;
    CredentialStore &credentials_;
};
