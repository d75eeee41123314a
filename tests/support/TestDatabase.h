#pragma once

#include "storage/DatabaseLocation.h"

#include <QStringList>
#include <QTemporaryDir>

// A fresh, empty database for one test: a SQLite file in a temporary folder, or, when ctest runs the
// PostgreSQL variant of a test (INTEGRATOR_TEST_BACKEND=postgres), a new database on the server that
// tests/run-tests.sh started (INTEGRATOR_TEST_POSTGRES), dropped again afterwards.
class TestDatabase
{
public:
    TestDatabase();
    ~TestDatabase();
    TestDatabase(const TestDatabase &) = delete;
    TestDatabase &operator=(const TestDatabase &) = delete;

    static bool usePostgres();
    bool isValid() const { return error_.isEmpty(); }
    QString error() const { return error_; }
    const DatabaseLocation &location() const { return location_; }
    QStringList cliArguments() const; // --db PATH or --database URL
    QString path(const QString &name) const { return dir_.filePath(name); }

private:
    bool runOnServer(const QString &sql);

    QTemporaryDir dir_;
    DatabaseLocation location_;
    QString postgresName_;
    QString error_;
};
