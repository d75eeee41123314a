#pragma once

#include "model/Mapping.h"

#include <QAbstractTableModel>
#include <QList>

// The mappings as a table, one row each, in the order the repository loads them (by name). Read-only:
// edits go through the inspector and the undo stack.
class MappingTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        MessagesColumn,
        EndpointColumn,
        PathColumn,
        FiltersColumn,
        IdentifiersColumn,
        RetriesColumn,
        TimeoutColumn,
        EnabledColumn,
        ColumnCount
    };

    explicit MappingTableModel(QObject *parent = nullptr);

    // Resets the model only when something differs, so a periodic refresh keeps the view as it is.
    void setMappings(const QList<Mapping> &mappings);
    const QList<Mapping> &mappings() const { return mappings_; }
    int rowOf(const QString &name) const; // -1 when absent
    QString nameAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const Mapping &mapping, int column) const;
    QVariant toolTip(const Mapping &mapping, int column) const;

    QList<Mapping> mappings_;
};
