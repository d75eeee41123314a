#pragma once

#include "delivery/CircuitBreaker.h"
#include "delivery/ResponseReading.h"
#include "model/Mapping.h"
#include "model/Parameter.h"
#include "storage/ConfigRepository.h"
#include "storage/DeliveryQueue.h"
#include "storage/EndpointMinuteRollup.h"
#include "storage/MessageRepository.h"
#include "storage/NotificationLog.h"

#include <QHash>
#include <QList>
#include <QSet>

#include <functional>

#include <optional>

class CredentialStore;
class Database;

// Writes what a batch of finished exchanges did, in one transaction: each attempt and its delivery's new
// state, the notifications of the answer and a "Delivery parked" one, the child messages an answer
// returned (up to the hop limit), the parameters it set, what the attempts say about each endpoint's
// health (CircuitBreaker) and their counts in the Dashboard's per-minute rollup (EndpointMinuteRollup). Lives
// on the dispatcher's thread and uses its connection.
class OutcomeRecorder
{
public:
    struct Finished
    {
        ClaimedDelivery delivery;
        DeliveryOutcome outcome;
        ResponseReading reading;
        QString mappingName; // a label for notifications
    };
    // The dispatcher's configuration: the mappings route child messages; the parameter cache is kept
    // current here, so that a saved parameter needs no reload of the whole configuration.
    struct Cache
    {
        const QList<Mapping> *mappings = nullptr;
        QHash<QString, Parameter> *parameters = nullptr;
        qint64 configVersion = -1; // what the cache was loaded at
        // The endpoints as loaded (their circuit breaker options); null for one no longer loaded.
        std::function<const Endpoint *(qint64)> endpointOf;
    };
    struct Effects
    {
        int written = 0;
        bool childrenAccepted = false; // new deliveries may be due at any endpoint
        QSet<qint64> pausedEndpoints;  // paused or probing after this batch: send them nothing more
        // An ordered delivery's request ended: the next delivery of its key may be claimable now.
        bool orderingKeyReleased = false;
        // Set when the only configuration change since the cache was loaded is this batch's parameters:
        // the cache is current at this version.
        std::optional<qint64> configVersion;
    };

    OutcomeRecorder(const Database &db, DeliveryQueue &queue, CredentialStore *credentials, int hopLimit);

    // A delivery whose outcome the database refuses is parked with that reason and a notification, and
    // the rest of the batch recorded without it. On failure (the database takes no writes) nothing more
    // is written, *unwritten holds what the database does not have yet and *error is the one-line reason.
    bool record(const QList<Finished> &batch, const Cache &cache, Effects *effects,
                QList<Finished> *unwritten, QString *error);

private:
    bool recordTogether(const QList<Finished> &batch, int *refused, QString *error);
    bool writeBatch(const QList<Finished> &batch, int *refused, QString *error);
    bool recordAlone(const Finished &item, QString *error);
    bool recordUnrecorded(const Finished &item, const QString &reason, QString *error);
    static Finished parked(const Finished &item); // the item as recordAlone parks it
    bool writeAll(const QList<Finished> &batch, int *refused, QString *error);
    bool writeOutcome(const Finished &item, QString *error);
    bool announceReleasedKeys(QString *error);
    bool recordNotifications(const Finished &item, QString *error);
    bool recordParked(const Finished &item, QString *error);
    bool acceptChildren(const Finished &item, QString *error);
    bool saveParameters(const QString &mappingName, const QJsonArray &parameters, QString *error);
    bool saveParameter(QJsonObject entry, const QString &mappingName, QString *error);
    bool noteOwnVersion(QString *error);
    bool noteEndpointHealth(const QList<Finished> &batch, QString *error);
    bool countInRollup(const QList<Finished> &batch, QString *error);
    void countCommitted(const QList<Finished> &batch) const;

    const Database &db_;
    DeliveryQueue &queue_;
    MessageRepository messages_;
    NotificationLog notifications_;
    ConfigRepository config_;
    CircuitBreaker breaker_;
    EndpointMinuteRollup rollup_;
    CredentialStore *credentials_;
    int hopLimit_;
    // The batch being recorded.
    Cache cache_;
    Effects *effects_ = nullptr;
    int parametersSaved_ = 0;
};
