#pragma once

#include "model/EndpointHealth.h"

#include <QList>

// The attempt-duration buckets of the Dashboard's rollup (endpoint_minutes): the bounds of the Prometheus
// histogram integrator_attempt_duration_seconds, in milliseconds, and one more bucket above the last.
// A percentile read from bucket counts is the bucket it falls in: exact to within one bucket.
namespace LatencyBuckets {
const QList<qint64> &upperBoundsMs();
int count(); // upperBoundsMs().size() + 1
// The bucket of a duration: the first bound at or above it, or the last bucket past every bound.
int indexOf(qint64 durationMs);
LatencyRange rangeOf(int index);
// The bucket holding the nearest-rank percentile of the counted values (EndpointStatusQuery::nearestRank);
// none when nothing was counted.
std::optional<LatencyRange> percentile(const QList<qint64> &counts, int percent);
} // namespace LatencyBuckets
