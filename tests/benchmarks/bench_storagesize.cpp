// Database bytes per delivered message, on SQLite and PostgreSQL, before and after `integrator prune`.
// The messages are real deliveries: pushed with `integrator push`, delivered by `integrator run
// --exit-when-idle` to a loopback endpoint. Then the older half is dated 60 days back, past the default
// retention of delivered messages (30 days), and `integrator prune` removes it. Run by hand
// (tests/benchmarks/run-messages-benchmark.sh), never by ctest.
#include "IntegratorProcess.h"
#include "ScriptedEndpoint.h"
#include "storage/Database.h"
#include "TestDatabase.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <cstdio>

namespace {

constexpr qint64 kAgeMs = 60LL * 24 * 3600 * 1000;

QByteArray configFor(const QUrl &endpoint)
{
    const QJsonObject config{
        {QStringLiteral("endpoints"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("shop")},
                                                             {QStringLiteral("url"), endpoint.toString()},
                                                             {QStringLiteral("max_in_flight"), 6}}}},
        {QStringLiteral("mappings"),
         QJsonArray{QJsonObject{
             {QStringLiteral("name"), QStringLiteral("orders")},
             {QStringLiteral("endpoint"), QStringLiteral("shop")},
             {QStringLiteral("path"), QStringLiteral("/orders")},
             {QStringLiteral("messages"), QJsonArray{QStringLiteral("order:*")}},
             {QStringLiteral("identifiers"),
              QJsonObject{{QStringLiteral("order_number"), QStringLiteral("payload.order.number")}}}}}}};
    return QJsonDocument(config).toJson();
}

// The order bench_delivery sends: about 330 bytes of JSON.
QByteArray messages(int count)
{
    QJsonArray batch;
    for (int i = 0; i < count; ++i) {
        const QJsonArray items{QJsonObject{{QStringLiteral("sku"), QStringLiteral("TSHIRT-BLK-M")},
                                           {QStringLiteral("quantity"), 2},
                                           {QStringLiteral("price"), QStringLiteral("19.99")}},
                               QJsonObject{{QStringLiteral("sku"), QStringLiteral("MUG-WHT")},
                                           {QStringLiteral("quantity"), 1},
                                           {QStringLiteral("price"), QStringLiteral("12.50")}}};
        const QJsonObject order{
            {QStringLiteral("number"), QStringLiteral("R%1").arg(100000000 + i)},
            {QStringLiteral("email"), QStringLiteral("customer%1@example.com").arg(i % 1000)},
            {QStringLiteral("currency"), QStringLiteral("USD")},
            {QStringLiteral("total"), QStringLiteral("52.48")},
            {QStringLiteral("line_items"), items},
            {QStringLiteral("ship_address"), QJsonObject{{QStringLiteral("city"), QStringLiteral("Portland")},
                                                         {QStringLiteral("country"), QStringLiteral("US")}}}};
        batch.append(QJsonObject{{QStringLiteral("message"), QStringLiteral("order:new")},
                                 {QStringLiteral("payload"), QJsonObject{{QStringLiteral("order"), order}}}});
    }
    return QJsonDocument(batch).toJson(QJsonDocument::Compact);
}

bool exec(const Database &db, const QString &sql, QString *error)
{
    QSqlQuery query(db.connection());
    if (query.exec(sql))
        return true;
    *error = QStringLiteral("%1: %2").arg(sql.left(60), query.lastError().text());
    return false;
}

qint64 single(const Database &db, const QString &sql, QString *error)
{
    QSqlQuery query(db.connection());
    if (!query.exec(sql) || !query.next()) {
        *error = QStringLiteral("%1: %2").arg(sql.left(60), query.lastError().text());
        return -1;
    }
    return query.value(0).toLongLong();
}

// SQLite: the file and its -wal after a checkpoint that empties the -wal. PostgreSQL: every table of
// the schema with its indexes and TOAST (pg_total_relation_size).
qint64 databaseBytes(const Database &db, const TestDatabase &database, bool postgres, QString *error)
{
    if (postgres)
        return single(db,
                      QStringLiteral("SELECT SUM(pg_total_relation_size(c.oid)) FROM pg_class c JOIN"
                                     " pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND"
                                     " n.nspname = current_schema()"),
                      error);
    if (!exec(db, QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"), error))
        return -1;
    const QString file = database.location().sqlitePath;
    return QFileInfo(file).size() + QFileInfo(file + QStringLiteral("-wal")).size();
}

// The older half of the messages, their deliveries, attempts and identities, 60 days back.
bool ageOlderHalf(const Database &db, qint64 lastOldRow, QString *error)
{
    const QString age = QString::number(kAgeMs);
    const QString old = QStringLiteral("(SELECT id FROM messages WHERE id <= %1)").arg(lastOldRow);
    const QString oldDeliveries =
        QStringLiteral("(SELECT id FROM deliveries WHERE message_row IN %1)").arg(old);
    return exec(db, QStringLiteral("BEGIN"), error) &&
           exec(db,
                QStringLiteral("UPDATE messages SET created_at = created_at - %1 WHERE id IN %2")
                    .arg(age, old),
                error) &&
           exec(db,
                QStringLiteral("UPDATE deliveries SET updated_at = updated_at - %1 WHERE id IN %2")
                    .arg(age, oldDeliveries),
                error) &&
           exec(db,
                QStringLiteral("UPDATE attempts SET started_at = started_at - %1 WHERE delivery_id IN %2")
                    .arg(age, oldDeliveries),
                error) &&
           exec(db,
                QStringLiteral("UPDATE identities SET created_at = created_at - %1 WHERE message_id IN"
                               " (SELECT message_id FROM messages WHERE id <= %2)")
                    .arg(age)
                    .arg(lastOldRow),
                error) &&
           exec(db, QStringLiteral("COMMIT"), error);
}

struct Sizes
{
    qint64 delivered = 0, bytesBefore = 0, bytesAged = 0, kept = 0, bytesAfter = 0, bytesAfterVacuum = -1;
};

bool measure(ScriptedEndpoint &endpoint, bool postgres, int count, Sizes *sizes, QString *error)
{
    qputenv("INTEGRATOR_TEST_BACKEND", postgres ? "postgres" : "sqlite");
    TestDatabase database;
    if (!database.isValid()) {
        *error = database.error();
        return false;
    }
    const QStringList cli = database.cliArguments();
    const QList<QPair<QStringList, QByteArray>> steps{
        {{QStringLiteral("config"), QStringLiteral("import"), QStringLiteral("-")},
         configFor(endpoint.url())},
        {{QStringLiteral("push"), QStringLiteral("-")}, messages(count)},
        {{QStringLiteral("run"), QStringLiteral("--exit-when-idle")}, {}},
    };
    for (const auto &[arguments, input] : steps) {
        const CliResult result = runIntegrator(cli + arguments, input, 3600000);
        if (result.exitCode != 0) {
            *error = result.describe();
            return false;
        }
    }
    Database db(database.location(), QStringLiteral("bench"));
    if (!db.open(error))
        return false;
    sizes->delivered =
        single(db, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'delivered'"), error);
    if (sizes->delivered != count) {
        *error = QStringLiteral("%1 of %2 messages delivered").arg(sizes->delivered).arg(count);
        return false;
    }
    sizes->bytesBefore = databaseBytes(db, database, postgres, error);
    const qint64 firstRow = single(db, QStringLiteral("SELECT MIN(id) FROM messages"), error);
    if (sizes->bytesBefore < 0 || firstRow < 0 || !ageOlderHalf(db, firstRow + count / 2 - 1, error))
        return false;
    // On PostgreSQL the dating back writes a new version of every row it changes: this shows how much.
    sizes->bytesAged = databaseBytes(db, database, postgres, error);
    const CliResult pruned = runIntegrator(cli + QStringList{QStringLiteral("prune")}, {}, 3600000);
    if (pruned.exitCode != 0) {
        *error = pruned.describe();
        return false;
    }
    std::printf("%s", pruned.out.constData());
    sizes->kept = single(db, QStringLiteral("SELECT COUNT(*) FROM messages"), error);
    sizes->bytesAfter = databaseBytes(db, database, postgres, error);
    // What autovacuum would do by and by: mark the dead rows' space free (the files rarely shrink).
    if (postgres && exec(db, QStringLiteral("VACUUM"), error))
        sizes->bytesAfterVacuum = databaseBytes(db, database, postgres, error);
    return sizes->kept >= 0 && sizes->bytesAfter >= 0;
}

QString perMessage(qint64 bytes, qint64 messages)
{
    return messages > 0 ? QString::number(double(bytes) / double(messages), 'f', 0) : QStringLiteral("-");
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({{QStringLiteral("messages"), QStringLiteral("Messages delivered."),
                        QStringLiteral("N"), QStringLiteral("20000")}});
    parser.addHelpOption();
    parser.process(app);
    const int count = parser.value(QStringLiteral("messages")).toInt();
    if (count < 2) {
        std::fprintf(stderr, "bench_storagesize: --messages must be at least 2\n");
        return 2;
    }
    if (qEnvironmentVariableIsEmpty("INTEGRATOR_TEST_POSTGRES")) {
        std::fprintf(stderr, "bench_storagesize: INTEGRATOR_TEST_POSTGRES is not set; run tests/benchmarks/"
                             "run-messages-benchmark.sh, which starts a PostgreSQL server\n");
        return 1;
    }
    QThread endpointThread;
    auto *endpoint = new ScriptedEndpoint;
    endpoint->setRecordBodies(false);
    endpoint->moveToThread(&endpointThread);
    endpointThread.start();
    bool listening = false;
    QMetaObject::invokeMethod(
        endpoint, [&] { listening = endpoint->listen(); }, Qt::BlockingQueuedConnection);
    if (!listening)
        return 1;
    QString table = QStringLiteral(
        "| Database | Delivered | Bytes | Bytes per message | Bytes once the older half is dated back |"
        " Kept after prune | Bytes after prune | Bytes per kept message | After VACUUM |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    int status = 0;
    for (bool postgres : {false, true}) {
        Sizes sizes;
        QString error;
        if (!measure(*endpoint, postgres, count, &sizes, &error)) {
            std::fprintf(stderr, "bench_storagesize: %s\n", qUtf8Printable(error));
            status = 1;
            break;
        }
        table +=
            QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 | %9 |\n")
                .arg(postgres ? QStringLiteral("PostgreSQL") : QStringLiteral("SQLite"))
                .arg(sizes.delivered)
                .arg(sizes.bytesBefore)
                .arg(perMessage(sizes.bytesBefore, sizes.delivered))
                .arg(sizes.bytesAged)
                .arg(sizes.kept)
                .arg(sizes.bytesAfter)
                .arg(perMessage(sizes.bytesAfter, sizes.kept))
                .arg(sizes.bytesAfterVacuum < 0 ? QStringLiteral("-")
                                                : QStringLiteral("%1 (%2 per kept message)")
                                                      .arg(sizes.bytesAfterVacuum)
                                                      .arg(perMessage(sizes.bytesAfterVacuum, sizes.kept)));
    }
    std::printf("\n%s", qUtf8Printable(table));
    QMetaObject::invokeMethod(
        endpoint, [endpoint] { delete endpoint; }, Qt::BlockingQueuedConnection);
    endpointThread.quit();
    endpointThread.wait();
    return status;
}
