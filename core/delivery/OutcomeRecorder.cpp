#include "delivery/OutcomeRecorder.h"

#include <QMap>

#include "metrics/MetricsRegistry.h"
#include "secrets/CredentialStore.h"
#include "storage/Database.h"

OutcomeRecorder::OutcomeRecorder(const Database &db, DeliveryQueue &queue, CredentialStore *credentials,
                                 int hopLimit)
    : db_(db)
    , queue_(queue)
    , messages_(db)
    , notifications_(db)
    , config_(db)
    , breaker_(db)
    , rollup_(db)
    , credentials_(credentials)
    , hopLimit_(hopLimit)
{}

bool OutcomeRecorder::record(const QList<Finished> &batch, const Cache &cache, Effects *effects,
                             QList<Finished> *unwritten, QString *error)
{
    cache_ = cache;
    effects_ = effects;
    QList<Finished> rest = batch;
    for (;;) {
        int refused = -1;
        if (recordTogether(rest, &refused, error))
            return true;
        if (refused < 0) {
            *unwritten = rest;
            return false;
        }
        // One delivery's outcome could not be written: the others must not wait for it, nor the engine
        // stop for it. It is tried alone, then parked; the rest of the batch is recorded without it.
        const Finished item = rest.at(refused);
        if (!recordAlone(item, error)) {
            *unwritten = rest;
            return false;
        }
        rest.removeAt(refused);
        if (rest.isEmpty())
            return true;
    }
}

// The batch in one transaction. When writing one delivery's outcome fails, *refused is its index; on any
// failure nothing is written and the effects and the parameter cache are as they were.
bool OutcomeRecorder::recordTogether(const QList<Finished> &batch, int *refused, QString *error)
{
    const Effects effectsBefore = *effects_;
    const QHash<QString, Parameter> parametersBefore = *cache_.parameters;
    parametersSaved_ = 0;
    if (writeBatch(batch, refused, error)) {
        countCommitted(batch);
        return true;
    }
    *effects_ = effectsBefore;
    *cache_.parameters = parametersBefore;
    return false;
}

bool OutcomeRecorder::writeBatch(const QList<Finished> &batch, int *refused, QString *error)
{
    QString reason;
    WriteTransaction transaction(db_);
    if (!transaction.begin(&reason)) {
        *error = QStringLiteral("cannot record deliveries: %1").arg(reason);
        return false;
    }
    if (!writeAll(batch, refused, error))
        return false;
    if (!noteEndpointHealth(batch, &reason) || !countInRollup(batch, &reason)) {
        *error = QStringLiteral("cannot record endpoint health: %1").arg(reason);
        return false;
    }
    if (!announceReleasedKeys(&reason) || !noteOwnVersion(&reason) || !transaction.commit(&reason)) {
        *error = QStringLiteral("cannot record deliveries: %1").arg(reason);
        return false;
    }
    return true;
}

// A delivery whose outcome failed to record with others: alone, it may pass (the failure came from
// another one's writes). If it fails alone too, it is parked with the database's reason and a
// notification. If even that cannot be written, the database takes no writes at all: the dispatcher
// keeps the outcomes and writes them once it is back.
bool OutcomeRecorder::recordAlone(const Finished &item, QString *error)
{
    int refused = -1;
    QString reason;
    if (recordTogether({item}, &refused, &reason))
        return true;
    if (refused < 0) {
        *error = reason;
        return false;
    }
    const QString oneLine = reason.simplified().left(300);
    qWarning("Integrator: %s; parking the delivery", qPrintable(oneLine));
    WriteTransaction transaction(db_);
    QString parkError;
    if (!transaction.begin(&parkError) ||
        !queue_.parkUnrecorded(item.delivery.id, QStringLiteral("outcome not recorded: %1").arg(oneLine),
                               &parkError) ||
        !recordUnrecorded(item, oneLine, &parkError) || !countInRollup({parked(item)}, &parkError) ||
        (!item.delivery.orderingKey.isEmpty() && !db_.notifyWork(&parkError)) ||
        !transaction.commit(&parkError)) {
        *error = QStringLiteral("%1; parking it failed too: %2").arg(reason, parkError);
        return false;
    }
    countCommitted({parked(item)});
    ++effects_->written;
    effects_->orderingKeyReleased = effects_->orderingKeyReleased || !item.delivery.orderingKey.isEmpty();
    return true;
}

OutcomeRecorder::Finished OutcomeRecorder::parked(const Finished &item)
{
    Finished parked = item;
    parked.outcome.state = DeliveryState::Parked;
    return parked;
}

// Said where people look, like any parked delivery; the attempt's answer is lost, so the notification
// tells what it was.
bool OutcomeRecorder::recordUnrecorded(const Finished &item, const QString &reason, QString *error)
{
    const Message &message = item.delivery.message;
    Notification parked;
    parked.level = QStringLiteral("error");
    parked.subject = QStringLiteral("Delivery parked: %1").arg(item.mappingName);
    parked.description = QStringLiteral("%1 %2: the outcome of its attempt (%3, HTTP %4) could not be "
                                        "recorded: %5")
                             .arg(message.type, message.id, item.outcome.attempt.outcome)
                             .arg(item.outcome.attempt.status)
                             .arg(reason);
    parked.source = item.mappingName;
    parked.reference = message.id;
    return notifications_.record(parked, error);
}

// Only what is committed counts: a batch that failed to record is sent again.
void OutcomeRecorder::countCommitted(const QList<Finished> &batch) const
{
    MetricsRegistry &metrics = MetricsRegistry::global();
    const qint64 now = Database::nowMs();
    for (const Finished &item : batch) {
        const Endpoint *endpoint = cache_.endpointOf ? cache_.endpointOf(item.delivery.endpointId) : nullptr;
        const QString endpointName = endpoint ? endpoint->name : QString::number(item.delivery.endpointId);
        metrics.noteAttempt(endpointName, double(item.outcome.attempt.durationMs) / 1000.0);
        metrics.noteDelivery(item.mappingName, endpointName, item.outcome.state);
        if (item.outcome.state == DeliveryState::Delivered && item.delivery.acceptedAtMs > 0)
            metrics.notePushToDelivery(double(now - item.delivery.acceptedAtMs) / 1000.0);
    }
}

bool OutcomeRecorder::writeAll(const QList<Finished> &batch, int *refused, QString *error)
{
    QString reason;
    for (int i = 0; i < batch.size(); ++i) {
        const Finished &item = batch.at(i);
        if (!writeOutcome(item, &reason)) {
            *error = QStringLiteral("cannot record delivery %1: %2").arg(item.delivery.id).arg(reason);
            *refused = i;
            return false;
        }
        ++effects_->written;
    }
    return true;
}

bool OutcomeRecorder::writeOutcome(const Finished &item, QString *error)
{
    bool owned = false;
    if (!queue_.record(item.outcome, &owned, error))
        return false;
    // Another engine reaped the claim: the attempt stays in the history, but the delivery, its key and
    // what its answer says (notifications, messages, parameters) are that engine's, from its own send.
    if (!owned)
        return true;
    if (!recordNotifications(item, error) || !recordParked(item, error))
        return false;
    if (!item.delivery.orderingKey.isEmpty())
        effects_->orderingKeyReleased = true;
    if (item.outcome.state != DeliveryState::Delivered)
        return true;
    return acceptChildren(item, error) && saveParameters(item.mappingName, item.reading.parameters, error);
}

// A recorded outcome ends the `sending` of an ordered delivery, which held back the rest of its key (and,
// when delivered or parked with on_park skip, its place at the head). This engine asks its lanes again
// (Dispatcher::flush); other engines, which may hold the successor's lane, hear a notification.
bool OutcomeRecorder::announceReleasedKeys(QString *error)
{
    return !effects_->orderingKeyReleased || db_.notifyWork(error);
}

// Notifications are honoured whatever the outcome: a failure's JSON body may explain itself.
bool OutcomeRecorder::recordNotifications(const Finished &item, QString *error)
{
    for (const QJsonValue &entry : item.reading.notifications) {
        Notification notification;
        notification.level = entry[QStringLiteral("level")].toString();
        notification.subject = entry[QStringLiteral("subject")].toString();
        notification.description = entry[QStringLiteral("description")].toString();
        notification.source = item.mappingName;
        notification.reference = item.delivery.message.id;
        if (!notifications_.record(notification, error))
            return false;
    }
    return true;
}

// A parked delivery needs a person: it says so where they look.
bool OutcomeRecorder::recordParked(const Finished &item, QString *error)
{
    if (item.outcome.state != DeliveryState::Parked)
        return true;
    const Message &message = item.delivery.message;
    Notification parked;
    parked.level = QStringLiteral("error");
    parked.subject = QStringLiteral("Delivery parked: %1").arg(item.mappingName);
    parked.description = QStringLiteral("%1 %2 %3; last error: %4")
                             .arg(message.type, message.id, item.outcome.reason, item.reading.error);
    parked.source = item.mappingName;
    parked.reference = message.id;
    return notifications_.record(parked, error);
}

bool OutcomeRecorder::acceptChildren(const Finished &item, QString *error)
{
    const Message &parent = item.delivery.message;
    QList<Message> children;
    for (const QJsonValue &entry : item.reading.messages) {
        Message child;
        QString reason;
        Notification refused;
        refused.level = QStringLiteral("error");
        refused.source = item.mappingName;
        refused.reference = parent.id;
        if (!entry.isObject() || !Message::fromJson(entry.toObject(), &child, &reason)) {
            refused.subject = QStringLiteral("Endpoint returned an invalid message");
            refused.description =
                entry.isObject() ? reason : QStringLiteral("a message is not a JSON object");
        } else if (parent.hops + 1 > hopLimit_) {
            refused.subject = QStringLiteral("Message not dispatched: hop limit reached");
            refused.description =
                QStringLiteral("%1 from %2 would be hop %3, past the limit of %4; endpoints "
                               "may be answering each other in a loop")
                    .arg(child.type, item.mappingName)
                    .arg(parent.hops + 1)
                    .arg(hopLimit_);
        } else {
            child.parentId = parent.id;
            child.hops = parent.hops + 1;
            children.append(child);
            continue;
        }
        if (!notifications_.record(refused, error))
            return false;
    }
    if (children.isEmpty())
        return true;
    effects_->childrenAccepted = true;
    return messages_.insert(children, QStringLiteral("response"), *cache_.mappings, nullptr, error);
}

bool OutcomeRecorder::saveParameters(const QString &mappingName, const QJsonArray &parameters, QString *error)
{
    for (const QJsonValue &item : parameters) {
        if (!saveParameter(item.toObject(), mappingName, error))
            return false;
    }
    return true;
}

// An answer may only change a parameter's value: a known parameter keeps its type (when the value fits)
// and whether it is secret.
bool OutcomeRecorder::saveParameter(QJsonObject entry, const QString &mappingName, QString *error)
{
    Parameter parameter;
    QString reason;
    const auto existing = cache_.parameters->constFind(entry.value(QStringLiteral("name")).toString());
    if (existing != cache_.parameters->cend()) {
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
        return notifications_.record(refused, error);
    }
    if (parameter.secret &&
        !credentials_->write(db_, parameter.secretKey(), parameter.value.toString(), error))
        return false;
    if (!config_.saveParameter(parameter, error))
        return false;
    cache_.parameters->insert(parameter.name, parameter);
    ++parametersSaved_;
    return true;
}

// saveParameter bumps config_version once per parameter, as every configuration write does, so that
// other engines load the new value. This engine's cache already holds it: when the version moved by
// exactly those bumps, nothing else changed and the dispatcher can skip a reload of every endpoint,
// mapping and secret. Read inside the transaction, which holds the version row (or the SQLite write
// lock) until commit, so no other change can slip in between.
bool OutcomeRecorder::noteOwnVersion(QString *error)
{
    if (parametersSaved_ == 0)
        return true;
    qint64 version = 0;
    if (!config_.version(&version, error))
        return false;
    if (version == cache_.configVersion + parametersSaved_)
        effects_->configVersion = version;
    return true;
}

// Each endpoint's attempts of the batch, in the order they ended, go to its circuit breaker. Endpoints
// are taken in id order, as LaneGate takes them: engines sharing PostgreSQL lock endpoint_flow rows in
// one order and never deadlock.
bool OutcomeRecorder::noteEndpointHealth(const QList<Finished> &batch, QString *error)
{
    QMap<qint64, QList<CircuitBreaker::Attempt>> byEndpoint;
    for (const Finished &item : batch) {
        const Attempt &attempt = item.outcome.attempt;
        CircuitBreaker::Attempt noted;
        noted.failed = attempt.outcome == QLatin1String("failed");
        noted.gone = attempt.status == 410;
        noted.probe = item.delivery.probe;
        noted.error = attempt.error;
        byEndpoint[item.delivery.endpointId].append(noted);
    }
    const qint64 now = Database::nowMs();
    for (auto it = byEndpoint.cbegin(); it != byEndpoint.cend(); ++it) {
        const Endpoint *endpoint = cache_.endpointOf ? cache_.endpointOf(it.key()) : nullptr;
        if (!endpoint)
            continue;
        CircuitBreaker::Result result;
        if (!breaker_.note(*endpoint, it.value(), *cache_.mappings, now, &result, error))
            return false;
        effects_->childrenAccepted = effects_->childrenAccepted || result.announced;
        if (!result.sendable)
            effects_->pausedEndpoints.insert(it.key());
    }
    return true;
}

// Every attempt counts, also one whose claim another engine reaped: it was made and took its time.
bool OutcomeRecorder::countInRollup(const QList<Finished> &batch, QString *error)
{
    QList<EndpointMinuteRollup::Attempt> attempts;
    attempts.reserve(batch.size());
    for (const Finished &item : batch)
        attempts.append({item.delivery.endpointId, item.outcome.state, item.outcome.attempt.durationMs});
    return rollup_.add(attempts, Database::nowMs(), error);
}
