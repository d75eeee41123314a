#include "storage/SchemaMigrations.h"

#include "storage/Database.h"
#include "storage/UniqueKeyHash.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>

namespace {

QStringList version1(const SqlDialect &dialect)
{
    const QString id = dialect.autoIdColumn();
    return {
        QStringLiteral("CREATE TABLE endpoints (id %1, name TEXT NOT NULL UNIQUE, url TEXT NOT NULL,"
                       " options TEXT NOT NULL, created_at BIGINT NOT NULL)")
            .arg(id),
        QStringLiteral("CREATE TABLE mappings (id %1, name TEXT NOT NULL UNIQUE,"
                       " endpoint_id BIGINT NOT NULL REFERENCES endpoints(id), definition TEXT NOT NULL,"
                       " enabled INTEGER NOT NULL DEFAULT 1, created_at BIGINT NOT NULL)")
            .arg(id),
        // value is NULL for secret parameters: the keychain holds those.
        QStringLiteral("CREATE TABLE parameters (name TEXT PRIMARY KEY, type TEXT NOT NULL, value TEXT,"
                       " secret INTEGER NOT NULL DEFAULT 0, updated_at BIGINT NOT NULL)"),
        QStringLiteral("CREATE TABLE messages (id %1, message_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL,"
                       " payload TEXT NOT NULL, parent_id TEXT, hops INTEGER NOT NULL DEFAULT 0,"
                       " source TEXT NOT NULL, created_at BIGINT NOT NULL)")
            .arg(id),
        QStringLiteral("CREATE INDEX messages_type ON messages(type, id)"),
        QStringLiteral("CREATE INDEX messages_parent ON messages(parent_id)"),
        // due_at is set only while a delivery can be claimed, so the claim scans one small index.
        QStringLiteral(
            "CREATE TABLE deliveries (id %1, message_row BIGINT NOT NULL REFERENCES messages(id),"
            " mapping_id BIGINT NOT NULL REFERENCES mappings(id), endpoint_id BIGINT NOT NULL,"
            " state TEXT NOT NULL, reason TEXT, identity TEXT, attempts INTEGER NOT NULL DEFAULT 0,"
            " failures INTEGER NOT NULL DEFAULT 0, due_at BIGINT, update_url TEXT,"
            " last_status INTEGER, last_error TEXT, lease_owner TEXT, lease_until BIGINT,"
            " updated_at BIGINT NOT NULL)")
            .arg(id),
        QStringLiteral("CREATE INDEX deliveries_due ON deliveries(due_at)"),
        QStringLiteral("CREATE INDEX deliveries_message ON deliveries(message_row)"),
        QStringLiteral("CREATE INDEX deliveries_state ON deliveries(state, mapping_id)"),
        QStringLiteral(
            "CREATE TABLE identities (mapping_id BIGINT NOT NULL, identity TEXT NOT NULL,"
            " message_id TEXT NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (mapping_id, identity))"),
        QStringLiteral(
            "CREATE TABLE attempts (id %1, delivery_id BIGINT NOT NULL REFERENCES deliveries(id),"
            " kind TEXT NOT NULL, url TEXT NOT NULL, request_headers TEXT, status INTEGER,"
            " response_headers TEXT, response_body %2, response_truncated INTEGER NOT NULL DEFAULT 0,"
            " outcome TEXT NOT NULL, error TEXT, extra TEXT, started_at BIGINT NOT NULL,"
            " duration_ms INTEGER NOT NULL)")
            .arg(id, dialect.blobType()),
        QStringLiteral("CREATE INDEX attempts_delivery ON attempts(delivery_id)"),
        QStringLiteral(
            "CREATE TABLE notifications (id %1, level TEXT NOT NULL, subject TEXT NOT NULL,"
            " description TEXT NOT NULL, source TEXT NOT NULL, reference TEXT NOT NULL,"
            " occurrences INTEGER NOT NULL DEFAULT 1, first_at BIGINT NOT NULL, last_at BIGINT NOT NULL,"
            " UNIQUE (level, subject, description, source, reference))")
            .arg(id),
        QStringLiteral("CREATE INDEX notifications_last ON notifications(last_at)"),
        QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
        QStringLiteral("INSERT INTO meta (key, value) VALUES ('config_version', '1')"),
    };
}

// Stores and their pollers: bookmarks per collection, the last seen state of each record (to tell
// new from updated and to compute diffs) and the heartbeat.
QStringList version2(const SqlDialect &dialect)
{
    const QString id = dialect.autoIdColumn();
    return {
        QStringLiteral(
            "CREATE TABLE stores (id %1, name TEXT NOT NULL UNIQUE, url TEXT NOT NULL,"
            " options TEXT NOT NULL, heartbeat TEXT NOT NULL DEFAULT 'unknown',"
            " consecutive_failures INTEGER NOT NULL DEFAULT 0, last_beat_at BIGINT,"
            " last_success_at BIGINT, last_error TEXT, last_error_at BIGINT, created_at BIGINT NOT NULL)")
            .arg(id),
        QStringLiteral("CREATE TABLE store_collections (store_id BIGINT NOT NULL REFERENCES stores(id),"
                       " collection TEXT NOT NULL, bookmark_updated_at TEXT, bookmark_id BIGINT,"
                       " last_poll_at BIGINT, last_success_at BIGINT, last_error TEXT,"
                       " PRIMARY KEY (store_id, collection))"),
        QStringLiteral("CREATE TABLE store_records (store_id BIGINT NOT NULL, collection TEXT NOT NULL,"
                       " record_key TEXT NOT NULL, fingerprint TEXT NOT NULL, snapshot TEXT NOT NULL,"
                       " PRIMARY KEY (store_id, collection, record_key))"),
        QStringLiteral("CREATE TABLE heartbeats (id %1, store_id BIGINT NOT NULL, state TEXT NOT NULL,"
                       " at BIGINT NOT NULL, reason TEXT)")
            .arg(id),
        QStringLiteral("CREATE INDEX heartbeats_store ON heartbeats(store_id, at)"),
    };
}

// The dispatcher claims per endpoint (only endpoints with free slots), which this index answers
// without walking other endpoints' due rows.
QStringList version3(const SqlDialect &)
{
    return {QStringLiteral("CREATE INDEX deliveries_endpoint_due ON deliveries(endpoint_id, due_at, id)")};
}

// Removing a mapping keeps its row, because deliveries (the message history) refer to it; removed_at
// says it is gone for routing, delivery and export.
QStringList version4(const SqlDialect &)
{
    return {QStringLiteral("ALTER TABLE mappings ADD COLUMN removed_at BIGINT")};
}

// Removing an endpoint keeps its row too: removed mappings and the deliveries of the message history
// refer to it. removed_at says it is gone for delivery, the lists and export; saving an endpoint of
// that name again restores the row.
QStringList version5(const SqlDialect &)
{
    return {QStringLiteral("ALTER TABLE endpoints ADD COLUMN removed_at BIGINT")};
}

// Flow control. ordering_key holds a delivery's value of its mapping's ordering_key path (NULL when the
// mapping has none): one delivery per (mapping, key) is out at a time, in message order. endpoint_flow
// is the shared, per-endpoint state every engine obeys: paused or probing (the circuit breaker, or a
// person), the run of failed attempts that trips it, and the token bucket of rate_limit. A missing row
// means active with no failures and a full bucket.
QStringList version6(const SqlDialect &)
{
    return {
        QStringLiteral("ALTER TABLE deliveries ADD COLUMN ordering_key TEXT"),
        QStringLiteral(
            "CREATE INDEX deliveries_ordering ON deliveries(mapping_id, ordering_key, message_row)"),
        QStringLiteral("CREATE TABLE endpoint_flow (endpoint_id BIGINT PRIMARY KEY, state TEXT NOT NULL "
                       "DEFAULT 'active',"
                       " paused_reason TEXT, paused_by TEXT, paused_at BIGINT,"
                       " consecutive_failures INTEGER NOT NULL DEFAULT 0, probe_interval_ms BIGINT, "
                       "next_probe_at BIGINT,"
                       " tokens DOUBLE PRECISION, tokens_at BIGINT)"),
    };
}

// Reads of the recent past (`integrator endpoints`: each endpoint's attempts of the last hour; the
// dashboard's attempts of the last day) find them by time instead of scanning every attempt ever made.
QStringList version7(const SqlDialect &)
{
    return {QStringLiteral("CREATE INDEX attempts_started ON attempts(started_at)")};
}

// Secrets sealed with the master key (XChaCha20-Poly1305, the scope as associated data), so they travel
// with the database to every engine that has the key; key_id says which key sealed each one, and
// meta's 'secrets_key_id' the key of the whole database. secrets_wait on endpoint_flow is the one line an
// engine without that key leaves on the endpoints it cannot serve, for `show` and the control panel.
QStringList version8(const SqlDialect &)
{
    return {
        QStringLiteral("CREATE TABLE sealed_secrets (scope TEXT PRIMARY KEY, key_id TEXT NOT NULL,"
                       " sealed TEXT NOT NULL, updated_at BIGINT NOT NULL)"),
        QStringLiteral("ALTER TABLE endpoint_flow ADD COLUMN secrets_wait TEXT"),
    };
}

// Retention (RetentionPruner): a pruned message takes its identifiers, found by message_id; response bodies
// go oldest first along an index of only the attempts that still have one, so the bodies already cleared
// are never walked again.
QStringList version9(const SqlDialect &)
{
    return {
        QStringLiteral("CREATE INDEX identities_message ON identities(message_id)"),
        QStringLiteral("CREATE INDEX attempts_body_started ON attempts(started_at, id)"
                       " WHERE response_body IS NOT NULL"),
    };
}

bool execAll(const Database &db, const QStringList &statements, QString *error)
{
    for (const QString &sql : statements) {
        QSqlQuery query(db.connection());
        if (!query.exec(sql)) {
            *error = query.lastError().text();
            return false;
        }
    }
    return true;
}

// Copies every row of a query into a prepared INSERT, adding the UniqueKeyHash of the columns
// keyColumns names as the last value.
bool copyWithKeyHash(const Database &db, const QString &select, const QString &insert,
                     const QList<int> &keyColumns, QString *error)
{
    QSqlQuery rows(db.connection());
    QSqlQuery copy(db.connection());
    if (!rows.exec(select)) {
        *error = rows.lastError().text();
        return false;
    }
    if (!copy.prepare(insert)) {
        *error = copy.lastError().text();
        return false;
    }
    const int columns = rows.record().count();
    while (rows.next()) {
        QStringList key;
        for (int column : keyColumns)
            key << rows.value(column).toString();
        for (int column = 0; column < columns; ++column)
            copy.bindValue(column, rows.value(column));
        copy.bindValue(columns, UniqueKeyHash::of(key));
        if (!copy.exec()) {
            *error = copy.lastError().text();
            return false;
        }
    }
    return true;
}

// Notifications were unique by their whole text and identities by their identifier values (JSON of any
// length). On PostgreSQL an entry past the btree limit (about 2,700 bytes: a long description, a long
// identifier value) failed its INSERT, and the dispatcher stopped again on the same answer after every
// restart. Both tables are rebuilt with a SHA-256 key (UniqueKeyHash) as their unique index; the text
// stays, unindexed. The hashes are computed here because SQLite has no sha256 function. Notification ids
// are given anew, in the same order, so that each dialect's id sequence stays right.
bool version10(const Database &db, QString *error)
{
    const QStringList tables = {
        QStringLiteral("CREATE TABLE notifications_v10 (id %1, level TEXT NOT NULL, subject TEXT NOT NULL,"
                       " description TEXT NOT NULL, source TEXT NOT NULL, reference TEXT NOT NULL,"
                       " occurrences INTEGER NOT NULL DEFAULT 1, first_at BIGINT NOT NULL,"
                       " last_at BIGINT NOT NULL, key_hash TEXT NOT NULL)")
            .arg(db.dialect().autoIdColumn()),
        QStringLiteral("CREATE TABLE identities_v10 (mapping_id BIGINT NOT NULL, identity TEXT NOT NULL,"
                       " message_id TEXT NOT NULL, created_at BIGINT NOT NULL, identity_hash TEXT NOT NULL)"),
    };
    const QStringList swap = {
        QStringLiteral("DROP TABLE notifications"),
        QStringLiteral("ALTER TABLE notifications_v10 RENAME TO notifications"),
        QStringLiteral("CREATE INDEX notifications_last ON notifications(last_at)"),
        QStringLiteral("CREATE UNIQUE INDEX notifications_key ON notifications(key_hash)"),
        QStringLiteral("DROP TABLE identities"),
        QStringLiteral("ALTER TABLE identities_v10 RENAME TO identities"),
        QStringLiteral("CREATE UNIQUE INDEX identities_key ON identities(mapping_id, identity_hash)"),
        QStringLiteral(
            "CREATE INDEX identities_message ON identities(message_id)"), // version9's, for retention
    };
    return execAll(db, tables, error) &&
           copyWithKeyHash(
               db,
               QStringLiteral("SELECT level, subject, description, source, reference, occurrences,"
                              " first_at, last_at FROM notifications ORDER BY id"),
               QStringLiteral("INSERT INTO notifications_v10 (level, subject, description, source,"
                              " reference, occurrences, first_at, last_at, key_hash)"
                              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
               {0, 1, 2, 3, 4}, error) &&
           copyWithKeyHash(
               db, QStringLiteral("SELECT mapping_id, identity, message_id, created_at FROM identities"),
               QStringLiteral("INSERT INTO identities_v10 (mapping_id, identity, message_id,"
                              " created_at, identity_hash) VALUES (?, ?, ?, ?, ?)"),
               {1}, error) &&
           execAll(db, swap, error);
}

// Erasure (MessageEraser): erased_at says when a person's data left the message; its payload is then an
// empty object, and the rest of its history (deliveries' states, attempts' times and statuses) stays.
QStringList version11(const SqlDialect &)
{
    return {QStringLiteral("ALTER TABLE messages ADD COLUMN erased_at BIGINT")};
}

// The Dashboard's endpoint health: per endpoint and minute (the recording time, floored to the minute, in
// ms), the attempts recorded by the state they left their delivery in and their durations counted in the
// 15 buckets of LatencyBuckets (latency_0 up to 5 ms ... latency_13 up to 180 s, latency_14 above). The
// dispatcher upserts it in the transaction that records the attempts, so reading an hour or a day costs
// O(endpoints x minutes), never O(attempts). The minute leads the key: the reads and the pruning of old
// minutes are ranges of it.
QStringList version12(const SqlDialect &)
{
    QStringList latency;
    for (int bucket = 0; bucket < 15; ++bucket)
        latency << QStringLiteral("latency_%1 BIGINT NOT NULL DEFAULT 0").arg(bucket);
    return {
        QStringLiteral("CREATE TABLE endpoint_minutes (minute BIGINT NOT NULL, endpoint_id BIGINT NOT NULL,"
                       " delivered BIGINT NOT NULL DEFAULT 0, waiting BIGINT NOT NULL DEFAULT 0,"
                       " retrying BIGINT NOT NULL DEFAULT 0, parked BIGINT NOT NULL DEFAULT 0, %1,"
                       " PRIMARY KEY (minute, endpoint_id))")
            .arg(latency.join(QStringLiteral(", ")))};
}

// Store APIs whose ids cannot be ordered (the Admin API v3's prefixed "or_…" ids): the bookmark keeps, as a
// JSON array, the ids of the records already turned into messages at bookmark_updated_at, so records that
// share it across a page boundary are neither missed nor repeated. NULL for API v1, which orders by id.
QStringList version13(const SqlDialect &)
{
    return {QStringLiteral("ALTER TABLE store_collections ADD COLUMN bookmark_seen TEXT")};
}

// What arrives by push without an id of Integrator's own, remembered so that it counts once per store:
// Spree's webhook events by their event id (a replay creates nothing), and the objects hub-era clients
// push ({"orders": [...]}) by type and id (the first sight is :new, later ones :updated). The primary keys
// are what makes "at most once" hold across concurrent requests and workers.
QStringList version14(const SqlDialect &)
{
    return {QStringLiteral("CREATE TABLE spree_webhook_events (store TEXT NOT NULL, event_id TEXT NOT NULL,"
                           " message_id TEXT NOT NULL, received_at BIGINT NOT NULL,"
                           " PRIMARY KEY (store, event_id))"),
            QStringLiteral("CREATE TABLE pushed_objects (store TEXT NOT NULL, type TEXT NOT NULL,"
                           " object_id TEXT NOT NULL, first_seen_at BIGINT NOT NULL,"
                           " PRIMARY KEY (store, type, object_id))")};
}

// The retention deletes a Spree webhook's event id with its message (RetentionPruner), by message_id.
QStringList version15(const SqlDialect &)
{
    return {QStringLiteral("CREATE INDEX spree_webhook_events_message ON spree_webhook_events(message_id)")};
}

// Steps up to version 9 are plain SQL; later ones may need code (version10 computes hashes).
template<QStringList (*statements)(const SqlDialect &)> bool sqlStep(const Database &db, QString *error)
{
    return execAll(db, statements(db.dialect()), error);
}

using Step = bool (*)(const Database &, QString *);
const Step kSteps[] = {sqlStep<version1>,  sqlStep<version2>,  sqlStep<version3>,  sqlStep<version4>,
                       sqlStep<version5>,  sqlStep<version6>,  sqlStep<version7>,  sqlStep<version8>,
                       sqlStep<version9>,  version10,          sqlStep<version11>, sqlStep<version12>,
                       sqlStep<version13>, sqlStep<version14>, sqlStep<version15>};

int currentVersion(const Database &db, QString *error)
{
    QSqlQuery query(db.connection());
    const QString lock = db.dialect().migrationLockStatement();
    if ((!lock.isEmpty() && !query.exec(lock)) ||
        !query.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")) ||
        !query.exec(QStringLiteral("SELECT MAX(version) FROM schema_version"))) {
        *error = query.lastError().text();
        return -1;
    }
    return query.next() ? query.value(0).toInt() : 0;
}

} // namespace

int SchemaMigrations::latestVersion()
{
    return int(std::size(kSteps));
}

bool SchemaMigrations::apply(const Database &db, QString *error)
{
    for (;;) {
        // The version is read again inside the write lock: another process may have migrated meanwhile.
        WriteTransaction transaction(db);
        if (!transaction.begin(error))
            return false;
        const int current = currentVersion(db, error);
        if (current < 0)
            return false;
        if (current > latestVersion()) {
            *error = QStringLiteral("the database has schema version %1, newer than this program's %2; "
                                    "upgrade Integrator")
                         .arg(current)
                         .arg(latestVersion());
            return false;
        }
        if (current == latestVersion())
            return transaction.commit(error);
        const int version = current + 1;
        QString reason;
        if (!kSteps[version - 1](db, &reason) ||
            !execAll(db, {QStringLiteral("INSERT INTO schema_version (version) VALUES (%1)").arg(version)},
                     &reason)) {
            *error = QStringLiteral("migration to schema %1 failed: %2").arg(version).arg(reason);
            return false;
        }
        if (!transaction.commit(error))
            return false;
    }
}
