#pragma once

#include <QByteArray>
#include <QList>

#include <optional>

// When to try a failed delivery again. Delays are seconds (fractions allowed so tests run fast);
// each is spread by ±20 % so that deliveries that failed together do not retry together.
class RetryPolicy
{
public:
    static QList<double> defaultSchedule();
    static constexpr double kJitter = 0.2;

    explicit RetryPolicy(QList<double> scheduleSeconds = defaultSchedule(), bool retriesAllowed = true);

    // Delay before the next try after `failures` consecutive failures (1 = the first failure),
    // or nullopt when the delivery must be parked. retryAfterMs, when the endpoint sent one, wins.
    std::optional<qint64> nextDelayMs(int failures, std::optional<qint64> retryAfterMs = std::nullopt) const;
    int maxAttempts() const { return retriesAllowed_ ? int(schedule_.size()) + 1 : 1; }

    // Reads a Retry-After header: delta-seconds or an HTTP-date. nullopt when absent or unreadable.
    static std::optional<qint64> parseRetryAfterMs(const QByteArray &value, qint64 nowMs);

private:
    QList<double> schedule_;
    bool retriesAllowed_;
};
