#pragma once

#include <QJsonValue>
#include <QString>

// Times are stored as UTC milliseconds and shown as ISO 8601 with milliseconds ("…T09:21:08.123Z").
namespace Timestamps {
QString iso(qint64 msSinceEpoch);
QJsonValue isoOrNull(const QVariant &msSinceEpoch);
} // namespace Timestamps
