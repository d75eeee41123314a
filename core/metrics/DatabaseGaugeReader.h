#pragma once

#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QStringList>

class Database;

// What the database says at scrape time, shared by every engine on it.
struct DatabaseGauges
{
    QMap<QString, qint64> queueDeliveries; // every state of kQueueStates, 0 when none
    double oldestDueAgeSeconds = 0;        // how long the longest-due delivery has waited; 0 when none is due
    QList<QPair<QString, QString>> endpointStates;  // endpoint name, active|paused|probing
    QList<QPair<QString, QString>> storeHeartbeats; // store name, unknown|up|degraded|down
};

// Reads DatabaseGauges with a few queries whose cost does not grow with the message history: the
// queue states are counted through the deliveries_state index, the oldest due time is the first entry
// of deliveries_due (due_at is set only while a delivery can be claimed), and endpoints and stores are
// configuration-sized.
class DatabaseGaugeReader
{
public:
    // The states of deliveries that are not done: what the queue holds, parked ones included (they
    // wait for a person). Delivered, skipped and archived deliveries are history, counted by
    // integrator_deliveries_total instead.
    static const QStringList kQueueStates;
    static const QStringList kEndpointStates;
    static const QStringList kHeartbeatStates;

    explicit DatabaseGaugeReader(const Database &db);

    bool read(DatabaseGauges *out, QString *error) const;

private:
    bool readQueue(DatabaseGauges *out, QString *error) const;
    bool readOldestDue(DatabaseGauges *out, QString *error) const;
    bool readEndpoints(DatabaseGauges *out, QString *error) const;
    bool readStores(DatabaseGauges *out, QString *error) const;

    const Database &db_;
};
