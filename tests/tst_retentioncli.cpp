// `integrator prune` on the built binary: --dry-run --json counts and deletes nothing, prune deletes, the
// retention key of the config file is validated, exported and used, and a SQLite file made before
// auto_vacuum is converted once, only while no engine runs on it.
#include "engine/Engine.h"
#include "HistorySeed.h"
#include "IntegratorProcess.h"
#include "MessageLogSeed.h"
#include "storage/Database.h"
#include "TestDatabase.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

QJsonObject jsonOf(const CliResult &result)
{
    return QJsonDocument::fromJson(result.out).object();
}

// The lines of stderr but the "no keychain" warning a run outside tests/run-tests.sh adds.
QByteArrayList errorLines(const CliResult &result)
{
    QByteArrayList lines;
    for (const QByteArray &line : result.err.split('\n')) {
        if (!line.isEmpty() && !line.startsWith("integrator: warning: "))
            lines << line;
    }
    return lines;
}

} // namespace

class TestRetentionCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void dryRunCountsAndDeletesNothingThenPruneDeletes();
    void retentionFromTheConfigFileIsUsedAndExported();
    void badRetentionIsRefusedWithOneLine_data();
    void badRetentionIsRefusedWithOneLine();
    void fileMadeBeforeAutoVacuumIsConvertedOnlyWithoutAnEngine();

private:
    QStringList db(const QStringList &arguments) const { return database_->cliArguments() + arguments; }
    void seed(const QString &tag, int count, qint64 ageMs, const QString &state);
    qint64 messages();

    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<Database> db_;
};

void TestRetentionCli::init()
{
    database_ = std::make_unique<TestDatabase>();
    QVERIFY2(database_->isValid(), qPrintable(database_->error()));
    db_ = std::make_unique<Database>(database_->location(), QStringLiteral("test"));
    QString error;
    QVERIFY2(db_->open(&error), qPrintable(error));
    QVERIFY2(MessageLogSeed::configure(*db_, &error), qPrintable(error));
}

void TestRetentionCli::cleanup()
{
    db_.reset();
    database_.reset();
}

void TestRetentionCli::seed(const QString &tag, int count, qint64 ageMs, const QString &state)
{
    HistorySeed::Batch batch;
    batch.tag = tag;
    batch.count = count;
    batch.atMs = Database::nowMs() - ageMs;
    batch.mappings = {QStringLiteral("mail")};
    batch.states = {state};
    QString error;
    QVERIFY2(HistorySeed::seed(*db_, batch, &error), qPrintable(error));
}

qint64 TestRetentionCli::messages()
{
    return HistorySeed::count(*db_, QStringLiteral("messages"));
}

// With the defaults, 40-day-old delivered messages go (30 days), parked ones stay, and 8-day-old ones stay
// without their response bodies (7 days).
void TestRetentionCli::dryRunCountsAndDeletesNothingThenPruneDeletes()
{
    seed(QStringLiteral("old"), 300, 40 * kDayMs, QStringLiteral("delivered"));
    seed(QStringLiteral("parked"), 10, 40 * kDayMs, QStringLiteral("parked"));
    seed(QStringLiteral("recent"), 10, 8 * kDayMs, QStringLiteral("delivered"));

    const CliResult dry =
        runIntegrator(db({QStringLiteral("prune"), QStringLiteral("--dry-run"), QStringLiteral("--json")}));
    QVERIFY2(dry.exitCode == 0, qPrintable(dry.describe()));
    const QJsonObject counted = jsonOf(dry);
    QCOMPARE(counted.value(QStringLiteral("dry_run")).toBool(), true);
    QCOMPARE(counted.value(QStringLiteral("messages")).toInt(), 300);
    QCOMPARE(counted.value(QStringLiteral("deliveries")).toInt(), 300);
    QCOMPARE(counted.value(QStringLiteral("attempts")).toInt(), 300);
    QCOMPARE(counted.value(QStringLiteral("identities")).toInt(), 300);
    QCOMPARE(counted.value(QStringLiteral("response_bodies")).toInt(), 10);
    QCOMPARE(
        counted.value(QStringLiteral("retention")).toObject().value(QStringLiteral("delivered")).toString(),
        QStringLiteral("30d"));
    QCOMPARE(messages(), 320LL);
    QCOMPARE(HistorySeed::count(*db_, QStringLiteral("attempts"), QStringLiteral("response_body IS NULL")),
             0LL);

    const CliResult pruned = runIntegrator(db({QStringLiteral("prune"), QStringLiteral("--json")}));
    QVERIFY2(pruned.exitCode == 0, qPrintable(pruned.describe()));
    const QJsonObject removed = jsonOf(pruned);
    QCOMPARE(removed.value(QStringLiteral("dry_run")).toBool(), false);
    for (const char *key : {"messages", "deliveries", "attempts", "identities", "response_bodies"})
        QCOMPARE(removed.value(QLatin1String(key)).toInt(), counted.value(QLatin1String(key)).toInt());
    QCOMPARE(messages(), 20LL);
    QCOMPARE(HistorySeed::count(*db_, QStringLiteral("messages"), QStringLiteral("source = 'parked'")), 10LL);

    const CliResult again = runIntegrator(db({QStringLiteral("prune")}));
    QVERIFY2(again.exitCode == 0, qPrintable(again.describe()));
    QVERIFY2(again.out.startsWith("pruned 0 message(s)"), again.out.constData());
}

void TestRetentionCli::retentionFromTheConfigFileIsUsedAndExported()
{
    seed(QStringLiteral("two-hours"), 5, 2 * 3600 * 1000, QStringLiteral("delivered"));
    const QByteArray config = R"({"retention": {"delivered": "1h", "notifications": "off"}})";
    const CliResult imported =
        runIntegrator(db({QStringLiteral("config"), QStringLiteral("import"), QStringLiteral("-")}), config);
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.describe()));
    // A later file that sets another key keeps these.
    const CliResult more =
        runIntegrator(db({QStringLiteral("config"), QStringLiteral("import"), QStringLiteral("-")}),
                      R"({"retention": {"skipped": "12h"}})");
    QVERIFY2(more.exitCode == 0, qPrintable(more.describe()));

    const CliResult exported = runIntegrator(db({QStringLiteral("config"), QStringLiteral("export")}));
    QCOMPARE(QJsonDocument::fromJson(exported.out).object().value(QStringLiteral("retention")).toObject(),
             (QJsonObject{{QStringLiteral("delivered"), QStringLiteral("1h")},
                          {QStringLiteral("notifications"), QStringLiteral("off")},
                          {QStringLiteral("skipped"), QStringLiteral("12h")}}));

    const CliResult dry =
        runIntegrator(db({QStringLiteral("prune"), QStringLiteral("--dry-run"), QStringLiteral("--json")}));
    QVERIFY2(dry.exitCode == 0, qPrintable(dry.describe()));
    QCOMPARE(jsonOf(dry).value(QStringLiteral("retention")).toObject(),
             (QJsonObject{{QStringLiteral("delivered"), QStringLiteral("1h")},
                          {QStringLiteral("skipped"), QStringLiteral("12h")},
                          {QStringLiteral("archived"), QStringLiteral("30d")},
                          {QStringLiteral("notifications"), QStringLiteral("off")},
                          {QStringLiteral("response_bodies"), QStringLiteral("7d")}}));
    QCOMPARE(jsonOf(dry).value(QStringLiteral("messages")).toInt(), 5);
}

void TestRetentionCli::badRetentionIsRefusedWithOneLine_data()
{
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("words")
        << QByteArray(R"({"retention": {"delivered": "30 days"}})")
        << QByteArray(
               R"(integrator: nothing imported: retention: "delivered" must be a duration such as "30d")");
    QTest::newRow("misspelt key")
        << QByteArray(R"({"retention": {"notification": "30d"}})")
        << QByteArray(R"(integrator: nothing imported: unknown key "notification" in retention (did you )"
                      R"(mean "notifications"?))");
}

void TestRetentionCli::badRetentionIsRefusedWithOneLine()
{
    QFETCH(QByteArray, config);
    QFETCH(QByteArray, expected);
    const CliResult result =
        runIntegrator(db({QStringLiteral("config"), QStringLiteral("import"), QStringLiteral("-")}), config);
    QCOMPARE(result.exitCode, 1);
    const QByteArrayList lines = errorLines(result);
    QVERIFY2(lines.size() == 1 && lines.first().startsWith(expected), qPrintable(result.describe()));
    const CliResult exported = runIntegrator(db({QStringLiteral("config"), QStringLiteral("export")}));
    QVERIFY(!QJsonDocument::fromJson(exported.out).object().contains(QStringLiteral("retention")));
}

// A file from before auto_vacuum keeps its size when pruned; prune converts it with a one-time VACUUM,
// but not while an engine holds the file's engine lock.
void TestRetentionCli::fileMadeBeforeAutoVacuumIsConvertedOnlyWithoutAnEngine()
{
    if (TestDatabase::usePostgres())
        QSKIP("SQLite files only");
    const QString path = database_->path(QStringLiteral("old.sqlite"));
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        raw.setDatabaseName(path);
        QVERIFY(raw.open());
        QSqlQuery query(raw);
        QVERIFY(query.exec(QStringLiteral("PRAGMA auto_vacuum = NONE")));
        QVERIFY(query.exec(QStringLiteral("CREATE TABLE made_by_an_old_version (x INTEGER)")));
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    const auto autoVacuum = [&] {
        Database db(DatabaseLocation::sqlite(path), QStringLiteral("check"));
        QString error;
        if (!db.open(&error))
            qFatal("%s", qPrintable(error));
        QSqlQuery query(db.connection());
        query.exec(QStringLiteral("PRAGMA auto_vacuum"));
        return query.next() ? query.value(0).toInt() : -1;
    };
    QCOMPARE(autoVacuum(), 0);
    const QStringList prune{QStringLiteral("--db"), path, QStringLiteral("prune"), QStringLiteral("--json")};
    {
        QLockFile engine(Engine::lockPath(DatabaseLocation::sqlite(path)));
        QVERIFY(engine.tryLock(0));
        const CliResult beside = runIntegrator(prune);
        QVERIFY2(beside.exitCode == 0, qPrintable(beside.describe()));
        QCOMPARE(jsonOf(beside).value(QStringLiteral("vacuum_needed")).toBool(), true);
        QCOMPARE(jsonOf(beside).value(QStringLiteral("vacuumed")).toBool(), false);
        QCOMPARE(autoVacuum(), 0);
    }
    const CliResult alone = runIntegrator(prune);
    QVERIFY2(alone.exitCode == 0, qPrintable(alone.describe()));
    QCOMPARE(jsonOf(alone).value(QStringLiteral("vacuumed")).toBool(), true);
    QCOMPARE(autoVacuum(), 2); // INCREMENTAL
    const CliResult after = runIntegrator(prune);
    QCOMPARE(jsonOf(after).value(QStringLiteral("vacuum_needed")).toBool(), false);
    QCOMPARE(jsonOf(after).value(QStringLiteral("vacuumed")).toBool(), false);
}

QTEST_GUILESS_MAIN(TestRetentionCli)
#include "tst_retentioncli.moc"
