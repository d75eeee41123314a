#include "delivery/RetryPolicy.h"

#include <QDateTime>
#include <QLocale>
#include <QRandomGenerator>
#include <QString>

#include <algorithm>
#include <cmath>

namespace {
// An endpoint cannot push a retry further out than a day; past that the schedule is what counts.
constexpr qint64 kMaxRetryAfterMs = 24LL * 3600 * 1000;
// Config validation keeps each scheduled delay to 7 days; this bound (7 days and the jitter) holds
// whatever reaches the policy, so no delay can overflow into a time in the past, an immediate retry.
constexpr double kMaxDelayMs = 7.0 * 24 * 3600 * 1000 * (1.0 + RetryPolicy::kJitter);
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
    const double delay = base * factor;
    // Bounded as a double: llround of a value past qint64 (or of NaN) is undefined, in practice the most
    // negative number, which would retry at once. A NaN (no config gives one) waits the longest.
    if (std::isnan(delay))
        return qint64(kMaxDelayMs);
    return std::llround(std::clamp(delay, 0.0, kMaxDelayMs));
}

std::optional<qint64> RetryPolicy::parseRetryAfterMs(const QByteArray &value, qint64 nowMs)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    // delta-seconds: digits only. Saturate before converting: a huge value (even one past qint64)
    // must not wrap into an immediate retry; nextDelayMs caps it at a day.
    if (std::all_of(trimmed.cbegin(), trimmed.cend(), [](char c) { return c >= '0' && c <= '9'; })) {
        constexpr qint64 kMaxSeconds = 10LL * 365 * 24 * 3600;
        bool fits = false;
        const qint64 seconds = trimmed.toLongLong(&fits);
        return (fits ? qMin(seconds, kMaxSeconds) : kMaxSeconds) * 1000;
    }
    // RFC 9110 IMF-fixdate, e.g. "Wed, 21 Oct 2015 07:28:00 GMT". Date and time are read apart and
    // joined as UTC, so the local time zone's daylight-saving gaps cannot make a valid date unreadable.
    const QString text = QString::fromLatin1(trimmed);
    if (text.size() != 29 || !text.endsWith(QLatin1String(" GMT")))
        return std::nullopt;
    const QDate date = QLocale::c().toDate(text.left(16), QStringLiteral("ddd, dd MMM yyyy"));
    const QTime time = QLocale::c().toTime(text.mid(17, 8), QStringLiteral("HH:mm:ss"));
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    return qMax<qint64>(0, QDateTime(date, time, Qt::UTC).toMSecsSinceEpoch() - nowMs);
}
