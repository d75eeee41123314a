// Database::lastFailureWasConflict on a real server: a transaction that lost to another one (PostgreSQL's
// serialization failure, SQLSTATE 40001, as the push API meets its deadlocks) is told from any other
// failure by the error code, and a new transaction starts without the last failure.
#include "storage/Database.h"
#include "TestDatabase.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <memory>

class TestDatabaseConflict : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void aLostConflictIsAConflictUntilTheNextTransaction();
    void aDuplicateKeyIsNoConflict();

private:
    bool run(const Database &db, const QString &sql);

    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<Database> first_;
    std::unique_ptr<Database> second_;
};

void TestDatabaseConflict::init()
{
    database_ = std::make_unique<TestDatabase>();
    QVERIFY2(database_->isValid(), qPrintable(database_->error()));
    QString error;
    first_ = std::make_unique<Database>(database_->location(), QStringLiteral("conflict-first"));
    QVERIFY2(first_->open(&error), qPrintable(error));
    second_ = std::make_unique<Database>(database_->location(), QStringLiteral("conflict-second"));
    QVERIFY2(second_->open(&error), qPrintable(error));
    QVERIFY(
        run(*first_, QStringLiteral("CREATE TABLE conflict_probe (id INTEGER PRIMARY KEY, value INTEGER)")));
    QVERIFY(run(*first_, QStringLiteral("INSERT INTO conflict_probe (id, value) VALUES (1, 1)")));
}

void TestDatabaseConflict::cleanup()
{
    second_.reset();
    first_.reset();
    database_.reset();
}

// Unprepared: PostgreSQL prepares neither CREATE TABLE nor BEGIN.
bool TestDatabaseConflict::run(const Database &db, const QString &sql)
{
    QSqlQuery query(db.connection());
    if (query.exec(sql))
        return true;
    qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
    return false;
}

void TestDatabaseConflict::aLostConflictIsAConflictUntilTheNextTransaction()
{
    if (!TestDatabase::usePostgres())
        QSKIP("SQLite queues writers behind BEGIN IMMEDIATE: no transaction loses a conflict there (ctest "
              "runs this unit as databaseconflict_postgres too)");
    // The first reads in a snapshot, the second changes the row and commits, the first then changes it
    // too: PostgreSQL aborts the first with 40001 serialization_failure.
    QVERIFY(run(*first_, QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ")));
    QVERIFY(run(*first_, QStringLiteral("SELECT value FROM conflict_probe WHERE id = 1")));
    QVERIFY(run(*second_, QStringLiteral("UPDATE conflict_probe SET value = 2 WHERE id = 1")));
    QSqlQuery lost = first_->prepare(QStringLiteral("UPDATE conflict_probe SET value = 3 WHERE id = 1"));
    QString error;
    QVERIFY(!first_->exec(lost, &error));
    QVERIFY2(first_->lastFailureWasConflict(), qPrintable(error));
    QVERIFY(run(*first_, QStringLiteral("ROLLBACK")));

    WriteTransaction again(*first_);
    QVERIFY2(again.begin(&error), qPrintable(error));
    QVERIFY(!first_->lastFailureWasConflict());
    QVERIFY(run(*first_, QStringLiteral("UPDATE conflict_probe SET value = 3 WHERE id = 1")));
    QVERIFY2(again.commit(&error), qPrintable(error));
}

void TestDatabaseConflict::aDuplicateKeyIsNoConflict()
{
    // Prepared first, so it is freed after the rollback rather than inside the aborted transaction.
    QSqlQuery duplicate =
        first_->prepare(QStringLiteral("INSERT INTO conflict_probe (id, value) VALUES (1, 5)"));
    WriteTransaction transaction(*first_);
    QString error;
    QVERIFY2(transaction.begin(&error), qPrintable(error));
    QVERIFY(!first_->exec(duplicate, &error));
    QVERIFY2(!first_->lastFailureWasConflict(), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestDatabaseConflict)
#include "tst_databaseconflict.moc"
