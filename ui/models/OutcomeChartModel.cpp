#include "models/OutcomeChartModel.h"

#include <QDateTime>
#include <QLocale>

OutcomeChartModel::OutcomeChartModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void OutcomeChartModel::setSlots(EndpointHealthQuery::Span span, const QList<OutcomeSlot> &values)
{
    if (span != span_ || values.size() != slots_.size()) {
        beginResetModel();
        span_ = span;
        slots_ = values;
        endResetModel();
        return;
    }
    if (values == slots_)
        return;
    slots_ = values;
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

qint64 OutcomeChartModel::peak() const
{
    qint64 peak = 1;
    for (const OutcomeSlot &slot : slots_)
        peak = std::max(peak, slot.total());
    return peak;
}

int OutcomeChartModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(slots_.size());
}

int OutcomeChartModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant OutcomeChartModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) ||
        role != Qt::DisplayRole)
        return {};
    const OutcomeSlot &slot = slots_.at(index.row());
    switch (index.column()) {
    case TimeColumn:
        return timeText(index.row());
    case DeliveredColumn:
        return slot.delivered;
    case RetryingColumn:
        return slot.retrying;
    case ParkedColumn:
        return slot.parked;
    default:
        return {};
    }
}

QVariant OutcomeChartModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case DeliveredColumn:
        return tr("Delivered");
    case RetryingColumn:
        return tr("Failed, retrying");
    case ParkedColumn:
        return tr("Parked");
    default:
        return {};
    }
}

QString OutcomeChartModel::timeText(int row) const
{
    const qint64 start = slots_.at(row).startMs;
    const QString format = QStringLiteral("HH:mm");
    QString from = QDateTime::fromMSecsSinceEpoch(start).toString(format);
    if (span_ == EndpointHealthQuery::Span::LastHour)
        return from;
    return tr("%1–%2").arg(
        from, QDateTime::fromMSecsSinceEpoch(start + EndpointHealthQuery::slotMs(span_)).toString(format));
}
