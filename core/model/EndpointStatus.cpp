#include "model/EndpointStatus.h"

namespace {

template<typename T> QJsonValue orNull(const std::optional<T> &value)
{
    return value ? QJsonValue(double(*value)) : QJsonValue(QJsonValue::Null);
}

} // namespace

QJsonObject EndpointStatus::toJson() const
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("url"), url},
            {QStringLiteral("state"), EndpointFlow::stateName(state)},
            {QStringLiteral("paused_reason"),
             pausedReason.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(pausedReason)},
            {QStringLiteral("in_flight"), inFlight},
            {QStringLiteral("pending"), pending},
            {QStringLiteral("success_rate"), orNull(successRate)},
            {QStringLiteral("latency_p50_ms"), orNull(latencyP50Ms)},
            {QStringLiteral("latency_p95_ms"), orNull(latencyP95Ms)}};
}
