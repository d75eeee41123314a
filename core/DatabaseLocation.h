#pragma once

#include <QString>

// Where the store lives: a SQLite file (the default) or, later, a PostgreSQL URL.
struct DatabaseLocation
{
    QString sqlitePath;

    static DatabaseLocation defaultSqlite();
    static DatabaseLocation sqlite(const QString &path);

    QString describe() const { return sqlitePath; }
    // Identifies the database across processes (for the engine lock and wake-ups).
    QString key() const;
};
