#pragma once

#include <QList>
#include <QStringList>
#include <QVariantList>

#include <optional>

class Database;

// The message log one page at a time, newest first, by keyset (rows older than the last one seen), so
// a table over millions of messages reads only what it shows. The one query that filters the log: the
// control panel's Messages view, the "replay all failed" walk (MessageActions::replayFailed) and the
// CLI's `messages` (MessageQuery::list) all use it.
class MessageLog
{
public:
    struct Filter
    {
        QStringList states;                 // any delivery of the message in one of these; empty: any
        QString type;                       // exact, "prefix:*" (case-sensitive, as mappings match), or "*:*"
        QString mapping;                    // mapping name
        QString endpoint;                   // endpoint name
        std::optional<qint64> fromMs, toMs; // created_at in [from, to)
        QString text; // message id prefix, or part of an identifier value (an order number)

        bool operator==(const Filter &other) const;
        bool operator!=(const Filter &other) const { return !(*this == other); }
    };

    struct Delivery
    {
        QString mapping;
        QString endpoint;
        QString state;
        int attempts = 0;
        std::optional<int> lastStatus;
        QString lastError;
    };

    struct Row
    {
        qint64 row = 0; // the messages table's id: the keyset
        QString messageId;
        QString type;
        QString parentId;
        QString source;
        qint64 createdAtMs = 0;
        std::optional<qint64> erasedAtMs; // when its personal data was erased (MessageEraser)
        int hops = 0;
        QList<Delivery> deliveries;

        // The state that needs attention first: parked, retrying, sending, waiting, pending, delivered,
        // skipped, archived; "unrouted" when no mapping took the message.
        QString summaryState() const;
        int attempts() const;
        QString lastError() const;
    };

    static const QStringList kFailedStates; // parked, retrying

    explicit MessageLog(const Database &db);

    // Up to `limit` rows matching `filter`, older than `beforeRow` (none: from the newest).
    bool page(const Filter &filter, std::optional<qint64> beforeRow, int limit, QList<Row> *out,
              QString *error) const;
    // The same rows as page(), without their deliveries: for a reader that reads deliveries its own way.
    bool matches(const Filter &filter, std::optional<qint64> beforeRow, int limit, QList<Row> *out,
                 QString *error) const;
    // Rows matching `filter` from `oldestRow` up to the newest, newest first (a live table's refresh).
    bool since(const Filter &filter, qint64 oldestRow, int limit, QList<Row> *out, QString *error) const;

    bool count(const Filter &filter, qint64 *out, QString *error) const;

private:
    static void conditions(const Filter &filter, QStringList *where, QVariantList *values);
    bool select(const Filter &filter, const QString &keyset, qint64 key, int limit, QList<Row> *out,
                QString *error) const;
    bool attachDeliveries(QList<Row> *rows, QString *error) const;

    const Database &db_;
};
