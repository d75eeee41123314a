#include "models/EndpointHealthModel.h"

#include <QDateTime>
#include <QLocale>

namespace {

QString millisecondsText(qint64 ms)
{
    return ms < 1000 ? EndpointHealthModel::tr("%1 ms").arg(ms)
                     : EndpointHealthModel::tr("%1 s").arg(QLocale().toString(double(ms) / 1000, 'g', 3));
}

QString stateText(const EndpointHealth &endpoint)
{
    switch (endpoint.state) {
    case EndpointFlow::State::Paused:
        return EndpointHealthModel::tr("paused");
    case EndpointFlow::State::Probing:
        return EndpointHealthModel::tr("probing");
    case EndpointFlow::State::Active:
        break;
    }
    return EndpointHealthModel::tr("active");
}

bool sameEndpoints(const QList<EndpointHealth> &a, const QList<EndpointHealth> &b)
{
    if (a.size() != b.size())
        return false;
    for (int i = 0; i < a.size(); ++i) {
        if (a.at(i).endpointId != b.at(i).endpointId)
            return false;
    }
    return true;
}

} // namespace

EndpointHealthModel::EndpointHealthModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void EndpointHealthModel::setHealth(const QList<EndpointHealth> &endpoints, qint64 nowMs)
{
    if (!sameEndpoints(endpoints_, endpoints)) {
        beginResetModel();
        endpoints_ = endpoints;
        nowMs_ = nowMs;
        endResetModel();
        return;
    }
    endpoints_ = endpoints;
    nowMs_ = nowMs;
    if (!endpoints_.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int EndpointHealthModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(endpoints_.size());
}

int EndpointHealthModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EndpointHealthModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EndpointHealth &endpoint = endpoints_.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(endpoint, index.column());
    case Qt::ToolTipRole:
        return toolTip(endpoint, index.column());
    case Qt::TextAlignmentRole:
        return index.column() >= InFlightColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    default:
        return {};
    }
}

QVariant EndpointHealthModel::display(const EndpointHealth &endpoint, int column) const
{
    switch (column) {
    case EndpointColumn:
        return endpoint.name;
    case StateColumn:
        return stateText(endpoint);
    case InFlightColumn:
        return QLocale().toString(endpoint.inFlight);
    case AttemptsColumn:
        return QLocale().toString(endpoint.attempts());
    case SuccessColumn:
        return endpoint.successRate()
                   ? QLocale().toString(*endpoint.successRate() * 100, 'f', 1) + QLatin1Char('%')
                   : QString();
    case LatencyP50Column:
        return endpoint.latencyP50 ? latencyText(*endpoint.latencyP50) : QString();
    case LatencyP95Column:
        return endpoint.latencyP95 ? latencyText(*endpoint.latencyP95) : QString();
    case OldestWaitingColumn:
        return endpoint.oldestDueAtMs && *endpoint.oldestDueAtMs <= nowMs_
                   ? waitText(nowMs_ - *endpoint.oldestDueAtMs)
                   : QString();
    default:
        return {};
    }
}

QVariant EndpointHealthModel::toolTip(const EndpointHealth &endpoint, int column) const
{
    switch (column) {
    case StateColumn:
        return endpoint.pausedReason.isEmpty() ? QVariant() : QVariant(endpoint.pausedReason);
    case AttemptsColumn:
        return tr("Last hour: %1 delivered, %2 accepted for later, %3 failed and retrying, %4 parked")
            .arg(endpoint.delivered)
            .arg(endpoint.waiting)
            .arg(endpoint.retrying)
            .arg(endpoint.parked);
    case LatencyP50Column:
    case LatencyP95Column: {
        const std::optional<LatencyRange> &range =
            column == LatencyP50Column ? endpoint.latencyP50 : endpoint.latencyP95;
        if (!range)
            return {};
        return range->upperMs ? tr("Between %1 and %2: durations are counted in buckets, so a percentile "
                                   "is known to within its bucket")
                                    .arg(millisecondsText(range->lowerMs), millisecondsText(*range->upperMs))
                              : tr("Longer than %1").arg(millisecondsText(range->lowerMs));
    }
    case OldestWaitingColumn:
        if (!endpoint.oldestDueAtMs)
            return tr("Nothing waits to be sent");
        if (*endpoint.oldestDueAtMs > nowMs_)
            return tr("Nothing is due; the next delivery is due at %1")
                .arg(QDateTime::fromMSecsSinceEpoch(*endpoint.oldestDueAtMs)
                         .toString(QStringLiteral("HH:mm:ss")));
        return tr("The longest-waiting due delivery has been due since %1")
            .arg(
                QDateTime::fromMSecsSinceEpoch(*endpoint.oldestDueAtMs).toString(QStringLiteral("HH:mm:ss")));
    default:
        return {};
    }
}

QVariant EndpointHealthModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && (section == LatencyP50Column || section == LatencyP95Column))
        return tr("Attempt durations of the last hour. They are counted in buckets (5 ms, 10 ms, 25 ms, ... "
                  "180 s), so the percentile is the bucket it falls in: \"≤ 250 ms\" means between 100 and "
                  "250 ms.");
    if (role == Qt::ToolTipRole && section == OldestWaitingColumn)
        return tr("How long the delivery that has been due the longest has waited to be sent");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case EndpointColumn:
        return tr("Endpoint");
    case StateColumn:
        return tr("State");
    case InFlightColumn:
        return tr("In flight");
    case AttemptsColumn:
        return tr("Attempts (1 h)");
    case SuccessColumn:
        return tr("Success (1 h)");
    case LatencyP50Column:
        return tr("p50");
    case LatencyP95Column:
        return tr("p95");
    case OldestWaitingColumn:
        return tr("Oldest waiting");
    default:
        return {};
    }
}

QString EndpointHealthModel::latencyText(const LatencyRange &range)
{
    return range.upperMs ? tr("≤ %1").arg(millisecondsText(*range.upperMs))
                         : tr("> %1").arg(millisecondsText(range.lowerMs));
}

QString EndpointHealthModel::waitText(qint64 ms)
{
    const qint64 seconds = ms / 1000;
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    const qint64 minutes = seconds / 60;
    if (minutes < 60)
        return tr("%1 min").arg(minutes);
    return tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60);
}
