#include "models/NotificationTableModel.h"

#include <QDateTime>
#include <QIcon>

#include <algorithm>

namespace {

bool sameEntry(const Notification &a, const Notification &b)
{
    return a.level == b.level && a.subject == b.subject && a.description == b.description &&
           a.source == b.source && a.reference == b.reference;
}

bool sameRow(const Notification &a, const Notification &b)
{
    return sameEntry(a, b) && a.occurrences == b.occurrences && a.firstAtMs == b.firstAtMs &&
           a.lastAtMs == b.lastAtMs;
}

QString localTime(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QIcon levelIcon(const QString &level)
{
    if (level == QLatin1String("error"))
        return QIcon::fromTheme(QStringLiteral("dialog-error"));
    if (level == QLatin1String("warn"))
        return QIcon::fromTheme(QStringLiteral("dialog-warning"));
    return QIcon::fromTheme(QStringLiteral("dialog-information"));
}

} // namespace

NotificationTableModel::NotificationTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void NotificationTableModel::setNotifications(const QList<Notification> &notifications)
{
    const bool unchanged =
        notifications.size() == notifications_.size() &&
        std::equal(notifications.cbegin(), notifications.cend(), notifications_.cbegin(), sameRow);
    if (unchanged)
        return;
    beginResetModel();
    notifications_ = notifications;
    endResetModel();
}

int NotificationTableModel::rowOf(const Notification &notification) const
{
    for (int row = 0; row < notifications_.size(); ++row) {
        if (sameEntry(notifications_.at(row), notification))
            return row;
    }
    return -1;
}

int NotificationTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(notifications_.size());
}

int NotificationTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NotificationTableModel::display(const Notification &notification, int column) const
{
    switch (column) {
    case LevelColumn:
        return notification.level;
    case SubjectColumn:
        return notification.subject;
    case DescriptionColumn:
        return notification.description.simplified(); // one line in the table; the tooltip has it all
    case SourceColumn:
        return notification.source;
    case ReferenceColumn:
        return notification.reference;
    case OccurrencesColumn:
        return notification.occurrences;
    case FirstSeenColumn:
        return localTime(notification.firstAtMs);
    case LastSeenColumn:
        return localTime(notification.lastAtMs);
    default:
        return {};
    }
}

QVariant NotificationTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Notification &notification = notifications_.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(notification, index.column());
    case Qt::ToolTipRole:
        return index.column() == DescriptionColumn ? notification.description
                                                   : display(notification, index.column());
    case Qt::DecorationRole:
        return index.column() == LevelColumn ? QVariant(levelIcon(notification.level)) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == OccurrencesColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                                                   : QVariant();
    default:
        return {};
    }
}

QVariant NotificationTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case LevelColumn:
        return tr("Level");
    case SubjectColumn:
        return tr("Subject");
    case DescriptionColumn:
        return tr("Description");
    case SourceColumn:
        return tr("Source");
    case ReferenceColumn:
        return tr("Reference");
    case OccurrencesColumn:
        return tr("Occurrences");
    case FirstSeenColumn:
        return tr("First seen");
    case LastSeenColumn:
        return tr("Last seen");
    default:
        return {};
    }
}
