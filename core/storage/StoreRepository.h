#pragma once

#include "model/Store.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>

#include <optional>

class Database;

// Where a poll stopped in one collection: the last record turned into messages, by (updated_at, id),
// so records sharing one updated_at across a page boundary are neither missed nor repeated.
// API v1 orders records that share an updated_at by their numeric id, so the last id says which of them
// were handled; the newer APIs' ids are opaque strings, and the bookmark lists the ids handled at updatedAt.
struct Bookmark
{
    QString updatedAt; // as the store wrote it
    qint64 updatedAtMs = 0;
    qint64 id = 0;
    QStringList seenIds; // the opaque ids handled at updatedAt; empty for API v1
    bool isSet() const { return !updatedAt.isEmpty(); }
    // True when a record at (updatedAtMs, recordId) was already handled.
    bool covers(qint64 recordUpdatedAtMs, qint64 recordId) const;
    bool covers(qint64 recordUpdatedAtMs, const QString &opaqueId) const;
};

struct StoreHealth
{
    QString state = QStringLiteral("unknown"); // unknown, up, degraded, down
    int consecutiveFailures = 0;
    std::optional<qint64> lastBeatAtMs;
    std::optional<qint64> lastSuccessAtMs;
    QString lastError;
    std::optional<qint64> lastErrorAtMs;
};

class StoreRepository
{
public:
    explicit StoreRepository(const Database &db);

    bool loadStores(QList<Store> *out, QString *error) const;
    bool saveStore(Store *store, QString *error) const; // insert or update by name; bumps config_version
    // Inside the caller's transaction; bumps config_version, so pollers drop the store. See the .cpp for
    // what goes with it. Waits for a poll of the store that another engine is running to end.
    bool removeStore(const QString &name, QString *error) const;
    bool exists(qint64 storeId, bool *out, QString *error) const;

    bool bookmark(qint64 storeId, const QString &collection, Bookmark *out, QString *error) const;
    // Inside the caller's transaction, together with the messages the page produced.
    bool saveBookmark(qint64 storeId, const QString &collection, const Bookmark &bookmark,
                      QString *error) const;
    bool noteCollectionPoll(qint64 storeId, const QString &collection, const QString &error,
                            QString *dbError) const;

    // The last seen form of a record; nullopt when never seen.
    bool recordSnapshot(qint64 storeId, const QString &collection, const QString &key,
                        std::optional<QJsonObject> *out, QString *error) const;
    bool saveRecordSnapshot(qint64 storeId, const QString &collection, const QString &key,
                            const QJsonObject &snapshot, QString *error) const;

    bool health(qint64 storeId, StoreHealth *out, QString *error) const;
    // Records the state; a change of state also goes to the heartbeat history.
    bool saveHealth(qint64 storeId, const StoreHealth &health, bool stateChanged, QString *error) const;

    // The `integrator stores --json` shape.
    bool describe(QJsonArray *out, QString *error) const;

private:
    const Database &db_;
};
