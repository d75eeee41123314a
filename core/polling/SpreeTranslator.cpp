#include "polling/SpreeTranslator.h"

#include "utils/ObjectId.h"

#include <QJsonArray>

namespace {

double money(const QJsonValue &value)
{
    return value.isString() ? value.toString().toDouble() : value.toDouble();
}

QJsonValue orNull(const QJsonValue &value)
{
    return value.isUndefined() ? QJsonValue() : value;
}

QJsonObject address(const QJsonValue &value)
{
    if (!value.isObject())
        return {};
    const QJsonObject a = value.toObject();
    const QJsonObject state = a.value(QStringLiteral("state")).toObject();
    return {{QStringLiteral("firstname"), orNull(a.value(QStringLiteral("firstname")))},
            {QStringLiteral("lastname"), orNull(a.value(QStringLiteral("lastname")))},
            {QStringLiteral("address1"), orNull(a.value(QStringLiteral("address1")))},
            {QStringLiteral("address2"), orNull(a.value(QStringLiteral("address2")))},
            {QStringLiteral("zipcode"), orNull(a.value(QStringLiteral("zipcode")))},
            {QStringLiteral("city"), orNull(a.value(QStringLiteral("city")))},
            {QStringLiteral("state"), state.isEmpty() ? orNull(a.value(QStringLiteral("state_name")))
                                                      : orNull(state.value(QStringLiteral("abbr")))},
            {QStringLiteral("country"),
             orNull(a.value(QStringLiteral("country")).toObject().value(QStringLiteral("iso")))},
            {QStringLiteral("phone"), orNull(a.value(QStringLiteral("phone")))}};
}

QJsonArray shipmentItems(const QJsonObject &shipment)
{
    QJsonArray items;
    for (const QJsonValue &unit : shipment.value(QStringLiteral("manifest")).toArray())
        items.append(QJsonObject{{QStringLiteral("sku"), orNull(unit[QStringLiteral("sku")])},
                                 {QStringLiteral("variant_id"), orNull(unit[QStringLiteral("variant_id")])},
                                 {QStringLiteral("quantity"), orNull(unit[QStringLiteral("quantity")])}});
    return items;
}

QJsonObject shipmentForm(const QJsonObject &s)
{
    const QJsonArray methods = s.value(QStringLiteral("shipping_methods")).toArray();
    return {{QStringLiteral("number"), orNull(s.value(QStringLiteral("number")))},
            {QStringLiteral("order_number"), orNull(s.value(QStringLiteral("order_id")))},
            {QStringLiteral("email"), orNull(s.value(QStringLiteral("email")))},
            {QStringLiteral("cost"), money(s.value(QStringLiteral("cost")))},
            {QStringLiteral("status"), orNull(s.value(QStringLiteral("state")))},
            {QStringLiteral("stock_location"), orNull(s.value(QStringLiteral("stock_location_name")))},
            {QStringLiteral("shipping_method"),
             methods.isEmpty() ? QJsonValue() : orNull(methods.first()[QStringLiteral("name")])},
            {QStringLiteral("tracking"), orNull(s.value(QStringLiteral("tracking")))},
            {QStringLiteral("updated_at"), orNull(s.value(QStringLiteral("updated_at")))},
            {QStringLiteral("shipped_at"), orNull(s.value(QStringLiteral("shipped_at")))},
            {QStringLiteral("shipping_address"), address(s.value(QStringLiteral("ship_address")))},
            {QStringLiteral("items"), shipmentItems(s)}};
}

QJsonObject orderForm(const QJsonObject &o)
{
    QJsonArray lineItems, adjustments, payments, shipments;
    for (const QJsonValue &item : o.value(QStringLiteral("line_items")).toArray()) {
        const QJsonObject variant = item[QStringLiteral("variant")].toObject();
        lineItems.append(
            QJsonObject{{QStringLiteral("name"), orNull(variant.value(QStringLiteral("name")))},
                        {QStringLiteral("sku"), orNull(variant.value(QStringLiteral("sku")))},
                        {QStringLiteral("external_ref"), QString()},
                        {QStringLiteral("quantity"), orNull(item[QStringLiteral("quantity")])},
                        {QStringLiteral("price"), money(item[QStringLiteral("price")])},
                        {QStringLiteral("variant_id"), orNull(item[QStringLiteral("variant_id")])},
                        {QStringLiteral("options"), QJsonObject{}}});
    }
    double tax = 0;
    for (const QJsonValue &adjustment : o.value(QStringLiteral("adjustments")).toArray()) {
        const QString label = adjustment[QStringLiteral("label")].toString();
        adjustments.append(
            QJsonObject{{QStringLiteral("name"), label},
                        {QStringLiteral("value"), money(adjustment[QStringLiteral("amount")])}});
        if (label.contains(QLatin1String("tax"), Qt::CaseInsensitive))
            tax += money(adjustment[QStringLiteral("amount")]);
    }
    for (const QJsonValue &payment : o.value(QStringLiteral("payments")).toArray())
        payments.append(
            QJsonObject{{QStringLiteral("number"), orNull(payment[QStringLiteral("id")])},
                        {QStringLiteral("status"), orNull(payment[QStringLiteral("state")])},
                        {QStringLiteral("amount"), money(payment[QStringLiteral("amount")])},
                        {QStringLiteral("payment_method"),
                         orNull(payment[QStringLiteral("payment_method")][QStringLiteral("name")])}});
    for (const QJsonValue &shipment : o.value(QStringLiteral("shipments")).toArray())
        shipments.append(shipmentForm(shipment.toObject()));
    return {{QStringLiteral("number"), orNull(o.value(QStringLiteral("number")))},
            {QStringLiteral("channel"), orNull(o.value(QStringLiteral("channel")))},
            {QStringLiteral("email"), orNull(o.value(QStringLiteral("email")))},
            {QStringLiteral("currency"), orNull(o.value(QStringLiteral("currency")))},
            {QStringLiteral("placed_on"), orNull(o.value(QStringLiteral("completed_at")))},
            {QStringLiteral("updated_at"), orNull(o.value(QStringLiteral("updated_at")))},
            {QStringLiteral("status"), orNull(o.value(QStringLiteral("state")))},
            {QStringLiteral("totals"),
             QJsonObject{{QStringLiteral("item"), money(o.value(QStringLiteral("item_total")))},
                         {QStringLiteral("adjustment"), money(o.value(QStringLiteral("adjustment_total")))},
                         {QStringLiteral("tax"), tax},
                         {QStringLiteral("shipping"), money(o.value(QStringLiteral("ship_total")))},
                         {QStringLiteral("payment"), money(o.value(QStringLiteral("payment_total")))},
                         {QStringLiteral("order"), money(o.value(QStringLiteral("total")))}}},
            {QStringLiteral("line_items"), lineItems},
            {QStringLiteral("adjustments"), adjustments},
            {QStringLiteral("shipping_address"), address(o.value(QStringLiteral("ship_address")))},
            {QStringLiteral("billing_address"), address(o.value(QStringLiteral("bill_address")))},
            {QStringLiteral("payments"), payments},
            {QStringLiteral("shipments"), shipments}};
}

QString singular(const QString &collection)
{
    return collection.chopped(1); // orders -> order, users -> user, ...
}

Message makeMessage(const QString &type, const QJsonObject &payload)
{
    Message message;
    message.type = type;
    message.id = ObjectId::generate();
    message.payload = payload;
    return message;
}

} // namespace

QString SpreeTranslator::recordKey(const QString &collection, const QJsonObject &record)
{
    if (collection == QLatin1String("orders") || collection == QLatin1String("shipments"))
        return record.value(QStringLiteral("number")).toString();
    const QJsonValue id = record.value(QStringLiteral("id"));
    return id.isString() ? id.toString() : QString::number(recordId(record)); // "cus_…" of the Admin API v3
}

qint64 SpreeTranslator::recordId(const QJsonObject &record)
{
    return qint64(record.value(QStringLiteral("id")).toDouble());
}

QJsonObject SpreeTranslator::hubForm(const QString &collection, const QJsonObject &record)
{
    if (collection == QLatin1String("orders"))
        return orderForm(record);
    if (collection == QLatin1String("shipments"))
        return shipmentForm(record);
    return record; // users and products keep Spree's own fields
}

QJsonObject SpreeTranslator::withoutUpdatedAt(QJsonObject object)
{
    object.remove(QStringLiteral("updated_at"));
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it->isObject()) {
            *it = withoutUpdatedAt(it->toObject());
        } else if (it->isArray()) {
            QJsonArray array = it->toArray();
            for (auto item = array.begin(); item != array.end(); ++item) {
                if (item->isObject())
                    *item = withoutUpdatedAt(item->toObject());
            }
            *it = array;
        }
    }
    return object;
}

QJsonObject SpreeTranslator::diff(const QJsonObject &before, const QJsonObject &after)
{
    const QJsonObject a = withoutUpdatedAt(before);
    const QJsonObject b = withoutUpdatedAt(after);
    QJsonObject changes;
    for (auto it = b.begin(); it != b.end(); ++it) {
        if (a.value(it.key()) != it.value())
            changes.insert(it.key(), QJsonObject{{QStringLiteral("from"), orNull(a.value(it.key()))},
                                                 {QStringLiteral("to"), it.value()}});
    }
    for (auto it = a.begin(); it != a.end(); ++it) {
        if (!b.contains(it.key()))
            changes.insert(it.key(), QJsonObject{{QStringLiteral("from"), it.value()},
                                                 {QStringLiteral("to"), QJsonValue()}});
    }
    return changes;
}

SpreeTranslator::Change SpreeTranslator::detect(const QString &collection, const QJsonObject &record,
                                                const std::optional<QJsonObject> &previous)
{
    return detect(collection, record, previous, record);
}

SpreeTranslator::Change SpreeTranslator::detect(const QString &collection, const QJsonObject &record,
                                                const std::optional<QJsonObject> &previous,
                                                const QJsonObject &original)
{
    Change change;
    change.snapshot = hubForm(collection, record);
    const QString noun = singular(collection);
    QJsonObject payload{{noun, change.snapshot}, {QStringLiteral("original"), original}};
    const QJsonObject changes = previous ? diff(*previous, change.snapshot) : QJsonObject();
    if (previous && changes.isEmpty())
        return change; // seen before and nothing but updated_at moved

    if (collection == QLatin1String("shipments")) {
        // Shipments matter when they become ready and when they ship.
        const QString status = change.snapshot.value(QStringLiteral("status")).toString();
        const QString before = previous ? previous->value(QStringLiteral("status")).toString() : QString();
        if (status != before && status == QLatin1String("ready"))
            change.messages << makeMessage(QStringLiteral("shipment:ready"), payload);
        else if (status != before && status == QLatin1String("shipped"))
            change.messages << makeMessage(QStringLiteral("shipment:confirm"), payload);
        return change;
    }
    if (!previous) {
        change.messages << makeMessage(noun + QStringLiteral(":new"), payload);
        return change;
    }
    payload.insert(QStringLiteral("previous"), *previous);
    payload.insert(QStringLiteral("diff"), changes);
    const bool canceled =
        collection == QLatin1String("orders") &&
        change.snapshot.value(QStringLiteral("status")).toString() == QLatin1String("canceled") &&
        previous->value(QStringLiteral("status")).toString() != QLatin1String("canceled");
    change.messages << makeMessage(
        noun + (canceled ? QStringLiteral(":canceled") : QStringLiteral(":updated")), payload);
    return change;
}
