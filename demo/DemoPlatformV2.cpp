#include "DemoPlatformV2.h"

#include <QJsonArray>

namespace {

QString key(const char *name)
{
    return QString::fromLatin1(name);
}

QJsonObject resource(const QString &type, const QJsonValue &id, QJsonObject attributes,
                     const QJsonObject &relationships = {})
{
    attributes.remove(key("id"));
    QJsonObject object{{key("id"), id.isString() ? id.toString() : QString::number(id.toInteger())},
                       {key("type"), type},
                       {key("attributes"), attributes}};
    if (!relationships.isEmpty())
        object.insert(key("relationships"), relationships);
    return object;
}

QJsonObject data(const QJsonValue &value)
{
    return {{key("data"), value}};
}

QString child(const QString &path, const char *name)
{
    return path.isEmpty() ? key(name) : path + QLatin1Char('.') + key(name);
}

} // namespace

DemoPlatformV2::DemoPlatformV2(const DemoStore &store, const QString &include)
    : store_(store)
{
    for (const QString &path : include.split(QLatin1Char(','), Qt::SkipEmptyParts))
        include_.insert(path.trimmed());
}

QJsonObject DemoPlatformV2::refer(const QString &path, const QJsonObject &resource) const
{
    QJsonObject identifier{{key("id"), resource.value(key("id"))},
                           {key("type"), resource.value(key("type"))}};
    const QString identity =
        resource.value(key("type")).toString() + QLatin1Char('/') + resource.value(key("id")).toString();
    if (include_.contains(path) && !seen_.contains(identity)) {
        seen_.insert(identity);
        included_.append(resource);
    }
    return identifier;
}

QJsonValue DemoPlatformV2::address(const QJsonValue &value, const QString &path) const
{
    if (!value.isObject())
        return QJsonValue();
    QJsonObject attributes = value.toObject();
    const QJsonObject country = attributes.take(key("country")).toObject();
    const QJsonObject state = attributes.take(key("state")).toObject();
    const QJsonObject countryResource = resource(key("country"), QStringLiteral("1"), country);
    const QJsonObject stateResource = resource(key("state"), state.value(key("abbr")).toString(), state);
    const QJsonObject relationships{
        {key("country"), data(refer(child(path, "country"), countryResource))},
        {key("state"),
         data(state.isEmpty() ? QJsonValue() : QJsonValue(refer(child(path, "state"), stateResource)))}};
    return refer(path, resource(key("address"), attributes.value(key("id")), attributes, relationships));
}

QJsonObject DemoPlatformV2::variant(const QJsonObject &variant, const QString &path) const
{
    QJsonObject attributes = variant;
    attributes.remove(key("name")); // a variant's name is its product's; the line item carries it
    return refer(path, resource(key("variant"), variant.value(key("id")), attributes));
}

QJsonObject DemoPlatformV2::shipment(const QJsonObject &shipment, int orderId, const QJsonObject &shipTo,
                                     const QString &path) const
{
    QJsonObject attributes = shipment;
    const QJsonArray methods = attributes.take(key("shipping_methods")).toArray();
    const QJsonArray manifest = attributes.take(key("manifest")).toArray();
    for (const char *field : {"order_id", "stock_location_name", "email"})
        attributes.remove(key(field));
    const int id = shipment.value(key("id")).toInt();
    QJsonArray units;
    for (qsizetype i = 0; i < manifest.size(); ++i) {
        const QJsonObject unit = manifest.at(i).toObject();
        const QJsonObject variantRef =
            variant({{key("id"), unit.value(key("variant_id"))}, {key("sku"), unit.value(key("sku"))}},
                    child(path, "inventory_units.variant"));
        units.append(refer(child(path, "inventory_units"),
                           resource(key("inventory_unit"), QString::number(id * 100 + i),
                                    {{key("quantity"), unit.value(key("quantity"))},
                                     {key("state"), QStringLiteral("on_hand")}},
                                    {{key("variant"), data(variantRef)}})));
    }
    const QJsonObject rate =
        resource(key("shipping_rate"), id,
                 {{key("name"), methods.isEmpty() ? QJsonValue() : methods.first()[key("name")]},
                  {key("selected"), true}});
    const QJsonObject location =
        resource(key("stock_location"), 1, {{key("name"), shipment.value(key("stock_location_name"))}});
    const QJsonObject relationships{
        {key("order"), data(QJsonObject{{key("id"), QString::number(orderId)}, {key("type"), key("order")}})},
        {key("address"), data(address(shipTo, child(path, "address")))},
        {key("stock_location"), data(refer(child(path, "stock_location"), location))},
        {key("selected_shipping_rate"), data(refer(child(path, "selected_shipping_rate"), rate))},
        {key("inventory_units"), data(units)}};
    return resource(key("shipment"), id, attributes, relationships);
}

QJsonObject DemoPlatformV2::order(const QJsonObject &order, const QString &path) const
{
    QJsonObject attributes = order;
    attributes.insert(key("shipment_total"), attributes.take(key("ship_total")));
    const QJsonArray lineItems = attributes.take(key("line_items")).toArray();
    const QJsonArray payments = attributes.take(key("payments")).toArray();
    const QJsonArray shipments = attributes.take(key("shipments")).toArray();
    const QJsonArray adjustments = attributes.take(key("adjustments")).toArray();
    const QJsonValue billTo = attributes.take(key("bill_address"));
    const QJsonValue shipTo = attributes.take(key("ship_address"));
    const int userId = attributes.take(key("user_id")).toInt();
    const int id = order.value(key("id")).toInt();
    QJsonArray items, charges, paid, shipped;
    for (const QJsonValue &value : lineItems) {
        QJsonObject item = value.toObject();
        const QJsonObject ofVariant = item.take(key("variant")).toObject();
        item.remove(key("variant_id"));
        item.insert(key("name"), ofVariant.value(key("name")));
        const QJsonObject variantRef = variant(ofVariant, child(path, "line_items.variant"));
        items.append(refer(child(path, "line_items"), resource(key("line_item"), item.value(key("id")), item,
                                                               {{key("variant"), data(variantRef)}})));
    }
    for (qsizetype i = 0; i < adjustments.size(); ++i)
        charges.append(
            refer(child(path, "all_adjustments"),
                  resource(key("adjustment"), QString::number(id * 100 + i), adjustments.at(i).toObject())));
    for (const QJsonValue &value : payments) {
        QJsonObject payment = value.toObject();
        const QJsonObject method = payment.take(key("payment_method")).toObject();
        payment.insert(key("number"),
                       QStringLiteral("P%1").arg(payment.value(key("id")).toInt(), 7, 10, QLatin1Char('0')));
        const QJsonObject methodRef = refer(child(path, "payments.payment_method"),
                                            resource(key("payment_method"), method.value(key("id")), method));
        paid.append(refer(child(path, "payments"), resource(key("payment"), payment.value(key("id")), payment,
                                                            {{key("payment_method"), data(methodRef)}})));
    }
    for (const QJsonValue &value : shipments) {
        QJsonObject withTime = value.toObject();
        withTime.insert(key("updated_at"),
                        store_.indexItem(DemoStore::Collection::Shipments, withTime.value(key("id")).toInt())
                            .value(key("updated_at")));
        shipped.append(refer(child(path, "shipments"),
                             shipment(withTime, id, shipTo.toObject(), child(path, "shipments"))));
    }
    const QJsonObject relationships{
        {key("user"), data(userId ? QJsonValue(QJsonObject{{key("id"), QString::number(userId)},
                                                           {key("type"), key("user")}})
                                  : QJsonValue())},
        {key("bill_address"), data(address(billTo, child(path, "bill_address")))},
        {key("ship_address"), data(address(shipTo, child(path, "ship_address")))},
        {key("line_items"), data(items)},
        {key("payments"), data(paid)},
        {key("shipments"), data(shipped)},
        {key("all_adjustments"), data(charges)}};
    return resource(key("order"), id, attributes, relationships);
}

QJsonObject DemoPlatformV2::user(const QJsonObject &user, const QString &path) const
{
    QJsonObject attributes = user;
    const QJsonValue billTo = attributes.take(key("bill_address"));
    const QJsonValue shipTo = attributes.take(key("ship_address"));
    return resource(key("user"), user.value(key("id")), attributes,
                    {{key("bill_address"), data(address(billTo, child(path, "bill_address")))},
                     {key("ship_address"), data(address(shipTo, child(path, "ship_address")))}});
}

QJsonObject DemoPlatformV2::product(const QJsonObject &product)
{
    return resource(key("product"), product.value(key("id")), product);
}

QJsonObject DemoPlatformV2::page(DemoStore::Collection collection, const DemoIndexQuery::Page &page,
                                 const QString &path) const
{
    included_ = {};
    seen_.clear();
    QJsonArray list;
    for (const int id : page.ids) {
        switch (collection) {
        case DemoStore::Collection::Orders: {
            const QJsonObject summary = store_.indexItem(collection, id);
            list.append(order(store_.order(summary.value(key("number")).toString()), QString()));
            break;
        }
        case DemoStore::Collection::Shipments: {
            const QJsonObject item = store_.indexItem(collection, id);
            const QJsonObject ofOrder = store_.order(item.value(key("order_id")).toString());
            const QJsonObject orderResource = order(ofOrder, QStringLiteral("order.unused"));
            refer(key("order"), orderResource);
            list.append(shipment(item, ofOrder.value(key("id")).toInt(),
                                 ofOrder.value(key("ship_address")).toObject(), QString()));
            break;
        }
        case DemoStore::Collection::Users:
            list.append(user(store_.indexItem(collection, id), QString()));
            break;
        case DemoStore::Collection::Products:
            list.append(product(store_.indexItem(collection, id)));
            break;
        }
    }
    const QString base = QStringLiteral("http://127.0.0.1%1?page=%2");
    return {{key("data"), list},
            {key("included"), included_},
            {key("meta"), QJsonObject{{key("count"), int(list.size())},
                                      {key("total_count"), page.totalCount},
                                      {key("total_pages"), page.pages}}},
            {key("links"),
             QJsonObject{{key("self"), base.arg(path).arg(page.currentPage)},
                         {key("next"), base.arg(path).arg(qMin(page.currentPage + 1, qMax(1, page.pages)))},
                         {key("prev"), base.arg(path).arg(qMax(1, page.currentPage - 1))},
                         {key("last"), base.arg(path).arg(qMax(1, page.pages))},
                         {key("first"), base.arg(path).arg(1)}}}};
}
