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
