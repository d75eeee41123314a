#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

class CredentialStore;
class Database;

// The JSON config file (endpoints, mappings, stores, parameters). Import is all or nothing: everything is
// validated before anything is written. Secrets are sealed with the master key; an export never holds one.
namespace ConfigFile {
struct ImportSummary
{
    int endpoints = 0;
    int mappings = 0;
    int parameters = 0;
    int stores = 0;
    int secrets = 0;
    QString keyId;        // of the master key that sealed the secrets
    QStringList warnings; // one line each, for stderr
    QString describe() const;
};

// The checks import makes before it touches the database; false and a one-line reason on the first problem.
// A file that passes can still be refused by import for what it finds in the database (a mapping naming an
// endpoint that is neither in the file nor configured).
bool validate(const QByteArray &json, QString *error);
bool import(const QByteArray &json, const Database &db, CredentialStore &credentials, ImportSummary *summary,
            QString *error);
bool exportTo(const Database &db, QByteArray *json, QString *error);
} // namespace ConfigFile
