#pragma once

#include <QJsonValue>
#include <QString>

#include <optional>

// Times are stored as UTC milliseconds and shown as ISO 8601 with milliseconds ("…T09:21:08.123Z").
namespace Timestamps {
QString iso(qint64 msSinceEpoch);
QJsonValue isoOrNull(const QVariant &msSinceEpoch);
// ISO 8601 as a person types it: "2026-11-22T09:30:00Z", with milliseconds or an offset, or a date
// alone (its midnight). Without an offset it is UTC, the zone every time is shown in. Nothing when
// the text is no such time.
std::optional<qint64> parse(const QString &text);
} // namespace Timestamps
