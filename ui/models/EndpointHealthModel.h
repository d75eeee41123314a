#pragma once

#include "model/EndpointHealth.h"

#include <QAbstractTableModel>
#include <QList>

// The Dashboard's endpoint health table: one row per endpoint, by name, with its state, deliveries in
// flight, the last hour's attempts, success rate and latency percentiles (as bucket ranges), and how long
// the oldest due delivery has waited.
class EndpointHealthModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        EndpointColumn,
        StateColumn,
        InFlightColumn,
        AttemptsColumn,
        SuccessColumn,
        LatencyP50Column,
        LatencyP95Column,
        OldestWaitingColumn,
        ColumnCount
    };

    explicit EndpointHealthModel(QObject *parent = nullptr);

    // Replaces the rows as read at nowMs. The same endpoints in the same order change cells only, so a
    // refresh keeps the view's selection.
    void setHealth(const QList<EndpointHealth> &endpoints, qint64 nowMs);
    const EndpointHealth &endpoint(int row) const { return endpoints_.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "≤ 250 ms", "> 180 s": what a bucket says of a percentile.
    static QString latencyText(const LatencyRange &range);
    // "45 s", "12 min", "3 h 5 min".
    static QString waitText(qint64 ms);

private:
    QVariant display(const EndpointHealth &endpoint, int column) const;
    QVariant toolTip(const EndpointHealth &endpoint, int column) const;

    QList<EndpointHealth> endpoints_;
    qint64 nowMs_ = 0;
};
