#pragma once

#include <QString>

// The store's timestamps: UTC milliseconds inside, ISO 8601 with milliseconds ("…T09:00:00.123Z") on the
// wire, as Rails renders them.
namespace DemoTime {
QString iso(qint64 msSinceEpoch);
// Accepts what a poller plausibly sends: with or without milliseconds, "Z" or an offset, or no zone at
// all (read as UTC, the store's zone). False when the text is no timestamp.
bool parse(const QString &text, qint64 *msSinceEpoch);
} // namespace DemoTime
