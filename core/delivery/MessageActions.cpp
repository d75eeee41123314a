#include "delivery/MessageActions.h"

#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "storage/DeliveryQueue.h"
#include "storage/MessageQuery.h"
#include "storage/MessageRepository.h"

MessageActions::MessageActions(const Database &db)
    : db_(db)
{}

bool MessageActions::replay(const QStringList &messageIds, int *replayed, int *routed, QString *error) const
{
    *replayed = 0;
    *routed = 0;
    WriteTransaction transaction(db_);
    QList<Mapping> mappings;
    if (!transaction.begin(error) || !ConfigRepository(db_).loadMappings(&mappings, error))
        return false;
    const MessageQuery query(db_);
    DeliveryQueue queue(db_, QStringLiteral("replay"));
    MessageRepository store(db_);
    for (const QString &id : messageIds) {
        qint64 row = 0;
        Message message;
        if (!query.find(id, &row, &message, error) || !queue.replayMessage(row, replayed, error) ||
            !store.routeAgain(row, message, mappings, routed, error))
            return false;
    }
    return transaction.commit(error);
}

bool MessageActions::replayFailed(const std::optional<QString> &mapping, int *replayed, QString *error) const
{
    *replayed = 0;
    WriteTransaction transaction(db_);
    if (!transaction.begin(error))
        return false;
    std::optional<qint64> mappingId;
    if (mapping) {
        qint64 id = 0;
        if (!MessageQuery(db_).mappingId(*mapping, &id, error))
            return false;
        mappingId = id;
    }
    DeliveryQueue queue(db_, QStringLiteral("replay"));
    return queue.replayFailed(mappingId, replayed, error) && transaction.commit(error);
}

bool MessageActions::archive(const QStringList &messageIds, int *archived, QString *error) const
{
    *archived = 0;
    WriteTransaction transaction(db_);
    if (!transaction.begin(error))
        return false;
    const MessageQuery query(db_);
    DeliveryQueue queue(db_, QStringLiteral("archive"));
    for (const QString &id : messageIds) {
        qint64 row = 0;
        Message message;
        if (!query.find(id, &row, &message, error) || !queue.archiveMessage(row, archived, error))
            return false;
    }
    return transaction.commit(error);
}
