#pragma once

#include "metrics/MetricsHistogram.h"
#include "model/DeliveryState.h"

#include <QList>
#include <QMap>
#include <QMutex>
#include <QString>

// What the counters and histograms held at one moment, for MetricsTextFormat.
struct MetricsSnapshot
{
    struct DeliveryCount
    {
        QString mapping;
        QString endpoint;
        QString outcome; // delivered, failed, parked, skipped
        quint64 count = 0;
    };
    QList<DeliveryCount> deliveries;                  // by mapping, endpoint, outcome
    QMap<QString, MetricsHistogram> attemptDurations; // by endpoint name
    MetricsHistogram pushToDelivery;
    QMap<QString, quint64>
        acceptedBySource; // source as the message log shows it: push:STORE, store:STORE, ...
};

// The counters and histograms of this process, since it started: what its dispatcher recorded and what
// it accepted. Process-wide, as a Prometheus client's default registry is, so the places that record
// an outcome or accept a message count without being handed anything. Every call is thread-safe.
class MetricsRegistry
{
public:
    static MetricsRegistry &global();

    // Upper bounds in seconds. An attempt ends within a mapping's timeout (at most an hour); a delivery
    // may wait for retries for days.
    static const QList<double> kAttemptDurationBounds;
    static const QList<double> kPushToDeliveryBounds;
    // A push's "origin" becomes its messages' source, and any client with a push token may name one: the
    // first this many distinct sources since the process started keep their label, later ones count under
    // kOtherSource, so a client cannot grow the scrape (and Prometheus's series) without bound.
    static constexpr int kMaxSourceLabels = 100;
    static const QString kOtherSource;

    // The outcome label of a recorded delivery state; empty for states that are not an outcome (an
    // asynchronous answer leaves the delivery waiting). A failed attempt that will be retried is
    // "failed"; one that gave up is "parked".
    static QString outcomeLabel(DeliveryState state);

    void noteDelivery(const QString &mapping, const QString &endpoint, DeliveryState state);
    void noteAttempt(const QString &endpoint, double seconds);
    void notePushToDelivery(double seconds);
    void noteAccepted(const QString &source, int messages);

    MetricsSnapshot snapshot() const;
    void clear(); // for tests that count from zero

private:
    MetricsRegistry();

    struct DeliveryKey
    {
        QString mapping;
        QString endpoint;
        QString outcome;
        bool operator<(const DeliveryKey &other) const;
    };

    mutable QMutex mutex_;
    QMap<DeliveryKey, quint64> deliveries_;
    QMap<QString, MetricsHistogram> attemptDurations_;
    MetricsHistogram pushToDelivery_;
    QMap<QString, quint64> accepted_;
};
