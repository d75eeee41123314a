#include "delivery/MessageActions.h"

#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "storage/DeliveryQueue.h"
#include "storage/MessageQuery.h"
#include "storage/MessageRepository.h"
#include "utils/Timestamps.h"

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
        std::optional<qint64> erased;
        if (!query.find(id, &row, &message, error) || !query.erasedAt(row, &erased, error))
            return false;
        if (erased) {
            *error = QStringLiteral("message %1 was erased on %2; its payload is gone, so there is nothing "
                                    "to send")
                         .arg(id, Timestamps::iso(*erased));
            return false;
        }
        if (!queue.replayMessage(row, replayed, error) ||
            !store.routeAgain(row, message, mappings, routed, error))
            return false;
    }
    return transaction.commit(error);
}

bool MessageActions::replayFailed(const MessageLog::Filter &filter, const ProgressCallback &onProgress,
                                  ReplayProgress *progress, QString *error, int pageSize) const
{
    *progress = {};
    MessageLog::Filter failed = filter;
    failed.states.clear();
    for (const QString &state : MessageLog::kFailedStates) {
        if (filter.states.isEmpty() || filter.states.contains(state))
            failed.states << state;
    }
    if (failed.states.isEmpty())
        return true; // the filter shows no failed state: nothing to replay
    qint64 mappingId = 0;
    if (!filter.mapping.isEmpty() && !MessageQuery(db_).mappingId(filter.mapping, &mappingId, error))
        return false;
    const MessageLog log(db_);
    if (!log.count(failed, &progress->messagesMatched, error))
        return false;
    const auto goOn = [&] { return !onProgress || onProgress(*progress); };
    // Keyset pages: a message whose failed delivery cannot be replayed (its mapping was removed) stays
    // failed, and the next page starts below it instead of finding it again.
    std::optional<qint64> before;
    pageSize = std::max(1, pageSize);
    while (goOn()) {
        QList<MessageLog::Row> rows;
        if (!log.page(failed, before, pageSize, &rows, error) ||
            !replayFailedPage(rows, failed, &progress->deliveriesReplayed, error))
            return false;
        progress->messagesDone += rows.size();
        if (rows.size() < pageSize)
            return true;
        before = rows.last().row;
    }
    progress->cancelled = true;
    return true;
}

bool MessageActions::replayFailedPage(const QList<MessageLog::Row> &rows, const MessageLog::Filter &filter,
                                      int *replayed, QString *error) const
{
    QList<qint64> messageRows;
    for (const MessageLog::Row &row : rows)
        messageRows << row.row;
    WriteTransaction transaction(db_);
    DeliveryQueue queue(db_, QStringLiteral("replay"));
    return transaction.begin(error) &&
           queue.replayFailedOf(messageRows, filter.states, filter.mapping, filter.endpoint, replayed,
                                error) &&
           transaction.commit(error);
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
