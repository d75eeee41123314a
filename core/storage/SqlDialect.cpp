#include "storage/SqlDialect.h"

#include <QDeadlineTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

namespace {

constexpr char kSqliteBusy[] = "5"; // SQLITE_BUSY, as QSqlError::nativeErrorCode() gives it

class SqliteDialect final : public SqlDialect
{
public:
    QString driverName() const override { return QStringLiteral("QSQLITE"); }
    QString autoIdColumn() const override { return QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT"); }
    QString blobType() const override { return QStringLiteral("BLOB"); }
    QString beginWriteStatement() const override { return QStringLiteral("BEGIN IMMEDIATE"); }
    // One engine per SQLite file (an engine lock enforces it), so claims need no row locks.
    QString claimLockClause() const override { return {}; }
    QString rowLockClause() const override { return {}; }

    bool configure(QSqlDatabase &db, QString *error) const override
    {
        // WAL lets readers (the CLI, later the GUI) run beside the engine's writes; NORMAL sync is
        // durable across process crashes, which is the promise we make. auto_vacuum takes effect only
        // in a file without tables yet (a new one), so that pruning can shrink it (RetentionPruner).
        // secure_delete=FAST zeroes the old copy of a row an update moves within its page (a delivery's
        // identifier values, each time its state changes) at no extra I/O, so that an erasure
        // (MessageEraser) leaves no stale copy of a person's data in a page's free space.
        const char *pragmas[] = {"PRAGMA auto_vacuum=INCREMENTAL", "PRAGMA journal_mode=WAL",
                                 "PRAGMA synchronous=NORMAL",      "PRAGMA foreign_keys=ON",
                                 "PRAGMA temp_store=MEMORY",       "PRAGMA secure_delete=FAST"};
        // Switching a new file to WAL takes an exclusive lock, and SQLite refuses it at once, without
        // the busy timeout, to a connection that lost the race to another one opening the same new file
        // (the control panel's first start opens several together). The winner is done within
        // milliseconds, so the loser asks again until the busy timeout is spent.
        QDeadlineTimer deadline(kSqliteBusyTimeoutMs);
        for (const char *pragma : pragmas) {
            QSqlQuery query(db);
            for (int pauseMs = 5; !query.exec(QString::fromLatin1(pragma));
                 pauseMs = qMin(pauseMs * 2, 200)) {
                if (query.lastError().nativeErrorCode() != QLatin1String(kSqliteBusy) ||
                    deadline.hasExpired()) {
                    *error = QStringLiteral("%1: %2").arg(QLatin1String(pragma), query.lastError().text());
                    return false;
                }
                QThread::msleep(pauseMs);
            }
        }
        return true;
    }
    // BEGIN IMMEDIATE already serialises writers.
    QString migrationLockStatement() const override { return {}; }
    bool isShared() const override { return false; }
    QString notifyStatement() const override { return {}; }
    QString tryLockStatement() const override { return {}; }
    QString unlockStatement() const override { return {}; }
    QString transactionLockStatement() const override { return {}; }
    // The only engine claims one batch at a time, inside BEGIN IMMEDIATE: claims never overlap.
    QString orderingKeyLockStatement() const override { return {}; }
    // BEGIN IMMEDIATE makes writers queue for the lock (the busy timeout) instead of deadlocking.
    bool isTransientConflict(const QString & /*errorCode*/) const override { return false; }
    QString pushBatchLockStatement(bool /*alone*/) const override { return {}; }
};

class PostgresDialect final : public SqlDialect
{
public:
    QString driverName() const override { return QStringLiteral("QPSQL"); }
    QString autoIdColumn() const override { return QStringLiteral("BIGSERIAL PRIMARY KEY"); }
    QString blobType() const override { return QStringLiteral("BYTEA"); }
    QString beginWriteStatement() const override { return QStringLiteral("BEGIN"); }
    // Workers claim disjoint rows without waiting for each other.
    QString claimLockClause() const override { return QStringLiteral(" FOR UPDATE OF d SKIP LOCKED"); }
    QString rowLockClause() const override { return QStringLiteral(" FOR UPDATE"); }
    bool configure(QSqlDatabase &db, QString *error) const override
    {
        QSqlQuery query(db);
        // NOTICEs ("relation already exists, skipping") would otherwise reach stderr.
        if (query.exec(QStringLiteral("SET TIME ZONE 'UTC'")) &&
            query.exec(QStringLiteral("SET client_min_messages TO warning")))
            return true;
        *error = query.lastError().text();
        return false;
    }
    QString migrationLockStatement() const override
    {
        return QStringLiteral("SELECT pg_advisory_xact_lock(7274001)");
    }
    bool isShared() const override { return true; }
    QString notifyStatement() const override
    {
        // pg_notify, unlike NOTIFY, can be a prepared statement.
        return QStringLiteral("SELECT pg_notify('%1', '')").arg(QLatin1String(kWorkChannel));
    }
    QString tryLockStatement() const override
    {
        return QStringLiteral("SELECT pg_try_advisory_lock(hashtext(?))");
    }
    QString unlockStatement() const override
    {
        return QStringLiteral("SELECT pg_advisory_unlock(hashtext(?))");
    }
    QString transactionLockStatement() const override
    {
        return QStringLiteral("SELECT pg_advisory_xact_lock(hashtext(?))");
    }
    // The two-key form: a lock space of its own, apart from the one-key store and migration locks.
    QString orderingKeyLockStatement() const override
    {
        return QStringLiteral("SELECT pg_advisory_xact_lock(CAST(? AS INTEGER), CAST(? AS INTEGER))");
    }
    // SQLSTATE deadlock_detected and serialization_failure: PostgreSQL aborted this transaction so that
    // another could go on.
    bool isTransientConflict(const QString &errorCode) const override
    {
        return errorCode == QLatin1String("40P01") || errorCode == QLatin1String("40001");
    }
    QString pushBatchLockStatement(bool alone) const override
    {
        return alone ? QStringLiteral("SELECT pg_advisory_xact_lock(7274002)")
                     : QStringLiteral("SELECT pg_advisory_xact_lock_shared(7274002)");
    }
};

} // namespace

const SqlDialect &SqlDialect::sqlite()
{
    static const SqliteDialect dialect;
    return dialect;
}

const SqlDialect &SqlDialect::postgres()
{
    static const PostgresDialect dialect;
    return dialect;
}
