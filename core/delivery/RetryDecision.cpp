#include "delivery/RetryDecision.h"

#include "delivery/RetryPolicy.h"

DeliveryOutcome RetryDecision::decide(const ClaimedDelivery &delivery, const MappingOptions &options,
                                      const ResponseReading &reading, Attempt attempt, qint64 nowMs)
{
    DeliveryOutcome outcome;
    outcome.deliveryId = delivery.id;
    attempt.kind = delivery.updateUrl.isEmpty() ? QStringLiteral("post") : QStringLiteral("update");
    attempt.error = reading.error;
    switch (reading.kind) {
    case ResponseReading::Kind::Delivered:
        outcome.state = DeliveryState::Delivered;
        attempt.outcome = QStringLiteral("delivered");
        attempt.extra = reading.extra;
        break;
    case ResponseReading::Kind::Async:
        outcome.state = DeliveryState::Waiting;
        outcome.dueAtMs = nowMs + reading.delayMs;
        outcome.updateUrl = reading.updateUrl.toString();
        attempt.outcome = QStringLiteral("async");
        break;
    case ResponseReading::Kind::Failed:
        attempt.outcome = QStringLiteral("failed");
        decideFailure(delivery, options, reading, nowMs, &outcome);
        break;
    }
    outcome.attempt = attempt;
    return outcome;
}

void RetryDecision::decideFailure(const ClaimedDelivery &delivery, const MappingOptions &options,
                                  const ResponseReading &reading, qint64 nowMs, DeliveryOutcome *outcome)
{
    outcome->failures = delivery.failures + 1;
    // A failed update poll retries the poll; a refused cross-origin update_url retries the original POST
    // (see ResponseReading::restartFromPost).
    outcome->updateUrl = reading.restartFromPost ? QString() : delivery.updateUrl;
    const RetryPolicy policy(options.retrySchedule.isEmpty() ? RetryPolicy::defaultSchedule()
                                                             : options.retrySchedule,
                             options.retriesAllowed);
    if (const auto delay = policy.nextDelayMs(outcome->failures, reading.retryAfterMs)) {
        outcome->state = DeliveryState::Retrying;
        outcome->dueAtMs = nowMs + *delay;
        return;
    }
    outcome->state = DeliveryState::Parked;
    outcome->reason = options.retriesAllowed
                          ? QStringLiteral("gave up after %1 attempts").arg(delivery.attempts + 1)
                          : QStringLiteral("failed and the mapping does not allow retries");
}
