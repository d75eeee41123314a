#include "delivery/Dispatcher.h"

#include "config/UrlCredentialsMigration.h"
#include "delivery/OutcomeRecorder.h"
#include "delivery/RetryDecision.h"
#include "delivery/WebhookSigner.h"
#include "http/HttpExchange.h"
#include "secrets/CredentialStore.h"
#include "secrets/KeychainSecretsMigration.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "storage/EndpointFlowRepository.h"
#include "utils/Clock.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSet>
#include <QSqlDriver>
#include <QSqlError>

namespace {
// Results are written in batches; past this many, a batch is written at once instead of at the next
// turn of the event loop.
constexpr int kFlushBatch = 256;
// Outcomes are written at the next turn of the event loop, with all others that finished meanwhile:
// one transaction for many attempts. (Waiting longer to batch more did not raise throughput in
// docs/benchmarks.md, and delayed the record.)
constexpr int kFlushDelayMs = 0;
// Every lane is asked again this often even without a wake-up, so new work written by another process
// whose wake-up was lost waits at most this long.
constexpr int kSweepMs = 5000;
// A lane that was short of due work but whose next due time has already passed (another engine holds it
// locked) is asked again after this pause rather than at once, so the dispatcher never spins on it.
constexpr qint64 kRecheckFloorMs = 20;
// A database that stopped answering is tried again after 0.5 s, then after twice as long each time, up
// to this: a restart of a few seconds is noticed at once, a long outage costs a connection a minute.
constexpr int kFirstReconnectMs = 500;
constexpr int kReconnectCapMs = 30000;
} // namespace

Dispatcher::Dispatcher(DatabaseLocation location, CredentialStore *credentials, Settings settings,
                       QObject *parent)
    : QObject(parent)
    , location_(std::move(location))
    , credentials_(credentials)
    , settings_(std::move(settings))
    , requestBuilder_(settings_.storeId)
    , pumpTimer_(this) // parented, so moveToThread takes the timers along
    , flushTimer_(this)
    , leaseTimer_(this)
    , renewTimer_(this)
    , reconnectTimer_(this)
    , reconnectBackoff_(kFirstReconnectMs, kReconnectCapMs)
{
    sweepTimer_.setParent(this);
    sweepTimer_.setInterval(kSweepMs);
    connect(&sweepTimer_, &QTimer::timeout, this, &Dispatcher::sweep);
    leaseTimer_.setSingleShot(true);
    connect(&leaseTimer_, &QTimer::timeout, this, &Dispatcher::reapExpiredLeases);
    connect(&renewTimer_, &QTimer::timeout, this, &Dispatcher::renewLeases);
    pumpTimer_.setSingleShot(true);
    pumpTimer_.setTimerType(Qt::PreciseTimer); // a coarse timer may fire before the due time
    flushTimer_.setSingleShot(true);
    connect(&pumpTimer_, &QTimer::timeout, this, &Dispatcher::pump);
    connect(&flushTimer_, &QTimer::timeout, this, &Dispatcher::flush);
    reconnectTimer_.setSingleShot(true);
    connect(&reconnectTimer_, &QTimer::timeout, this, &Dispatcher::reconnect);
}

Dispatcher::~Dispatcher() = default;

void Dispatcher::start()
{
    QString error;
    int recovered = 0;
    if (!openDatabase(&error)) {
        Q_EMIT started(error);
        return;
    }
    moveSecretsIntoDatabase();
    // Alone on a SQLite file, whatever was sending was ours and died with us. On a shared database
    // only expired claims are a dead engine's; the others belong to engines still at work.
    const bool shared = db_->dialect().isShared();
    if (!(shared ? queue_->reapExpiredLeases(&recovered, &error)
                 : queue_->recoverInterrupted(&recovered, &error))) {
        Q_EMIT started(QStringLiteral("cannot recover interrupted deliveries: %1").arg(error));
        return;
    }
    network_ = new QNetworkAccessManager(this);
    connect(Clock::instance(), &Clock::jumped, this, &Dispatcher::onClockJumped);
    running_ = true;
    Q_EMIT started(QString());
    sweepTimer_.start();
    pump();
}

// The connection and what is prepared on it. After an outage the repositories are made anew: their
// cached statements belonged to the dead connection.
bool Dispatcher::openDatabase(QString *error)
{
    recorder_.reset();
    config_.reset();
    queue_.reset();
    bool opened = false;
    if (!db_) {
        db_ = std::make_unique<Database>(location_, QStringLiteral("dispatcher-%1").arg(settings_.owner));
        opened = db_->open(error);
    } else {
        opened = db_->reopen(error);
    }
    queue_ = std::make_unique<DeliveryQueue>(*db_, settings_.owner);
    config_ = std::make_unique<ConfigRepository>(*db_);
    recorder_ = std::make_unique<OutcomeRecorder>(*db_, *queue_, credentials_, settings_.hopLimit);
    // The new queue needs the mappings' ordering rules, and a change may have been missed meanwhile.
    configVersion_ = -1;
    if (!opened || !db_->dialect().isShared())
        return opened;
    QSqlDriver *driver = db_->connection().driver();
    if (!driver->subscribeToNotification(QLatin1String(SqlDialect::kWorkChannel))) {
        *error = QStringLiteral("cannot LISTEN for new work: %1").arg(driver->lastError().text());
        return false;
    }
    connect(driver, &QSqlDriver::notification, this, &Dispatcher::wake, Qt::UniqueConnection);
    return true;
}

// Runs here, on the dispatcher's thread: the keychain may take seconds to answer, and the control
// panel's thread must not wait for it.
void Dispatcher::moveSecretsIntoDatabase()
{
    if (!credentials_)
        return;
    int moved = 0;
    QString error;
    if (!KeychainSecretsMigration(*db_, *credentials_).run(&moved, &error))
        qWarning("integrator: %s; the secrets stay in the keychain and are moved at the next start",
                 qUtf8Printable(error));
    else if (moved > 0)
        qInfo("integrator: moved %d secret(s) from the keychain into the database, sealed with key %s", moved,
              qUtf8Printable(credentials_->masterKey()->id()));
    QStringList movedFromUrls;
    if (!UrlCredentialsMigration(*db_, *credentials_).run(&movedFromUrls, &error))
        qWarning("integrator: %s", qUtf8Printable(error));
    for (const QString &endpoint : std::as_const(movedFromUrls))
        qInfo("integrator: endpoint \"%s\": the user name and password of its URL are now its sealed "
              "basic_auth",
              qUtf8Printable(endpoint));
}

// A test moved the clock: due times, retries, probes and leases that its timers would have waited for
// in real time may have come.
void Dispatcher::onClockJumped()
{
    if (!running_ || stopping_ || unreachableSinceMs_)
        return;
    pumpTimer_.stop();
    leaseTimer_.stop();
    if (db_->dialect().isShared())
        reapExpiredLeases();
    else
        wake();
}

void Dispatcher::wake()
{
    markAllLanesDue();
    schedulePump(0);
}

void Dispatcher::recheckIdle()
{
    idleReported_ = false;
    wake();
}

void Dispatcher::sweep()
{
    wake();
}

void Dispatcher::markAllLanesDue()
{
    for (EndpointState &state : endpoints_)
        state.mayHaveDue = true;
}

void Dispatcher::schedulePump(qint64 delayMs)
{
    if (!running_ || stopping_ || unreachableSinceMs_)
        return;
    const int delay = int(qBound<qint64>(0, delayMs, qint64(3600) * 1000));
    // Keep the earliest wake-up: a later schedule must not postpone a sooner one.
    if (pumpTimer_.isActive() && pumpTimer_.remainingTime() <= delay)
        return;
    pumpTimer_.start(delay);
}

// Nothing is claimed while the database is away, but nothing stops either: requests in flight finish and
// their outcomes wait in finished_ until a reconnect writes them.
void Dispatcher::loseDatabase(const QString &error)
{
    pumpTimer_.stop();
    sweepTimer_.stop();
    leaseTimer_.stop();
    renewTimer_.stop();
    flushTimer_.stop();
    if (!unreachableSinceMs_) {
        unreachableSinceMs_ = Database::nowMs();
        Q_EMIT databaseUnreachable(error.simplified(), *unreachableSinceMs_);
    }
    if (!stopping_)
        reconnectTimer_.start(reconnectBackoff_.nextDelayMs());
}

// A connection is not enough: a SQLite file locked by another process opens fine and takes no write.
bool Dispatcher::canWrite(QString *error)
{
    WriteTransaction probe(*db_);
    QString reason;
    if (probe.begin(&reason) && probe.commit(&reason))
        return true;
    *error = QStringLiteral("cannot write to the database: %1").arg(reason);
    return false;
}

void Dispatcher::reconnect()
{
    QString error;
    if (!openDatabase(&error) || !canWrite(&error))
        return loseDatabase(error);
    const qint64 since = *std::exchange(unreachableSinceMs_, std::nullopt);
    reconnectBackoff_.reset();
    Q_EMIT databaseReachable(since);
    sweepTimer_.start();
    idleReported_ = false;
    markAllLanesDue();
    flush();
    if (unreachableSinceMs_)
        return;
    // Leases may have run out during the outage: a dead engine's claims are taken over now, not at
    // their next timer.
    if (db_->dialect().isShared())
        reapExpiredLeases();
    else
        wake();
}

int Dispatcher::inFlightTotal() const
{
    int total = 0;
    for (const EndpointState &state : endpoints_)
        total += state.inFlight + int(state.ready.size());
    return total;
}

bool Dispatcher::reloadConfigIfChanged()
{
    // Checked on every pump (one indexed read): a changed token, secret or URL applies to the very
    // next attempt.
    qint64 version = 0;
    QString error;
    if (!config_->version(&version, &error)) {
        loseDatabase(QStringLiteral("cannot read the configuration: %1").arg(error));
        return false;
    }
    if (version == configVersion_)
        return true;
    QList<Endpoint> endpoints;
    QList<Mapping> mappings;
    QList<Parameter> parameters;
    if (!config_->loadEndpoints(&endpoints, &error) || !config_->loadMappings(&mappings, &error) ||
        !config_->loadParameters(&parameters, &error)) {
        loseDatabase(QStringLiteral("cannot load the configuration: %1").arg(error));
        return false;
    }
    configVersion_ = version;
    // Secret parameters first: an endpoint whose mappings send one this engine cannot open is held too.
    parameters_.clear();
    QHash<QString, QString> lockedParameters; // name -> why it cannot be opened
    for (Parameter parameter : std::as_const(parameters)) {
        if (parameter.secret) {
            QString reason;
            const std::optional<QString> value = credentials_->read(*db_, parameter.secretKey(), &reason);
            if (value)
                parameter.value = *value;
            else
                lockedParameters.insert(parameter.name,
                                        reason.isEmpty() ? missingSecret(parameter.secretKey()) : reason);
        }
        parameters_.insert(parameter.name, parameter);
    }
    mappings_ = mappings;
    queue_->useOrderingOf(mappings_);
    mappingIndex_.clear();
    for (int i = 0; i < mappings_.size(); ++i)
        mappingIndex_.insert(mappings_.at(i).id, i);
    QSet<qint64> loaded;
    for (const Endpoint &endpoint : std::as_const(endpoints)) {
        loaded.insert(endpoint.id);
        EndpointState &state = endpoints_[endpoint.id];
        state.endpoint = endpoint;
        state.removed = false; // saved again under its name: the same row
        loadSecrets(state, lockedParameters);
    }
    // A removed endpoint's open deliveries were archived with it, those claimed here too: they are not
    // sent, and its state (its secrets with it) goes once its requests in flight have ended.
    for (auto it = endpoints_.begin(); it != endpoints_.end();) {
        if (loaded.contains(it.key())) {
            ++it;
            continue;
        }
        it->removed = true;
        it->ready.clear();
        if (it->inFlight == 0)
            it = endpoints_.erase(it);
        else
            ++it;
    }
    return true;
}

// Every secret an endpoint needs must open, or nothing is sent to it: a request without its token or
// signature must never go out. The reason is left in endpoint_flow for `show` and the control panel.
void Dispatcher::loadSecrets(EndpointState &state, const QHash<QString, QString> &lockedParameters)
{
    const Endpoint &endpoint = state.endpoint;
    const QString waitedBefore = state.secretsWait;
    state.token.clear();
    state.basicAuth.clear();
    state.signingKey.clear();
    state.previousSigningKey.clear();
    state.secretsWait.clear();
    const auto open = [&](const QString &scope) {
        QString reason;
        const std::optional<QString> secret = credentials_->read(*db_, scope, &reason);
        if (!secret && state.secretsWait.isEmpty())
            state.secretsWait = reason.isEmpty() ? missingSecret(scope) : reason;
        return secret.value_or(QString());
    };
    QString error;
    if (endpoint.hasToken)
        state.token = open(endpoint.tokenKey());
    if (endpoint.hasBasicAuth)
        state.basicAuth = open(Endpoint::basicAuthKeyFor(endpoint.name));
    if (endpoint.hasSigningSecret) {
        WebhookSigner::decodeSecret(open(Endpoint::signingKeyFor(endpoint.name)), &state.signingKey, &error);
        if (endpoint.previousSigningUntilMs > Database::nowMs())
            WebhookSigner::decodeSecret(open(Endpoint::previousSigningKeyFor(endpoint.name)),
                                        &state.previousSigningKey, &error);
    }
    for (const Mapping &mapping : std::as_const(mappings_)) {
        if (mapping.endpointId != endpoint.id || !state.secretsWait.isEmpty())
            continue;
        for (const QString &name : mapping.parameters) {
            if (lockedParameters.contains(name)) {
                state.secretsWait = lockedParameters.value(name);
                break;
            }
        }
    }
    if (state.secretsWait == waitedBefore)
        return;
    if (!state.secretsWait.isEmpty())
        qWarning("integrator: nothing is sent to endpoint %s: %s", qUtf8Printable(endpoint.name),
                 qUtf8Printable(state.secretsWait));
    if (!EndpointFlowRepository(*db_).setSecretsWait(endpoint.id, state.secretsWait, &error))
        qWarning("integrator: cannot record why endpoint %s waits: %s", qUtf8Printable(endpoint.name),
                 qUtf8Printable(error));
}

QString Dispatcher::missingSecret(const QString &scope)
{
    return QStringLiteral("its secret %1 is not in the database; import or save it again").arg(scope);
}

QList<qint64> Dispatcher::endpointsWaitingForSecrets() const
{
    QList<qint64> held;
    for (auto it = endpoints_.cbegin(); it != endpoints_.cend(); ++it) {
        if (!it->secretsWait.isEmpty())
            held.append(it.key());
    }
    return held;
}

void Dispatcher::reloadSecrets()
{
    configVersion_ = -1; // read everything again with the key this engine has now
    wake();
}

void Dispatcher::pump()
{
    if (!running_ || stopping_ || unreachableSinceMs_ || !reloadConfigIfChanged())
        return;
    const qint64 now = Database::nowMs();
    const QHash<qint64, LaneGate::Lane> wanted = lanesToAsk(now);
    if (!wanted.isEmpty()) {
        QList<ClaimedDelivery> claimed;
        QHash<qint64, std::optional<qint64>> heldUntil;
        QString error;
        if (!queue_->claimDue(wanted, leaseMs(), &claimed, &heldUntil, &error))
            return loseDatabase(QStringLiteral("cannot claim deliveries: %1").arg(error));
        QHash<qint64, int> got;
        for (const ClaimedDelivery &delivery : std::as_const(claimed)) {
            EndpointState &state = endpoints_[delivery.endpointId];
            state.ready.enqueue(delivery);
            ++got[delivery.endpointId];
            startNext(state);
        }
        if (!claimed.isEmpty())
            idleReported_ = false;
        if (!noteUnderfedLanes(wanted, got, heldUntil))
            return;
    }
    scheduleNextDue(now);
    armLeaseTimer();
    armRenewTimer();
    checkIdle();
    checkCaughtUp(now);
}

// Each lane may have one window of requests in flight and one more claimed and ready. Only lanes with
// room that may have due work are asked, so a busy or drained lane costs no query at all.
QHash<qint64, LaneGate::Lane> Dispatcher::lanesToAsk(qint64 now) const
{
    QHash<qint64, LaneGate::Lane> wanted;
    for (auto it = endpoints_.cbegin(); it != endpoints_.cend(); ++it) {
        if (it->removed || !it->secretsWait.isEmpty() ||
            !(it->mayHaveDue || (it->nextDueAt && *it->nextDueAt <= now)))
            continue;
        const int window = it->endpoint.maxInFlight;
        const int want = 2 * window - it->inFlight - int(it->ready.size());
        // While claimed work is still queued, wait for half a window to free up: fewer, larger claims.
        const bool batchLater = !it->ready.isEmpty() && want < qMax(1, window / 2);
        if (want > 0 && !batchLater)
            wanted.insert(it.key(), {want, it->endpoint.rateLimit});
    }
    return wanted;
}

// A lane that got less than it asked for has no more due work now: it is left alone until a wake-up or
// its next due time. A lane the gate held back (paused, out of tokens) is asked again when it says.
bool Dispatcher::noteUnderfedLanes(const QHash<qint64, LaneGate::Lane> &wanted, const QHash<qint64, int> &got,
                                   const QHash<qint64, std::optional<qint64>> &heldUntil)
{
    QString error;
    for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
        EndpointState &state = endpoints_[it.key()];
        if (const auto held = heldUntil.constFind(it.key()); held != heldUntil.cend()) {
            state.mayHaveDue = false;
            state.nextDueAt = *held;
            continue;
        }
        if (got.value(it.key()) >= it->want) {
            state.mayHaveDue = true;
            continue;
        }
        std::optional<qint64> next;
        if (!queue_->nextDueAt({it.key()}, &next, &error)) {
            loseDatabase(QStringLiteral("cannot read the queue: %1").arg(error));
            return false;
        }
        state.mayHaveDue = false;
        state.nextDueAt = next;
    }
    return true;
}

void Dispatcher::scheduleNextDue(qint64 now)
{
    std::optional<qint64> earliest;
    for (const EndpointState &state : std::as_const(endpoints_)) {
        if (state.removed || state.mayHaveDue || !state.nextDueAt)
            continue;
        // A lane with requests out whose due time has passed (rows another engine holds) is asked again
        // when one of them ends, not on the recheck floor. A later due time (a retry, a rate limit's next
        // token, a probe) needs the timer even then.
        const bool busy = state.inFlight > 0 || !state.ready.isEmpty();
        if (busy && *state.nextDueAt <= now)
            continue;
        const qint64 at = qMax(*state.nextDueAt, now + kRecheckFloorMs);
        earliest = earliest ? qMin(*earliest, at) : at;
    }
    if (earliest)
        schedulePump(*earliest - now);
}

// Longer than the slowest mapping's timeout, so a live engine's claim never expires under it; short
// enough that a dead engine's claims are taken over soon after.
qint64 Dispatcher::leaseMs() const
{
    double longest = 0;
    for (const Mapping &mapping : mappings_)
        longest = qMax(longest, mapping.options.timeoutSeconds);
    return qint64(longest * 1500) + 5000;
}

void Dispatcher::armLeaseTimer()
{
    if (!db_->dialect().isShared() || leaseTimer_.isActive())
        return;
    std::optional<qint64> expiry;
    QString error;
    if (queue_->nextLeaseExpiry(&expiry, &error) && expiry)
        leaseTimer_.start(int(qBound<qint64>(0, *expiry - Database::nowMs() + 1, qint64(3600) * 1000)));
}

// A claim's lease is renewed every third of a lease while this engine holds it, whether it waits in a
// lane's ready queue or its request is out: a live engine's claim never expires, however long it waits
// for a slot. When its request starts, the lease has at least two thirds left, more than the mapping's
// timeout, so the request ends inside the lease even if a renewal comes late.
void Dispatcher::armRenewTimer()
{
    if (!db_->dialect().isShared() || renewTimer_.isActive() || inFlightTotal() == 0)
        return;
    renewTimer_.start(int(leaseMs() / 3));
}

// One UPDATE for every claim this engine holds; the timer stops once it holds none (outcomes waiting
// to be recorded still need theirs: recording checks the owner).
void Dispatcher::renewLeases()
{
    if (inFlightTotal() == 0 && finished_.isEmpty()) {
        renewTimer_.stop();
        return;
    }
    int renewed = 0;
    QString error;
    if (!queue_->renewClaims(leaseMs(), &renewed, &error))
        return loseDatabase(QStringLiteral("cannot renew the leases of claimed deliveries: %1").arg(error));
    renewTimer_.setInterval(int(leaseMs() / 3));
}

void Dispatcher::reapExpiredLeases()
{
    int reaped = 0;
    QString error;
    if (!queue_->reapExpiredLeases(&reaped, &error))
        return loseDatabase(QStringLiteral("cannot take over expired claims: %1").arg(error));
    wake();
}

void Dispatcher::startNext(EndpointState &state)
{
    while (state.inFlight < state.endpoint.maxInFlight && !state.ready.isEmpty())
        send(state, state.ready.dequeue());
}

// The previous key signs beside the new one until its end of overlap, checked at every attempt.
QList<QByteArray> Dispatcher::signingKeys(const EndpointState &state)
{
    QList<QByteArray> keys;
    if (state.signingKey.isEmpty())
        return keys;
    keys.append(state.signingKey);
    if (!state.previousSigningKey.isEmpty() && state.endpoint.previousSigningUntilMs > Database::nowMs())
        keys.append(state.previousSigningKey);
    return keys;
}

void Dispatcher::send(EndpointState &state, const ClaimedDelivery &delivery)
{
    const auto mappingIt = mappingIndex_.constFind(delivery.mappingId);
    if (mappingIt == mappingIndex_.cend())
        return; // the mapping was deleted meanwhile; the claim is released on the next start
    const Mapping &mapping = mappings_.at(*mappingIt);
    DeliveryRequestBuilder::Parts parts;
    parts.endpoint = &state.endpoint;
    parts.url = delivery.updateUrl.isEmpty()
                    ? DeliveryRequestBuilder::serviceUrl(state.endpoint.url, mapping.path)
                    : QUrl(delivery.updateUrl);
    parts.messageId = delivery.message.id;
    parts.body = DeliveryRequestBuilder::body(delivery.message, mapping.parameters, parameters_);
    parts.timeoutMs = qint64(mapping.options.timeoutSeconds * 1000);
    parts.token = state.token;
    parts.basicAuth = state.basicAuth;
    parts.signingKeys = signingKeys(state);
    ++state.inFlight;
    auto *exchange = new HttpExchange(network_, requestBuilder_.build(parts), this);
    connect(exchange, &HttpExchange::finished, this, [this, exchange, delivery](const Attempt &attempt) {
        onExchangeFinished(exchange, delivery, attempt);
    });
    exchange->start();
}

void Dispatcher::onExchangeFinished(HttpExchange *exchange, const ClaimedDelivery &delivery,
                                    const Attempt &attempt)
{
    exchange->deleteLater();
    const auto stateIt = endpoints_.find(delivery.endpointId);
    if (stateIt == endpoints_.end())
        return; // states with requests in flight are kept; nothing to account for
    EndpointState &state = *stateIt;
    --state.inFlight;
    if (state.removed) {
        // Removed while the request was out; its removal archived the delivery.
        if (state.inFlight == 0)
            endpoints_.erase(stateIt);
        schedulePump(0);
        return;
    }
    const auto mappingIt = mappingIndex_.constFind(delivery.mappingId);
    if (mappingIt != mappingIndex_.cend()) {
        // A relative update_url resolves against the service URL, also when it comes from an update poll.
        const Mapping &mapping = mappings_.at(*mappingIt);
        const qint64 now = Database::nowMs();
        const ResponseReading reading = ResponseReading::read(
            attempt, DeliveryRequestBuilder::serviceUrl(state.endpoint.url, mapping.path), now,
            state.endpoint.updateOrigins);
        DeliveryOutcome outcome = RetryDecision::decide(delivery, mapping.options, reading, attempt, now);
        keepRetriesOfProbe(delivery, now, &outcome);
        finished_.append({delivery, outcome, reading, mapping.name});
    }
    startNext(state); // before flush(): its reload of the configuration may move or drop the state
    if (finished_.size() >= kFlushBatch)
        flush();
    else if (!flushTimer_.isActive())
        flushTimer_.start(kFlushDelayMs);
    schedulePump(0);
}

// A paused endpoint's deliveries wait without using up their retries, the probe included: a failed probe
// leaves its delivery as it was, due again (the gate holds it until the next probe or the resume).
void Dispatcher::keepRetriesOfProbe(const ClaimedDelivery &delivery, qint64 now, DeliveryOutcome *outcome)
{
    if (!delivery.probe || outcome->attempt.outcome != QLatin1String("failed"))
        return;
    outcome->state = DeliveryState::Retrying;
    outcome->reason.clear();
    outcome->failures = delivery.failures;
    outcome->dueAtMs = now;
}

void Dispatcher::flush()
{
    flushTimer_.stop();
    if (finished_.isEmpty() || !db_ || unreachableSinceMs_)
        return;
    // Read once per batch: a mapping or an endpoint may have been removed while these requests were out.
    if (!reloadConfigIfChanged())
        return;
    QList<OutcomeRecorder::Finished> batch = std::exchange(finished_, {});
    keepCurrent(&batch);
    OutcomeRecorder::Effects effects;
    QString error;
    const auto endpointOf = [this](qint64 id) -> const Endpoint * {
        const auto it = endpoints_.constFind(id);
        return it == endpoints_.cend() || it->removed ? nullptr : &it->endpoint;
    };
    QList<OutcomeRecorder::Finished> unwritten;
    if (!recorder_->record(batch, {&mappings_, &parameters_, configVersion_, endpointOf}, &effects,
                           &unwritten, &error)) {
        finished_ = unwritten + finished_; // kept for when the database is back
        return loseDatabase(error);
    }
    releaseReady(effects.pausedEndpoints);
    if (effects.configVersion)
        configVersion_ = *effects.configVersion; // only the parameters changed, and the cache has them
    if (effects.childrenAccepted) {
        idleReported_ = false;
        markAllLanesDue(); // the children may be due at any endpoint
    }
    if (effects.orderingKeyReleased)
        markAllLanesDue(); // the next delivery of the key may be claimable, perhaps in another lane
    Q_EMIT recorded(effects.written);
    // The batch may have scheduled retries or update polls: let pump() arm the timer for them.
    schedulePump(0);
}

// What a paused endpoint's lane had claimed but not sent goes back to the queue, untried.
void Dispatcher::releaseReady(const QSet<qint64> &pausedEndpoints)
{
    QList<qint64> ids;
    for (qint64 id : pausedEndpoints) {
        const auto it = endpoints_.find(id);
        if (it == endpoints_.end())
            continue;
        for (const ClaimedDelivery &delivery : std::as_const(it->ready))
            ids.append(delivery.id);
        it->ready.clear();
    }
    QString error;
    if (!queue_->release(ids, &error))
        loseDatabase(QStringLiteral("cannot release deliveries of a paused endpoint: %1").arg(error));
}

// Drops the outcomes of removed mappings and endpoints, names the mapping of the others as it is now,
// and notes their next due times on their lanes.
void Dispatcher::keepCurrent(QList<OutcomeRecorder::Finished> *batch)
{
    for (auto it = batch->begin(); it != batch->end();) {
        if (!isCurrent(it->delivery)) {
            it = batch->erase(it);
            continue;
        }
        it->mappingName = mappings_.at(mappingIndex_.value(it->delivery.mappingId)).name;
        if (it->outcome.dueAtMs) {
            EndpointState &state = endpoints_[it->delivery.endpointId];
            state.nextDueAt =
                state.nextDueAt ? qMin(*state.nextDueAt, *it->outcome.dueAtMs) : *it->outcome.dueAtMs;
        }
        ++it;
    }
}

// The removal of a mapping or an endpoint archived its undelivered deliveries: an outcome that arrives
// afterwards is not recorded, so that the delivery stays archived instead of waiting for an engine that
// no longer loads them.
bool Dispatcher::isCurrent(const ClaimedDelivery &delivery) const
{
    const auto state = endpoints_.constFind(delivery.endpointId);
    return mappingIndex_.contains(delivery.mappingId) && state != endpoints_.cend() && !state->removed;
}

void Dispatcher::checkIdle()
{
    if (idleReported_ || !running_ || stopping_ || unreachableSinceMs_ || inFlightTotal() > 0 ||
        !finished_.isEmpty() || (pumpTimer_.isActive() && pumpTimer_.remainingTime() == 0))
        return;
    int active = 0;
    QString error;
    if (!queue_->countActive(&active, &error, endpointsWaitingForSecrets()))
        return loseDatabase(QStringLiteral("cannot read the queue: %1").arg(error));
    if (active == 0) {
        idleReported_ = true;
        Q_EMIT idle();
    }
}

void Dispatcher::checkCaughtUp(qint64 now)
{
    if (!running_ || stopping_ || unreachableSinceMs_ || inFlightTotal() > 0 || !finished_.isEmpty())
        return;
    // Every lane was asked since the last wake-up and had nothing more due.
    for (const EndpointState &state : std::as_const(endpoints_)) {
        if (!state.removed && (state.mayHaveDue || (state.nextDueAt && *state.nextDueAt <= now)))
            return;
    }
    Q_EMIT caughtUp();
}

void Dispatcher::stop()
{
    stopping_ = true;
    pumpTimer_.stop();
    sweepTimer_.stop();
    leaseTimer_.stop();
    renewTimer_.stop();
    reconnectTimer_.stop();
    // Exchanges in flight are dropped without a record; their deliveries go back to the queue below.
    const QList<HttpExchange *> exchanges =
        findChildren<HttpExchange *>(QString(), Qt::FindDirectChildrenOnly);
    for (HttpExchange *exchange : exchanges) {
        exchange->disconnect(this);
        delete exchange;
    }
    for (EndpointState &state : endpoints_) {
        state.inFlight = 0;
        state.ready.clear();
    }
    if (running_ && unreachableSinceMs_) {
        // Claims held here go back to the queue when their leases run out (or, alone on a SQLite file, at
        // the next start); the outcomes not written are sent again then.
        qWarning("integrator: stopping while the database is unreachable: %lld outcome(s) were not recorded "
                 "and their deliveries will be sent again",
                 qint64(finished_.size()));
    } else if (running_) {
        flush();
        int released = 0;
        QString error;
        if (!queue_->releaseClaims(&released, &error))
            qWarning("Integrator: could not release claimed deliveries: %s", qPrintable(error));
    }
    running_ = false;
    Q_EMIT stopped();
}
