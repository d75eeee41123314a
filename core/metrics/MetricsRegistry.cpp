#include "metrics/MetricsRegistry.h"

#include <QMutexLocker>

#include <tuple>

const QList<double> MetricsRegistry::kAttemptDurationBounds = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
                                                               1,     2.5,  5,     10,   30,  60,   180};
const QList<double> MetricsRegistry::kPushToDeliveryBounds = {0.01, 0.05, 0.1, 0.25, 0.5, 1,    2.5,   5,
                                                              10,   30,   60,  300,  900, 3600, 21600, 86400};

const QString MetricsRegistry::kOtherSource = QStringLiteral("other");

MetricsRegistry::MetricsRegistry()
    : pushToDelivery_(kPushToDeliveryBounds)
{}

MetricsRegistry &MetricsRegistry::global()
{
    static MetricsRegistry registry;
    return registry;
}

bool MetricsRegistry::DeliveryKey::operator<(const DeliveryKey &other) const
{
    return std::tie(mapping, endpoint, outcome) < std::tie(other.mapping, other.endpoint, other.outcome);
}

QString MetricsRegistry::outcomeLabel(DeliveryState state)
{
    switch (state) {
    case DeliveryState::Delivered:
        return QStringLiteral("delivered");
    case DeliveryState::Retrying:
        return QStringLiteral("failed");
    case DeliveryState::Parked:
        return QStringLiteral("parked");
    case DeliveryState::Skipped:
        return QStringLiteral("skipped");
    default:
        return {};
    }
}

void MetricsRegistry::noteDelivery(const QString &mapping, const QString &endpoint, DeliveryState state)
{
    const QString outcome = outcomeLabel(state);
    if (outcome.isEmpty())
        return;
    const QMutexLocker locker(&mutex_);
    ++deliveries_[{mapping, endpoint, outcome}];
}

void MetricsRegistry::noteAttempt(const QString &endpoint, double seconds)
{
    const QMutexLocker locker(&mutex_);
    auto it = attemptDurations_.find(endpoint);
    if (it == attemptDurations_.end())
        it = attemptDurations_.insert(endpoint, MetricsHistogram(kAttemptDurationBounds));
    it->observe(seconds);
}

void MetricsRegistry::notePushToDelivery(double seconds)
{
    const QMutexLocker locker(&mutex_);
    pushToDelivery_.observe(seconds);
}

void MetricsRegistry::noteAccepted(const QString &source, int messages)
{
    if (messages <= 0)
        return;
    const QMutexLocker locker(&mutex_);
    const qsizetype labelled = accepted_.size() - (accepted_.contains(kOtherSource) ? 1 : 0);
    const bool keepsLabel = accepted_.contains(source) || labelled < kMaxSourceLabels;
    accepted_[keepsLabel ? source : kOtherSource] += quint64(messages);
}

MetricsSnapshot MetricsRegistry::snapshot() const
{
    const QMutexLocker locker(&mutex_);
    MetricsSnapshot snapshot;
    for (auto it = deliveries_.cbegin(); it != deliveries_.cend(); ++it)
        snapshot.deliveries.append({it.key().mapping, it.key().endpoint, it.key().outcome, it.value()});
    snapshot.attemptDurations = attemptDurations_;
    snapshot.pushToDelivery = pushToDelivery_;
    snapshot.acceptedBySource = accepted_;
    return snapshot;
}

void MetricsRegistry::clear()
{
    const QMutexLocker locker(&mutex_);
    deliveries_.clear();
    attemptDurations_.clear();
    pushToDelivery_ = MetricsHistogram(kPushToDeliveryBounds);
    accepted_.clear();
}
