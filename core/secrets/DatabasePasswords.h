#pragma once

#include "storage/DatabaseLocation.h"

#include <QString>

#include <optional>

class CredentialStore;

// A PostgreSQL password saved with `database-password set`. It opens the database, so it cannot live
// in it: it is sealed with the master key and kept in this user's settings (QSettings), never in plain
// text.
class DatabasePasswords
{
public:
    explicit DatabasePasswords(CredentialStore &credentials);

    bool save(const DatabaseLocation &location, const QString &password, QString *error) const;
    // nullopt with *error empty when none is saved.
    std::optional<QString> read(const DatabaseLocation &location, QString *error) const;

private:
    static QString settingsKey(const DatabaseLocation &location);
    CredentialStore &credentials_;
};
