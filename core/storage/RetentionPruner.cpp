#include "storage/RetentionPruner.h"

#include "storage/Database.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QThread>

#include <algorithm>
#include <limits>

namespace {

// SQLite: a batch aims at this many milliseconds of holding the write lock, far enough under 50 that a
// busy machine (a disk slow to take a write, a thread preempted) still stays under it.
constexpr qint64 kSqliteTargetBatchMs = 5;
// PostgreSQL: a batch locks only the rows it deletes, which no delivery waits for; most of its time is
// round trips to the server, so it aims longer and takes more rows per transaction.
constexpr qint64 kPostgresTargetBatchMs = 20;
constexpr int kMinBatch = 10;
constexpr int kFirstBatch = 50; // messages; each brings its deliveries, attempts and identifiers
constexpr int kMaxBatch = 500;
constexpr int kMinVacuumPages = 16;
constexpr int kFirstVacuumPages = 256;
constexpr int kMaxVacuumPages = 4096;
// Between writes the lock is left free at least this long. SQLite's busy handler retries a waiting
// writer after sleeps of up to 25 ms in its first 130 ms, so a gap this long lets it in.
constexpr int kRestMs = 30;
// Batches between checkpoints: a few MiB of -wal file, under the 1000 pages (4 MiB) at which another
// connection's commit would checkpoint by itself.
constexpr int kBatchesPerCheckpoint = 4;
// A retention that is off: no timestamp is older.
constexpr qint64 kNever = std::numeric_limits<qint64>::min();

const QString kFinishedStates = QStringLiteral("('delivered', 'skipped', 'archived')");

// The message row ids of one batch, written into the statement: they are integers read from the database,
// and a batch's statements differ in length anyway.
QString idList(const QList<qint64> &ids)
{
    QStringList parts;
    parts.reserve(ids.size());
    for (qint64 id : ids)
        parts << QString::number(id);
    return parts.join(QLatin1Char(','));
}

// A message goes when no delivery of it is anything but finished and old enough, and a message without
// deliveries after the skipped retention. Binds: delivered, skipped, archived, skipped cutoffs.
const QString kMessagePrunable = QStringLiteral(
    "NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.message_row = m.id AND NOT ("
    "(d.state = 'delivered' AND d.updated_at < ?) OR (d.state = 'skipped' AND d.updated_at < ?)"
    " OR (d.state = 'archived' AND d.updated_at < ?)))"
    " AND (m.created_at < ? OR EXISTS (SELECT 1 FROM deliveries d WHERE d.message_row = m.id))");

// Halves after a slow batch, grows by half after a quick one.
int adapt(int size, qint64 tookMs, qint64 targetMs, int minimum, int maximum)
{
    if (tookMs > targetMs)
        return std::max(minimum, size / 2);
    if (tookMs < targetMs / 2)
        return std::min(maximum, size + size / 2);
    return size;
}

qint64 cutoff(const RetentionPolicy &policy, RetentionPolicy::Kind kind, qint64 now)
{
    const std::optional<qint64> keep = policy.keepMs(kind);
    return keep ? now - *keep : kNever;
}

} // namespace

QJsonObject PruneReport::toJson() const
{
    const auto bytes = [](qint64 value) { return value < 0 ? QJsonValue() : QJsonValue(value); };
    return {{QStringLiteral("dry_run"), dryRun},
            {QStringLiteral("messages"), messages},
            {QStringLiteral("deliveries"), deliveries},
            {QStringLiteral("attempts"), attempts},
            {QStringLiteral("identities"), identities},
            {QStringLiteral("notifications"), notifications},
            {QStringLiteral("response_bodies"), responseBodies},
            {QStringLiteral("webhook_events"), webhookEvents},
            {QStringLiteral("batches"), batches},
            {QStringLiteral("longest_batch_ms"), longestBatchMs},
            {QStringLiteral("longest_vacuum_step_ms"), longestVacuumStepMs},
            {QStringLiteral("checkpoint_ms"), checkpointMs},
            {QStringLiteral("pages_freed"), pagesFreed},
            {QStringLiteral("bytes_before"), bytes(bytesBefore)},
            {QStringLiteral("bytes_after"), bytes(bytesAfter)},
            {QStringLiteral("vacuum_needed"), vacuumNeeded},
            {QStringLiteral("vacuumed"), vacuumed}};
}

QString PruneReport::describe() const
{
    QString text = QStringLiteral("%1 %2 message(s) with %3 deliveries, %4 attempts and %5 identifiers; "
                                  "%6 notification(s); %7 response bod%8 of older attempts; %9 Spree "
                                  "webhook event id(s)\n")
                       .arg(dryRun ? QStringLiteral("would prune") : QStringLiteral("pruned"))
                       .arg(messages)
                       .arg(deliveries)
                       .arg(attempts)
                       .arg(identities)
                       .arg(notifications)
                       .arg(responseBodies)
                       .arg(responseBodies == 1 ? QStringLiteral("y") : QStringLiteral("ies"))
                       .arg(webhookEvents);
    if (!dryRun && bytesBefore >= 0)
        text += QStringLiteral("database file %1 KiB -> %2 KiB (with its -wal file)\n")
                    .arg(bytesBefore / 1024)
                    .arg(bytesAfter / 1024);
    if (vacuumed)
        text += QStringLiteral("converted the file to auto_vacuum (a one-time VACUUM): it shrinks as it is "
                               "pruned from now on\n");
    else if (vacuumNeeded)
        text += QStringLiteral("the file predates auto_vacuum and does not shrink yet: run integrator prune "
                               "once while no engine runs on it\n");
    return text;
}

RetentionPruner::RetentionPruner(const Database &db, const RetentionPolicy &policy, const Options &options)
    : db_(db)
    , policy_(policy)
    , options_(options)
    , targetBatchMs_(db.location().isPostgres() ? kPostgresTargetBatchMs : kSqliteTargetBatchMs)
    , bodyCursorStarted_(kNever)
    , batchSize_(kFirstBatch)
    , vacuumPages_(kFirstVacuumPages)
{
    const qint64 now = options_.nowMs ? options_.nowMs : Database::nowMs();
    deliveredBefore_ = cutoff(policy_, RetentionPolicy::Kind::Delivered, now);
    skippedBefore_ = cutoff(policy_, RetentionPolicy::Kind::Skipped, now);
    archivedBefore_ = cutoff(policy_, RetentionPolicy::Kind::Archived, now);
    newestMessageCutoff_ = std::max({deliveredBefore_, skippedBefore_, archivedBefore_});
    bodiesBefore_ = cutoff(policy_, RetentionPolicy::Kind::ResponseBodies, now);
    notificationsBefore_ = cutoff(policy_, RetentionPolicy::Kind::Notifications, now);
    report_.dryRun = options_.dryRun;
    report_.bytesBefore = fileBytes();
    // The pruner checkpoints after each batch itself, outside the time it holds the lock; SQLite's
    // automatic checkpoint would run inside the commit instead.
    QString ignored;
    if (isSqlite() && !options_.dryRun &&
        pragma(QStringLiteral("PRAGMA wal_autocheckpoint"), &savedAutoCheckpoint_, &ignored))
        pragma(QStringLiteral("PRAGMA wal_autocheckpoint = 0"), nullptr, &ignored);
}

RetentionPruner::~RetentionPruner()
{
    QString ignored;
    if (savedAutoCheckpoint_ >= 0)
        pragma(QStringLiteral("PRAGMA wal_autocheckpoint = %1").arg(savedAutoCheckpoint_), nullptr, &ignored);
}

bool RetentionPruner::needsFullVacuum(const Database &db, bool *needed, QString *error)
{
    *needed = false;
    if (db.location().isPostgres())
        return true;
    QSqlQuery query(db.connection());
    if (!query.exec(QStringLiteral("PRAGMA auto_vacuum")) || !query.next()) {
        *error = query.lastError().text();
        return false;
    }
    *needed = query.value(0).toInt() == 0;
    return true;
}

bool RetentionPruner::isSqlite() const
{
    return !db_.location().isPostgres();
}

qint64 RetentionPruner::fileBytes() const
{
    if (!isSqlite())
        return -1;
    const QString path = db_.location().sqlitePath;
    return QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size();
}

int RetentionPruner::restMs() const
{
    return lastStepWrote_ ? kRestMs : 0;
}

bool RetentionPruner::run(QString *error)
{
    while (!done()) {
        if (!step(error))
            return false;
        // `integrator prune` runs this in its own process: the pause is not a wait for a state but room
        // for a running engine's dispatcher to take SQLite's write lock between two batches. (The engine's
        // own pruner steps from its event loop instead, PruneWorker.)
        if (const int rest = restMs())
            QThread::msleep(rest);
    }
    return true;
}

bool RetentionPruner::step(QString *error)
{
    lastStepWrote_ = false;
    switch (phase_) {
    case Phase::Messages:
        return pruneMessages(error);
    case Phase::ResponseBodies:
        return options_.dryRun ? countResponseBodies(error) : pruneResponseBodies(error);
    case Phase::Notifications:
        return pruneNotifications(error);
    case Phase::Vacuum:
        return vacuumStep(error);
    case Phase::Checkpoint:
        return checkpoint(error);
    case Phase::Done:
        return true;
    }
    return true;
}

bool RetentionPruner::exec(const QString &sql, const QVariantList &values, qint64 *affected,
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

bool RetentionPruner::pragma(const QString &sql, qint64 *value, QString *error) const
{
    QSqlQuery query(db_.connection());
    if (!query.exec(sql)) {
        *error = query.lastError().text();
        return false;
    }
    const bool hasRow = query.next();
    if (value)
        *value = hasRow ? query.value(0).toLongLong() : 0;
    return true;
}

// Walks the messages in row order, a window at a time, and stops at the first window that is too new to
// hold anything prunable; a message that stays (a parked delivery) is passed over, not met again.
bool RetentionPruner::pruneMessages(QString *error)
{
    if (newestMessageCutoff_ == kNever) {
        phase_ = Phase::ResponseBodies;
        return true;
    }
    QSqlQuery window =
        db_.prepare(QStringLiteral("SELECT id, created_at FROM messages WHERE id > ? ORDER BY id LIMIT ?"));
    window.bindValue(0, messageCursor_);
    window.bindValue(1, batchSize_);
    if (!db_.exec(window, error))
        return false;
    QList<qint64> rows;
    qint64 oldest = std::numeric_limits<qint64>::max();
    while (window.next()) {
        rows << window.value(0).toLongLong();
        oldest = std::min(oldest, window.value(1).toLongLong());
    }
    if (rows.isEmpty() || oldest >= newestMessageCutoff_) {
        phase_ = Phase::ResponseBodies;
        return true;
    }
    messageCursor_ = rows.last();
    // Read without the lock first: windows of messages that stay cost no write transaction.
    QList<qint64> candidates;
    if (!prunableAmong(rows, &candidates, error))
        return false;
    if (candidates.isEmpty())
        return true;
    return options_.dryRun ? countMessages(candidates, error) : pruneMessageBatch(candidates, error);
}

bool RetentionPruner::prunableAmong(const QList<qint64> &rows, QList<qint64> *out, QString *error) const
{
    QSqlQuery query =
        db_.prepare(QStringLiteral("SELECT m.id FROM messages m WHERE m.id IN (%1) AND %2 ORDER BY m.id")
                        .arg(idList(rows), kMessagePrunable));
    const QVariantList cutoffs{deliveredBefore_, skippedBefore_, archivedBefore_, skippedBefore_};
    for (int i = 0; i < cutoffs.size(); ++i)
        query.bindValue(i, cutoffs.at(i));
    if (!db_.exec(query, error))
        return false;
    out->clear();
    while (query.next())
        out->append(query.value(0).toLongLong());
    return true;
}

bool RetentionPruner::pruneMessageBatch(const QList<qint64> &rows, QString *error)
{
    QElapsedTimer held;
    held.start();
    WriteTransaction transaction(db_);
    QList<qint64> confirmed;
    // Checked again under the lock: a replay may have reopened a delivery since the read above.
    if (!transaction.begin(error) || !lockRows(rows, error) || !prunableAmong(rows, &confirmed, error) ||
        !deleteMessages(confirmed, error) || !transaction.commit(error))
        return false;
    return afterWrite(held.elapsed(), error);
}

// PostgreSQL: other engines may replay these messages meanwhile. Their finished deliveries are locked
// (a replay updates them) and then the messages (a new delivery's foreign key waits for that lock), in
// that order, as a replay takes them. SQLite's write transaction holds the whole database already.
bool RetentionPruner::lockRows(const QList<qint64> &rows, QString *error) const
{
    const QString lock = db_.dialect().rowLockClause();
    if (lock.isEmpty())
        return true;
    return exec(QStringLiteral("SELECT id FROM deliveries WHERE message_row IN (%1) AND state IN %2"
                               " ORDER BY id%3")
                    .arg(idList(rows), kFinishedStates, lock),
                {}, nullptr, error) &&
           exec(QStringLiteral("SELECT id FROM messages WHERE id IN (%1) ORDER BY id%2")
                    .arg(idList(rows), lock),
                {}, nullptr, error);
}

bool RetentionPruner::deleteMessages(const QList<qint64> &rows, QString *error)
{
    if (rows.isEmpty())
        return true;
    const QString ids = idList(rows);
    qint64 attempts = 0, identities = 0, deliveries = 0, messages = 0, events = 0;
    if (!exec(QStringLiteral("DELETE FROM spree_webhook_events WHERE message_id IN"
                             " (SELECT message_id FROM messages WHERE id IN (%1))")
                  .arg(ids),
              {}, &events, error) ||
        !exec(QStringLiteral("DELETE FROM attempts WHERE delivery_id IN"
                             " (SELECT id FROM deliveries WHERE message_row IN (%1))")
                  .arg(ids),
              {}, &attempts, error) ||
        !exec(QStringLiteral("DELETE FROM identities WHERE message_id IN"
                             " (SELECT message_id FROM messages WHERE id IN (%1))")
                  .arg(ids),
              {}, &identities, error) ||
        !exec(QStringLiteral("DELETE FROM deliveries WHERE message_row IN (%1)").arg(ids), {}, &deliveries,
              error) ||
        !exec(QStringLiteral("DELETE FROM messages WHERE id IN (%1)").arg(ids), {}, &messages, error))
        return false;
    report_.attempts += attempts;
    report_.identities += identities;
    report_.deliveries += deliveries;
    report_.messages += messages;
    report_.webhookEvents += events;
    return true;
}

bool RetentionPruner::countMessages(const QList<qint64> &rows, QString *error)
{
    const QString ids = idList(rows);
    QSqlQuery query =
        db_.prepare(QStringLiteral("SELECT (SELECT COUNT(*) FROM deliveries WHERE message_row IN (%1)),"
                                   " (SELECT COUNT(*) FROM attempts WHERE delivery_id IN"
                                   " (SELECT id FROM deliveries WHERE message_row IN (%1))),"
                                   " (SELECT COUNT(*) FROM identities WHERE message_id IN"
                                   " (SELECT message_id FROM messages WHERE id IN (%1))),"
                                   " (SELECT COUNT(*) FROM spree_webhook_events WHERE message_id IN"
                                   " (SELECT message_id FROM messages WHERE id IN (%1)))")
                        .arg(ids));
    if (!db_.exec(query, error) || !query.next())
        return false;
    report_.messages += rows.size();
    report_.deliveries += query.value(0).toLongLong();
    report_.attempts += query.value(1).toLongLong();
    report_.identities += query.value(2).toLongLong();
    report_.webhookEvents += query.value(3).toLongLong();
    return true;
}

// Oldest first along the index of attempts that still have a body; bodies of parked or open deliveries
// are passed over (a person may need them), and the cursor moves past them.
bool RetentionPruner::pruneResponseBodies(QString *error)
{
    if (bodiesBefore_ == kNever) {
        phase_ = Phase::Notifications;
        return true;
    }
    QSqlQuery window = db_.prepare(QStringLiteral(
        "SELECT id, started_at FROM attempts WHERE response_body IS NOT NULL AND started_at < ?"
        " AND (started_at, id) > (?, ?) ORDER BY started_at, id LIMIT ?"));
    window.bindValue(0, bodiesBefore_);
    window.bindValue(1, bodyCursorStarted_);
    window.bindValue(2, bodyCursorId_);
    window.bindValue(3, batchSize_ * 2);
    if (!db_.exec(window, error))
        return false;
    QList<qint64> ids;
    while (window.next()) {
        ids << window.value(0).toLongLong();
        bodyCursorStarted_ = window.value(1).toLongLong();
    }
    if (ids.isEmpty()) {
        phase_ = Phase::Notifications;
        return true;
    }
    bodyCursorId_ = ids.last();
    QElapsedTimer held;
    held.start();
    WriteTransaction transaction(db_);
    qint64 cleared = 0;
    if (!transaction.begin(error) ||
        !exec(QStringLiteral("UPDATE attempts SET response_body = NULL WHERE id IN (%1)"
                             " AND response_body IS NOT NULL AND EXISTS (SELECT 1 FROM deliveries d"
                             " WHERE d.id = attempts.delivery_id AND d.state IN %2)")
                  .arg(idList(ids), kFinishedStates),
              {}, &cleared, error) ||
        !transaction.commit(error))
        return false;
    report_.responseBodies += cleared;
    return afterWrite(held.elapsed(), error);
}

// What pruneResponseBodies would clear: bodies of finished deliveries, except those whose whole message
// goes anyway (the messages are pruned first).
bool RetentionPruner::countResponseBodies(QString *error)
{
    phase_ = Phase::Notifications;
    if (bodiesBefore_ == kNever)
        return true;
    QSqlQuery query = db_.prepare(
        QStringLiteral("SELECT COUNT(*) FROM attempts a JOIN deliveries dd ON dd.id = a.delivery_id"
                       " JOIN messages m ON m.id = dd.message_row WHERE a.response_body IS NOT NULL"
                       " AND a.started_at < ? AND dd.state IN %1 AND NOT (%2)")
            .arg(kFinishedStates, kMessagePrunable));
    const QVariantList values{bodiesBefore_, deliveredBefore_, skippedBefore_, archivedBefore_,
                              skippedBefore_};
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    if (!db_.exec(query, error) || !query.next())
        return false;
    report_.responseBodies = query.value(0).toLongLong();
    return true;
}

bool RetentionPruner::pruneNotifications(QString *error)
{
    if (notificationsBefore_ == kNever) {
        phase_ = Phase::Vacuum;
        return true;
    }
    if (options_.dryRun) {
        QSqlQuery query = db_.prepare(QStringLiteral("SELECT COUNT(*) FROM notifications WHERE last_at < ?"));
        query.bindValue(0, notificationsBefore_);
        if (!db_.exec(query, error) || !query.next())
            return false;
        report_.notifications = query.value(0).toLongLong();
        phase_ = Phase::Vacuum;
        return true;
    }
    QElapsedTimer held;
    held.start();
    WriteTransaction transaction(db_);
    qint64 deleted = 0;
    const int limit = batchSize_ * 4; // a notification is one row
    if (!transaction.begin(error) ||
        !exec(QStringLiteral("DELETE FROM notifications WHERE id IN"
                             " (SELECT id FROM notifications WHERE last_at < ? LIMIT %1)")
                  .arg(limit),
              {notificationsBefore_}, &deleted, error) ||
        !transaction.commit(error))
        return false;
    report_.notifications += deleted;
    if (deleted < limit)
        phase_ = Phase::Vacuum;
    return afterWrite(held.elapsed(), error);
}

bool RetentionPruner::afterWrite(qint64 heldMs, QString *error)
{
    ++report_.batches;
    report_.longestBatchMs = std::max(report_.longestBatchMs, heldMs);
    batchSize_ = adapt(batchSize_, heldMs, targetBatchMs_, kMinBatch, kMaxBatch);
    lastStepWrote_ = true;
    wrote_ = true;
    // Copies what is in the -wal file into the database without blocking writers, so that the file
    // stays short and no other connection's commit inherits a long checkpoint. Not after every batch:
    // each one ends in an fsync, and a disk busy with those is slower to take the next batch's writes.
    if (!isSqlite() || ++batchesSinceCheckpoint_ < kBatchesPerCheckpoint)
        return true;
    batchesSinceCheckpoint_ = 0;
    return pragma(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"), nullptr, error);
}

// SQLite: gives the free pages back to the file system, a few hundred pages per write.
bool RetentionPruner::vacuumStep(QString *error)
{
    phase_ = Phase::Checkpoint;
    if (!isSqlite())
        return true;
    bool needed = false;
    qint64 freePages = 0;
    if (!needsFullVacuum(db_, &needed, error))
        return false;
    if (needed) {
        if (options_.dryRun || !options_.allowFullVacuum) {
            report_.vacuumNeeded = true;
            return true;
        }
        if (!pragma(QStringLiteral("PRAGMA auto_vacuum = INCREMENTAL"), nullptr, error) ||
            !pragma(QStringLiteral("VACUUM"), nullptr, error))
            return false;
        report_.vacuumed = true;
        wrote_ = true;
        return true;
    }
    if (options_.dryRun)
        return true;
    if (!pragma(QStringLiteral("PRAGMA freelist_count"), &freePages, error))
        return false;
    if (freePages == 0)
        return true;
    QElapsedTimer held;
    held.start();
    qint64 left = 0;
    // incremental_vacuum frees one page per step of its statement, and Qt steps a statement without
    // result columns once: so one execution per page, all in one write transaction.
    WriteTransaction transaction(db_);
    if (!transaction.begin(error))
        return false;
    QSqlQuery vacuum = db_.prepare(QStringLiteral("PRAGMA incremental_vacuum"));
    for (qint64 i = 0; i < std::min<qint64>(vacuumPages_, freePages); ++i) {
        if (!db_.exec(vacuum, error))
            return false;
    }
    vacuum.finish();
    if (!transaction.commit(error) || !pragma(QStringLiteral("PRAGMA freelist_count"), &left, error))
        return false;
    const qint64 took = held.elapsed();
    report_.longestVacuumStepMs = std::max(report_.longestVacuumStepMs, took);
    report_.pagesFreed += freePages - left;
    vacuumPages_ = adapt(vacuumPages_, took, targetBatchMs_, kMinVacuumPages, kMaxVacuumPages);
    lastStepWrote_ = true;
    wrote_ = true;
    if (left > 0 && left < freePages)
        phase_ = Phase::Vacuum;
    return pragma(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"), nullptr, error);
}

// SQLite: the -wal file is cut back to nothing. A passive checkpoint first copies what it can without
// blocking writers, so the truncating one, which does block them, has little left to copy.
bool RetentionPruner::checkpoint(QString *error)
{
    phase_ = Phase::Done;
    if (isSqlite() && wrote_) {
        if (!pragma(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"), nullptr, error))
            return false;
        QElapsedTimer held;
        held.start();
        if (!pragma(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"), nullptr, error))
            return false;
        report_.checkpointMs = held.elapsed();
    }
    report_.bytesAfter = fileBytes();
    return true;
}
