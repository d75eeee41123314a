#include "polling/PlatformV2Records.h"

#include <QJsonArray>
#include <QMap>

namespace {

QJsonObject address(const JsonApiDocument &document, const QJsonObject &resource)
{
    if (resource.isEmpty())
        return {};
    QJsonObject flat = JsonApiDocument::flat(resource);
    flat.insert(QStringLiteral("id"), PlatformV2Records::numericId(flat.value(QStringLiteral("id"))));
    const QJsonObject state = JsonApiDocument::flat(document.one(resource, QStringLiteral("state")));
    const QJsonObject country = JsonApiDocument::flat(document.one(resource, QStringLiteral("country")));
    flat.insert(QStringLiteral("state"),
                state.contains(QStringLiteral("abbr"))
                    ? QJsonValue(QJsonObject{{QStringLiteral("abbr"), state.value(QStringLiteral("abbr"))}})
                    : QJsonValue());
    flat.insert(QStringLiteral("country"),
                QJsonObject{{QStringLiteral("iso"), country.value(QStringLiteral("iso"))}});
    return flat;
}

// Inventory units, one per variant and state in Spree, summed per variant as API v1's manifest lists them.
QJsonArray manifest(const JsonApiDocument &document, const QJsonObject &shipment)
{
    QMap<QString, QJsonObject> byVariant;
    QStringList order;
    for (const QJsonObject &unit : document.many(shipment, QStringLiteral("inventory_units"))) {
        const QJsonObject variant = document.one(unit, QStringLiteral("variant"));
        const QString variantId = variant.value(QStringLiteral("id")).toString();
        const int quantity = JsonApiDocument::flat(unit).value(QStringLiteral("quantity")).toInt(1);
        if (!byVariant.contains(variantId)) {
            order.append(variantId);
            byVariant.insert(
                variantId,
                {{QStringLiteral("variant_id"), PlatformV2Records::numericId(variantId)},
                 {QStringLiteral("sku"), JsonApiDocument::flat(variant).value(QStringLiteral("sku"))},
                 {QStringLiteral("quantity"), 0}});
        }
        QJsonObject &entry = byVariant[variantId];
        entry.insert(QStringLiteral("quantity"), entry.value(QStringLiteral("quantity")).toInt() + quantity);
    }
    QJsonArray items;
    for (const QString &variantId : std::as_const(order))
        items.append(byVariant.value(variantId));
    return items;
}

} // namespace

QJsonValue PlatformV2Records::numericId(const QJsonValue &id)
{
    bool numeric = false;
    const qint64 value = id.toString().toLongLong(&numeric);
    return numeric ? QJsonValue(value) : id;
}

QJsonObject PlatformV2Records::shipment(const JsonApiDocument &document, const QJsonObject &resource,
                                        const QJsonObject &order)
{
    QJsonObject flat = JsonApiDocument::flat(resource);
    flat.insert(QStringLiteral("id"), numericId(flat.value(QStringLiteral("id"))));
    const QJsonObject ofOrder = order.isEmpty() ? document.one(resource, QStringLiteral("order")) : order;
    const QJsonObject orderFields = JsonApiDocument::flat(ofOrder);
    flat.insert(QStringLiteral("order_id"), orderFields.value(QStringLiteral("number")));
    flat.insert(QStringLiteral("email"), orderFields.value(QStringLiteral("email")));
    flat.insert(QStringLiteral("stock_location_name"),
                JsonApiDocument::flat(document.one(resource, QStringLiteral("stock_location")))
                    .value(QStringLiteral("name")));
    const QJsonObject rate =
        JsonApiDocument::flat(document.one(resource, QStringLiteral("selected_shipping_rate")));
    flat.insert(QStringLiteral("shipping_methods"),
                rate.isEmpty()
                    ? QJsonArray()
                    : QJsonArray{QJsonObject{{QStringLiteral("name"), rate.value(QStringLiteral("name"))}}});
    QJsonObject shipTo = document.one(resource, QStringLiteral("address"));
    if (shipTo.isEmpty() && !ofOrder.isEmpty())
        shipTo = document.one(ofOrder, QStringLiteral("ship_address"));
    flat.insert(QStringLiteral("ship_address"), address(document, shipTo));
    flat.insert(QStringLiteral("manifest"), manifest(document, resource));
    return flat;
}

QJsonObject PlatformV2Records::order(const JsonApiDocument &document, const QJsonObject &resource)
{
    QJsonObject flat = JsonApiDocument::flat(resource);
    flat.insert(QStringLiteral("id"), numericId(flat.value(QStringLiteral("id"))));
    flat.insert(QStringLiteral("ship_total"), flat.value(QStringLiteral("shipment_total")));
    QJsonArray lineItems, adjustments, payments, shipments;
    for (const QJsonObject &item : document.many(resource, QStringLiteral("line_items"))) {
        QJsonObject line = JsonApiDocument::flat(item);
        const QJsonObject variant = document.one(item, QStringLiteral("variant"));
        line.insert(QStringLiteral("variant_id"), numericId(variant.value(QStringLiteral("id"))));
        line.insert(QStringLiteral("variant"),
                    QJsonObject{{QStringLiteral("name"), line.value(QStringLiteral("name"))},
                                {QStringLiteral("sku"),
                                 JsonApiDocument::flat(variant).value(QStringLiteral("sku"))}});
        lineItems.append(line);
    }
    for (const QJsonObject &adjustment : document.many(resource, QStringLiteral("all_adjustments")))
        adjustments.append(JsonApiDocument::flat(adjustment));
    for (const QJsonObject &payment : document.many(resource, QStringLiteral("payments"))) {
        QJsonObject flatPayment = JsonApiDocument::flat(payment);
        flatPayment.insert(QStringLiteral("id"), numericId(flatPayment.value(QStringLiteral("id"))));
        flatPayment.insert(QStringLiteral("payment_method"),
                           JsonApiDocument::flat(document.one(payment, QStringLiteral("payment_method"))));
        payments.append(flatPayment);
    }
    for (const QJsonObject &shipmentResource : document.many(resource, QStringLiteral("shipments")))
        shipments.append(shipment(document, shipmentResource, resource));
    flat.insert(QStringLiteral("line_items"), lineItems);
    flat.insert(QStringLiteral("adjustments"), adjustments);
    flat.insert(QStringLiteral("payments"), payments);
    flat.insert(QStringLiteral("shipments"), shipments);
    flat.insert(QStringLiteral("bill_address"),
                address(document, document.one(resource, QStringLiteral("bill_address"))));
    flat.insert(QStringLiteral("ship_address"),
                address(document, document.one(resource, QStringLiteral("ship_address"))));
    return flat;
}

QJsonObject PlatformV2Records::user(const JsonApiDocument &document, const QJsonObject &resource)
{
    QJsonObject flat = JsonApiDocument::flat(resource);
    flat.insert(QStringLiteral("id"), numericId(flat.value(QStringLiteral("id"))));
    flat.insert(QStringLiteral("bill_address"),
                address(document, document.one(resource, QStringLiteral("bill_address"))));
    flat.insert(QStringLiteral("ship_address"),
                address(document, document.one(resource, QStringLiteral("ship_address"))));
    return flat;
}

QJsonObject PlatformV2Records::product(const QJsonObject &resource)
{
    QJsonObject flat = JsonApiDocument::flat(resource);
    flat.insert(QStringLiteral("id"), numericId(flat.value(QStringLiteral("id"))));
    return flat;
}
