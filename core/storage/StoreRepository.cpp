#include "storage/StoreRepository.h"

#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "utils/Timestamps.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>

namespace {

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QVariant optionalMs(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant();
}

std::optional<qint64> readMs(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

// API v1's numeric id, or the last of the opaque ids handled at the bookmark's time.
QJsonValue bookmarkId(const QVariant &numeric, const QVariant &seen)
{
    const QJsonArray ids = QJsonDocument::fromJson(seen.toByteArray()).array();
    return ids.isEmpty() ? QJsonValue(numeric.toLongLong()) : ids.last();
}

} // namespace

bool Bookmark::covers(qint64 recordUpdatedAtMs, qint64 recordId) const
{
    if (!isSet())
        return false;
    return recordUpdatedAtMs < updatedAtMs || (recordUpdatedAtMs == updatedAtMs && recordId <= id);
}

bool Bookmark::covers(qint64 recordUpdatedAtMs, const QString &opaqueId) const
{
    if (!isSet())
        return false;
    return recordUpdatedAtMs < updatedAtMs ||
           (recordUpdatedAtMs == updatedAtMs && seenIds.contains(opaqueId));
}

StoreRepository::StoreRepository(const Database &db)
    : db_(db)
{}

bool StoreRepository::loadStores(QList<Store> *out, QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral("SELECT id, name, url, options FROM stores ORDER BY name"));
    if (!db_.exec(query, error))
        return false;
    while (query.next()) {
        Store store;
        store.id = query.value(0).toLongLong();
        store.name = query.value(1).toString();
        store.url = QUrl(query.value(2).toString());
        store.applyOptions(QJsonDocument::fromJson(query.value(3).toString().toUtf8()).object());
        out->append(store);
    }
    return true;
}

bool StoreRepository::saveStore(Store *store, QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral(
        "INSERT INTO stores (name, url, options, created_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (name) DO UPDATE SET url = excluded.url, options = excluded.options RETURNING id"));
    query.bindValue(0, store->name);
    query.bindValue(1, store->url.toString());
    query.bindValue(2, compact(store->optionsJson()));
    query.bindValue(3, Database::nowMs());
    if (!db_.exec(query, error) || !query.next())
        return false;
    store->id = query.value(0).toLongLong();
    query.finish();
    return ConfigRepository(db_).bumpVersion(error);
}

// The store's row goes, and with it everything polling kept about it: bookmarks, record snapshots and
// the heartbeat history. A store added again under the same name is a new row, polled from the start
// like any new store, rather than resuming from a bookmark (and diffing against snapshots) that may be
// long stale or belong to another storefront. The messages it produced stay: they name it only as
// their source ("store:NAME"), and their deliveries do not depend on it.
bool StoreRepository::removeStore(const QString &name, QString *error) const
{
    // The lock the pollers take per store: an engine still polling it finishes (and commits) first.
    const QString lock = db_.dialect().transactionLockStatement();
    if (!lock.isEmpty()) {
        QSqlQuery query = db_.prepare(lock);
        query.bindValue(0, QStringLiteral("integrator-store-") + name);
        if (!db_.exec(query, error))
            return false;
    }
    QSqlQuery find = db_.prepare(QStringLiteral("SELECT id FROM stores WHERE name = ?"));
    find.bindValue(0, name);
    if (!db_.exec(find, error))
        return false;
    if (!find.next()) {
        *error = QStringLiteral("no store named \"%1\"").arg(name);
        return false;
    }
    const qint64 id = find.value(0).toLongLong();
    find.finish();
    for (const char *table : {"store_records", "store_collections", "heartbeats"}) {
        QSqlQuery query =
            db_.prepare(QStringLiteral("DELETE FROM %1 WHERE store_id = ?").arg(QLatin1String(table)));
        query.bindValue(0, id);
        if (!db_.exec(query, error))
            return false;
    }
    QSqlQuery remove = db_.prepare(QStringLiteral("DELETE FROM stores WHERE id = ?"));
    remove.bindValue(0, id);
    return db_.exec(remove, error) && ConfigRepository(db_).bumpVersion(error);
}

bool StoreRepository::exists(qint64 storeId, bool *out, QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral("SELECT 1 FROM stores WHERE id = ?"));
    query.bindValue(0, storeId);
    if (!db_.exec(query, error))
        return false;
    *out = query.next();
    return true;
}

bool StoreRepository::bookmark(qint64 storeId, const QString &collection, Bookmark *out, QString *error) const
{
    QSqlQuery query =
        db_.prepare(QStringLiteral("SELECT bookmark_updated_at, bookmark_id, bookmark_seen FROM "
                                   "store_collections WHERE store_id = ? AND collection = ?"));
    query.bindValue(0, storeId);
    query.bindValue(1, collection);
    if (!db_.exec(query, error))
        return false;
    *out = Bookmark();
    if (query.next() && !query.value(0).isNull()) {
        out->updatedAt = query.value(0).toString();
        out->updatedAtMs = QDateTime::fromString(out->updatedAt, Qt::ISODateWithMs).toMSecsSinceEpoch();
        out->id = query.value(1).toLongLong();
        for (const QJsonValue &id : QJsonDocument::fromJson(query.value(2).toByteArray()).array())
            out->seenIds.append(id.toString());
    }
    return true;
}

bool StoreRepository::saveBookmark(qint64 storeId, const QString &collection, const Bookmark &bookmark,
                                   QString *error) const
{
    QSqlQuery query =
        db_.prepare(QStringLiteral("INSERT INTO store_collections (store_id, collection, "
                                   "bookmark_updated_at, bookmark_id, bookmark_seen) VALUES (?, ?, "
                                   "?, ?, ?) ON CONFLICT (store_id, collection) DO UPDATE SET "
                                   "bookmark_updated_at = excluded.bookmark_updated_at,"
                                   " bookmark_id = excluded.bookmark_id,"
                                   " bookmark_seen = excluded.bookmark_seen"));
    query.bindValue(0, storeId);
    query.bindValue(1, collection);
    query.bindValue(2, bookmark.updatedAt);
    query.bindValue(3, bookmark.id);
    query.bindValue(
        4, bookmark.seenIds.isEmpty()
               ? QVariant(QMetaType(QMetaType::QString))
               : QVariant(QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(bookmark.seenIds))
                                                .toJson(QJsonDocument::Compact))));
    return db_.exec(query, error);
}

bool StoreRepository::noteCollectionPoll(qint64 storeId, const QString &collection, const QString &pollError,
                                         QString *error) const
{
    const qint64 now = Database::nowMs();
    QSqlQuery query = db_.prepare(QStringLiteral(
        "INSERT INTO store_collections (store_id, collection, last_poll_at, last_success_at, last_error)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (store_id, collection) DO UPDATE SET last_poll_at = "
        "excluded.last_poll_at,"
        " last_success_at = COALESCE(excluded.last_success_at, store_collections.last_success_at),"
        " last_error = excluded.last_error"));
    query.bindValue(0, storeId);
    query.bindValue(1, collection);
    query.bindValue(2, now);
    query.bindValue(3, pollError.isEmpty() ? QVariant(now) : QVariant());
    query.bindValue(4, pollError.isEmpty() ? QVariant() : QVariant(pollError));
    return db_.exec(query, error);
}

bool StoreRepository::recordSnapshot(qint64 storeId, const QString &collection, const QString &key,
                                     std::optional<QJsonObject> *out, QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral(
        "SELECT snapshot FROM store_records WHERE store_id = ? AND collection = ? AND record_key = ?"));
    query.bindValue(0, storeId);
    query.bindValue(1, collection);
    query.bindValue(2, key);
    if (!db_.exec(query, error))
        return false;
    *out =
        query.next()
            ? std::optional<QJsonObject>(QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object())
            : std::nullopt;
    return true;
}

bool StoreRepository::saveRecordSnapshot(qint64 storeId, const QString &collection, const QString &key,
                                         const QJsonObject &snapshot, QString *error) const
{
    const QString text = compact(snapshot);
    QSqlQuery query = db_.prepare(QStringLiteral(
        "INSERT INTO store_records (store_id, collection, record_key, fingerprint, snapshot) VALUES (?, ?, "
        "?, ?, ?)"
        " ON CONFLICT (store_id, collection, record_key) DO UPDATE SET fingerprint = excluded.fingerprint,"
        " snapshot = excluded.snapshot"));
    query.bindValue(0, storeId);
    query.bindValue(1, collection);
    query.bindValue(2, key);
    query.bindValue(
        3, QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha1).toHex()));
    query.bindValue(4, text);
    return db_.exec(query, error);
}

bool StoreRepository::health(qint64 storeId, StoreHealth *out, QString *error) const
{
    QSqlQuery query =
        db_.prepare(QStringLiteral("SELECT heartbeat, consecutive_failures, last_beat_at, last_success_at,"
                                   " last_error, last_error_at FROM stores WHERE id = ?"));
    query.bindValue(0, storeId);
    if (!db_.exec(query, error))
        return false;
    if (!query.next()) {
        *error = QStringLiteral("no store with id %1").arg(storeId);
        return false;
    }
    out->state = query.value(0).toString();
    out->consecutiveFailures = query.value(1).toInt();
    out->lastBeatAtMs = readMs(query.value(2));
    out->lastSuccessAtMs = readMs(query.value(3));
    out->lastError = query.value(4).toString();
    out->lastErrorAtMs = readMs(query.value(5));
    return true;
}

bool StoreRepository::saveHealth(qint64 storeId, const StoreHealth &health, bool stateChanged,
                                 QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral(
        "UPDATE stores SET heartbeat = ?, consecutive_failures = ?, last_beat_at = ?, last_success_at = ?,"
        " last_error = ?, last_error_at = ? WHERE id = ?"));
    query.bindValue(0, health.state);
    query.bindValue(1, health.consecutiveFailures);
    query.bindValue(2, optionalMs(health.lastBeatAtMs));
    query.bindValue(3, optionalMs(health.lastSuccessAtMs));
    query.bindValue(4, health.lastError.isEmpty() ? QVariant() : QVariant(health.lastError));
    query.bindValue(5, optionalMs(health.lastErrorAtMs));
    query.bindValue(6, storeId);
    if (!db_.exec(query, error))
        return false;
    if (!stateChanged)
        return true;
    QSqlQuery history = db_.prepare(
        QStringLiteral("INSERT INTO heartbeats (store_id, state, at, reason) VALUES (?, ?, ?, ?)"));
    history.bindValue(0, storeId);
    history.bindValue(1, health.state);
    history.bindValue(2, Database::nowMs());
    history.bindValue(3, health.state == QLatin1String("up") ? QVariant() : QVariant(health.lastError));
    return db_.exec(history, error);
}

bool StoreRepository::describe(QJsonArray *out, QString *error) const
{
    QList<Store> stores;
    if (!loadStores(&stores, error))
        return false;
    for (const Store &store : std::as_const(stores)) {
        StoreHealth state;
        if (!health(store.id, &state, error))
            return false;
        QJsonArray collections;
        for (auto it = store.collections.cbegin(); it != store.collections.cend(); ++it) {
            QSqlQuery query =
                db_.prepare(QStringLiteral("SELECT bookmark_updated_at, bookmark_id, last_poll_at, "
                                           "last_success_at, last_error, bookmark_seen FROM store_collections"
                                           " WHERE store_id = ? AND collection = ?"));
            query.bindValue(0, store.id);
            query.bindValue(1, it.key());
            if (!db_.exec(query, error))
                return false;
            const bool found = query.next();
            const auto column = [&](int i) { return found ? query.value(i) : QVariant(); };
            collections.append(QJsonObject{
                {QStringLiteral("collection"), it.key()},
                {QStringLiteral("interval"), it.value()},
                {QStringLiteral("bookmark"),
                 column(0).isNull()
                     ? QJsonValue()
                     : QJsonValue(QJsonObject{{QStringLiteral("updated_at"), column(0).toString()},
                                              {QStringLiteral("id"), bookmarkId(column(1), column(5))}})},
                {QStringLiteral("last_poll_at"), Timestamps::isoOrNull(column(2))},
                {QStringLiteral("last_success_at"), Timestamps::isoOrNull(column(3))},
                {QStringLiteral("last_error"),
                 column(4).isNull() ? QJsonValue() : QJsonValue(column(4).toString())}});
        }
        out->append(QJsonObject{
            {QStringLiteral("name"), store.name},
            {QStringLiteral("url"), store.url.toString()},
            {QStringLiteral("api"), store.api},
            {QStringLiteral("has_webhook_secret"), store.hasWebhookSecret},
            {QStringLiteral("heartbeat"), state.state},
            {QStringLiteral("consecutive_failures"), state.consecutiveFailures},
            {QStringLiteral("last_beat_at"), Timestamps::isoOrNull(optionalMs(state.lastBeatAtMs))},
            {QStringLiteral("last_success_at"), Timestamps::isoOrNull(optionalMs(state.lastSuccessAtMs))},
            {QStringLiteral("last_error"),
             state.lastError.isEmpty() ? QJsonValue() : QJsonValue(state.lastError)},
            {QStringLiteral("last_error_at"), Timestamps::isoOrNull(optionalMs(state.lastErrorAtMs))},
            {QStringLiteral("collections"), collections}});
    }
    return true;
}
