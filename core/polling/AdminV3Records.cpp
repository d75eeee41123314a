#include "polling/AdminV3Records.h"

namespace {

QJsonValue field(const QJsonObject &object, const char *name)
{
    const QJsonValue value = object.value(QLatin1String(name));
    return value.isUndefined() ? QJsonValue() : value;
}

QJsonObject address(const QJsonValue &value)
{
    if (!value.isObject())
        return {};
    const QJsonObject a = value.toObject();
    return {{QStringLiteral("id"), field(a, "id")},
            {QStringLiteral("firstname"), field(a, "first_name")},
            {QStringLiteral("lastname"), field(a, "last_name")},
            {QStringLiteral("address1"), field(a, "address1")},
            {QStringLiteral("address2"), field(a, "address2")},
            {QStringLiteral("zipcode"), field(a, "postal_code")},
            {QStringLiteral("city"), field(a, "city")},
            {QStringLiteral("phone"), field(a, "phone")},
            {QStringLiteral("state_name"), field(a, "state_name")},
            {QStringLiteral("state"),
             a.value(QStringLiteral("state_abbr")).isString()
                 ? QJsonValue(QJsonObject{{QStringLiteral("abbr"), field(a, "state_abbr")}})
                 : QJsonValue()},
            {QStringLiteral("country"), QJsonObject{{QStringLiteral("iso"), field(a, "country_iso")}}}};
}

// Spree 5.5 calls a cart a draft; API v1 called it by its checkout step.
QString state(const QJsonObject &order)
{
    const QString status = order.value(QStringLiteral("status")).toString();
    return status == QLatin1String("draft") ? QStringLiteral("cart") : status;
}

QJsonObject shipment(const QJsonObject &fulfillment, const QJsonObject &order,
                     const QHash<QString, QString> &skus)
{
    QJsonArray manifest;
    for (const QJsonValue &item : fulfillment.value(QStringLiteral("items")).toArray()) {
        const QString variantId = item[QStringLiteral("variant_id")].toString();
        manifest.append(QJsonObject{{QStringLiteral("variant_id"), variantId},
                                    {QStringLiteral("sku"), skus.value(variantId)},
                                    {QStringLiteral("quantity"), item[QStringLiteral("quantity")]}});
    }
    const QJsonObject method = fulfillment.value(QStringLiteral("delivery_method")).toObject();
    return {{QStringLiteral("id"), field(fulfillment, "id")},
            {QStringLiteral("number"), field(fulfillment, "number")},
            {QStringLiteral("order_id"), field(order, "number")},
            {QStringLiteral("email"), field(order, "email")},
            {QStringLiteral("cost"), field(fulfillment, "cost")},
            {QStringLiteral("state"), field(fulfillment, "status")},
            {QStringLiteral("tracking"), field(fulfillment, "tracking")},
            {QStringLiteral("shipped_at"), field(fulfillment, "fulfilled_at")},
            {QStringLiteral("updated_at"), field(fulfillment, "updated_at")},
            {QStringLiteral("stock_location_name"),
             field(fulfillment.value(QStringLiteral("stock_location")).toObject(), "name")},
            {QStringLiteral("shipping_methods"),
             method.isEmpty() ? QJsonArray()
                              : QJsonArray{QJsonObject{{QStringLiteral("name"), field(method, "name")}}}},
            {QStringLiteral("ship_address"), address(order.value(QStringLiteral("shipping_address")))},
            {QStringLiteral("manifest"), manifest}};
}

QHash<QString, QString> variantSkus(const QJsonObject &order)
{
    QHash<QString, QString> skus;
    for (const QJsonValue &item : order.value(QStringLiteral("items")).toArray())
        skus.insert(item[QStringLiteral("variant_id")].toString(),
                    item[QStringLiteral("variant")][QStringLiteral("sku")].toString());
    return skus;
}

QJsonArray adjustments(const QJsonObject &order)
{
    QJsonArray list;
    const auto add = [&](const char *label, const char *total) {
        const QJsonValue amount = order.value(QLatin1String(total));
        if (amount.toString().toDouble() != 0 || amount.toDouble() != 0)
            list.append(QJsonObject{{QStringLiteral("label"), QLatin1String(label)},
                                    {QStringLiteral("amount"), amount}});
    };
    add("Tax", "tax_total");
    add("Discount", "discount_total");
    return list;
}

} // namespace

QJsonArray AdminV3Records::shipments(const QJsonObject &order)
{
    const QHash<QString, QString> skus = variantSkus(order);
    QJsonArray list;
    for (const QJsonValue &fulfillment : order.value(QStringLiteral("fulfillments")).toArray())
        list.append(shipment(fulfillment.toObject(), order, skus));
    return list;
}

QJsonObject AdminV3Records::order(const QJsonObject &order)
{
    QJsonArray lineItems, payments;
    for (const QJsonValue &value : order.value(QStringLiteral("items")).toArray()) {
        const QJsonObject item = value.toObject();
        lineItems.append(
            QJsonObject{{QStringLiteral("id"), field(item, "id")},
                        {QStringLiteral("quantity"), field(item, "quantity")},
                        {QStringLiteral("price"), field(item, "price")},
                        {QStringLiteral("variant_id"), field(item, "variant_id")},
                        {QStringLiteral("variant"),
                         QJsonObject{{QStringLiteral("name"), field(item, "name")},
                                     {QStringLiteral("sku"),
                                      field(item.value(QStringLiteral("variant")).toObject(), "sku")}}}});
    }
    for (const QJsonValue &value : order.value(QStringLiteral("payments")).toArray()) {
        const QJsonObject payment = value.toObject();
        payments.append(QJsonObject{
            {QStringLiteral("id"), field(payment, "id")},
            {QStringLiteral("state"), field(payment, "status")},
            {QStringLiteral("amount"), field(payment, "amount")},
            {QStringLiteral("payment_method"),
             QJsonObject{{QStringLiteral("name"),
                          field(payment.value(QStringLiteral("payment_method")).toObject(), "name")}}}});
    }
    const QJsonValue channel = order.value(QStringLiteral("channel"));
    return {
        {QStringLiteral("id"), field(order, "id")},
        {QStringLiteral("number"), field(order, "number")},
        {QStringLiteral("email"), field(order, "email")},
        {QStringLiteral("state"), state(order)},
        {QStringLiteral("channel"), channel.isObject() ? field(channel.toObject(), "name") : QJsonValue()},
        {QStringLiteral("currency"), field(order, "currency")},
        {QStringLiteral("completed_at"), field(order, "completed_at")},
        {QStringLiteral("updated_at"), field(order, "updated_at")},
        {QStringLiteral("item_total"), field(order, "item_total")},
        {QStringLiteral("adjustment_total"), field(order, "adjustment_total")},
        {QStringLiteral("ship_total"), field(order, "delivery_total")},
        {QStringLiteral("payment_total"), field(order, "payment_total")},
        {QStringLiteral("total"), field(order, "total")},
        {QStringLiteral("line_items"), lineItems},
        {QStringLiteral("adjustments"), adjustments(order)},
        {QStringLiteral("payments"), payments},
        {QStringLiteral("shipments"), shipments(order)},
        {QStringLiteral("bill_address"), address(order.value(QStringLiteral("billing_address")))},
        {QStringLiteral("ship_address"), address(order.value(QStringLiteral("shipping_address")))}};
}

QJsonObject AdminV3Records::customer(const QJsonObject &customer)
{
    QJsonObject user = customer;
    user.insert(QStringLiteral("bill_address"),
                address(customer.value(QStringLiteral("default_billing_address"))));
    user.insert(QStringLiteral("ship_address"),
                address(customer.value(QStringLiteral("default_shipping_address"))));
    return user;
}
