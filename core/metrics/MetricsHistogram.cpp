#include "metrics/MetricsHistogram.h"

#include <algorithm>

MetricsHistogram::MetricsHistogram(QList<double> upperBounds)
    : upperBounds_(std::move(upperBounds))
    , bucketCounts_(upperBounds_.size(), 0)
{}

void MetricsHistogram::observe(double value)
{
    // The first bound at or above the value; past the last one it counts only in +Inf (count_).
    const auto bound = std::lower_bound(upperBounds_.cbegin(), upperBounds_.cend(), value);
    if (bound != upperBounds_.cend())
        ++bucketCounts_[bound - upperBounds_.cbegin()];
    ++count_;
    sum_ += value;
}

QList<quint64> MetricsHistogram::cumulativeCounts() const
{
    QList<quint64> cumulative;
    cumulative.reserve(bucketCounts_.size());
    quint64 running = 0;
    for (const quint64 count : bucketCounts_) {
        running += count;
        cumulative.append(running);
    }
    return cumulative;
}
