#include "webhooks/SpreeEventMapping.h"

#include <QHash>
#include <QRegularExpression>

namespace {

const QHash<QString, QString> &table()
{
    static const QHash<QString, QString> rows{
        // Legacy webhooks, 4.4 - 5.2
        {QStringLiteral("order.placed"), QStringLiteral("order:new")},
        {QStringLiteral("order.update"), QStringLiteral("order:updated")},
        {QStringLiteral("order.resumed"), QStringLiteral("order:updated")},
        {QStringLiteral("shipment.shipped"), QStringLiteral("shipment:confirm")},
        {QStringLiteral("product.create"), QStringLiteral("product:new")},
        {QStringLiteral("product.update"), QStringLiteral("product:updated")},
        {QStringLiteral("product.drafted"), QStringLiteral("product:updated")},
        {QStringLiteral("product.discontinued"), QStringLiteral("product:updated")},
        {QStringLiteral("product.backorderable"), QStringLiteral("product:updated")},
        // The new webhooks, 5.3+
        {QStringLiteral("order.completed"), QStringLiteral("order:new")},
        {QStringLiteral("order.updated"), QStringLiteral("order:updated")},
        {QStringLiteral("order.approved"), QStringLiteral("order:updated")},
        {QStringLiteral("user.created"), QStringLiteral("user:new")},
        {QStringLiteral("user.updated"), QStringLiteral("user:updated")},
        {QStringLiteral("product.created"), QStringLiteral("product:new")},
        {QStringLiteral("product.updated"), QStringLiteral("product:updated")},
        // Both
        {QStringLiteral("order.paid"), QStringLiteral("order:updated")},
        {QStringLiteral("order.shipped"), QStringLiteral("order:updated")},
        {QStringLiteral("order.canceled"), QStringLiteral("order:canceled")},
        {QStringLiteral("product.activated"), QStringLiteral("product:updated")},
        {QStringLiteral("product.archived"), QStringLiteral("product:updated")},
        {QStringLiteral("product.out_of_stock"), QStringLiteral("product:updated")},
        {QStringLiteral("product.back_in_stock"), QStringLiteral("product:updated")},
    };
    return rows;
}

} // namespace

QString SpreeEventMapping::messageType(const QString &eventName)
{
    if (const auto row = table().constFind(eventName); row != table().cend())
        return *row;
    return keptType(eventName);
}

QString SpreeEventMapping::keptType(const QString &eventName)
{
    static const QRegularExpression notTypeCharacters(QStringLiteral("[^a-z0-9_]+"));
    QString name = eventName.toLower().left(150);
    name.replace(notTypeCharacters, QStringLiteral("_"));
    return QStringLiteral("spree:%1").arg(name.isEmpty() ? QStringLiteral("unnamed") : name);
}

QString SpreeEventMapping::hubKey(const QString &eventName)
{
    if (!table().contains(eventName))
        return {};
    return messageType(eventName).section(u':', 0, 0);
}
