#pragma once

#include "model/Attempt.h"
#include "model/DeliveryState.h"
#include "model/Message.h"
#include "storage/LaneGate.h"
#include "storage/OrderingRule.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QSqlQuery>
#include <QStringList>

#include <optional>

class Database;

// A delivery the dispatcher has claimed (state `sending`) together with its message.
struct ClaimedDelivery
{
    qint64 id = 0;
    qint64 mappingId = 0;
    qint64 endpointId = 0;
    int attempts = 0;
    int failures = 0;
    QString updateUrl;   // set while an asynchronous delivery is being polled
    bool probe = false;  // the one delivery sent to a paused endpoint to see whether it answers again
    QString orderingKey; // empty: not ordered
    Message message;
    qint64 acceptedAtMs = 0; // when its message was stored
};

// What one attempt did to its delivery.
struct DeliveryOutcome
{
    qint64 deliveryId = 0;
    DeliveryState state = DeliveryState::Delivered; // delivered, waiting, retrying or parked
    QString reason;
    int failures = 0;
    std::optional<qint64> dueAtMs;
    QString updateUrl;
    Attempt attempt;
};

// The delivery table as a queue: claim what is due, record what happened, recover after a crash,
// and the person-driven moves (replay, archive).
class DeliveryQueue
{
public:
    static const QStringList kActiveStates; // pending, sending, waiting, retrying
    // SQL for an UPDATE of deliveries: true for a delivery whose endpoint was removed, and the assignment
    // that moves such a delivery to its mapping's endpoint (which is never removed), so that a replay
    // or a restored mapping does not leave it waiting for an endpoint no engine loads.
    static const QString kOnRemovedEndpoint;
    static const QString kToLiveEndpoint;

    DeliveryQueue(const Database &db, QString owner);

    // The mappings as the dispatcher loaded them: which of them let a parked delivery hold its ordering
    // key (on_park). Until called, every parked delivery holds.
    void useOrderingOf(const QList<Mapping> &mappings);

    // After a crash of the only engine (SQLite): whatever was `sending` is due again now (at-least-once).
    bool recoverInterrupted(int *recovered, QString *error);
    // Shared database: claims of other engines whose lease ran out belong to a dead engine and are due
    // again now.
    bool reapExpiredLeases(int *reaped, QString *error);
    // Every claim this engine holds (in flight or waiting for a free slot) is leased for leaseMs from now,
    // in one UPDATE.
    bool renewClaims(qint64 leaseMs, int *renewed, QString *error);
    // This engine's own claims go back to the queue (on a clean stop).
    bool releaseClaims(int *released, QString *error);
    // When the next lease held by another engine runs out, if any.
    bool nextLeaseExpiry(std::optional<qint64> *out, QString *error) const;
    // Claims, in one transaction, up to lanes[endpoint].want due deliveries of each endpoint, oldest
    // first, as far as the LaneGate lets them (pauses, probes, rate limits); of an ordering key only its
    // head (see prepareClaimQueries). *heldUntil receives the
    // lanes the gate held back and when to ask them again.
    bool claimDue(const QHash<qint64, LaneGate::Lane> &lanes, qint64 leaseMs, QList<ClaimedDelivery> *out,
                  QHash<qint64, std::optional<qint64>> *heldUntil, QString *error);
    // Claimed deliveries that will not be sent after all (their endpoint was paused) go back to the queue.
    bool release(const QList<qint64> &deliveryIds, QString *error);
    // Inside the caller's transaction. The attempt is always stored; the delivery's state changes only
    // while this engine still owns the claim. *owned is false when another engine reaped it meanwhile
    // (this engine stalled past its lease): that engine now decides the delivery.
    bool record(const DeliveryOutcome &outcome, bool *owned, QString *error);
    // Parks a delivery whose outcome the database refused to record (record() failed for it alone), with
    // that as its reason; the attempt is counted, though its row could not be written. Inside the
    // caller's transaction.
    bool parkUnrecorded(qint64 deliveryId, const QString &reason, QString *error);
    // The earliest due time among these endpoints' deliveries that their ordering key lets go.
    bool nextDueAt(const QList<qint64> &endpoints, std::optional<qint64> *out, QString *error);
    // Active deliveries, without those their ordering key holds back (see the definition).
    bool countActive(int *out, QString *error, const QList<qint64> &heldEndpoints = {}) const;

    // Moves deliveries of these messages back to pending, keeping their history; also creates deliveries
    // for mappings added since (done by the caller through MessageRepository::routeAgain).
    bool replayMessage(qint64 messageRow, int *replayed, QString *error);
    // Of these messages, the deliveries in one of `failedStates` (parked, retrying) go back to pending;
    // with a mapping or an endpoint name, only that one's: what a filtered "replay all failed" means.
    bool replayFailedOf(const QList<qint64> &messageRows, const QStringList &failedStates,
                        const QString &mapping, const QString &endpoint, int *replayed, QString *error);
    bool archiveMessage(qint64 messageRow, int *archived, QString *error);

private:
    bool requeue(const QString &condition, const QVariantList &values, int *count, QString *error);
    void prepareClaimQueries();
    bool lockKeysAndRecheck(QList<qint64> *ids, QList<ClaimedDelivery> *claimed, QString *error);

    const Database &db_;
    QString owner_;
    QSqlQuery insertAttempt_;
    QSqlQuery updateDelivery_;
    QSqlQuery claimSelect_; // prepared once: the dispatcher runs it on nearly every completion
    QSqlQuery nextDue_;
    LaneGate gate_;
    OrderingRule ordering_;
};
