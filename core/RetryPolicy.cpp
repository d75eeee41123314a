#include "RetryPolicy.h"

#include <QDateTime>
#include <QLocale>
#include <QRandomGenerator>
#include <QString>

#include <cmath>

namespace {
// An endpoint cannot push a retry further out than a day; past that the schedule is what counts.
constexpr qint64 kMaxRetryAfterMs = 24LL * 3600 * 1000;
} // namespace

QList<double> RetryPolicy::defaultSchedule()
{
    return {5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400};
}

RetryPolicy::RetryPolicy(QList<double> scheduleSeconds, bool retriesAllowed)
    : schedule_(std::move(scheduleSeconds))
    , retriesAllowed_(retriesAllowed)
{}

std::optional<qint64> RetryPolicy::nextDelayMs(int failures, std::optional<qint64> retryAfterMs) const
{
    if (!retriesAllowed_ || failures < 1 || failures > schedule_.size())
        return std::nullopt;
    if (retryAfterMs)
        return qBound<qint64>(0, *retryAfterMs, kMaxRetryAfterMs);
    const double base = schedule_.at(failures - 1) * 1000.0;
    const double factor = 1.0 + kJitter * (2.0 * QRandomGenerator::global()->generateDouble() - 1.0);
    return qMax<qint64>(0, std::llround(base * factor));
}

std::optional<qint64> RetryPolicy::parseRetryAfterMs(const QByteArray &value, qint64 nowMs)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool isNumber = false;
    const qint64 seconds = trimmed.toLongLong(&isNumber);
    if (isNumber)
        return seconds < 0 ? std::nullopt : std::optional<qint64>(seconds * 1000);
    // RFC 9110 IMF-fixdate, e.g. "Wed, 21 Oct 2015 07:28:00 GMT".
    const QDateTime date = QLocale::c().toDateTime(QString::fromLatin1(trimmed),
                                                   QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!date.isValid())
        return std::nullopt;
    QDateTime utc = date;
    utc.setTimeSpec(Qt::UTC);
    return qMax<qint64>(0, utc.toMSecsSinceEpoch() - nowMs);
}
