#pragma once

#include "storage/DatabaseLocation.h"
#include "storage/SqlDialect.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <functional>
#include <vector>

// One named connection, owned by the thread that opened it (Qt Sql connections must not cross
// threads). open() also brings the schema up to date.
class Database
{
public:
    Database(DatabaseLocation location, QString connectionName);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    bool open(QString *error);
    // Closes the connection and opens it again: after a PostgreSQL restart or failover the old one is
    // dead for good. Queries prepared on it (repositories' cached statements) are invalid afterwards:
    // their owners make new ones.
    bool reopen(QString *error);
    QSqlDatabase connection() const { return QSqlDatabase::database(connectionName_, false); }
    const SqlDialect &dialect() const { return *dialect_; }
    const DatabaseLocation &location() const { return location_; }

    // Runs one statement; on failure fills *error with the statement's error and returns false.
    bool exec(QSqlQuery &query, QString *error) const;
    // Whether the last failure of exec() or of a WriteTransaction since the last begin() was a conflict
    // with another transaction that a rerun of the whole transaction may not meet again (a deadlock on
    // PostgreSQL), as the dialect decides from the error code.
    bool lastFailureWasConflict() const;
    QSqlQuery prepare(const QString &sql) const;

    static qint64 nowMs();
    // Wakes idle engines that share the database (PostgreSQL's NOTIFY, delivered at commit).
    bool notifyWork(QString *error) const;
    // Runs `action` once the WriteTransaction open on this connection commits (at once when none is
    // open); a rollback drops it. For what may only count what is durable, such as metrics.
    void afterCommit(std::function<void()> action) const;

private:
    friend class WriteTransaction;
    bool openConnection(QString *error);
    void noteFailure(const QSqlError &failure) const;

    DatabaseLocation location_;
    QString connectionName_;
    const SqlDialect *dialect_;
    mutable bool inTransaction_ = false;
    mutable QString lastErrorCode_; // of the last failed statement, cleared when a transaction begins
    mutable std::vector<std::function<void()>> commitActions_;
};

// Commits on commit(), rolls back otherwise. Begins with the dialect's write statement so two
// writers queue on the lock instead of failing half-way.
class WriteTransaction
{
public:
    explicit WriteTransaction(const Database &db);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

    bool begin(QString *error);
    bool commit(QString *error);

private:
    const Database &db_;
    bool open_ = false;
};
