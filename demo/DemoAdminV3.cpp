#include "DemoAdminV3.h"

#include <QJsonArray>

namespace {

QString key(const char *name)
{
    return QString::fromLatin1(name);
}

QString cartToDraft(const QString &state)
{
    static const QStringList checkout = {QStringLiteral("cart"), QStringLiteral("address"),
                                         QStringLiteral("delivery"), QStringLiteral("payment"),
                                         QStringLiteral("confirm")};
    return checkout.contains(state) ? QStringLiteral("draft") : state;
}

QString money(double value)
{
    return QString::number(value, 'f', 2);
}

} // namespace

DemoAdminV3::DemoAdminV3(const DemoStore &store, const QString &expand)
    : store_(store)
{
    for (const QString &path : expand.split(QLatin1Char(','), Qt::SkipEmptyParts))
        expand_.insert(path.trimmed());
}

QString DemoAdminV3::prefixedId(const char *prefix, int id)
{
    return QString::fromLatin1(prefix) + QLatin1Char('_') +
           QString::number((quint32(id) * 2654435761U) ^ 0x5bd1e995U, 36);
}

QJsonValue DemoAdminV3::address(const QJsonValue &value)
{
    if (!value.isObject())
        return QJsonValue();
    const QJsonObject a = value.toObject();
    return QJsonObject{{key("id"), prefixedId("addr", a.value(key("id")).toInt())},
                       {key("first_name"), a.value(key("firstname"))},
                       {key("last_name"), a.value(key("lastname"))},
                       {key("full_name"), a.value(key("full_name"))},
                       {key("address1"), a.value(key("address1"))},
                       {key("address2"), a.value(key("address2"))},
                       {key("postal_code"), a.value(key("zipcode"))},
                       {key("city"), a.value(key("city"))},
                       {key("phone"), a.value(key("phone"))},
                       {key("company"), a.value(key("company"))},
                       {key("country_iso"), a.value(key("country"))[key("iso")]},
                       {key("country_name"), a.value(key("country"))[key("name")]},
                       {key("state_abbr"), a.value(key("state"))[key("abbr")]},
                       {key("state_name"), a.value(key("state"))[key("name")]}};
}

QJsonObject DemoAdminV3::fulfillment(const QJsonObject &shipment, const QJsonObject &order) const
{
    QJsonArray items;
    for (const QJsonValue &unit : shipment.value(key("manifest")).toArray())
        items.append(QJsonObject{{key("variant_id"), prefixedId("variant", unit[key("variant_id")].toInt())},
                                 {key("quantity"), unit[key("quantity")]}});
    const QJsonArray methods = shipment.value(key("shipping_methods")).toArray();
    const QJsonObject method = methods.isEmpty() ? QJsonObject() : methods.first().toObject();
    const int id = shipment.value(key("id")).toInt();
    return {
        {key("id"), prefixedId("ful", id)},
        {key("number"), shipment.value(key("number"))},
        {key("tracking"), shipment.value(key("tracking"))},
        {key("cost"), shipment.value(key("cost"))},
        {key("status"), shipment.value(key("state"))},
        {key("fulfillment_type"), QStringLiteral("shipping")},
        {key("fulfilled_at"), shipment.value(key("shipped_at"))},
        {key("items"), items},
        {key("delivery_method"), QJsonObject{{key("id"), prefixedId("dm", method.value(key("id")).toInt())},
                                             {key("name"), method.value(key("name"))},
                                             {key("code"), method.value(key("code"))}}},
        {key("stock_location"), QJsonObject{{key("id"), prefixedId("sloc", 1)},
                                            {key("name"), shipment.value(key("stock_location_name"))}}},
        {key("updated_at"), store_.indexItem(DemoStore::Collection::Shipments, id).value(key("updated_at"))},
        {key("order_id"), order.value(key("id"))}};
}

QJsonObject DemoAdminV3::order(const QJsonObject &source) const
{
    double tax = 0;
    double discount = 0;
    for (const QJsonValue &adjustment : source.value(key("adjustments")).toArray()) {
        const double amount = adjustment[key("amount")].toString().toDouble();
        (adjustment[key("label")].toString().contains(QLatin1String("tax"), Qt::CaseInsensitive)
             ? tax
             : discount) += amount;
    }
    QJsonObject order{{key("id"), prefixedId("or", source.value(key("id")).toInt())},
                      {key("number"), source.value(key("number"))},
                      {key("email"), source.value(key("email"))},
                      {key("currency"), source.value(key("currency"))},
                      {key("status"), cartToDraft(source.value(key("state")).toString())},
                      {key("fulfillment_status"), source.value(key("shipment_state"))},
                      {key("payment_status"), source.value(key("payment_state"))},
                      {key("completed_at"), source.value(key("completed_at"))},
                      {key("item_total"), source.value(key("item_total"))},
                      {key("adjustment_total"), source.value(key("adjustment_total"))},
                      {key("tax_total"), money(tax)},
                      {key("discount_total"), money(discount)},
                      {key("delivery_total"), source.value(key("ship_total"))},
                      {key("payment_total"), source.value(key("payment_total"))},
                      {key("total"), source.value(key("total"))},
                      {key("customer_note"), source.value(key("special_instructions"))},
                      {key("created_at"), source.value(key("created_at"))},
                      {key("updated_at"), source.value(key("updated_at"))},
                      {key("customer_id"), prefixedId("cus", source.value(key("user_id")).toInt())}};
    if (expand_.contains(key("items"))) {
        QJsonArray items;
        for (const QJsonValue &value : source.value(key("line_items")).toArray()) {
            const QJsonObject variant = value[key("variant")].toObject();
            QJsonObject item{{key("id"), prefixedId("li", value[key("id")].toInt())},
                             {key("variant_id"), prefixedId("variant", variant.value(key("id")).toInt())},
                             {key("name"), variant.value(key("name"))},
                             {key("options_text"), variant.value(key("options_text"))},
                             {key("quantity"), value[key("quantity")]},
                             {key("price"), value[key("price")]},
                             {key("total"), value[key("total")]}};
            if (expand_.contains(key("items.variant")))
                item.insert(key("variant"), QJsonObject{{key("id"), item.value(key("variant_id"))},
                                                        {key("sku"), variant.value(key("sku"))}});
            items.append(item);
        }
        order.insert(key("items"), items);
    }
    if (expand_.contains(key("fulfillments"))) {
        QJsonArray fulfillments;
        for (const QJsonValue &shipment : source.value(key("shipments")).toArray())
            fulfillments.append(fulfillment(shipment.toObject(), order));
        order.insert(key("fulfillments"), fulfillments);
    }
    if (expand_.contains(key("payments"))) {
        QJsonArray payments;
        for (const QJsonValue &payment : source.value(key("payments")).toArray())
            payments.append(QJsonObject{
                {key("id"), prefixedId("py", payment[key("id")].toInt())},
                {key("amount"), payment[key("amount")]},
                {key("status"), payment[key("state")]},
                {key("payment_method"),
                 QJsonObject{{key("id"), prefixedId("pm", payment[key("payment_method")][key("id")].toInt())},
                             {key("name"), payment[key("payment_method")][key("name")]}}}});
        order.insert(key("payments"), payments);
    }
    if (expand_.contains(key("billing_address")))
        order.insert(key("billing_address"), address(source.value(key("bill_address"))));
    if (expand_.contains(key("shipping_address")))
        order.insert(key("shipping_address"), address(source.value(key("ship_address"))));
    return order;
}

QJsonObject DemoAdminV3::customer(const QJsonObject &user) const
{
    QJsonObject customer{{key("id"), prefixedId("cus", user.value(key("id")).toInt())},
                         {key("email"), user.value(key("email"))},
                         {key("first_name"), user.value(key("bill_address"))[key("firstname")]},
                         {key("last_name"), user.value(key("bill_address"))[key("lastname")]},
                         {key("created_at"), user.value(key("created_at"))},
                         {key("updated_at"), user.value(key("updated_at"))}};
    if (expand_.contains(key("default_billing_address")))
        customer.insert(key("default_billing_address"), address(user.value(key("bill_address"))));
    if (expand_.contains(key("default_shipping_address")))
        customer.insert(key("default_shipping_address"), address(user.value(key("ship_address"))));
    return customer;
}

QJsonObject DemoAdminV3::product(const QJsonObject &product)
{
    QJsonObject rendered = product;
    rendered.insert(key("id"), prefixedId("prod", product.value(key("id")).toInt()));
    rendered.insert(key("status"), QStringLiteral("active"));
    return rendered;
}

QJsonObject DemoAdminV3::page(DemoStore::Collection collection, const DemoIndexQuery::Page &page) const
{
    QJsonArray list;
    for (const int id : page.ids) {
        const QJsonObject item = store_.indexItem(collection, id);
        switch (collection) {
        case DemoStore::Collection::Orders:
            list.append(order(store_.order(item.value(key("number")).toString())));
            break;
        case DemoStore::Collection::Users:
            list.append(customer(item));
            break;
        case DemoStore::Collection::Products:
            list.append(product(item));
            break;
        case DemoStore::Collection::Shipments:
            break; // the Admin API has no shipment list
        }
    }
    const int from = list.isEmpty() ? 0 : (page.currentPage - 1) * page.perPage + 1;
    return {{key("data"), list},
            {key("meta"),
             QJsonObject{
                 {key("page"), page.currentPage},
                 {key("limit"), page.perPage},
                 {key("count"), page.totalCount},
                 {key("pages"), page.pages},
                 {key("from"), from},
                 {key("to"), list.isEmpty() ? 0 : from + int(list.size()) - 1},
                 {key("in"), int(list.size())},
                 {key("previous"), page.currentPage > 1 ? QJsonValue(page.currentPage - 1) : QJsonValue()},
                 {key("next"),
                  page.currentPage < page.pages ? QJsonValue(page.currentPage + 1) : QJsonValue()}}}};
}
