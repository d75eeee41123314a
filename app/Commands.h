#pragma once

#include "secrets/CredentialStore.h"
#include "storage/DatabaseLocation.h"

#include <QCommandLineParser>
#include <QStringList>

#include <memory>

class Database;

// One method per command of DESIGN.md's command line. Each returns the process exit status and, on
// failure, prints one line a person can act on to stderr.
class Commands
{
public:
    Commands(const QCommandLineParser &parser, QStringList arguments, DatabaseLocation location);

    int push();
    int run();
    int sampleEndpoint();
    int messages();
    int show();
    int showText(const QJsonObject &message);
    int replay();
    int archive();
    int notifications();
    int config();
    int secret();
    int secrets();
    int poll();
    int stores();
    int testStore();
    int endpoints();
    int endpoint();
    int databasePassword();
    int prune();
    int erase();

private:
    int configRemove();
    bool openDatabase(std::unique_ptr<Database> *db);
    // A saved PostgreSQL password (sealed, DatabasePasswords) goes into the location, in memory only.
    void resolvePassword();
    bool readInput(const QString &path, QByteArray *data);
    bool json() const;
    int fail(const QString &message, int status = 1) const;
    // One line on stderr when this process cannot open the database's secrets, and why.
    void warnIfSecretsLocked(const Database &db) const;

    const QCommandLineParser &parser_;
    QStringList arguments_; // positional arguments after the command name
    DatabaseLocation location_;
    CredentialStore credentials_;
    bool keyLoaded_ = false;
};
