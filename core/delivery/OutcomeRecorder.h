#pragma once

#include "delivery/ResponseReading.h"
#include "model/Mapping.h"
#include "model/Parameter.h"
#include "storage/ConfigRepository.h"
#include "storage/DeliveryQueue.h"
#include "storage/MessageRepository.h"
#include "storage/NotificationLog.h"

#include <QHash>
#include <QList>

#include <optional>

class CredentialStore;
class Database;

// Writes what a batch of finished exchanges did, in one transaction: each attempt and its delivery's new
// state, the notifications of the answer and a "Delivery parked" one, the child messages an answer
// returned (up to the hop limit) and the parameters it set. Lives on the dispatcher's thread and uses
// its connection.
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
    };
    struct Effects
    {
        int written = 0;
        bool childrenAccepted = false; // new deliveries may be due at any endpoint
        // An ordered delivery's request ended: the next delivery of its key may be claimable now.
        bool orderingKeyReleased = false;
        // Set when the only configuration change since the cache was loaded is this batch's parameters:
        // the cache is current at this version.
        std::optional<qint64> configVersion;
    };

    OutcomeRecorder(const Database &db, DeliveryQueue &queue, CredentialStore *credentials, int hopLimit);

    // On failure nothing is written and *error is the dispatcher's one-line reason.
    bool record(const QList<Finished> &batch, const Cache &cache, Effects *effects, QString *error);

private:
    bool writeAll(const QList<Finished> &batch, QString *error);
    bool writeOutcome(const Finished &item, QString *error);
    bool announceReleasedKeys(QString *error);
    bool recordNotifications(const Finished &item, QString *error);
    bool recordParked(const Finished &item, QString *error);
    bool acceptChildren(const Finished &item, QString *error);
    bool saveParameters(const QString &mappingName, const QJsonArray &parameters, QString *error);
    bool saveParameter(QJsonObject entry, const QString &mappingName, QString *error);
    bool noteOwnVersion(QString *error);

    const Database &db_;
    DeliveryQueue &queue_;
    MessageRepository messages_;
    NotificationLog notifications_;
    ConfigRepository config_;
    CredentialStore *credentials_;
    int hopLimit_;
    // The batch being recorded.
    Cache cache_;
    Effects *effects_ = nullptr;
    int parametersSaved_ = 0;
};
