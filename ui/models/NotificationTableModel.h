#pragma once

#include "storage/NotificationLog.h"

#include <QAbstractTableModel>
#include <QList>

// The notification log as a table, one row per entry in the order given (newest first).
class NotificationTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        LevelColumn,
        SubjectColumn,
        DescriptionColumn,
        SourceColumn,
        ReferenceColumn,
        OccurrencesColumn,
        FirstSeenColumn,
        LastSeenColumn,
        ColumnCount
    };

    explicit NotificationTableModel(QObject *parent = nullptr);

    // Replaces the rows; leaves the model untouched when nothing changed, so a periodic refresh does
    // not disturb the view's selection or scrolling.
    void setNotifications(const QList<Notification> &notifications);
    const Notification &notification(int row) const { return notifications_.at(row); }
    // The row of the entry with the same identity (level, subject, description, source, reference), or -1.
    int rowOf(const Notification &notification) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const Notification &notification, int column) const;

    QList<Notification> notifications_;
};
