#include "models/MessageTableModel.h"

#include "model/DeliveryState.h"

#include "BackgroundWorker.h"

#include <QApplication>
#include <QDateTime>
#include <QHash>
#include <QPalette>
#include <QSet>

#include <memory>
#include <utility>

namespace {

struct PageResult
{
    QList<MessageLog::Row> rows;
    QString error;
};

QColor stateColor(const QString &name)
{
    switch (DeliveryStates::fromName(name).value_or(DeliveryState::Pending)) {
    case DeliveryState::Parked:
        return QColor(0xd1, 0x24, 0x2f);
    case DeliveryState::Retrying:
        return QColor(0xbf, 0x87, 0x00);
    case DeliveryState::Delivered:
        return QColor(0x1a, 0x7f, 0x37);
    default:
        return {};
    }
}

} // namespace

MessageTableModel::MessageTableModel(BackgroundWorker *worker, QObject *parent)
    : QAbstractTableModel(parent)
    , worker_(worker)
{}

QString MessageTableModel::stateLabel(const QString &state)
{
    static const QHash<DeliveryState, const char *> labels{
        {DeliveryState::Pending, QT_TR_NOOP("pending")},
        {DeliveryState::Sending, QT_TR_NOOP("sending")},
        {DeliveryState::Waiting, QT_TR_NOOP("waiting")},
        {DeliveryState::Retrying, QT_TR_NOOP("retrying")},
        {DeliveryState::Delivered, QT_TR_NOOP("delivered")},
        {DeliveryState::Parked, QT_TR_NOOP("parked")},
        {DeliveryState::Skipped, QT_TR_NOOP("skipped")},
        {DeliveryState::Archived, QT_TR_NOOP("archived")},
    };
    // A message no mapping took has no delivery state: the log calls it "unrouted".
    if (state == QLatin1String("unrouted"))
        return tr("unrouted");
    const std::optional<DeliveryState> known = DeliveryStates::fromName(state);
    return known ? tr(labels.value(*known)) : state;
}

void MessageTableModel::setFilter(const MessageLog::Filter &filter)
{
    ++generation_;
    beginResetModel();
    filter_ = filter;
    rows_.clear();
    atEnd_ = false;
    refreshAgain_ = false; // the first page is read after whatever asked for it
    loading_ = true; // the first page is on its way: a view reacting to the reset must not ask for it again
    endResetModel();
    requestPage();
}

int MessageTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(rows_.size());
}

int MessageTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool MessageTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !atEnd_ && !loading_;
}

void MessageTableModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        requestPage();
}

void MessageTableModel::requestPage()
{
    loading_ = true;
    const int generation = generation_;
    const MessageLog::Filter filter = filter_;
    const std::optional<qint64> before = rows_.isEmpty() ? std::nullopt : std::optional(rows_.last().row);
    auto result = std::make_shared<PageResult>();
    worker_->post(
        this,
        [filter, before, result](const Database &db) {
            MessageLog(db).page(filter, before, kPageSize, &result->rows, &result->error);
        },
        [this, generation, result] {
            if (generation != generation_)
                return;
            if (!result->error.isEmpty()) {
                loading_ = false;
                atEnd_ = true;
                Q_EMIT failed(result->error);
                return;
            }
            // Still "loading" while rows go in: a view asking for more meanwhile would ask for this page
            // again.
            appendPage(result->rows);
            finishLoading();
        });
}

void MessageTableModel::appendPage(const QList<MessageLog::Row> &page)
{
    rowsFetched_ += page.size();
    atEnd_ = page.size() < kPageSize;
    if (page.isEmpty())
        return;
    beginInsertRows({}, int(rows_.size()), int(rows_.size() + page.size() - 1));
    rows_.append(page);
    endInsertRows();
}

void MessageTableModel::refresh()
{
    if (loading_) {
        refreshAgain_ = true;
        return;
    }
    if (rows_.isEmpty()) {
        atEnd_ = false;
        requestPage();
        return;
    }
    loading_ = true;
    const int generation = generation_;
    const MessageLog::Filter filter = filter_;
    const qint64 oldest = rows_.last().row;
    // Room for the rows held plus a page of new ones; rows pushed past the limit come back on scrolling.
    const int limit = int(rows_.size()) + kPageSize;
    auto result = std::make_shared<PageResult>();
    worker_->post(
        this,
        [filter, oldest, limit, result](const Database &db) {
            MessageLog(db).since(filter, oldest, limit, &result->rows, &result->error);
        },
        [this, generation, result] {
            if (generation != generation_)
                return;
            if (!result->error.isEmpty()) {
                loading_ = false;
                Q_EMIT failed(result->error);
                return;
            }
            rowsFetched_ += result->rows.size();
            merge(result->rows);
            finishLoading();
        });
}

void MessageTableModel::finishLoading()
{
    loading_ = false;
    Q_EMIT loaded();
    if (std::exchange(refreshAgain_, false))
        refresh();
}

// Both lists are newest first and rows are never deleted, only filtered out: remove what left the
// filter, insert what is new in its place, and report changed data, so selections and scrolling hold.
void MessageTableModel::merge(const QList<MessageLog::Row> &fresh)
{
    QSet<qint64> freshIds;
    for (const MessageLog::Row &row : fresh)
        freshIds.insert(row.row);
    for (int i = int(rows_.size()) - 1; i >= 0; --i) {
        if (freshIds.contains(rows_.at(i).row))
            continue;
        int first = i;
        while (first > 0 && !freshIds.contains(rows_.at(first - 1).row))
            --first;
        beginRemoveRows({}, first, i);
        rows_.remove(first, i - first + 1);
        endRemoveRows();
        i = first;
    }
    int at = 0;
    for (int i = 0; i < fresh.size();) {
        if (at < rows_.size() && rows_.at(at).row == fresh.at(i).row) {
            rows_[at] = fresh.at(i);
            ++at;
            ++i;
            continue;
        }
        int end = i;
        while (end < fresh.size() && (at >= rows_.size() || fresh.at(end).row != rows_.at(at).row))
            ++end;
        beginInsertRows({}, at, at + end - i - 1);
        for (int k = i; k < end; ++k)
            rows_.insert(at + (k - i), fresh.at(k));
        endInsertRows();
        at += end - i;
        i = end;
    }
    if (!rows_.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(rows_.size()) - 1, ColumnCount - 1));
}

int MessageTableModel::rowOf(const QString &messageId) const
{
    for (int i = 0; i < rows_.size(); ++i) {
        if (rows_.at(i).messageId == messageId)
            return i;
    }
    return -1;
}

QVariant MessageTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MessageLog::Row &row = rows_.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case Qt::ToolTipRole:
        return index.column() == LastError || index.column() == Deliveries ? display(row, index.column())
                                                                           : QVariant();
    case Qt::ForegroundRole: {
        const QColor color = stateColor(row.summaryState());
        return index.column() == State && color.isValid() ? QVariant(color) : QVariant();
    }
    case MessageIdRole:
        return row.messageId;
    case StateRole:
        return row.summaryState();
    case ErasedRole:
        return row.erasedAtMs.has_value();
    default:
        return {};
    }
}

QVariant MessageTableModel::display(const MessageLog::Row &row, int column) const
{
    switch (column) {
    case Created:
        return QDateTime::fromMSecsSinceEpoch(row.createdAtMs)
            .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case Type:
        return row.erasedAtMs ? tr("%1 (erased)").arg(row.type) : row.type;
    case State:
        return stateLabel(row.summaryState());
    case Deliveries: {
        QStringList parts;
        for (const MessageLog::Delivery &delivery : row.deliveries)
            parts << QStringLiteral("%1: %2").arg(delivery.mapping, stateLabel(delivery.state));
        return parts.join(QStringLiteral("; "));
    }
    case Attempts:
        return row.attempts();
    case LastError:
        return row.lastError();
    case MessageId:
        return row.messageId;
    default:
        return {};
    }
}

QVariant MessageTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Created:
        return tr("Created");
    case Type:
        return tr("Type");
    case State:
        return tr("State");
    case Deliveries:
        return tr("Deliveries");
    case Attempts:
        return tr("Attempts");
    case LastError:
        return tr("Last error");
    case MessageId:
        return tr("Message ID");
    default:
        return {};
    }
}
