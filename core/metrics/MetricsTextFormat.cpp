#include "metrics/MetricsTextFormat.h"

#include <QLocale>

// Appends families and samples to one text; keeps the line syntax in one place.
class MetricsTextFormat::Writer
{
public:
    void family(const QByteArray &name, const QByteArray &type, const QByteArray &help)
    {
        text_ += "# HELP " + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
    }

    void sample(const QByteArray &name, const Labels &labels, const QByteArray &value)
    {
        text_ += name;
        if (!labels.isEmpty()) {
            text_ += '{';
            for (qsizetype i = 0; i < labels.size(); ++i) {
                text_ += (i == 0 ? "" : ",") + labels.at(i).first + "=\"" +
                         escapeLabelValue(labels.at(i).second) + '"';
            }
            text_ += '}';
        }
        text_ += ' ' + value + '\n';
    }

    void histogram(const QByteArray &name, const Labels &labels, const MetricsHistogram &histogram)
    {
        const QList<quint64> cumulative = histogram.cumulativeCounts();
        for (qsizetype i = 0; i < cumulative.size(); ++i) {
            Labels bucket = labels;
            bucket.append({"le", QString::fromLatin1(formatNumber(histogram.upperBounds().at(i)))});
            sample(name + "_bucket", bucket, QByteArray::number(cumulative.at(i)));
        }
        Labels infinity = labels;
        infinity.append({"le", QStringLiteral("+Inf")});
        sample(name + "_bucket", infinity, QByteArray::number(histogram.count()));
        sample(name + "_sum", labels, formatNumber(histogram.sum()));
        sample(name + "_count", labels, QByteArray::number(histogram.count()));
    }

    QByteArray take() { return std::move(text_); }

private:
    QByteArray text_;
};

QByteArray MetricsTextFormat::render(const MetricsSnapshot &counters, const DatabaseGauges &gauges,
                                     const QString &version)
{
    Writer out;
    writeCounters(out, counters);
    writeHistograms(out, counters);
    writeGauges(out, gauges);
    out.family("integrator_build_info", "gauge", "Always 1; the version label says which Integrator runs.");
    out.sample("integrator_build_info", {{"version", version}}, "1");
    return out.take();
}

QByteArray MetricsTextFormat::escapeLabelValue(const QString &value)
{
    QByteArray escaped;
    const QByteArray utf8 = value.toUtf8();
    escaped.reserve(utf8.size());
    for (const char c : utf8) {
        if (c == '\\')
            escaped += "\\\\";
        else if (c == '"')
            escaped += "\\\"";
        else if (c == '\n')
            escaped += "\\n";
        else
            escaped += c;
    }
    return escaped;
}

QByteArray MetricsTextFormat::formatNumber(double value)
{
    // The shortest text that reads back as the same double: "0.005", not "0.0050000000000000001".
    return QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
}

void MetricsTextFormat::writeCounters(Writer &out, const MetricsSnapshot &counters)
{
    out.family("integrator_deliveries_total", "counter",
               "Deliveries this process recorded, by outcome: delivered, failed (an attempt failed and a "
               "retry is scheduled), parked (given up), skipped (filtered out or a duplicate).");
    for (const MetricsSnapshot::DeliveryCount &entry : counters.deliveries) {
        out.sample("integrator_deliveries_total",
                   {{"mapping", entry.mapping}, {"endpoint", entry.endpoint}, {"outcome", entry.outcome}},
                   QByteArray::number(entry.count));
    }
    out.family("integrator_messages_accepted_total", "counter",
               "Messages this process stored, by source as the message log shows it.");
    for (auto it = counters.acceptedBySource.cbegin(); it != counters.acceptedBySource.cend(); ++it)
        out.sample("integrator_messages_accepted_total", {{"source", it.key()}},
                   QByteArray::number(it.value()));
}

void MetricsTextFormat::writeHistograms(Writer &out, const MetricsSnapshot &counters)
{
    out.family("integrator_attempt_duration_seconds", "histogram",
               "How long the HTTP exchanges of this process's delivery attempts took, by endpoint.");
    for (auto it = counters.attemptDurations.cbegin(); it != counters.attemptDurations.cend(); ++it)
        out.histogram("integrator_attempt_duration_seconds", {{"endpoint", it.key()}}, it.value());
    out.family("integrator_push_to_delivery_seconds", "histogram",
               "From a message's acceptance to the delivery this process recorded as delivered.");
    out.histogram("integrator_push_to_delivery_seconds", {}, counters.pushToDelivery);
}

void MetricsTextFormat::writeGauges(Writer &out, const DatabaseGauges &gauges)
{
    out.family("integrator_queue_deliveries", "gauge",
               "Deliveries in the database that are not done, by state (shared by every engine on it).");
    for (auto it = gauges.queueDeliveries.cbegin(); it != gauges.queueDeliveries.cend(); ++it)
        out.sample("integrator_queue_deliveries", {{"state", it.key()}}, QByteArray::number(it.value()));
    out.family("integrator_oldest_due_age_seconds", "gauge",
               "How long the delivery that has been due the longest has waited; 0 when none is due.");
    out.sample("integrator_oldest_due_age_seconds", {}, formatNumber(gauges.oldestDueAgeSeconds));
    out.family("integrator_endpoint_state", "gauge",
               "1 for the state each endpoint is in (active, paused or probing), 0 for the others.");
    writeStates(out, "integrator_endpoint_state", "endpoint", gauges.endpointStates,
                DatabaseGaugeReader::kEndpointStates);
    out.family("integrator_store_heartbeat", "gauge",
               "1 for the heartbeat state of each store (unknown, up, degraded or down), 0 for the others.");
    writeStates(out, "integrator_store_heartbeat", "store", gauges.storeHeartbeats,
                DatabaseGaugeReader::kHeartbeatStates);
}

// One series per known state, so a change of state shows as one series falling and another rising.
void MetricsTextFormat::writeStates(Writer &out, const QByteArray &name, const QByteArray &subjectLabel,
                                    const QList<QPair<QString, QString>> &current, const QStringList &states)
{
    for (const auto &[subject, state] : current) {
        QStringList all = states;
        if (!all.contains(state))
            all.append(state); // written by a newer build: still shown
        for (const QString &candidate : std::as_const(all))
            out.sample(name, {{subjectLabel, subject}, {"state", candidate}}, candidate == state ? "1" : "0");
    }
}
