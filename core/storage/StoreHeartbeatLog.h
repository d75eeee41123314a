#pragma once

#include <QList>
#include <QString>

class Database;

// One change of a store's heartbeat state, as StoreRepository::saveHealth records it.
struct HeartbeatChange
{
    QString state; // up, degraded, down
    qint64 atMs = 0;
    QString reason; // empty when the store came up
};

// Reads a store's heartbeat history (the heartbeats table), for the control panel and the CLI.
class StoreHeartbeatLog
{
public:
    explicit StoreHeartbeatLog(const Database &db);

    // Newest first, at most `limit` changes.
    bool recent(qint64 storeId, int limit, QList<HeartbeatChange> *out, QString *error) const;

private:
    const Database &db_;
};
