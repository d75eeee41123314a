#include "metrics/LatencyBuckets.h"

#include "metrics/MetricsRegistry.h"

#include <algorithm>
#include <cmath>

namespace LatencyBuckets {

const QList<qint64> &upperBoundsMs()
{
    static const QList<qint64> bounds = [] {
        QList<qint64> ms;
        for (const double seconds : MetricsRegistry::kAttemptDurationBounds)
            ms.append(std::llround(seconds * 1000));
        return ms;
    }();
    return bounds;
}

int count()
{
    return int(upperBoundsMs().size()) + 1;
}

int indexOf(qint64 durationMs)
{
    const QList<qint64> &bounds = upperBoundsMs();
    return int(std::lower_bound(bounds.cbegin(), bounds.cend(), durationMs) - bounds.cbegin());
}

LatencyRange rangeOf(int index)
{
    const QList<qint64> &bounds = upperBoundsMs();
    LatencyRange range;
    range.lowerMs = index > 0 ? bounds.at(index - 1) : 0;
    if (index < bounds.size())
        range.upperMs = bounds.at(index);
    return range;
}

std::optional<LatencyRange> percentile(const QList<qint64> &counts, int percent)
{
    qint64 total = 0;
    for (const qint64 n : counts)
        total += n;
    if (total == 0)
        return std::nullopt;
    const qint64 rank = (percent * total + 99) / 100; // as EndpointStatusQuery::nearestRank
    qint64 seen = 0;
    for (int index = 0; index < counts.size(); ++index) {
        seen += counts.at(index);
        if (seen >= rank)
            return rangeOf(index);
    }
    return rangeOf(int(counts.size()) - 1);
}

} // namespace LatencyBuckets
