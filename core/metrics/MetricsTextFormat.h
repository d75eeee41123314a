#pragma once

#include "metrics/DatabaseGaugeReader.h"
#include "metrics/MetricsRegistry.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

// Renders the metrics in the Prometheus text exposition format (version 0.0.4): each family with its
// HELP and TYPE lines, label values escaped.
class MetricsTextFormat
{
public:
    static constexpr const char *kContentType = "text/plain; version=0.0.4; charset=utf-8";

    static QByteArray render(const MetricsSnapshot &counters, const DatabaseGauges &gauges,
                             const QString &version);

    // Backslash, double quote and line feed escaped, as label values need.
    static QByteArray escapeLabelValue(const QString &value);
    static QByteArray formatNumber(double value);

private:
    using Labels = QList<QPair<QByteArray, QString>>;

    class Writer;
    static void writeCounters(Writer &out, const MetricsSnapshot &counters);
    static void writeHistograms(Writer &out, const MetricsSnapshot &counters);
    static void writeGauges(Writer &out, const DatabaseGauges &gauges);
    static void writeStates(Writer &out, const QByteArray &name, const QByteArray &subjectLabel,
                            const QList<QPair<QString, QString>> &current, const QStringList &states);
};
