#include "storage/MessageRepository.h"

#include "metrics/MetricsRegistry.h"
#include "model/DeliveryState.h"
#include "model/MessageRouter.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "storage/UniqueKeyHash.h"

#include <QJsonDocument>
#include <QSet>

MessageRepository::MessageRepository(const Database &db)
    : db_(db)
    , insertMessage_(db.connection())
    , insertDelivery_(db.connection())
    , insertIdentity_(db.connection())
{
    insertMessage_.prepare(
        QStringLiteral("INSERT INTO messages (message_id, type, payload, parent_id, hops, source, created_at)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING RETURNING id"));
    insertDelivery_.prepare(QStringLiteral("INSERT INTO deliveries (message_row, mapping_id, endpoint_id, "
                                           "state, reason, identity, due_at, updated_at, ordering_key)"
                                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    insertIdentity_.prepare(
        QStringLiteral("INSERT INTO identities (mapping_id, identity, message_id, created_at, identity_hash)"
                       " VALUES (?, ?, ?, ?, ?) ON CONFLICT (mapping_id, identity_hash) DO NOTHING"));
}

bool MessageRepository::accept(const QList<Message> &messages, const QString &source, QStringList *accepted,
                               QString *error)
{
    QList<Mapping> mappings;
    WriteTransaction transaction(db_);
    if (!transaction.begin(error) || !ConfigRepository(db_).loadMappings(&mappings, error) ||
        !insert(messages, source, mappings, accepted, error))
        return false;
    return transaction.commit(error);
}

bool MessageRepository::insert(const QList<Message> &messages, const QString &source,
                               const QList<Mapping> &mappings, QStringList *accepted, QString *error)
{
    const qint64 now = Database::nowMs();
    int stored = 0;
    QList<const Mapping *> skipped;
    for (const Message &message : messages) {
        insertMessage_.bindValue(0, message.id);
        insertMessage_.bindValue(1, message.type);
        insertMessage_.bindValue(
            2, QString::fromUtf8(QJsonDocument(message.payload).toJson(QJsonDocument::Compact)));
        insertMessage_.bindValue(3, message.parentId.isEmpty() ? QVariant() : QVariant(message.parentId));
        insertMessage_.bindValue(4, message.hops);
        insertMessage_.bindValue(5, source);
        insertMessage_.bindValue(6, now);
        if (!db_.exec(insertMessage_, error))
            return false;
        const bool isNew = insertMessage_.next();
        const qint64 row = isNew ? insertMessage_.value(0).toLongLong() : 0;
        insertMessage_.finish();
        if (!isNew)
            continue;
        for (const Route &route : MessageRouter::route(message, mappings)) {
            if (!insertDelivery(row, message, route, &skipped, error))
                return false;
        }
        ++stored;
        if (accepted)
            accepted->append(message.id);
    }
    countOnCommit(source, stored, skipped);
    return db_.notifyWork(error);
}

bool MessageRepository::routeAgain(qint64 messageRow, const Message &message, const QList<Mapping> &mappings,
                                   int *created, QString *error)
{
    QSqlQuery existing =
        db_.prepare(QStringLiteral("SELECT mapping_id FROM deliveries WHERE message_row = ?"));
    existing.bindValue(0, messageRow);
    if (!db_.exec(existing, error))
        return false;
    QSet<qint64> routed;
    while (existing.next())
        routed.insert(existing.value(0).toLongLong());
    QList<const Mapping *> skipped;
    for (const Route &route : MessageRouter::route(message, mappings)) {
        if (routed.contains(route.mapping->id))
            continue;
        if (!insertDelivery(messageRow, message, route, &skipped, error))
            return false;
        ++*created;
    }
    countOnCommit({}, 0, skipped);
    return db_.notifyWork(error);
}

// Counted only once the caller's transaction commits: a rolled back insert accepted nothing.
void MessageRepository::countOnCommit(const QString &source, int stored,
                                      const QList<const Mapping *> &skipped)
{
    if (stored == 0 && skipped.isEmpty())
        return;
    QList<QPair<QString, QString>> skippedLabels; // the mappings may be gone by the time of the commit
    for (const Mapping *mapping : skipped)
        skippedLabels.append({mapping->name, mapping->endpoint});
    db_.afterCommit([source, stored, skippedLabels] {
        MetricsRegistry &metrics = MetricsRegistry::global();
        metrics.noteAccepted(source, stored);
        for (const auto &[mapping, endpoint] : skippedLabels)
            metrics.noteDelivery(mapping, endpoint, DeliveryState::Skipped);
    });
}

bool MessageRepository::insertDelivery(qint64 messageRow, const Message &message, const Route &route,
                                       QList<const Mapping *> *skipped, QString *error)
{
    DeliveryState state = DeliveryState::Pending;
    QString reason = route.reason;
    if (route.filtered) {
        state = DeliveryState::Skipped;
    } else if (!route.identity.isEmpty()) {
        QString holder;
        if (!claimIdentity(route, message.id, &holder, error))
            return false;
        if (holder != message.id) {
            state = DeliveryState::Skipped;
            reason = QStringLiteral("duplicate: message %1 has the same identifiers %2")
                         .arg(holder, route.identity);
        }
    }
    if (state == DeliveryState::Skipped)
        skipped->append(route.mapping);
    const qint64 now = Database::nowMs();
    insertDelivery_.bindValue(0, messageRow);
    insertDelivery_.bindValue(1, route.mapping->id);
    insertDelivery_.bindValue(2, route.mapping->endpointId);
    insertDelivery_.bindValue(3, DeliveryStates::name(state));
    insertDelivery_.bindValue(4, reason.isEmpty() ? QVariant() : QVariant(reason));
    insertDelivery_.bindValue(5, route.identity.isEmpty() ? QVariant() : QVariant(route.identity));
    insertDelivery_.bindValue(6, state == DeliveryState::Pending ? QVariant(now) : QVariant());
    insertDelivery_.bindValue(7, now);
    insertDelivery_.bindValue(8, route.orderingKey.isEmpty() ? QVariant() : QVariant(route.orderingKey));
    return db_.exec(insertDelivery_, error);
}

// Returns in *holder the message that owns these identifier values for this mapping: the given
// message when it is the first, otherwise the earlier one.
bool MessageRepository::claimIdentity(const Route &route, const QString &messageId, QString *holder,
                                      QString *error)
{
    insertIdentity_.bindValue(0, route.mapping->id);
    insertIdentity_.bindValue(1, route.identity);
    insertIdentity_.bindValue(2, messageId);
    insertIdentity_.bindValue(3, Database::nowMs());
    const QString identityHash = UniqueKeyHash::of({route.identity});
    insertIdentity_.bindValue(4, identityHash);
    if (!db_.exec(insertIdentity_, error))
        return false;
    if (insertIdentity_.numRowsAffected() == 1) {
        *holder = messageId;
        return true;
    }
    QSqlQuery owner = db_.prepare(
        QStringLiteral("SELECT message_id FROM identities WHERE mapping_id = ? AND identity_hash = ?"));
    owner.bindValue(0, route.mapping->id);
    owner.bindValue(1, identityHash);
    if (!db_.exec(owner, error))
        return false;
    *holder = owner.next() ? owner.value(0).toString() : messageId;
    return true;
}
