#include "config/ConfigFile.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "storage/MessageQuery.h"
#include "storage/MessageRepository.h"
#include "storage/NotificationLog.h"
#include "storage/SchemaMigrations.h"

#include "TestDatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <tuple>

class TestSchemaMigrations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void freshDatabaseIsAtLatestVersion();
    void reopeningDoesNotMigrateAgain();
    void databaseFromNewerProgramIsRefused();
    void sqliteRunsInWalMode();
    void version4KeepsExistingMappings();
    void version5KeepsExistingEndpoints();
    void removedEndpointIsNotLoadedButKeepsItsHistory();
    void removedMappingIsNotRoutedButKeepsItsHistory();
    void savingARemovedMappingRestoresIt();
    void renameKeepsTheRowAndRefusesATakenName();
    void version10KeepsNotificationsAndIdentities();
};

namespace {
int versionRows(const Database &db)
{
    QSqlQuery query(db.connection());
    query.exec(QStringLiteral("SELECT COUNT(*), MAX(version) FROM schema_version"));
    return query.next() ? query.value(0).toInt() : -1;
}
// An endpoint and one mapping of order:new to it, saved through the repository as the CLI would.
bool seedMapping(const Database &db, const QString &name, Mapping *mapping, QString *error)
{
    ConfigRepository repository(db);
    Endpoint endpoint;
    endpoint.name = QStringLiteral("mailer");
    endpoint.url = QUrl(QStringLiteral("http://127.0.0.1:9"));
    mapping->name = name;
    mapping->path = QStringLiteral("/order_confirmation");
    mapping->messages = {QStringLiteral("order:new")};
    WriteTransaction transaction(db);
    if (!transaction.begin(error) || !repository.saveEndpoint(&endpoint, error))
        return false;
    mapping->endpointId = endpoint.id;
    mapping->endpoint = endpoint.name;
    return repository.saveMapping(mapping, error) && transaction.commit(error);
}

// The deliveries the message got, as "mapping state" lines.
QStringList deliveriesOf(const Database &db, const QString &messageId)
{
    QJsonObject shown;
    QString error;
    if (!MessageQuery(db).show(messageId, &shown, &error))
        return {error};
    QStringList lines;
    for (const QJsonValue &delivery : shown.value(QStringLiteral("deliveries")).toArray())
        lines << delivery[QStringLiteral("mapping")].toString() + u' ' +
                     delivery[QStringLiteral("state")].toString();
    return lines;
}

QString acceptOrderNew(const Database &db)
{
    Message message;
    QString error;
    Message::fromJson(QJsonObject{{QStringLiteral("message"), QStringLiteral("order:new")},
                                  {QStringLiteral("payload"), QJsonObject{}}},
                      &message, &error);
    QStringList accepted;
    if (!MessageRepository(db).accept({message}, QStringLiteral("test"), &accepted, &error))
        return error;
    return accepted.value(0);
}

// The notifications and identities tables as schemas before 10 had them (version10 rebuilt both), empty.
bool restoreUnhashedTables(const Database &db, QString *error)
{
    const QStringList statements = {
        QStringLiteral("DROP TABLE notifications"),
        QStringLiteral("DROP TABLE identities"),
        QStringLiteral(
            "CREATE TABLE identities (mapping_id BIGINT NOT NULL, identity TEXT NOT NULL,"
            " message_id TEXT NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (mapping_id, identity))"),
        QStringLiteral(
            "CREATE TABLE notifications (id %1, level TEXT NOT NULL, subject TEXT NOT NULL,"
            " description TEXT NOT NULL, source TEXT NOT NULL, reference TEXT NOT NULL,"
            " occurrences INTEGER NOT NULL DEFAULT 1, first_at BIGINT NOT NULL, last_at BIGINT NOT NULL,"
            " UNIQUE (level, subject, description, source, reference))")
            .arg(db.dialect().autoIdColumn()),
        QStringLiteral("CREATE INDEX notifications_last ON notifications(last_at)"),
    };
    for (const QString &sql : statements) {
        QSqlQuery query(db.connection());
        if (!query.exec(sql)) {
            *error = sql + QStringLiteral(": ") + query.lastError().text();
            return false;
        }
    }
    return true;
}

bool inTransaction(const Database &db, const std::function<bool(QString *)> &write, QString *error)
{
    WriteTransaction transaction(db);
    return transaction.begin(error) && write(error) && transaction.commit(error);
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
                              "attempts", "notifications", "meta", "spree_webhook_events", "pushed_objects"})
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

void TestSchemaMigrations::version4KeepsExistingMappings()
{
    QTemporaryDir dir;
    const DatabaseLocation location = DatabaseLocation::sqlite(dir.filePath(QStringLiteral("e.sqlite")));
    QString error;
    {
        // A version 3 database with a mapping: the columns and the version rows taken away again.
        Database db(location, QStringLiteral("v3"));
        QVERIFY2(db.open(&error), qPrintable(error));
        Mapping mapping;
        QVERIFY2(seedMapping(db, QStringLiteral("confirmation"), &mapping, &error), qPrintable(error));
        QSqlQuery query(db.connection());
        QVERIFY(query.exec(QStringLiteral("DROP TABLE sealed_secrets")));
        QVERIFY(query.exec(QStringLiteral("DROP INDEX identities_message")));
        QVERIFY(query.exec(QStringLiteral("DROP INDEX attempts_body_started")));
        QVERIFY(query.exec(QStringLiteral("DROP INDEX attempts_started")));
        QVERIFY(query.exec(QStringLiteral("DROP INDEX deliveries_ordering")));
        QVERIFY(query.exec(QStringLiteral("ALTER TABLE deliveries DROP COLUMN ordering_key")));
        QVERIFY(query.exec(QStringLiteral("DROP TABLE endpoint_flow")));
        QVERIFY(query.exec(QStringLiteral("ALTER TABLE mappings DROP COLUMN removed_at")));
        QVERIFY(query.exec(QStringLiteral("ALTER TABLE endpoints DROP COLUMN removed_at")));
        QVERIFY2(restoreUnhashedTables(db, &error), qPrintable(error));
        QVERIFY(query.exec(QStringLiteral("ALTER TABLE messages DROP COLUMN erased_at"))); // version 11
        QVERIFY(query.exec(QStringLiteral("DROP TABLE endpoint_minutes")));                // schema 12
        QVERIFY(query.exec(QStringLiteral("DROP TABLE spree_webhook_events")));            // schema 14
        QVERIFY(query.exec(QStringLiteral("DROP TABLE pushed_objects")));                  // schema 14
        QVERIFY(query.exec(QStringLiteral("ALTER TABLE store_collections DROP COLUMN bookmark_seen"))); // 13
        QVERIFY(query.exec(QStringLiteral("DELETE FROM schema_version WHERE version >= 4")));
    }
    Database db(location, QStringLiteral("v4"));
    QVERIFY2(db.open(&error), qPrintable(error));
    QSqlQuery query(db.connection());
    QVERIFY(query.exec(QStringLiteral("SELECT name, removed_at FROM mappings")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("confirmation"));
    QVERIFY(query.value(1).isNull());
    QList<Mapping> mappings;
    QVERIFY2(ConfigRepository(db).loadMappings(&mappings, &error), qPrintable(error));
    QCOMPARE(mappings.size(), 1);
}

void TestSchemaMigrations::version5KeepsExistingEndpoints()
{
    QTemporaryDir dir;
    const DatabaseLocation location = DatabaseLocation::sqlite(dir.filePath(QStringLiteral("v5.sqlite")));
    QString error;
    QString message;
    {
        // A version 4 database with an endpoint, a mapping and a delivery.
        Database db(location, QStringLiteral("v4"));
        QVERIFY2(db.open(&error), qPrintable(error));
        Mapping mapping;
        QVERIFY2(seedMapping(db, QStringLiteral("confirmation"), &mapping, &error), qPrintable(error));
        message = acceptOrderNew(db);
        QSqlQuery query(db.connection());
        QVERIFY(query.exec(QStringLiteral("DROP TABLE sealed_secrets")));
        QVERIFY(query.exec(QStringLiteral("DROP INDEX identities_message")));
        QVERIFY(query.exec(QStringLiteral("DROP INDEX attempts_body_started")));
        QVERIFY(query.exec(QStringLiteral("DROP INDEX attempts_started")));
        QVERIFY(query.exec(QStringLiteral("DROP INDEX deliveries_ordering")));
        QVERIFY(query.exec(QStringLiteral("ALTER TABLE deliveries DROP COLUMN ordering_key")));
        QVERIFY(query.exec(QStringLiteral("DROP TABLE endpoint_flow")));
        QVERIFY(query.exec(QStringLiteral("ALTER TABLE endpoints DROP COLUMN removed_at")));
        QVERIFY2(restoreUnhashedTables(db, &error), qPrintable(error));
        QVERIFY(query.exec(QStringLiteral("ALTER TABLE messages DROP COLUMN erased_at"))); // version 11
        QVERIFY(query.exec(QStringLiteral("DROP TABLE endpoint_minutes")));                // schema 12
        QVERIFY(query.exec(QStringLiteral("DROP TABLE spree_webhook_events")));            // schema 14
        QVERIFY(query.exec(QStringLiteral("DROP TABLE pushed_objects")));                  // schema 14
        QVERIFY(query.exec(QStringLiteral("ALTER TABLE store_collections DROP COLUMN bookmark_seen"))); // 13
        QVERIFY(query.exec(QStringLiteral("DELETE FROM schema_version WHERE version >= 5")));
    }
    Database db(location, QStringLiteral("v5"));
    QVERIFY2(db.open(&error), qPrintable(error));
    QCOMPARE(versionRows(db), SchemaMigrations::latestVersion());
    QSqlQuery query(db.connection());
    QVERIFY(query.exec(QStringLiteral("SELECT name, removed_at FROM endpoints")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), QStringLiteral("mailer"));
    QVERIFY(query.value(1).isNull());
    QList<Endpoint> endpoints;
    QVERIFY2(ConfigRepository(db).loadEndpoints(&endpoints, &error), qPrintable(error));
    QCOMPARE(endpoints.size(), 1);
    QCOMPARE(deliveriesOf(db, message), QStringList{QStringLiteral("confirmation pending")});
}

void TestSchemaMigrations::removedEndpointIsNotLoadedButKeepsItsHistory()
{
    QTemporaryDir dir;
    Database db(DatabaseLocation::sqlite(dir.filePath(QStringLiteral("r.sqlite"))), QStringLiteral("r"));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    Mapping mapping;
    QVERIFY2(seedMapping(db, QStringLiteral("confirmation"), &mapping, &error), qPrintable(error));
    const QString message = acceptOrderNew(db);
    ConfigRepository repository(db);
    const auto removeEndpoint = [&](QString *e) {
        return repository.removeEndpoint(QStringLiteral("mailer"), e);
    };
    QVERIFY(!inTransaction(db, removeEndpoint, &error));
    QCOMPARE(error,
             QStringLiteral("endpoint \"mailer\" is used by mapping \"confirmation\"; remove or move it "
                            "first"));
    QVERIFY2(inTransaction(
                 db, [&](QString *e) { return repository.removeMapping(QStringLiteral("confirmation"), e); },
                 &error),
             qPrintable(error));
    qint64 versionBefore = 0, versionAfter = 0;
    QVERIFY(repository.version(&versionBefore, &error));
    QVERIFY2(inTransaction(db, removeEndpoint, &error), qPrintable(error));
    QVERIFY(repository.version(&versionAfter, &error));
    QVERIFY(versionAfter > versionBefore); // running engines drop it

    QList<Endpoint> endpoints;
    QVERIFY2(repository.loadEndpoints(&endpoints, &error), qPrintable(error));
    QVERIFY(endpoints.isEmpty());
    QByteArray exported;
    QVERIFY2(ConfigFile::exportTo(db, &exported, &error), qPrintable(error));
    QCOMPARE(QJsonDocument::fromJson(exported)[QStringLiteral("endpoints")].toArray().size(), 0);
    QJsonObject shown;
    QVERIFY2(MessageQuery(db).show(message, &shown, &error), qPrintable(error));
    const QJsonObject delivery = shown[QStringLiteral("deliveries")][0].toObject();
    QCOMPARE(delivery[QStringLiteral("endpoint")].toString(), QStringLiteral("mailer"));
    QCOMPARE(delivery[QStringLiteral("state")].toString(), QStringLiteral("archived"));
    QCOMPARE(delivery[QStringLiteral("reason")].toString(), ConfigRepository::kRemovedReason);

    // Restoring the mapping needs its endpoint back first; then its delivery is sent again.
    Mapping again = mapping;
    QVERIFY(!inTransaction(
        db, [&](QString *e) { return repository.saveMapping(&again, e); }, &error));
    QVERIFY2(error.contains(QStringLiteral("endpoint \"mailer\" was removed")), qPrintable(error));
    Endpoint endpoint;
    endpoint.name = QStringLiteral("mailer");
    endpoint.url = QUrl(QStringLiteral("http://127.0.0.1:10"));
    QVERIFY2(inTransaction(
                 db, [&](QString *e) { return repository.saveEndpoint(&endpoint, e); }, &error),
             qPrintable(error));
    QCOMPARE(endpoint.id, mapping.endpointId); // the same row
    QVERIFY2(inTransaction(
                 db, [&](QString *e) { return repository.saveMapping(&again, e); }, &error),
             qPrintable(error));
    QCOMPARE(deliveriesOf(db, message), QStringList{QStringLiteral("confirmation pending")});
}

void TestSchemaMigrations::removedMappingIsNotRoutedButKeepsItsHistory()
{
    QTemporaryDir dir;
    Database db(DatabaseLocation::sqlite(dir.filePath(QStringLiteral("f.sqlite"))), QStringLiteral("f"));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    Mapping mapping;
    QVERIFY2(seedMapping(db, QStringLiteral("confirmation"), &mapping, &error), qPrintable(error));
    const QString before = acceptOrderNew(db);
    QCOMPARE(deliveriesOf(db, before), QStringList{QStringLiteral("confirmation pending")});
    qint64 versionBefore = 0, versionAfter = 0;
    ConfigRepository repository(db);
    QVERIFY(repository.version(&versionBefore, &error));

    QVERIFY2(inTransaction(
                 db, [&](QString *e) { return repository.removeMapping(QStringLiteral("confirmation"), e); },
                 &error),
             qPrintable(error));

    QVERIFY(repository.version(&versionAfter, &error));
    QVERIFY(versionAfter > versionBefore);
    QList<Mapping> mappings;
    QVERIFY2(repository.loadMappings(&mappings, &error), qPrintable(error));
    QVERIFY(mappings.isEmpty());
    // The history keeps the mapping's name; its unsent delivery is archived, not left for nobody.
    QCOMPARE(deliveriesOf(db, before), QStringList{QStringLiteral("confirmation archived")});
    const QString after = acceptOrderNew(db);
    QCOMPARE(deliveriesOf(db, after), QStringList{});
    QByteArray exported;
    QVERIFY2(ConfigFile::exportTo(db, &exported, &error), qPrintable(error));
    QCOMPARE(QJsonDocument::fromJson(exported)[QStringLiteral("mappings")].toArray().size(), 0);
    QVERIFY(!inTransaction(
        db, [&](QString *e) { return repository.removeMapping(QStringLiteral("confirmation"), e); }, &error));
    QVERIFY2(error.contains(QStringLiteral("no mapping named")), qPrintable(error));
}

void TestSchemaMigrations::savingARemovedMappingRestoresIt()
{
    QTemporaryDir dir;
    Database db(DatabaseLocation::sqlite(dir.filePath(QStringLiteral("g.sqlite"))), QStringLiteral("g"));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    Mapping mapping;
    QVERIFY2(seedMapping(db, QStringLiteral("confirmation"), &mapping, &error), qPrintable(error));
    const QString message = acceptOrderNew(db);
    ConfigRepository repository(db);
    QVERIFY2(inTransaction(
                 db, [&](QString *e) { return repository.removeMapping(QStringLiteral("confirmation"), e); },
                 &error),
             qPrintable(error));

    // Saved again by name, as an import or a re-created mapping does: the same row comes back.
    Mapping again = mapping;
    again.id = 0;
    QVERIFY2(inTransaction(
                 db, [&](QString *e) { return repository.saveMapping(&again, e); }, &error),
             qPrintable(error));
    QCOMPARE(again.id, mapping.id);
    QList<Mapping> mappings;
    QVERIFY2(repository.loadMappings(&mappings, &error), qPrintable(error));
    QCOMPARE(mappings.size(), 1);
    QCOMPARE(deliveriesOf(db, message), QStringList{QStringLiteral("confirmation pending")});
    QCOMPARE(deliveriesOf(db, acceptOrderNew(db)), QStringList{QStringLiteral("confirmation pending")});
}

void TestSchemaMigrations::renameKeepsTheRowAndRefusesATakenName()
{
    QTemporaryDir dir;
    Database db(DatabaseLocation::sqlite(dir.filePath(QStringLiteral("h.sqlite"))), QStringLiteral("h"));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    Mapping first, second;
    QVERIFY2(seedMapping(db, QStringLiteral("first"), &first, &error), qPrintable(error));
    QVERIFY2(seedMapping(db, QStringLiteral("second"), &second, &error), qPrintable(error));
    const QString message = acceptOrderNew(db);
    ConfigRepository repository(db);

    Mapping renamed = first;
    renamed.name = QStringLiteral("renamed");
    QVERIFY2(inTransaction(
                 db, [&](QString *e) { return repository.saveMapping(&renamed, e); }, &error),
             qPrintable(error));
    QCOMPARE(renamed.id, first.id);
    QCOMPARE(deliveriesOf(db, message),
             (QStringList{QStringLiteral("renamed pending"), QStringLiteral("second pending")}));

    renamed.name = QStringLiteral("second");
    QVERIFY(!inTransaction(
        db, [&](QString *e) { return repository.saveMapping(&renamed, e); }, &error));
    QVERIFY2(error.contains(QStringLiteral("another mapping is named \"second\"")), qPrintable(error));
}

// Rows written before schema 10 keep their text and occurrences, and stay unique under the hashed keys:
// the same notification counts again, the same identifier values are still a duplicate. Runs on
// PostgreSQL too, where the tables are rebuilt under their sequences and index names.
void TestSchemaMigrations::version10KeepsNotificationsAndIdentities()
{
    TestDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.error()));
    QString error;
    QString first;
    Notification kept;
    kept.level = QStringLiteral("warn");
    kept.subject = QStringLiteral("Slow answer");
    kept.description = QStringLiteral("took 9 s");
    kept.source = QStringLiteral("confirmation");
    kept.reference = QStringLiteral("m1");
    {
        Database db(database.location(), QStringLiteral("v9"));
        QVERIFY2(db.open(&error), qPrintable(error));
        Mapping mapping;
        mapping.identifiers = {{QStringLiteral("number"), QStringLiteral("payload.number")}};
        QVERIFY2(seedMapping(db, QStringLiteral("confirmation"), &mapping, &error), qPrintable(error));
        first = acceptOrderNew(db);
        QSqlQuery identities(db.connection());
        QVERIFY(identities.exec(
            QStringLiteral("SELECT mapping_id, identity, message_id, created_at FROM identities")));
        QVERIFY(identities.next());
        const QVariantList identity = {identities.value(0), identities.value(1), identities.value(2),
                                       identities.value(3)};
        QVERIFY(!identities.next());
        identities.finish();

        QVERIFY2(restoreUnhashedTables(db, &error), qPrintable(error));
        QSqlQuery query(db.connection());
        QVERIFY(query.prepare(QStringLiteral("INSERT INTO identities (mapping_id, identity, message_id,"
                                             " created_at) VALUES (?, ?, ?, ?)")));
        for (int i = 0; i < identity.size(); ++i)
            query.bindValue(i, identity.at(i));
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        QVERIFY(query.prepare(QStringLiteral(
            "INSERT INTO notifications (level, subject, description, source, reference, occurrences,"
            " first_at, last_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")));
        for (const auto &[description, occurrences, at] :
             {std::tuple{kept.description, 3, 1000}, std::tuple{QStringLiteral("took 12 s"), 1, 2000}}) {
            const QVariantList values = {kept.level,     kept.subject, description, kept.source,
                                         kept.reference, occurrences,  at,          at};
            for (int i = 0; i < values.size(); ++i)
                query.bindValue(i, values.at(i));
            QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        }
        QVERIFY(query.exec(QStringLiteral("ALTER TABLE messages DROP COLUMN erased_at"))); // version 11
        QVERIFY(query.exec(QStringLiteral("DROP TABLE endpoint_minutes")));                // schema 12
        QVERIFY(query.exec(QStringLiteral("DROP TABLE spree_webhook_events")));            // schema 14
        QVERIFY(query.exec(QStringLiteral("DROP TABLE pushed_objects")));                  // schema 14
        QVERIFY(query.exec(QStringLiteral("ALTER TABLE store_collections DROP COLUMN bookmark_seen"))); // 13
        QVERIFY(query.exec(QStringLiteral("DELETE FROM schema_version WHERE version >= 10")));
    }
    Database db(database.location(), QStringLiteral("v10"));
    QVERIFY2(db.open(&error), qPrintable(error));
    QCOMPARE(versionRows(db), SchemaMigrations::latestVersion());

    NotificationLog log(db);
    QList<Notification> listed;
    QVERIFY2(log.list({}, {}, 10, &listed, &error), qPrintable(error));
    QCOMPARE(listed.size(), 2);
    QCOMPARE(listed[0].description, QStringLiteral("took 12 s"));
    QCOMPARE(listed[1].description, kept.description);
    QCOMPARE(listed[1].occurrences, 3);
    kept.lastAtMs = 3000;
    QVERIFY2(log.record(kept, &error), qPrintable(error));
    listed.clear();
    QVERIFY2(log.list({}, {}, 10, &listed, &error), qPrintable(error));
    QCOMPARE(listed.size(), 2);
    QCOMPARE(listed[0].description, kept.description);
    QCOMPARE(listed[0].occurrences, 4);
    QCOMPARE(listed[0].firstAtMs, 1000);

    const QString again = acceptOrderNew(db); // the same (missing) identifier value as the first
    QCOMPARE(deliveriesOf(db, again), QStringList{QStringLiteral("confirmation skipped")});
    QJsonObject shown;
    QVERIFY2(MessageQuery(db).show(again, &shown, &error), qPrintable(error));
    QVERIFY2(shown[QStringLiteral("deliveries")][0][QStringLiteral("reason")].toString().contains(first),
             QJsonDocument(shown).toJson().constData());

    // Version 11 gave the messages from before it erased_at, and none of them is erased.
    QVERIFY2(MessageQuery(db).show(first, &shown, &error), qPrintable(error));
    QVERIFY(shown.contains(QStringLiteral("erased_at")));
    QVERIFY(shown[QStringLiteral("erased_at")].isNull());
}

QTEST_GUILESS_MAIN(TestSchemaMigrations)
#include "tst_schemamigrations.moc"
