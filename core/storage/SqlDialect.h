#pragma once

#include <QSqlDatabase>
#include <QString>

// How long a SQLite connection waits for another one's lock before it gives up.
constexpr int kSqliteBusyTimeoutMs = 10000;

// Everything that differs between SQL engines lives here, so the rest of the store writes plain SQL.
class SqlDialect
{
public:
    virtual ~SqlDialect() = default;

    virtual QString driverName() const = 0;
    virtual QString autoIdColumn() const = 0; // a 64-bit auto-increment primary key
    virtual QString blobType() const = 0;
    // Starts a transaction that will write; SQLite must take the write lock up front.
    virtual QString beginWriteStatement() const = 0;
    virtual QString claimLockClause() const = 0; // appended to the claim SELECT
    // Appended to a SELECT whose rows the transaction then updates: other engines wait for them. Empty
    // where the write transaction already holds the whole database.
    virtual QString rowLockClause() const = 0;
    virtual bool configure(QSqlDatabase &db, QString *error) const = 0;
    // Run first inside the migration transaction, so concurrent starts migrate one at a time.
    virtual QString migrationLockStatement() const = 0;
    // Several engines may share the database: leases, LISTEN/NOTIFY and store locks matter.
    virtual bool isShared() const = 0;
    // Tells other engines that new work arrived (run inside the writing transaction); empty if none.
    virtual QString notifyStatement() const = 0;
    // Session-level lock for polling one store; empty when one engine owns the database anyway.
    virtual QString tryLockStatement() const = 0;
    virtual QString unlockStatement() const = 0;
    // The same lock, waited for and held until the transaction ends (removing a store); empty if none.
    virtual QString transactionLockStatement() const = 0;
    // Held until the claim transaction ends: one claim at a time per ordering key, taking two integer
    // arguments (the mapping id and a hash of the key); empty when one engine owns the database.
    virtual QString orderingKeyLockStatement() const = 0;
    // Whether a failed statement's error code (QSqlError::nativeErrorCode) says the transaction lost a
    // conflict with another one (a deadlock, a serialization failure) and running it again from the start
    // can succeed. Codes, not message texts: those follow the server's language.
    virtual bool isTransientConflict(const QString &errorCode) const = 0;
    // Held until the transaction ends by every push API batch: shared on a first attempt, exclusive when
    // the batch runs again after losing a conflict, so it waits for the batches under way, runs alone
    // and cannot meet them again. Empty when the write transaction already holds the whole database.
    virtual QString pushBatchLockStatement(bool alone) const = 0;

    static constexpr const char *kWorkChannel = "integrator_work";

    static const SqlDialect &sqlite();
    static const SqlDialect &postgres();
};
