#include "widgets/StoreHealthPanel.h"

#include <QDateTime>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

QTableWidget *table(const QString &objectName, const QStringList &headers)
{
    auto *widget = new QTableWidget(0, int(headers.size()));
    widget->setObjectName(objectName);
    widget->setHorizontalHeaderLabels(headers);
    widget->setEditTriggers(QAbstractItemView::NoEditTriggers);
    widget->setSelectionBehavior(QAbstractItemView::SelectRows);
    widget->verticalHeader()->hide();
    widget->horizontalHeader()->setStretchLastSection(true);
    return widget;
}

void setRow(QTableWidget *table, int row, const QStringList &cells)
{
    for (int column = 0; column < cells.size(); ++column) {
        auto *item = new QTableWidgetItem(cells.at(column));
        item->setToolTip(cells.at(column));
        table->setItem(row, column, item);
    }
}

} // namespace

StoreHealthPanel::StoreHealthPanel(QWidget *parent)
    : QWidget(parent)
    , summary_(new QLabel)
    , heartbeats_(table(QStringLiteral("storeHeartbeats"), {tr("State"), tr("At"), tr("Reason")}))
    , collections_(
          table(QStringLiteral("storeCollections"),
                {tr("Collection"), tr("Interval"), tr("Last poll"), tr("Last success"), tr("Last error")}))
{
    summary_->setObjectName(QStringLiteral("storeHealth"));
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(summary_);
    layout->addWidget(new QLabel(tr("Collections:")));
    layout->addWidget(collections_, 1);
    layout->addWidget(new QLabel(tr("Heartbeat history:")));
    layout->addWidget(heartbeats_, 1);
}

QString StoreHealthPanel::localTime(const QJsonValue &iso)
{
    if (!iso.isString())
        return {};
    return QDateTime::fromString(iso.toString(), Qt::ISODateWithMs)
        .toLocalTime()
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString StoreHealthPanel::localTime(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

void StoreHealthPanel::showHealth(const QJsonObject &store, const QList<HeartbeatChange> &history)
{
    showSummary(store);
    showHistory(history);
    showCollections(store.value(QStringLiteral("collections")).toArray());
}

void StoreHealthPanel::showSummary(const QJsonObject &store)
{
    if (store.isEmpty()) {
        summary_->clear();
        return;
    }
    QStringList lines{tr("Heartbeat: %1").arg(store.value(QStringLiteral("heartbeat")).toString())};
    if (const QString success = localTime(store.value(QStringLiteral("last_success_at"))); !success.isEmpty())
        lines << tr("last successful poll %1").arg(success);
    if (const int failures = store.value(QStringLiteral("consecutive_failures")).toInt(); failures > 0)
        lines << tr("%n failed poll(s) in a row", nullptr, failures);
    if (const QString error = store.value(QStringLiteral("last_error")).toString(); !error.isEmpty())
        lines
            << tr("last error (%1): %2").arg(localTime(store.value(QStringLiteral("last_error_at"))), error);
    summary_->setText(lines.join(QStringLiteral("; ")));
}

void StoreHealthPanel::showHistory(const QList<HeartbeatChange> &history)
{
    heartbeats_->setRowCount(int(history.size()));
    for (int row = 0; row < history.size(); ++row) {
        const HeartbeatChange &change = history.at(row);
        setRow(heartbeats_, row, {change.state, localTime(change.atMs), change.reason});
    }
}

void StoreHealthPanel::showCollections(const QJsonArray &collections)
{
    collections_->setRowCount(int(collections.size()));
    for (int row = 0; row < collections.size(); ++row) {
        const QJsonObject collection = collections.at(row).toObject();
        setRow(collections_, row,
               {collection.value(QStringLiteral("collection")).toString(),
                tr("%1 s").arg(collection.value(QStringLiteral("interval")).toInt()),
                localTime(collection.value(QStringLiteral("last_poll_at"))),
                localTime(collection.value(QStringLiteral("last_success_at"))),
                collection.value(QStringLiteral("last_error")).toString()});
    }
}

void StoreHealthPanel::saveState(QSettings &settings) const
{
    settings.setValue(QStringLiteral("heartbeatColumns"), heartbeats_->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("collectionColumns"), collections_->horizontalHeader()->saveState());
}

void StoreHealthPanel::restoreState(const QSettings &settings)
{
    heartbeats_->horizontalHeader()->restoreState(
        settings.value(QStringLiteral("heartbeatColumns")).toByteArray());
    collections_->horizontalHeader()->restoreState(
        settings.value(QStringLiteral("collectionColumns")).toByteArray());
}
