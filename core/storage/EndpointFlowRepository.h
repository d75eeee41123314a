#pragma once

#include "model/EndpointFlow.h"

#include <QHash>
#include <QList>
#include <QSqlQuery>

class Database;

// The endpoint_flow table: rows of EndpointFlow, and the token bucket of each rate-limited endpoint.
// A missing row reads as active, with no failures and a full bucket. Every method runs inside the
// caller's WriteTransaction; rows read to be updated are locked (PostgreSQL), so engines sharing the
// database take turns on one endpoint's row.
class EndpointFlowRepository
{
public:
    explicit EndpointFlowRepository(const Database &db);

    bool load(qint64 endpointId, EndpointFlow *out, QString *error) const;
    // The endpoints that are not active (a handful at most: one prepared statement, run on every claim).
    bool loadHeld(QHash<qint64, EndpointFlow> *out, QString *error) const;
    bool save(const EndpointFlow &flow, QString *error) const;
    // A success: the endpoint's run of failures starts again, unless paused (a probe decides that).
    bool clearFailures(qint64 endpointId, QString *error) const;
    // The line an engine that cannot open this endpoint's secrets leaves for `show` (empty clears it).
    bool setSecretsWait(qint64 endpointId, const QString &reason, QString *error) const;
    // Wins the probe of a paused endpoint whose probe time has come: only one engine does.
    bool takeProbe(qint64 endpointId, qint64 nowMs, bool *won, QString *error) const;

    // The endpoint's retrying deliveries become due now (on resume: they waited for the endpoint).
    bool makeRetriesDueNow(qint64 endpointId, qint64 nowMs, QString *error) const;

    // The endpoint's token bucket for `rate` per second with a burst of one second's worth (at least
    // one token), filled up to now, its row locked until the transaction ends.
    bool readBucket(qint64 endpointId, double rate, qint64 nowMs, double *tokens, QString *error) const;
    bool writeBucket(qint64 endpointId, double tokens, qint64 nowMs, QString *error) const;
    static double burstOf(double rate) { return qMax(1.0, rate); }

private:
    bool ensureRow(qint64 endpointId, QString *error) const;

    const Database &db_;
    // Prepared once: the claim and the recording of every batch run them.
    mutable QSqlQuery loadHeld_;
    mutable QSqlQuery clearFailures_;
};
