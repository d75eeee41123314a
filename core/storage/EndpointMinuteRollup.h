#pragma once

#include "model/DeliveryState.h"

#include <QList>
#include <QSqlQuery>

#include <optional>

class Database;

// Writes endpoint_minutes, the per-endpoint, per-minute counts the Dashboard reads its endpoint health
// from: each recorded attempt by the state it left its delivery in, and its duration in a LatencyBuckets
// bucket. Called inside the transaction that records the attempts, so the counts commit with them or
// not at all. Upserts add to the row, so several engines may write the same minute at once; rows are
// written in endpoint order, as endpoint_flow's are, so engines sharing PostgreSQL never deadlock on
// them. Minutes older than the Dashboard shows are deleted here, at most once a minute per writer.
class EndpointMinuteRollup
{
public:
    struct Attempt
    {
        qint64 endpointId = 0;
        DeliveryState state = DeliveryState::Delivered; // delivered, waiting, retrying or parked
        qint64 durationMs = 0;
    };

    static constexpr qint64 kMinuteMs = 60 * 1000;
    // A day and an hour: the Dashboard's day chart and "delivered today" never reach further back.
    static constexpr qint64 kKeptMs = 25 * 3600 * 1000;

    explicit EndpointMinuteRollup(const Database &db);

    // Counts the attempts in the minute of nowMs. Must run inside a WriteTransaction.
    bool add(const QList<Attempt> &attempts, qint64 nowMs, QString *error);

private:
    struct Counts;
    bool upsert(qint64 minute, qint64 endpointId, const Counts &counts, QString *error);
    bool pruneBefore(qint64 minute, QString *error);

    const Database &db_;
    std::optional<QSqlQuery> upsert_; // prepared at the first add, on this connection's thread
    qint64 prunedAtMinute_ = -1;
};
