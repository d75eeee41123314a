#pragma once

#include "delivery/ResponseReading.h"
#include "model/Attempt.h"
#include "model/Mapping.h"
#include "storage/DeliveryQueue.h"

// What one answer does to its delivery: delivered, waiting for an update poll, retrying at a due time,
// or parked. Pure but for RetryPolicy's jitter: no clock, no database, so each rule is testable alone.
class RetryDecision
{
public:
    // `attempt` is the exchange's record; it is returned inside the outcome with its kind and outcome set.
    static DeliveryOutcome decide(const ClaimedDelivery &delivery, const MappingOptions &options,
                                  const ResponseReading &reading, Attempt attempt, qint64 nowMs);

private:
    static void decideFailure(const ClaimedDelivery &delivery, const MappingOptions &options,
                              const ResponseReading &reading, qint64 nowMs, DeliveryOutcome *outcome);
};
