#pragma once

#include "model/ErasureMatch.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

class Database;

// What one erasure removed (in a dry run: would remove).
struct ErasureReport
{
    bool dryRun = false;
    QStringList paths;             // the --match paths; empty for an erasure by id
    qint64 messages = 0;           // messages whose payload went, children included
    qint64 children = 0;           // of those, messages produced from responses to an erased one
    qint64 attempts = 0;           // attempts whose response body, error text and extra attributes went
    qint64 identities = 0;         // identifier values (rows of identities)
    qint64 notifications = 0;      // notifications about an erased message
    qint64 storeRecords = 0;       // snapshots a store poll kept of the record
    qint64 deliveriesArchived = 0; // open deliveries, archived since there is nothing left to send
    qint64 alreadyErased = 0;      // named by id but erased before
    qint64 inFlight = 0;           // being sent the whole time: not erased, the command may be run again
    int batches = 0;
    qint64 longestBatchMs = 0;
    qint64 erasedAtMs = 0;
    bool walTruncated = false; // SQLite: the -wal file was cut back to nothing afterwards
    bool vacuumed = false;     // PostgreSQL: VACUUM removed the rows' old versions

    QJsonObject toJson() const;
    QString describe() const; // a few lines for the command line
    // The notification's description: when and what, never the erased value itself.
    QString summary() const;
};

// Removes a person's data from the message log and keeps the delivery history: payloads (replaced by an
// empty object, and the message marked erased_at), its attempts' response bodies, error texts and extra
// attributes (a request body is never stored: it is the payload), identifier values (identities rows, and
// deliveries' identity and ordering_key), notifications about the message, the snapshot a store poll kept
// of the record, and the same for every message produced from a response to an erased one. Messages,
// deliveries' states and times, attempts' times and statuses stay. Open deliveries are archived.
//
// A small batch per write transaction, like RetentionPruner, so a running engine keeps delivering. On
// SQLite the batches run with secure_delete, so freed bytes are zeroed, and the -wal file is truncated
// afterwards; on PostgreSQL the touched tables are vacuumed, so the rows' old versions are gone.
class MessageEraser
{
public:
    struct Options
    {
        bool dryRun = false;
        qint64 nowMs = 0;           // 0: the clock's
        int inFlightWaitMs = 60000; // how long a message being sent is waited for before it is left
        QString source = QStringLiteral("erase"); // the notification's source
    };

    MessageEraser(const Database &db, const Options &options);
    ~MessageEraser();
    MessageEraser(const MessageEraser &) = delete;
    MessageEraser &operator=(const MessageEraser &) = delete;

    // An unknown id is an error, and nothing is erased.
    bool eraseIds(const QStringList &messageIds, QString *error);
    // Every message one of the matches finds (any of them), and the snapshots of store records it finds.
    bool eraseMatching(const QList<ErasureMatch> &matches, QString *error);
    const ErasureReport &report() const { return report_; }

private:
    struct Target
    {
        qint64 row = 0;
        QString messageId;
    };
    // A row of store_records: the snapshot a store poll kept of one record.
    struct StoreRecord
    {
        qint64 storeId = 0;
        QString collection;
        QString key;
        bool operator==(const StoreRecord &other) const
        {
            return storeId == other.storeId && collection == other.collection && key == other.key;
        }
        friend size_t qHash(const StoreRecord &record, size_t seed = 0)
        {
            return qHashMulti(seed, record.storeId, record.collection, record.key);
        }
    };

    bool findByIds(const QStringList &messageIds, QList<Target> *out, QString *error);
    bool findMatching(const QList<ErasureMatch> &matches, QList<Target> *out, QString *error);
    bool findMatchingRecords(const QList<ErasureMatch> &matches, QString *error);
    bool addDescendants(QList<Target> *targets, QString *error);
    bool noteStoreRecord(const QString &source, const QJsonObject &payload, QString *error);
    bool eraseAll(const QList<Target> &targets, QString *error);
    bool eraseBatch(const QList<qint64> &rows, QList<qint64> *busy, QString *error);
    bool eraseRows(const QList<qint64> &rows, QString *error);
    bool countRows(const QList<qint64> &rows, QString *error);
    bool eraseStoreRecords(QString *error);
    bool recordNotification(QString *error);
    bool scrub(QString *error);
    bool exec(const QString &sql, const QVariantList &values, qint64 *affected, QString *error) const;
    bool isSqlite() const;

    const Database &db_;
    Options options_;
    QSet<StoreRecord> storeRecords_;
    QHash<QString, qint64> storeIds_;
    qint64 savedSecureDelete_ = -1;
    ErasureReport report_;
};
