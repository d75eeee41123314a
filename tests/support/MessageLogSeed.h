#pragma once

#include <QString>

class Database;

// Fills a message log (SQLite or PostgreSQL) fast, for tests and benchmarks of the Messages view: an endpoint
// "mailer", a mapping "mail" (order:*, shipment:*), `count` messages with one delivery each. Every
// parkedEvery-th delivery is parked, the others delivered; each carries the identity
// {"order_number": "R<row>"}. Two statements, so a million rows take seconds.
namespace MessageLogSeed {
bool configure(const Database &db, QString *error);
bool seed(const Database &db, int count, int parkedEvery, QString *error);
} // namespace MessageLogSeed
