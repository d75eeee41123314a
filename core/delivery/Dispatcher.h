#pragma once

#include "delivery/DeliveryRequestBuilder.h"
#include "delivery/OutcomeRecorder.h"
#include "delivery/ResponseReading.h"
#include "http/HttpExchange.h"
#include "model/Attempt.h"
#include "model/Endpoint.h"
#include "model/Mapping.h"
#include "model/Parameter.h"
#include "storage/DatabaseLocation.h"
#include "storage/DeliveryQueue.h"
#include "utils/ExponentialBackoff.h"

#include <QHash>
#include <QObject>
#include <QQueue>
#include <QTimer>

#include <memory>
#include <optional>

class ConfigRepository;
class CredentialStore;
class Database;
class HttpExchange;
class QNetworkAccessManager;

// Sends due deliveries and records what happened. Lives on its own thread with its own database
// connection and QNetworkAccessManager. Each endpoint is a lane with its own in-flight limit and no
// limit shared with other lanes, so a slow or hanging endpoint only ever occupies its own slots. A lane
// is asked for work when it has room and may have due work: after a wake-up (new work), when its next
// due time arrives, when an exchange ends, and on a slow sweep that makes up for a lost wake-up.
class Dispatcher : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        QString owner;     // this engine's name in lease columns
        int hopLimit = 16; // messages produced by responses, counted from the first push
        QString storeId = QStringLiteral("integrator");
    };

    Dispatcher(DatabaseLocation location, CredentialStore *credentials, Settings settings,
               QObject *parent = nullptr);
    ~Dispatcher() override;

public Q_SLOTS:
    void start();
    void wake();
    // Says idle() again if there is nothing to do, even when it already said so.
    void recheckIdle();
    // Reads every secret again: the master key came (late from a keychain) or changed.
    void reloadSecrets();
    // Stops sending; deliveries in flight go back to the queue. Emits stopped().
    void stop();

Q_SIGNALS:
    void started(const QString &error); // empty error: running
    void idle();                        // nothing in flight and nothing active in the database
    // Everything that was due has been sent and recorded; what is left is due later (retries, update
    // polls) or belongs to another engine. What `run --once` waits for.
    void caughtUp();
    void recorded(int outcomes); // a batch of attempts was written
    // The database stopped answering (a restart, a failover, a lock held too long, a full disk). Nothing
    // new is claimed; requests in flight go on and their outcomes wait in memory. Emitted once per outage.
    void databaseUnreachable(const QString &reason, qint64 sinceMs);
    // It answers again: the outcomes that waited are written and sending resumes.
    void databaseReachable(qint64 unreachableSinceMs);
    void stopped();

private:
    struct EndpointState
    {
        Endpoint endpoint;
        QString token;
        QString basicAuth;
        QByteArray signingKey;
        QByteArray previousSigningKey; // signs beside the new key until endpoint.previousSigningUntilMs
        int inFlight = 0;
        QQueue<ClaimedDelivery> ready; // claimed, waiting for a free slot of this endpoint
        bool removed = false;          // no longer configured: kept only until its requests in flight end
        // Why this engine sends nothing to the endpoint: a secret it needs that this engine cannot open
        // (no master key, another key). Empty when it has all of them.
        QString secretsWait;
        // False once a claim found less due work than it asked for: the lane is not asked again until
        // new work may have arrived (a wake-up) or nextDueAt passes.
        bool mayHaveDue = true;
        std::optional<qint64> nextDueAt;
    };

    void schedulePump(qint64 delayMs = 0);
    void pump();
    QHash<qint64, LaneGate::Lane> lanesToAsk(qint64 now) const;
    bool noteUnderfedLanes(const QHash<qint64, LaneGate::Lane> &wanted, const QHash<qint64, int> &got,
                           const QHash<qint64, std::optional<qint64>> &heldUntil);
    void releaseReady(const QSet<qint64> &pausedEndpoints);
    void scheduleNextDue(qint64 now);
    void markAllLanesDue();
    void sweep();
    bool reloadConfigIfChanged();
    void startNext(EndpointState &state);
    void loadSecrets(EndpointState &state, const QHash<QString, QString> &lockedParameters);
    QList<qint64> endpointsWaitingForSecrets() const;
    void moveSecretsIntoDatabase();
    static QString missingSecret(const QString &scope);
    static QList<QByteArray> signingKeys(const EndpointState &state);
    void send(EndpointState &state, const ClaimedDelivery &delivery);
    void onExchangeFinished(HttpExchange *exchange, const ClaimedDelivery &delivery, const Attempt &attempt);
    static void keepRetriesOfProbe(const ClaimedDelivery &delivery, qint64 now, DeliveryOutcome *outcome);
    void flush();
    void keepCurrent(QList<OutcomeRecorder::Finished> *batch);
    bool isCurrent(const ClaimedDelivery &delivery) const;
    void checkIdle();
    void checkCaughtUp(qint64 now);
    int inFlightTotal() const;
    bool openDatabase(QString *error);
    void loseDatabase(const QString &error);
    bool canWrite(QString *error);
    void onClockJumped();
    void reconnect();

    DatabaseLocation location_;
    CredentialStore *credentials_;
    Settings settings_;
    DeliveryRequestBuilder requestBuilder_;
    std::unique_ptr<Database> db_;
    std::unique_ptr<DeliveryQueue> queue_;
    std::unique_ptr<ConfigRepository> config_;
    std::unique_ptr<OutcomeRecorder> recorder_;
    QNetworkAccessManager *network_ = nullptr;
    void reapExpiredLeases();
    void armLeaseTimer();
    void armRenewTimer();
    void renewLeases();
    qint64 leaseMs() const;

    QTimer pumpTimer_;
    QTimer sweepTimer_; // makes up for a lost wake-up (another process's push whose notice did not arrive)
    QTimer flushTimer_;
    QTimer leaseTimer_; // shared database: when another engine's claims expire
    QTimer renewTimer_; // shared database: while this engine holds claims, renews their leases
    QTimer reconnectTimer_;
    ExponentialBackoff reconnectBackoff_;
    std::optional<qint64> unreachableSinceMs_; // set while the database does not answer
    qint64 configVersion_ = -1;
    QList<Mapping> mappings_;
    QHash<qint64, int> mappingIndex_; // mapping id -> index in mappings_
    QHash<qint64, EndpointState> endpoints_;
    QHash<QString, Parameter> parameters_;

    QList<OutcomeRecorder::Finished> finished_; // recorded together at the next turn of the event loop
    bool stopping_ = false;
    bool running_ = false;
    bool idleReported_ = false;
};
