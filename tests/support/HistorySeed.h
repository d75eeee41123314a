#pragma once

#include <QString>
#include <QStringList>

class Database;

// Writes history straight into the tables, dated in the past, on SQLite or PostgreSQL: what the retention
// pruner then finds. Fast (a few statements per batch), so tests can have tens of thousands of rows.
namespace HistorySeed {
struct Batch
{
    QString tag;          // messages.source and the message ids' prefix; unique per batch
    int count = 0;        // messages
    qint64 atMs = 0;      // created_at, updated_at, started_at
    QStringList mappings; // one delivery per mapping (by name), in this order...
    QStringList states;   // ...with these states
    int payloadBytes = 400;
    int bodyBytes = 1000; // each delivery has one attempt with a response body this long
};
bool seed(const Database &db, const Batch &batch, QString *error);
// Rows of a table, optionally with a WHERE clause; -1 on an error.
qint64 count(const Database &db, const QString &table, const QString &where = {});
} // namespace HistorySeed
