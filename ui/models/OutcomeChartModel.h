#pragma once

#include "model/EndpointHealth.h"
#include "storage/EndpointHealthQuery.h"

#include <QAbstractTableModel>
#include <QList>

// The Dashboard chart's data: one row per slot (a minute of the last hour, or a quarter hour of the last
// day), oldest first, with the attempts recorded in it by outcome. OutcomeChart draws it; a table view
// could show the same.
class OutcomeChartModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TimeColumn,
        DeliveredColumn,
        RetryingColumn,
        ParkedColumn,
        ColumnCount
    };

    explicit OutcomeChartModel(QObject *parent = nullptr);

    // The same number of slots changes cells only (the slots move on as time passes); another span
    // resets the model.
    void setSlots(EndpointHealthQuery::Span span, const QList<OutcomeSlot> &values);
    EndpointHealthQuery::Span slotSpan() const { return span_; }
    const QList<OutcomeSlot> &outcomeSlots() const { return slots_; }
    qint64 peak() const; // the largest total of a slot, at least 1

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QString timeText(int row) const; // "14:05", or "14:00–14:15" for a quarter hour

private:
    EndpointHealthQuery::Span span_ = EndpointHealthQuery::Span::LastHour;
    QList<OutcomeSlot> slots_;
};
