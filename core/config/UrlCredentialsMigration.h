#pragma once

#include <QStringList>

class CredentialStore;
class Database;

// Endpoints saved before a URL with a user name or password was refused still hold the credential in
// their URL: in plain text in the database, and sent by Qt only after a 401 challenge. Each one moves
// into the endpoint's sealed basic_auth (sent as Authorization: Basic) and the URL is stored without it.
// The sealed copy is committed before the URL changes, so an interruption leaves the credential where it
// was for the next start; nothing is lost.
class UrlCredentialsMigration
{
public:
    UrlCredentialsMigration(const Database &db, CredentialStore &credentials);

    // The names of the endpoints moved. False with *error when one could not be (no master key, say);
    // those keep their URL as it is and are tried again at the next start.
    bool run(QStringList *moved, QString *error);

private:
    bool record(const QString &endpoint, QString *error) const;
    bool scrub(QString *error) const;

    const Database &db_;
    CredentialStore &credentials_;
};
