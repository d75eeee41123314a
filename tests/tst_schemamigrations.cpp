#include "Database.h"
#include "SchemaMigrations.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestSchemaMigrations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void freshDatabaseIsAtLatestVersion();
    void reopeningDoesNotMigrateAgain();
    void databaseFromNewerProgramIsRefused();
    void sqliteRunsInWalMode();
};

namespace {
int versionRows(const Database &db)
{
    QSqlQuery query(db.connection());
    query.exec(QStringLiteral("SELECT COUNT(*), MAX(version) FROM schema_version"));
    return query.next() ? query.value(0).toInt() : -1;
}
} // namespace

void TestSchemaMigrations::freshDatabaseIsAtLatestVersion()
{
    QTemporaryDir dir;
    Database db(DatabaseLocation::sqlite(dir.filePath(QStringLiteral("a.sqlite"))), QStringLiteral("a"));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    QSqlQuery query(db.connection());
    QVERIFY(query.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), SchemaMigrations::latestVersion());
    for (const char *table : {"endpoints", "mappings", "parameters", "messages", "deliveries", "identities",
                              "attempts", "notifications", "meta"})
        QVERIFY2(db.connection().tables().contains(QString::fromLatin1(table)), table);
}

void TestSchemaMigrations::reopeningDoesNotMigrateAgain()
{
    QTemporaryDir dir;
    const DatabaseLocation location = DatabaseLocation::sqlite(dir.filePath(QStringLiteral("b.sqlite")));
    QString error;
    {
        Database first(location, QStringLiteral("first"));
        QVERIFY2(first.open(&error), qPrintable(error));
    }
    Database second(location, QStringLiteral("second"));
    QVERIFY2(second.open(&error), qPrintable(error));
    QCOMPARE(versionRows(second), SchemaMigrations::latestVersion());
}

void TestSchemaMigrations::databaseFromNewerProgramIsRefused()
{
    QTemporaryDir dir;
    const DatabaseLocation location = DatabaseLocation::sqlite(dir.filePath(QStringLiteral("c.sqlite")));
    QString error;
    {
        Database db(location, QStringLiteral("setup"));
        QVERIFY2(db.open(&error), qPrintable(error));
        QSqlQuery query(db.connection());
        QVERIFY(query.exec(QStringLiteral("INSERT INTO schema_version (version) VALUES (999)")));
    }
    Database db(location, QStringLiteral("newer"));
    QVERIFY(!db.open(&error));
    QVERIFY2(error.contains(QStringLiteral("schema version 999")) &&
                 error.contains(QStringLiteral("upgrade")),
             qPrintable(error));
}

void TestSchemaMigrations::sqliteRunsInWalMode()
{
    QTemporaryDir dir;
    Database db(DatabaseLocation::sqlite(dir.filePath(QStringLiteral("d.sqlite"))), QStringLiteral("d"));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    QSqlQuery query(db.connection());
    QVERIFY(query.exec(QStringLiteral("PRAGMA journal_mode")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("wal"));
}

QTEST_GUILESS_MAIN(TestSchemaMigrations)
#include "tst_schemamigrations.moc"
