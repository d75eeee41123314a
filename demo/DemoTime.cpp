#include "DemoTime.h"

#include <QDateTime>

namespace DemoTime {

QString iso(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
}

bool parse(const QString &text, qint64 *msSinceEpoch)
{
    QDateTime time = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
    // A "+01:00" offset sent without percent-encoding arrives as " 01:00" after form decoding.
    if (!time.isValid() && text.contains(QLatin1Char(' ')))
        time = QDateTime::fromString(text.trimmed().replace(QLatin1Char(' '), QLatin1Char('+')),
                                     Qt::ISODateWithMs);
    if (!time.isValid())
        return false;
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeSpec(Qt::UTC);
    *msSinceEpoch = time.toMSecsSinceEpoch();
    return true;
}

} // namespace DemoTime
