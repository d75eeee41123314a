#pragma once

#include "model/RetentionPolicy.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

class Database;

// What one prune removed (in a dry run: would remove), and how long its writes held the lock.
struct PruneReport
{
    bool dryRun = false;
    qint64 messages = 0;
    qint64 deliveries = 0;
    qint64 attempts = 0;
    qint64 identities = 0;
    qint64 notifications = 0;
    qint64 responseBodies = 0;
    qint64 webhookEvents = 0;       // spree_webhook_events rows: event ids that are accepted again now
    int batches = 0;                // write transactions of rows
    qint64 longestBatchMs = 0;      // the longest of them: what another writer may have waited for
    qint64 longestVacuumStepMs = 0; // SQLite: the longest incremental_vacuum step
    qint64 checkpointMs = 0;        // SQLite: the final wal_checkpoint(TRUNCATE)
    qint64 pagesFreed = 0;          // SQLite: pages the file gave back
    qint64 bytesBefore = -1;        // SQLite: the database file and its -wal file; -1 on PostgreSQL
    qint64 bytesAfter = -1;
    bool vacuumNeeded =
        false;             // SQLite: a file made before auto_vacuum; a prune with no engine running fixes it
    bool vacuumed = false; // SQLite: this prune ran that one-time VACUUM

    QJsonObject toJson() const;
    QString describe() const; // one line per fact, for the command line
};
Q_DECLARE_METATYPE(PruneReport)

// Removes finished history older than its retention, a small batch per write transaction so another
// writer (the dispatcher recording an outcome) never waits long for the lock.
//
// A message goes, with its deliveries, attempts and identifiers, only when every delivery it has is
// delivered, skipped or archived and older (by its last change) than that state's retention; a message
// no mapping took goes after the skipped retention. Anything parked or still open keeps its whole
// message. Response bodies of finished deliveries go after their own retention, notifications after
// theirs (by their last occurrence).
//
// A Spree webhook's event id (spree_webhook_events) goes with its message, as its identifiers do: until
// then a replay or a redelivery of the event is a duplicate. (A 5.4+ replay is refused as stale after
// 300 s, but Spree's redelivery signs anew, so its id is kept as long.) pushed_objects is never pruned:
// whether a hub-era push is :new or :updated depends on it. On SQLite the freed pages go back to the file
// system (auto_vacuum = INCREMENTAL) and the -wal file is truncated.
class RetentionPruner
{
public:
    struct Options
    {
        bool dryRun = false;
        qint64 nowMs = 0; // 0: the clock's
        // SQLite: a file made before auto_vacuum is converted with a one-time VACUUM, which holds the
        // whole database for as long as it takes: only when no engine runs on it.
        bool allowFullVacuum = false;
    };

    RetentionPruner(const Database &db, const RetentionPolicy &policy, const Options &options);
    ~RetentionPruner();
    RetentionPruner(const RetentionPruner &) = delete;
    RetentionPruner &operator=(const RetentionPruner &) = delete;

    // One short piece of the work: a batch of rows, a vacuum step or the checkpoint. False on an error.
    bool step(QString *error);
    bool done() const { return phase_ == Phase::Done; }
    // How long to wait before the next step, so that writers waiting for the lock get it.
    int restMs() const;
    // Every step, resting between them (the command line's prune).
    bool run(QString *error);
    const PruneReport &report() const { return report_; }
    // SQLite: whether the file was made before auto_vacuum (and only a VACUUM makes it shrink).
    static bool needsFullVacuum(const Database &db, bool *needed, QString *error);

private:
    enum class Phase
    {
        Messages,
        ResponseBodies,
        Notifications,
        Vacuum,
        Checkpoint,
        Done
    };

    bool pruneMessages(QString *error);
    bool pruneMessageBatch(const QList<qint64> &rows, QString *error);
    bool prunableAmong(const QList<qint64> &rows, QList<qint64> *out, QString *error) const;
    bool lockRows(const QList<qint64> &rows, QString *error) const;
    bool deleteMessages(const QList<qint64> &rows, QString *error);
    bool countMessages(const QList<qint64> &rows, QString *error);
    bool pruneResponseBodies(QString *error);
    bool countResponseBodies(QString *error);
    bool pruneNotifications(QString *error);
    bool vacuumStep(QString *error);
    bool checkpoint(QString *error);
    bool afterWrite(qint64 heldMs, QString *error);
    bool exec(const QString &sql, const QVariantList &values, qint64 *affected, QString *error) const;
    bool pragma(const QString &sql, qint64 *value, QString *error) const;
    qint64 fileBytes() const;
    bool isSqlite() const;

    const Database &db_;
    RetentionPolicy policy_;
    Options options_;
    qint64 deliveredBefore_;
    qint64 skippedBefore_;
    qint64 archivedBefore_;
    qint64 newestMessageCutoff_; // no message created since can go
    qint64 targetBatchMs_;
    qint64 bodiesBefore_;
    qint64 notificationsBefore_;
    Phase phase_ = Phase::Messages;
    qint64 messageCursor_ = 0;
    qint64 bodyCursorStarted_;
    qint64 bodyCursorId_ = 0;
    int batchSize_;
    int vacuumPages_;
    int batchesSinceCheckpoint_ = 0;
    bool lastStepWrote_ = false;
    bool wrote_ = false;
    qint64 savedAutoCheckpoint_ = -1;
    PruneReport report_;
};
