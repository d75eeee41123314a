#include "utils/Timestamps.h"

#include <QDateTime>
#include <QVariant>

QString Timestamps::iso(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonValue Timestamps::isoOrNull(const QVariant &msSinceEpoch)
{
    return msSinceEpoch.isNull() ? QJsonValue() : QJsonValue(iso(msSinceEpoch.toLongLong()));
}

std::optional<qint64> Timestamps::parse(const QString &text)
{
    QDateTime time = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeSpec(Qt::UTC);
    return time.toMSecsSinceEpoch();
}
