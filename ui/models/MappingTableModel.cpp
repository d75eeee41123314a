#include "models/MappingTableModel.h"

#include "MappingFormat.h"

#include <algorithm>

MappingTableModel::MappingTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void MappingTableModel::setMappings(const QList<Mapping> &mappings)
{
    const bool same = std::equal(mappings.begin(), mappings.end(), mappings_.begin(), mappings_.end(),
                                 &MappingFormat::sameMapping);
    if (same)
        return;
    beginResetModel();
    mappings_ = mappings;
    endResetModel();
}

int MappingTableModel::rowOf(const QString &name) const
{
    for (int row = 0; row < mappings_.size(); ++row) {
        if (mappings_.at(row).name == name)
            return row;
    }
    return -1;
}

QString MappingTableModel::nameAt(int row) const
{
    return row >= 0 && row < mappings_.size() ? mappings_.at(row).name : QString();
}

int MappingTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(mappings_.size());
}

int MappingTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MappingTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Mapping &mapping = mappings_.at(index.row());
    const bool flag = index.column() == RetriesColumn || index.column() == EnabledColumn;
    switch (role) {
    case Qt::DisplayRole:
        return display(mapping, index.column());
    case Qt::ToolTipRole:
        return toolTip(mapping, index.column());
    case Qt::CheckStateRole:
        if (!flag)
            return {};
        return (index.column() == RetriesColumn ? mapping.options.retriesAllowed : mapping.enabled)
                   ? Qt::Checked
                   : Qt::Unchecked;
    case Qt::TextAlignmentRole:
        if (index.column() == FiltersColumn || index.column() == IdentifiersColumn ||
            index.column() == TimeoutColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant MappingTableModel::display(const Mapping &mapping, int column) const
{
    switch (column) {
    case NameColumn:
        return mapping.name;
    case MessagesColumn:
        return MappingFormat::joinList(mapping.messages);
    case EndpointColumn:
        return mapping.endpoint;
    case PathColumn:
        return mapping.path;
    case FiltersColumn:
        return int(mapping.filters.size());
    case IdentifiersColumn:
        return int(mapping.identifiers.size());
    case TimeoutColumn:
        return tr("%1 s").arg(MappingFormat::numberText(mapping.options.timeoutSeconds));
    default:
        return {};
    }
}

QVariant MappingTableModel::toolTip(const Mapping &mapping, int column) const
{
    if (column == FiltersColumn && !mapping.filters.isEmpty()) {
        QStringList lines;
        for (const MessageFilter &filter : mapping.filters)
            lines << filter.describe();
        return lines.join(QLatin1Char('\n'));
    }
    if (column == IdentifiersColumn && !mapping.identifiers.isEmpty()) {
        QStringList lines;
        for (const auto &[name, path] : mapping.identifiers)
            lines << QStringLiteral("%1: %2").arg(name, path);
        return lines.join(QLatin1Char('\n'));
    }
    return {};
}

QVariant MappingTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case MessagesColumn:
        return tr("Message types");
    case EndpointColumn:
        return tr("Endpoint");
    case PathColumn:
        return tr("Service");
    case FiltersColumn:
        return tr("Filters");
    case IdentifiersColumn:
        return tr("Identifiers");
    case RetriesColumn:
        return tr("Retries");
    case TimeoutColumn:
        return tr("Timeout");
    case EnabledColumn:
        return tr("Enabled");
    default:
        return {};
    }
}
