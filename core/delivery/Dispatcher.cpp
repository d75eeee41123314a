#include "delivery/Dispatcher.h"

#include "delivery/RetryPolicy.h"
#include "delivery/WebhookSigner.h"
#include "http/HttpExchange.h"
#include "secrets/CredentialStore.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "storage/MessageRepository.h"
#include "storage/NotificationLog.h"

#include <QJsonArray>
#include <QJsonDocument>
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

QString userAgent()
{
    return QStringLiteral("Integrator/%1").arg(QStringLiteral(INTEGRATOR_VERSION));
}
} // namespace

Dispatcher::Dispatcher(DatabaseLocation location, CredentialStore *credentials, Settings settings,
                       QObject *parent)
    : QObject(parent)
    , location_(std::move(location))
    , credentials_(credentials)
    , settings_(std::move(settings))
    , pumpTimer_(this) // parented, so moveToThread takes the timers along
    , flushTimer_(this)
    , leaseTimer_(this)
{
    sweepTimer_.setParent(this);
    sweepTimer_.setInterval(kSweepMs);
    connect(&sweepTimer_, &QTimer::timeout, this, &Dispatcher::sweep);
    leaseTimer_.setSingleShot(true);
    connect(&leaseTimer_, &QTimer::timeout, this, &Dispatcher::reapExpiredLeases);
    pumpTimer_.setSingleShot(true);
    pumpTimer_.setTimerType(Qt::PreciseTimer); // a coarse timer may fire before the due time
    flushTimer_.setSingleShot(true);
    connect(&pumpTimer_, &QTimer::timeout, this, &Dispatcher::pump);
    connect(&flushTimer_, &QTimer::timeout, this, &Dispatcher::flush);
}

Dispatcher::~Dispatcher() = default;

void Dispatcher::start()
{
    db_ = std::make_unique<Database>(location_, QStringLiteral("dispatcher-%1").arg(settings_.owner));
    QString error;
    int recovered = 0;
    if (!db_->open(&error)) {
        Q_EMIT started(error);
        return;
    }
    queue_ = std::make_unique<DeliveryQueue>(*db_, settings_.owner);
    messages_ = std::make_unique<MessageRepository>(*db_);
    notifications_ = std::make_unique<NotificationLog>(*db_);
    config_ = std::make_unique<ConfigRepository>(*db_);
    // Alone on a SQLite file, whatever was sending was ours and died with us. On a shared database
    // only expired claims are a dead engine's; the others belong to engines still at work.
    const bool shared = db_->dialect().isShared();
    if (!(shared ? queue_->reapExpiredLeases(&recovered, &error)
                 : queue_->recoverInterrupted(&recovered, &error))) {
        Q_EMIT started(QStringLiteral("cannot recover interrupted deliveries: %1").arg(error));
        return;
    }
    if (shared) {
        QSqlDriver *driver = db_->connection().driver();
        if (!driver->subscribeToNotification(QLatin1String(SqlDialect::kWorkChannel))) {
            Q_EMIT started(QStringLiteral("cannot LISTEN for new work: %1").arg(driver->lastError().text()));
            return;
        }
        connect(driver, &QSqlDriver::notification, this, &Dispatcher::wake);
    }
    network_ = new QNetworkAccessManager(this);
    running_ = true;
    Q_EMIT started(QString());
    sweepTimer_.start();
    pump();
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
    if (!running_ || stopping_)
        return;
    const int delay = int(qBound<qint64>(0, delayMs, qint64(3600) * 1000));
    // Keep the earliest wake-up: a later schedule must not postpone a sooner one.
    if (pumpTimer_.isActive() && pumpTimer_.remainingTime() <= delay)
        return;
    pumpTimer_.start(delay);
}

void Dispatcher::fail(const QString &error)
{
    running_ = false;
    pumpTimer_.stop();
    sweepTimer_.stop();
    Q_EMIT failed(error);
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
        fail(QStringLiteral("cannot read the configuration: %1").arg(error));
        return false;
    }
    if (version == configVersion_)
        return true;
    QList<Endpoint> endpoints;
    QList<Mapping> mappings;
    QList<Parameter> parameters;
    if (!config_->loadEndpoints(&endpoints, &error) || !config_->loadMappings(&mappings, &error) ||
        !config_->loadParameters(&parameters, &error)) {
        fail(QStringLiteral("cannot load the configuration: %1").arg(error));
        return false;
    }
    configVersion_ = version;
    QSet<qint64> loaded;
    for (const Endpoint &endpoint : std::as_const(endpoints)) {
        loaded.insert(endpoint.id);
        EndpointState &state = endpoints_[endpoint.id];
        state.endpoint = endpoint;
        state.removed = false; // saved again under its name: the same row
        loadSecrets(state);
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
    mappings_ = mappings;
    mappingIndex_.clear();
    for (int i = 0; i < mappings_.size(); ++i)
        mappingIndex_.insert(mappings_.at(i).id, i);
    parameters_.clear();
    for (Parameter parameter : std::as_const(parameters)) {
        if (parameter.secret)
            parameter.value = credentials_->read(parameter.secretKey(), &error).value_or(QString());
        parameters_.insert(parameter.name, parameter);
    }
    return true;
}

void Dispatcher::loadSecrets(EndpointState &state)
{
    const Endpoint &endpoint = state.endpoint;
    QString error;
    state.token =
        endpoint.hasToken ? credentials_->read(endpoint.tokenKey(), &error).value_or(QString()) : QString();
    state.signingKey.clear();
    state.previousSigningKey.clear();
    if (!endpoint.hasSigningSecret)
        return;
    const QString current =
        credentials_->read(Endpoint::signingKeyFor(endpoint.name), &error).value_or(QString());
    WebhookSigner::decodeSecret(current, &state.signingKey, &error);
    if (endpoint.previousSigningUntilMs > Database::nowMs()) {
        const QString previous =
            credentials_->read(Endpoint::previousSigningKeyFor(endpoint.name), &error).value_or(QString());
        WebhookSigner::decodeSecret(previous, &state.previousSigningKey, &error);
    }
}

void Dispatcher::sign(const EndpointState &state, const ClaimedDelivery &delivery,
                      HttpExchange::Request *request)
{
    if (state.signingKey.isEmpty())
        return;
    QList<QByteArray> keys{state.signingKey};
    if (!state.previousSigningKey.isEmpty() && state.endpoint.previousSigningUntilMs > Database::nowMs())
        keys.append(state.previousSigningKey);
    // Signed at every attempt: the timestamp is part of what endpoints check for replays.
    const qint64 timestamp = Database::nowMs() / 1000;
    request->headers.append({"webhook-id", delivery.message.id.toUtf8()});
    request->headers.append({"webhook-timestamp", QByteArray::number(timestamp)});
    request->headers.append({"webhook-signature", WebhookSigner::signatureHeader(keys, delivery.message.id,
                                                                                 timestamp, request->body)});
}

void Dispatcher::pump()
{
    if (!running_ || stopping_ || !reloadConfigIfChanged())
        return;
    const qint64 now = Database::nowMs();
    const QHash<qint64, int> wanted = lanesToAsk(now);
    if (!wanted.isEmpty()) {
        QList<ClaimedDelivery> claimed;
        QString error;
        if (!queue_->claimDue(wanted, leaseMs(), &claimed, &error))
            return fail(QStringLiteral("cannot claim deliveries: %1").arg(error));
        QHash<qint64, int> got;
        for (const ClaimedDelivery &delivery : std::as_const(claimed)) {
            EndpointState &state = endpoints_[delivery.endpointId];
            state.ready.enqueue(delivery);
            ++got[delivery.endpointId];
            startNext(state);
        }
        if (!claimed.isEmpty())
            idleReported_ = false;
        if (!noteUnderfedLanes(wanted, got))
            return;
    }
    scheduleNextDue(now);
    armLeaseTimer();
    checkIdle();
    checkCaughtUp(now);
}

// Each lane may have one window of requests in flight and one more claimed and ready. Only lanes with
// room that may have due work are asked, so a busy or drained lane costs no query at all.
QHash<qint64, int> Dispatcher::lanesToAsk(qint64 now) const
{
    QHash<qint64, int> wanted;
    for (auto it = endpoints_.cbegin(); it != endpoints_.cend(); ++it) {
        if (it->removed || !(it->mayHaveDue || (it->nextDueAt && *it->nextDueAt <= now)))
            continue;
        const int window = it->endpoint.maxInFlight;
        const int want = 2 * window - it->inFlight - int(it->ready.size());
        // While claimed work is still queued, wait for half a window to free up: fewer, larger claims.
        const bool batchLater = !it->ready.isEmpty() && want < qMax(1, window / 2);
        if (want > 0 && !batchLater)
            wanted.insert(it.key(), want);
    }
    return wanted;
}

// A lane that got less than it asked for has no more due work now: it is left alone until a wake-up or
// its next due time.
bool Dispatcher::noteUnderfedLanes(const QHash<qint64, int> &wanted, const QHash<qint64, int> &got)
{
    QString error;
    for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
        EndpointState &state = endpoints_[it.key()];
        if (got.value(it.key()) >= it.value()) {
            state.mayHaveDue = true;
            continue;
        }
        std::optional<qint64> next;
        if (!queue_->nextDueAt({it.key()}, &next, &error)) {
            fail(QStringLiteral("cannot read the queue: %1").arg(error));
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

void Dispatcher::reapExpiredLeases()
{
    int reaped = 0;
    QString error;
    if (!queue_->reapExpiredLeases(&reaped, &error))
        return fail(QStringLiteral("cannot take over expired claims: %1").arg(error));
    wake();
}

void Dispatcher::startNext(EndpointState &state)
{
    while (state.inFlight < state.endpoint.maxInFlight && !state.ready.isEmpty())
        send(state, state.ready.dequeue());
}

QByteArray Dispatcher::requestBody(const ClaimedDelivery &delivery, const Mapping &mapping) const
{
    QJsonObject payload = delivery.message.payload;
    if (!mapping.parameters.isEmpty()) {
        // Injected at send time only, so secret values never reach the database.
        QJsonArray injected;
        for (const QString &name : mapping.parameters) {
            const auto it = parameters_.constFind(name);
            if (it != parameters_.cend() && !it->value.isUndefined())
                injected.append(
                    QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("value"), it->value}});
        }
        payload.insert(QStringLiteral("parameters"), injected);
    }
    const QJsonObject body{{QStringLiteral("message"), delivery.message.type},
                           {QStringLiteral("message_id"), delivery.message.id},
                           {QStringLiteral("payload"), payload}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QUrl Dispatcher::serviceUrl(const Endpoint &endpoint, const Mapping &mapping)
{
    QUrl url = endpoint.url;
    QString base = url.path();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + mapping.path);
    return url;
}

void Dispatcher::send(EndpointState &state, const ClaimedDelivery &delivery)
{
    const auto mappingIt = mappingIndex_.constFind(delivery.mappingId);
    if (mappingIt == mappingIndex_.cend())
        return; // the mapping was deleted meanwhile; the claim is released on the next start
    const Mapping &mapping = mappings_.at(*mappingIt);
    HttpExchange::Request request;
    request.url =
        delivery.updateUrl.isEmpty() ? serviceUrl(state.endpoint, mapping) : QUrl(delivery.updateUrl);
    request.headers = {{"Content-Type", "application/json"},
                       {"Accept", "application/json"},
                       {"User-Agent", userAgent().toUtf8()},
                       {"X-Hub-Store", settings_.storeId.toUtf8()}};
    if (!state.token.isEmpty()) {
        request.headers.append({"X-Augury-Token", state.token.toUtf8()});
        request.headers.append({"X-Hub-Token", state.token.toUtf8()});
        request.secretHeaders = {"X-Augury-Token", "X-Hub-Token"};
    }
    request.body = requestBody(delivery, mapping);
    request.timeoutMs = qint64(mapping.options.timeoutSeconds * 1000);
    request.allowSelfSigned = state.endpoint.allowSelfSigned;
    sign(state, delivery, &request);
    ++state.inFlight;
    auto *exchange = new HttpExchange(network_, request, this);
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
        const ResponseReading reading =
            ResponseReading::read(attempt, serviceUrl(state.endpoint, mapping), Database::nowMs());
        finished_.append({delivery, decide(delivery, mapping, reading, attempt), reading});
    }
    startNext(state); // before flush(): its reload of the configuration may move or drop the state
    if (finished_.size() >= kFlushBatch)
        flush();
    else if (!flushTimer_.isActive())
        flushTimer_.start(kFlushDelayMs);
    schedulePump(0);
}

DeliveryOutcome Dispatcher::decide(const ClaimedDelivery &delivery, const Mapping &mapping,
                                   const ResponseReading &reading, Attempt attempt) const
{
    DeliveryOutcome outcome;
    outcome.deliveryId = delivery.id;
    attempt.kind = delivery.updateUrl.isEmpty() ? QStringLiteral("post") : QStringLiteral("update");
    attempt.error = reading.error;
    const qint64 now = Database::nowMs();
    switch (reading.kind) {
    case ResponseReading::Kind::Delivered:
        outcome.state = DeliveryState::Delivered;
        attempt.outcome = QStringLiteral("delivered");
        attempt.extra = reading.extra;
        break;
    case ResponseReading::Kind::Async:
        outcome.state = DeliveryState::Waiting;
        outcome.dueAtMs = now + reading.delayMs;
        outcome.updateUrl = reading.updateUrl.toString();
        attempt.outcome = QStringLiteral("async");
        break;
    case ResponseReading::Kind::Failed: {
        attempt.outcome = QStringLiteral("failed");
        outcome.failures = delivery.failures + 1;
        outcome.updateUrl = delivery.updateUrl; // a failed update poll retries the poll
        const RetryPolicy policy(mapping.options.retrySchedule.isEmpty() ? RetryPolicy::defaultSchedule()
                                                                         : mapping.options.retrySchedule,
                                 mapping.options.retriesAllowed);
        if (const auto delay = policy.nextDelayMs(outcome.failures, reading.retryAfterMs)) {
            outcome.state = DeliveryState::Retrying;
            outcome.dueAtMs = now + *delay;
        } else {
            outcome.state = DeliveryState::Parked;
            outcome.reason = mapping.options.retriesAllowed
                                 ? QStringLiteral("gave up after %1 attempts").arg(delivery.attempts + 1)
                                 : QStringLiteral("failed and the mapping does not allow retries");
        }
        break;
    }
    }
    outcome.attempt = attempt;
    return outcome;
}

void Dispatcher::flush()
{
    flushTimer_.stop();
    if (finished_.isEmpty() || !db_)
        return;
    const QList<Finished> batch = std::exchange(finished_, {});
    // Read once per batch: a mapping or an endpoint may have been removed while these requests were out.
    if (!reloadConfigIfChanged())
        return;
    QString error;
    int written = 0;
    WriteTransaction transaction(*db_);
    if (!transaction.begin(&error))
        return fail(QStringLiteral("cannot record deliveries: %1").arg(error));
    for (const Finished &item : batch) {
        if (!isCurrent(item.delivery))
            continue;
        if (item.outcome.dueAtMs) {
            EndpointState &state = endpoints_[item.delivery.endpointId];
            state.nextDueAt =
                state.nextDueAt ? qMin(*state.nextDueAt, *item.outcome.dueAtMs) : *item.outcome.dueAtMs;
        }
        if (!writeOutcome(item.delivery, item.outcome, item.reading, &error))
            return fail(QStringLiteral("cannot record delivery %1: %2").arg(item.delivery.id).arg(error));
        ++written;
    }
    if (!transaction.commit(&error))
        return fail(QStringLiteral("cannot record deliveries: %1").arg(error));
    Q_EMIT recorded(written);
    // The batch may have scheduled retries or update polls: let pump() arm the timer for them.
    schedulePump(0);
}

// The removal of a mapping or an endpoint archived its undelivered deliveries: an outcome that arrives
// afterwards is not recorded, so that the delivery stays archived instead of waiting for an engine that
// no longer loads them.
bool Dispatcher::isCurrent(const ClaimedDelivery &delivery) const
{
    const auto state = endpoints_.constFind(delivery.endpointId);
    return mappingIndex_.contains(delivery.mappingId) && state != endpoints_.cend() && !state->removed;
}

bool Dispatcher::writeOutcome(const ClaimedDelivery &delivery, const DeliveryOutcome &outcome,
                              const ResponseReading &reading, QString *error)
{
    // The configuration may have been reloaded since the exchange started; the name is only a label here.
    const auto index = mappingIndex_.constFind(delivery.mappingId);
    const QString mappingName = index != mappingIndex_.cend() && *index < mappings_.size()
                                    ? mappings_.at(*index).name
                                    : QStringLiteral("mapping %1").arg(delivery.mappingId);
    if (!queue_->record(outcome, error))
        return false;
    for (const QJsonValue &entry : reading.notifications) {
        Notification notification;
        notification.level = entry[QStringLiteral("level")].toString();
        notification.subject = entry[QStringLiteral("subject")].toString();
        notification.description = entry[QStringLiteral("description")].toString();
        notification.source = mappingName;
        notification.reference = delivery.message.id;
        if (!notifications_->record(notification, error))
            return false;
    }
    if (outcome.state == DeliveryState::Parked) {
        Notification parked;
        parked.level = QStringLiteral("error");
        parked.subject = QStringLiteral("Delivery parked: %1").arg(mappingName);
        parked.description =
            QStringLiteral("%1 %2 %3; last error: %4")
                .arg(delivery.message.type, delivery.message.id, outcome.reason, reading.error);
        parked.source = mappingName;
        parked.reference = delivery.message.id;
        if (!notifications_->record(parked, error))
            return false;
    }
    if (outcome.state != DeliveryState::Delivered)
        return true;
    return acceptChildren(delivery, mappingName, reading.messages, error) &&
           saveParameters(mappingName, reading.parameters, error);
}

bool Dispatcher::acceptChildren(const ClaimedDelivery &delivery, const QString &mappingName,
                                const QJsonArray &messages, QString *error)
{
    QList<Message> children;
    for (const QJsonValue &item : messages) {
        Message child;
        QString reason;
        Notification refused;
        refused.level = QStringLiteral("error");
        refused.source = mappingName;
        refused.reference = delivery.message.id;
        if (!item.isObject() || !Message::fromJson(item.toObject(), &child, &reason)) {
            refused.subject = QStringLiteral("Endpoint returned an invalid message");
            refused.description = item.isObject() ? reason : QStringLiteral("a message is not a JSON object");
        } else if (delivery.message.hops + 1 > settings_.hopLimit) {
            refused.subject = QStringLiteral("Message not dispatched: hop limit reached");
            refused.description =
                QStringLiteral("%1 from %2 would be hop %3, past the limit of %4; endpoints may be "
                               "answering each other in a loop")
                    .arg(child.type, mappingName)
                    .arg(delivery.message.hops + 1)
                    .arg(settings_.hopLimit);
        } else {
            child.parentId = delivery.message.id;
            child.hops = delivery.message.hops + 1;
            children.append(child);
            continue;
        }
        if (!notifications_->record(refused, error))
            return false;
    }
    if (children.isEmpty())
        return true;
    idleReported_ = false;
    markAllLanesDue(); // the children may be due at any endpoint
    schedulePump(0);
    return messages_->insert(children, QStringLiteral("response"), mappings_, nullptr, error);
}

bool Dispatcher::saveParameters(const QString &mappingName, const QJsonArray &parameters, QString *error)
{
    for (const QJsonValue &item : parameters) {
        Parameter parameter;
        QString reason;
        QJsonObject entry = item.toObject();
        const auto existing = parameters_.constFind(entry.value(QStringLiteral("name")).toString());
        if (existing != parameters_.cend()) {
            parameter.type = existing->type;
            parameter.secret = existing->secret;
            if (Parameter::valueError(existing->name, existing->type, entry.value(QStringLiteral("value")))
                    .isEmpty())
                entry.insert(QStringLiteral("type"), existing->type);
            entry.insert(QStringLiteral("secret"), existing->secret);
        }
        if (!Parameter::fromConfig(entry, &parameter, &reason)) {
            Notification refused;
            refused.level = QStringLiteral("warn");
            refused.subject = QStringLiteral("Endpoint returned an invalid parameter");
            refused.description = reason;
            refused.source = mappingName;
            if (!notifications_->record(refused, error))
                return false;
            continue;
        }
        if (parameter.secret &&
            !credentials_->write(parameter.secretKey(), parameter.value.toString(), error))
            return false;
        if (!config_->saveParameter(parameter, error))
            return false;
        parameters_.insert(parameter.name, parameter);
    }
    return true;
}

void Dispatcher::checkIdle()
{
    if (idleReported_ || !running_ || stopping_ || inFlightTotal() > 0 || !finished_.isEmpty() ||
        (pumpTimer_.isActive() && pumpTimer_.remainingTime() == 0))
        return;
    int active = 0;
    QString error;
    if (!queue_->countActive(&active, &error))
        return fail(QStringLiteral("cannot read the queue: %1").arg(error));
    if (active == 0) {
        idleReported_ = true;
        Q_EMIT idle();
    }
}

void Dispatcher::checkCaughtUp(qint64 now)
{
    if (!running_ || stopping_ || inFlightTotal() > 0 || !finished_.isEmpty())
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
    if (running_) {
        flush();
        int released = 0;
        QString error;
        if (!queue_->releaseClaims(&released, &error))
            qWarning("Integrator: could not release claimed deliveries: %s", qPrintable(error));
    }
    running_ = false;
    Q_EMIT stopped();
}
