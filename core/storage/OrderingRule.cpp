#include "storage/OrderingRule.h"

#include <QStringList>

#include <algorithm>

OrderingRule::OrderingRule(const QList<Mapping> &mappings)
{
    for (const Mapping &mapping : mappings) {
        if (!mapping.options.orderingKey.isEmpty() && mapping.options.onPark == MappingOptions::OnPark::Skip)
            skipMappings_.append(mapping.id);
    }
    std::sort(skipMappings_.begin(), skipMappings_.end()); // comparable, so a reload that changed nothing
}

QString OrderingRule::holdsBack(const QString &blocker, const QString &waiter) const
{
    QString parkedHolds = QStringLiteral("%1.state = 'parked'").arg(blocker);
    if (!skipMappings_.isEmpty()) {
        QStringList ids;
        for (qint64 id : skipMappings_)
            ids << QString::number(id);
        parkedHolds +=
            QStringLiteral(" AND %1.mapping_id NOT IN (%2)").arg(blocker, ids.join(QLatin1Char(',')));
    }
    // The first three terms follow the index deliveries_ordering (mapping_id, ordering_key, message_row).
    return QStringLiteral(
               "%1.mapping_id = %2.mapping_id AND %1.ordering_key = %2.ordering_key AND %1.id <> %2.id"
               " AND (%1.state = 'sending' OR (%1.message_row < %2.message_row AND"
               " (%1.state IN ('pending', 'waiting', 'retrying') OR (%3))))")
        .arg(blocker, waiter, parkedHolds);
}

QString OrderingRule::mayGo(const QString &alias) const
{
    return QStringLiteral("(%1.ordering_key IS NULL OR NOT EXISTS (SELECT 1 FROM deliveries hb WHERE %2))")
        .arg(alias, holdsBack(QStringLiteral("hb"), alias));
}
