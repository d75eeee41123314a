#pragma once

#include <QList>

// A Prometheus histogram's state: how many observations fell at or below each upper bound, how many
// there were in all and their sum. Not thread-safe; MetricsRegistry guards it.
class MetricsHistogram
{
public:
    MetricsHistogram() = default;
    explicit MetricsHistogram(QList<double> upperBounds);

    void observe(double value);

    const QList<double> &upperBounds() const { return upperBounds_; }
    // Cumulative, as the format wants them: entry i counts observations <= upperBounds().at(i).
    QList<quint64> cumulativeCounts() const;
    quint64 count() const { return count_; }
    double sum() const { return sum_; }

private:
    QList<double> upperBounds_;
    QList<quint64> bucketCounts_; // per bucket, not cumulative
    quint64 count_ = 0;
    double sum_ = 0;
};
