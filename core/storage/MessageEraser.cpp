#include "storage/MessageEraser.h"

#include "polling/SpreeTranslator.h"
#include "storage/Database.h"
#include "storage/NotificationLog.h"
#include "utils/Timestamps.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <algorithm>

namespace {

// Messages per write transaction: each brings its deliveries, attempts, identifiers and notifications,
// so a batch holds SQLite's write lock for a few milliseconds, as a prune's does.
constexpr int kBatch = 50;
// Messages read per window while looking for matches (no lock is held while reading).
constexpr int kScanWindow = 500;
// Between writes the lock is left free this long, so a waiting writer (the dispatcher) gets it; see
// RetentionPruner's kRestMs.
constexpr int kRestMs = 30;
// A message being sent is asked for again this often until its attempt is recorded.
constexpr int kInFlightPollMs = 250;
// SQLite: a truncating checkpoint waits for readers of older snapshots; it is tried again this often.
constexpr int kCheckpointTries = 100;
constexpr int kCheckpointPauseMs = 50;

const QStringList kTouchedTables = {QStringLiteral("messages"),      QStringLiteral("deliveries"),
                                    QStringLiteral("attempts"),      QStringLiteral("identities"),
                                    QStringLiteral("notifications"), QStringLiteral("store_records")};

// Integers read from the database, written into the statement as RetentionPruner does.
QString idList(const QList<qint64> &ids)
{
    QStringList parts;
    parts.reserve(ids.size());
    for (qint64 id : ids)
        parts << QString::number(id);
    return parts.join(QLatin1Char(','));
}

QJsonObject parseObject(const QVariant &text)
{
    return QJsonDocument::fromJson(text.toString().toUtf8()).object();
}

QString plural(qint64 count, const QString &one, const QString &many)
{
    return QStringLiteral("%1 %2").arg(count).arg(count == 1 ? one : many);
}

} // namespace

QJsonObject ErasureReport::toJson() const
{
    return {{QStringLiteral("dry_run"), dryRun},
            {QStringLiteral("match"), QJsonArray::fromStringList(paths)},
            {QStringLiteral("messages"), messages},
            {QStringLiteral("children"), children},
            {QStringLiteral("attempts"), attempts},
            {QStringLiteral("identities"), identities},
            {QStringLiteral("notifications"), notifications},
            {QStringLiteral("store_records"), storeRecords},
            {QStringLiteral("deliveries_archived"), deliveriesArchived},
            {QStringLiteral("already_erased"), alreadyErased},
            {QStringLiteral("in_flight"), inFlight},
            {QStringLiteral("batches"), batches},
            {QStringLiteral("longest_batch_ms"), longestBatchMs},
            {QStringLiteral("erased_at"), dryRun ? QJsonValue() : QJsonValue(Timestamps::iso(erasedAtMs))},
            {QStringLiteral("wal_truncated"), walTruncated},
            {QStringLiteral("vacuumed"), vacuumed}};
}

QString ErasureReport::describe() const
{
    QString text =
        QStringLiteral("%1 %2 (%3 produced from responses to them): payloads, the response bodies "
                       "of %4, %5, %6, %7; %8 archived\n")
            .arg(dryRun ? QStringLiteral("would erase") : QStringLiteral("erased"),
                 plural(messages, QStringLiteral("message"), QStringLiteral("messages")))
            .arg(children)
            .arg(plural(attempts, QStringLiteral("attempt"), QStringLiteral("attempts")),
                 plural(identities, QStringLiteral("identifier value"), QStringLiteral("identifier values")),
                 plural(notifications, QStringLiteral("notification"), QStringLiteral("notifications")),
                 plural(storeRecords, QStringLiteral("store record"), QStringLiteral("store records")),
                 plural(deliveriesArchived, QStringLiteral("open delivery"),
                        QStringLiteral("open deliveries")));
    if (alreadyErased)
        text +=
            QStringLiteral("%1 erased before\n")
                .arg(plural(alreadyErased, QStringLiteral("message was"), QStringLiteral("messages were")));
    if (!dryRun && walTruncated)
        text += QStringLiteral(
            "the -wal file was truncated: the erased bytes are gone from the database files\n");
    if (!dryRun && vacuumed)
        text += QStringLiteral("the touched tables were vacuumed: the rows' old versions are gone\n");
    return text;
}

QString ErasureReport::summary() const
{
    const QString how = paths.isEmpty()
                            ? QStringLiteral("named by id")
                            : QStringLiteral("matching %1").arg(paths.join(QStringLiteral(" or ")));
    return QStringLiteral("%1 %2 erased at %3 (%4 produced from responses to them): payloads, the response "
                          "bodies of %5, %6, %7, %8; the delivery history stays")
        .arg(plural(messages, QStringLiteral("message"), QStringLiteral("messages")), how,
             Timestamps::iso(erasedAtMs))
        .arg(children)
        .arg(plural(attempts, QStringLiteral("attempt"), QStringLiteral("attempts")),
             plural(identities, QStringLiteral("identifier value"), QStringLiteral("identifier values")),
             plural(notifications, QStringLiteral("notification"), QStringLiteral("notifications")),
             plural(storeRecords, QStringLiteral("store record"), QStringLiteral("store records")));
}

MessageEraser::MessageEraser(const Database &db, const Options &options)
    : db_(db)
    , options_(options)
{
    report_.dryRun = options_.dryRun;
    report_.erasedAtMs = options_.nowMs ? options_.nowMs : Database::nowMs();
    // Zeroes what the erasing statements free, inside pages and whole pages, so the old bytes do not
    // linger in the file's free space.
    QSqlQuery query(db_.connection());
    if (isSqlite() && !options_.dryRun && query.exec(QStringLiteral("PRAGMA secure_delete")) &&
        query.next()) {
        savedSecureDelete_ = query.value(0).toLongLong();
        query.exec(QStringLiteral("PRAGMA secure_delete = 1"));
    }
}

MessageEraser::~MessageEraser()
{
    if (savedSecureDelete_ >= 0) {
        QSqlQuery query(db_.connection());
        query.exec(QStringLiteral("PRAGMA secure_delete = %1").arg(savedSecureDelete_));
    }
}

bool MessageEraser::isSqlite() const
{
    return !db_.location().isPostgres();
}

bool MessageEraser::exec(const QString &sql, const QVariantList &values, qint64 *affected,
                         QString *error) const
{
    QSqlQuery query = db_.prepare(sql);
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    if (!db_.exec(query, error))
        return false;
    if (affected)
        *affected = query.numRowsAffected();
    return true;
}

bool MessageEraser::eraseIds(const QStringList &messageIds, QString *error)
{
    QList<Target> targets;
    return findByIds(messageIds, &targets, error) && addDescendants(&targets, error) &&
           eraseAll(targets, error);
}

bool MessageEraser::eraseMatching(const QList<ErasureMatch> &matches, QString *error)
{
    for (const ErasureMatch &match : matches) {
        if (!report_.paths.contains(match.path()))
            report_.paths << match.path();
    }
    QList<Target> targets;
    return findMatching(matches, &targets, error) && findMatchingRecords(matches, error) &&
           addDescendants(&targets, error) && eraseAll(targets, error);
}

bool MessageEraser::findByIds(const QStringList &messageIds, QList<Target> *out, QString *error)
{
    QSqlQuery query = db_.prepare(
        QStringLiteral("SELECT id, erased_at, source, payload FROM messages WHERE message_id = ?"));
    QSet<QString> seen;
    for (const QString &id : messageIds) {
        if (seen.contains(id))
            continue;
        seen.insert(id);
        query.bindValue(0, id);
        if (!db_.exec(query, error))
            return false;
        if (!query.next()) {
            *error = QStringLiteral("no message with id %1").arg(id);
            return false;
        }
        if (!query.value(1).isNull()) {
            ++report_.alreadyErased;
            continue;
        }
        if (!noteStoreRecord(query.value(2).toString(), parseObject(query.value(3)), error))
            return false;
        out->append({query.value(0).toLongLong(), id});
    }
    return true;
}

// Reads the whole log a window at a time without holding a lock: the path is a JSON path into the
// payload, which neither dialect can index.
bool MessageEraser::findMatching(const QList<ErasureMatch> &matches, QList<Target> *out, QString *error)
{
    QSqlQuery window =
        db_.prepare(QStringLiteral("SELECT id, message_id, type, source, payload FROM messages WHERE id > ?"
                                   " AND erased_at IS NULL ORDER BY id LIMIT %1")
                        .arg(kScanWindow));
    qint64 cursor = 0;
    for (;;) {
        window.bindValue(0, cursor);
        if (!db_.exec(window, error))
            return false;
        int read = 0;
        while (window.next()) {
            ++read;
            cursor = window.value(0).toLongLong();
            const QJsonObject payload = parseObject(window.value(4));
            const QJsonObject message{{QStringLiteral("message"), window.value(2).toString()},
                                      {QStringLiteral("message_id"), window.value(1).toString()},
                                      {QStringLiteral("payload"), payload}};
            if (std::none_of(matches.begin(), matches.end(),
                             [&](const ErasureMatch &match) { return match.matches(message); }))
                continue;
            if (!noteStoreRecord(window.value(3).toString(), payload, error))
                return false;
            out->append({cursor, window.value(1).toString()});
        }
        if (read < kScanWindow)
            return true;
    }
}

// Snapshots are the record's hub form, the payload's "order" (or "user", ...) of the messages a poll
// made: a path rooted at the message finds them in {"payload": {"order": snapshot}}. This also finds
// records whose messages retention has pruned.
bool MessageEraser::findMatchingRecords(const QList<ErasureMatch> &matches, QString *error)
{
    QSqlQuery window = db_.prepare(
        QStringLiteral(
            "SELECT store_id, collection, record_key, snapshot FROM store_records"
            " WHERE (store_id, collection, record_key) > (?, ?, ?) ORDER BY store_id, collection, record_key"
            " LIMIT %1")
            .arg(kScanWindow));
    StoreRecord cursor{-1, QString(), QString()};
    for (;;) {
        window.bindValue(0, cursor.storeId);
        window.bindValue(1, cursor.collection);
        window.bindValue(2, cursor.key);
        if (!db_.exec(window, error))
            return false;
        int read = 0;
        while (window.next()) {
            ++read;
            cursor = {window.value(0).toLongLong(), window.value(1).toString(), window.value(2).toString()};
            const QString noun = cursor.collection.chopped(1); // orders: order, as the payload names it
            const QJsonObject root{
                {QStringLiteral("payload"), QJsonObject{{noun, parseObject(window.value(3))}}}};
            if (std::any_of(matches.begin(), matches.end(),
                            [&](const ErasureMatch &match) { return match.matches(root); }))
                storeRecords_.insert(cursor);
        }
        if (read < kScanWindow)
            return true;
    }
}

// A polled message ("store:NAME") came from one record, whose snapshot holds the same data.
bool MessageEraser::noteStoreRecord(const QString &source, const QJsonObject &payload, QString *error)
{
    const QLatin1String prefix("store:");
    if (!source.startsWith(prefix))
        return true;
    const QString store = source.mid(prefix.size());
    if (!storeIds_.contains(store)) {
        QSqlQuery query = db_.prepare(QStringLiteral("SELECT id FROM stores WHERE name = ?"));
        query.bindValue(0, store);
        if (!db_.exec(query, error))
            return false;
        storeIds_.insert(store, query.next() ? query.value(0).toLongLong() : -1);
    }
    const qint64 storeId = storeIds_.value(store);
    if (storeId < 0)
        return true; // the store was removed, and its snapshots with it
    for (const QString &noun : {QStringLiteral("order"), QStringLiteral("shipment"), QStringLiteral("user"),
                                QStringLiteral("product")}) {
        const QJsonObject record = payload.value(noun).toObject();
        if (record.isEmpty())
            continue;
        const QString collection = noun + QLatin1Char('s');
        const QJsonObject original = payload.value(QStringLiteral("original")).toObject();
        storeRecords_.insert(
            {storeId, collection,
             SpreeTranslator::recordKey(collection, original.isEmpty() ? record : original)});
        return true;
    }
    return true;
}

// Messages produced from a response to an erased message (and theirs, to the hop limit) carry what the
// endpoint answered about the person: they go too.
bool MessageEraser::addDescendants(QList<Target> *targets, QString *error)
{
    QSet<QString> known;
    QStringList parents;
    for (const Target &target : std::as_const(*targets)) {
        known.insert(target.messageId);
        parents << target.messageId;
    }
    while (!parents.isEmpty()) {
        QStringList marks;
        for (qsizetype i = 0; i < parents.size(); ++i)
            marks << QStringLiteral("?");
        QSqlQuery query =
            db_.prepare(QStringLiteral("SELECT id, message_id, erased_at, source, payload FROM messages"
                                       " WHERE parent_id IN (%1) ORDER BY id")
                            .arg(marks.join(QLatin1Char(','))));
        for (qsizetype i = 0; i < parents.size(); ++i)
            query.bindValue(int(i), parents.at(i));
        if (!db_.exec(query, error))
            return false;
        QStringList next;
        while (query.next()) {
            const QString id = query.value(1).toString();
            if (known.contains(id))
                continue;
            known.insert(id);
            next << id; // an erased child's own children are looked at all the same
            if (!query.value(2).isNull())
                continue;
            if (!noteStoreRecord(query.value(3).toString(), parseObject(query.value(4)), error))
                return false;
            targets->append({query.value(0).toLongLong(), id});
            ++report_.children;
        }
        parents = next;
    }
    return true;
}

bool MessageEraser::eraseAll(const QList<Target> &targets, QString *error)
{
    QList<qint64> rows;
    for (const Target &target : targets)
        rows << target.row;
    std::sort(rows.begin(), rows.end());
    if (options_.dryRun) {
        for (qsizetype from = 0; from < rows.size(); from += kBatch) {
            if (!countRows(rows.mid(from, kBatch), error))
                return false;
        }
        report_.storeRecords = storeRecords_.size();
        return true;
    }
    QElapsedTimer waited;
    waited.start();
    while (!rows.isEmpty()) {
        QList<qint64> busy;
        for (qsizetype from = 0; from < rows.size(); from += kBatch) {
            if (!eraseBatch(rows.mid(from, kBatch), &busy, error))
                return false;
            QThread::msleep(kRestMs); // room for the engine's writes; see RetentionPruner::run
        }
        if (busy.isEmpty() || waited.elapsed() > options_.inFlightWaitMs) {
            report_.inFlight = busy.size();
            break;
        }
        // A message whose attempt is out waits for its outcome: erasing under it would let the
        // response's body (and any child message) be written after the erasure.
        QThread::msleep(kInFlightPollMs);
        rows = busy;
    }
    return eraseStoreRecords(error) && recordNotification(error) && scrub(error);
}

bool MessageEraser::eraseBatch(const QList<qint64> &rows, QList<qint64> *busy, QString *error)
{
    QElapsedTimer held;
    held.start();
    WriteTransaction transaction(db_);
    if (!transaction.begin(error))
        return false;
    // PostgreSQL: deliveries first, then messages, in the order a replay or a prune takes them; a claim
    // (FOR UPDATE SKIP LOCKED) passes the locked deliveries over. SQLite's transaction holds the file.
    const QString lock = db_.dialect().rowLockClause();
    if (!lock.isEmpty() &&
        (!exec(QStringLiteral("SELECT id FROM deliveries WHERE message_row IN (%1) ORDER BY id%2")
                   .arg(idList(rows), lock),
               {}, nullptr, error) ||
         !exec(
             QStringLiteral("SELECT id FROM messages WHERE id IN (%1) ORDER BY id%2").arg(idList(rows), lock),
             {}, nullptr, error)))
        return false;
    QSqlQuery sending = db_.prepare(
        QStringLiteral("SELECT DISTINCT message_row FROM deliveries WHERE message_row IN (%1) AND state = "
                       "'sending'")
            .arg(idList(rows)));
    if (!db_.exec(sending, error))
        return false;
    QSet<qint64> out;
    while (sending.next())
        out.insert(sending.value(0).toLongLong());
    QList<qint64> now;
    for (qint64 row : rows) {
        if (out.contains(row))
            busy->append(row);
        else
            now.append(row);
    }
    if (now.isEmpty())
        return true;
    if (!eraseRows(now, error) || !transaction.commit(error))
        return false;
    ++report_.batches;
    report_.longestBatchMs = std::max(report_.longestBatchMs, held.elapsed());
    return true;
}

bool MessageEraser::eraseRows(const QList<qint64> &rows, QString *error)
{
    const QString ids = idList(rows);
    const qint64 now = report_.erasedAtMs;
    qint64 attempts = 0, identities = 0, notifications = 0, archived = 0, messages = 0;
    const bool ok =
        exec(QStringLiteral("UPDATE attempts SET response_body = NULL, error = NULL, extra = NULL"
                            " WHERE delivery_id IN (SELECT id FROM deliveries WHERE message_row IN (%1))")
                 .arg(ids),
             {}, &attempts, error) &&
        exec(QStringLiteral("DELETE FROM identities WHERE message_id IN"
                            " (SELECT message_id FROM messages WHERE id IN (%1))")
                 .arg(ids),
             {}, &identities, error) &&
        exec(QStringLiteral("DELETE FROM notifications WHERE reference IN"
                            " (SELECT message_id FROM messages WHERE id IN (%1))")
                 .arg(ids),
             {}, &notifications, error) &&
        exec(QStringLiteral(
                 "UPDATE deliveries SET state = 'archived', reason = 'the message was erased',"
                 " due_at = NULL, lease_owner = NULL, lease_until = NULL, updated_at = ?"
                 " WHERE message_row IN (%1) AND state IN ('parked', 'retrying', 'pending', 'waiting')")
                 .arg(ids),
             {now}, &archived, error) &&
        // A duplicate's reason quotes the identifier values; a filter's names only the configuration.
        exec(QStringLiteral("UPDATE deliveries SET identity = NULL, ordering_key = NULL, last_error = NULL,"
                            " reason = CASE WHEN reason LIKE 'duplicate:%' THEN"
                            " 'duplicate of an earlier message (identifier values erased)' ELSE reason END"
                            " WHERE message_row IN (%1)")
                 .arg(ids),
             {}, nullptr, error) &&
        exec(QStringLiteral("UPDATE messages SET payload = '{}', erased_at = ? WHERE id IN (%1)"
                            " AND erased_at IS NULL")
                 .arg(ids),
             {now}, &messages, error) &&
        // An archived delivery no longer holds back the later ones of its ordering key.
        (archived == 0 || db_.notifyWork(error));
    if (!ok)
        return false;
    report_.attempts += attempts;
    report_.identities += identities;
    report_.notifications += notifications;
    report_.deliveriesArchived += archived;
    report_.messages += messages;
    return true;
}

bool MessageEraser::countRows(const QList<qint64> &rows, QString *error)
{
    const QString ids = idList(rows);
    QSqlQuery query =
        db_.prepare(QStringLiteral("SELECT (SELECT COUNT(*) FROM attempts WHERE delivery_id IN"
                                   " (SELECT id FROM deliveries WHERE message_row IN (%1))),"
                                   " (SELECT COUNT(*) FROM identities WHERE message_id IN"
                                   " (SELECT message_id FROM messages WHERE id IN (%1))),"
                                   " (SELECT COUNT(*) FROM notifications WHERE reference IN"
                                   " (SELECT message_id FROM messages WHERE id IN (%1))),"
                                   " (SELECT COUNT(*) FROM deliveries WHERE message_row IN (%1)"
                                   " AND state IN ('parked', 'retrying', 'pending', 'waiting'))")
                        .arg(ids));
    if (!db_.exec(query, error) || !query.next())
        return false;
    report_.messages += rows.size();
    report_.attempts += query.value(0).toLongLong();
    report_.identities += query.value(1).toLongLong();
    report_.notifications += query.value(2).toLongLong();
    report_.deliveriesArchived += query.value(3).toLongLong();
    return true;
}

// The snapshot goes whole: a later change of the record in the store is then seen as a new record.
bool MessageEraser::eraseStoreRecords(QString *error)
{
    if (storeRecords_.isEmpty())
        return true;
    WriteTransaction transaction(db_);
    if (!transaction.begin(error))
        return false;
    QSqlQuery remove = db_.prepare(
        QStringLiteral("DELETE FROM store_records WHERE store_id = ? AND collection = ? AND record_key = ?"));
    for (const StoreRecord &record : std::as_const(storeRecords_)) {
        remove.bindValue(0, record.storeId);
        remove.bindValue(1, record.collection);
        remove.bindValue(2, record.key);
        if (!db_.exec(remove, error))
            return false;
        report_.storeRecords += remove.numRowsAffected();
    }
    return transaction.commit(error);
}

bool MessageEraser::recordNotification(QString *error)
{
    if (report_.messages == 0 && report_.storeRecords == 0)
        return true;
    Notification notification;
    notification.subject = QStringLiteral("Personal data erased");
    notification.description = report_.summary();
    notification.source = options_.source;
    notification.firstAtMs = notification.lastAtMs = report_.erasedAtMs;
    WriteTransaction transaction(db_);
    NotificationLog log(db_);
    return transaction.begin(error) && log.record(notification, error) && transaction.commit(error);
}

// SQLite: the zeroed pages are in the -wal file until a checkpoint copies them over the old ones, and
// the -wal file still holds older frames with the data: a truncating checkpoint does both. It waits for
// readers of older snapshots, so it is tried again for a while. PostgreSQL: an UPDATE leaves the old row
// version behind until VACUUM removes it (INDEX_CLEANUP ON: index entries too, however few).
bool MessageEraser::scrub(QString *error)
{
    if (!isSqlite()) {
        QSqlQuery vacuum(db_.connection());
        if (!vacuum.exec(QStringLiteral("VACUUM (INDEX_CLEANUP ON) %1")
                             .arg(kTouchedTables.join(QStringLiteral(", "))))) {
            *error =
                QStringLiteral("the rows were erased, but VACUUM failed: %1").arg(vacuum.lastError().text());
            return false;
        }
        report_.vacuumed = true;
        return true;
    }
    QSqlQuery checkpoint(db_.connection());
    for (int attempt = 0; attempt < kCheckpointTries; ++attempt) {
        if (!checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")) || !checkpoint.next()) {
            *error = checkpoint.lastError().text();
            return false;
        }
        if (checkpoint.value(0).toInt() == 0) {
            report_.walTruncated = true;
            return true;
        }
        checkpoint.finish();
        QThread::msleep(kCheckpointPauseMs);
    }
    *error = QStringLiteral("the rows were erased, but another connection kept the -wal file busy, so it "
                            "still holds the old bytes; run the same erase again");
    return false;
}
