#pragma once

#include <QJsonArray>
#include <QList>
#include <QMap>
#include <QString>

class Database;

// What the dashboard shows at a glance: deliveries per state, what was delivered today, each store's
// heartbeat and the latest errors. The endpoints' health is EndpointHealthQuery's.
struct ActivitySummary
{
    QMap<QString, qint64> deliveriesByState;
    qint64 deliveredToday = 0; // from the per-minute rollup (endpoint_minutes), since local midnight
    QJsonArray stores;         // the `integrator stores --json` shape
    struct Error
    {
        QString subject, description, reference;
        qint64 atMs = 0;
    };
    QList<Error> latestErrors;

    int storesDown() const;
    static bool load(const Database &db, qint64 nowMs, ActivitySummary *out, QString *error);
    // Nothing set up or received yet: no endpoint (removed ones aside), no store, no message. The
    // control panel opens on its welcome page then.
    static bool isEmpty(const Database &db, bool *empty, QString *error);
};
