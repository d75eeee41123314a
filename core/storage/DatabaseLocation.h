#pragma once

#include <QString>
#include <QUrl>

// Where the store lives: a SQLite file (the default, one engine per file) or a PostgreSQL database
// (several engines, on several machines, share it).
struct DatabaseLocation
{
    QString sqlitePath;
    QUrl postgresUrl; // postgresql://user[:password]@host[:port]/database

    static DatabaseLocation defaultSqlite();
    static DatabaseLocation sqlite(const QString &path);
    // Accepts postgresql:// and postgres:// URLs; false and a one-line reason otherwise.
    static bool postgres(const QString &url, DatabaseLocation *out, QString *error);

    bool isPostgres() const { return !postgresUrl.isEmpty(); }
    QString describe() const; // never shows a password
    // The keychain key of this PostgreSQL database's password ("database/user@host:port/db/password").
    QString passwordKey() const;
    // True when libpq has no password to use: none in the URL, no PGPASSWORD.
    bool needsPassword() const;
    // Identifies the database across processes (for the engine lock and wake-ups).
    QString key() const;
};
