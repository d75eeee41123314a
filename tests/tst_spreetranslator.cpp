#include "polling/SpreeTranslator.h"

#include <QJsonArray>
#include <QTest>

namespace {

QJsonObject spreeOrder(const QString &state, const QString &total = QStringLiteral("112.50"))
{
    const QJsonObject address{
        {QStringLiteral("firstname"), QStringLiteral("Ada")},
        {QStringLiteral("lastname"), QStringLiteral("Lovelace")},
        {QStringLiteral("address1"), QStringLiteral("1 Analytical Way")},
        {QStringLiteral("city"), QStringLiteral("New York")},
        {QStringLiteral("zipcode"), QStringLiteral("10001")},
        {QStringLiteral("phone"), QStringLiteral("555-0100")},
        {QStringLiteral("state"), QJsonObject{{QStringLiteral("abbr"), QStringLiteral("NY")}}},
        {QStringLiteral("country"), QJsonObject{{QStringLiteral("iso"), QStringLiteral("US")}}}};
    return {
        {QStringLiteral("id"), 7},
        {QStringLiteral("number"), QStringLiteral("R100")},
        {QStringLiteral("state"), state},
        {QStringLiteral("email"), QStringLiteral("ada@example.com")},
        {QStringLiteral("currency"), QStringLiteral("USD")},
        {QStringLiteral("channel"), QStringLiteral("spree")},
        {QStringLiteral("item_total"), QStringLiteral("99.00")},
        {QStringLiteral("total"), total},
        {QStringLiteral("ship_total"), QStringLiteral("5.00")},
        {QStringLiteral("adjustment_total"), QStringLiteral("8.50")},
        {QStringLiteral("payment_total"), total},
        {QStringLiteral("completed_at"), QStringLiteral("2026-11-22T09:00:00.000Z")},
        {QStringLiteral("updated_at"), QStringLiteral("2026-11-22T09:00:00.000Z")},
        {QStringLiteral("bill_address"), address},
        {QStringLiteral("ship_address"), address},
        {QStringLiteral("line_items"),
         QJsonArray{QJsonObject{
             {QStringLiteral("quantity"), 2},
             {QStringLiteral("price"), QStringLiteral("49.50")},
             {QStringLiteral("variant_id"), 12},
             {QStringLiteral("variant"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Tote")},
                                                     {QStringLiteral("sku"), QStringLiteral("SPR-12")}}}}}},
        {QStringLiteral("adjustments"),
         QJsonArray{QJsonObject{{QStringLiteral("label"), QStringLiteral("Sales Tax")},
                                {QStringLiteral("amount"), QStringLiteral("8.50")}}}},
        {QStringLiteral("payments"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), 3},
                                {QStringLiteral("state"), QStringLiteral("completed")},
                                {QStringLiteral("amount"), total},
                                {QStringLiteral("payment_method"),
                                 QJsonObject{{QStringLiteral("name"), QStringLiteral("Card")}}}}}},
        {QStringLiteral("shipments"),
         QJsonArray{QJsonObject{{QStringLiteral("number"), QStringLiteral("H1")},
                                {QStringLiteral("state"), QStringLiteral("ready")},
                                {QStringLiteral("cost"), QStringLiteral("5.00")},
                                {QStringLiteral("order_id"), QStringLiteral("R100")},
                                {QStringLiteral("stock_location_name"), QStringLiteral("default")},
                                {QStringLiteral("shipping_methods"),
                                 QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("UPS")}}}},
                                {QStringLiteral("manifest"),
                                 QJsonArray{QJsonObject{{QStringLiteral("sku"), QStringLiteral("SPR-12")},
                                                        {QStringLiteral("quantity"), 2}}}}}}}};
}

} // namespace

class TestSpreeTranslator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void orderInHubFormat();
    void firstSightIsNew();
    void changeIsUpdatedWithPreviousAndDiff();
    void onlyUpdatedAtMovedGivesNothing();
    void cancelIsCanceled();
    void shipmentReadyThenShipped();
    void usersAndProducts();
};

void TestSpreeTranslator::orderInHubFormat()
{
    const QJsonObject hub =
        SpreeTranslator::hubForm(QStringLiteral("orders"), spreeOrder(QStringLiteral("complete")));
    QCOMPARE(hub[QStringLiteral("number")].toString(), QStringLiteral("R100"));
    QCOMPARE(hub[QStringLiteral("status")].toString(), QStringLiteral("complete"));
    QCOMPARE(hub[QStringLiteral("placed_on")].toString(), QStringLiteral("2026-11-22T09:00:00.000Z"));
    QCOMPARE(hub[QStringLiteral("totals")][QStringLiteral("order")].toDouble(), 112.5);
    QCOMPARE(hub[QStringLiteral("totals")][QStringLiteral("tax")].toDouble(), 8.5);
    QCOMPARE(hub[QStringLiteral("totals")][QStringLiteral("item")].toDouble(), 99.0);
    const QJsonObject item = hub[QStringLiteral("line_items")][0].toObject();
    QCOMPARE(item[QStringLiteral("sku")].toString(), QStringLiteral("SPR-12"));
    QCOMPARE(item[QStringLiteral("price")].toDouble(), 49.5); // money strings become numbers
    QCOMPARE(hub[QStringLiteral("shipping_address")][QStringLiteral("state")].toString(),
             QStringLiteral("NY"));
    QCOMPARE(hub[QStringLiteral("billing_address")][QStringLiteral("country")].toString(),
             QStringLiteral("US"));
    QCOMPARE(hub[QStringLiteral("payments")][0][QStringLiteral("payment_method")].toString(),
             QStringLiteral("Card"));
    const QJsonObject shipment = hub[QStringLiteral("shipments")][0].toObject();
    QCOMPARE(shipment[QStringLiteral("shipping_method")].toString(), QStringLiteral("UPS"));
    QCOMPARE(shipment[QStringLiteral("items")][0][QStringLiteral("quantity")].toInt(), 2);
}

void TestSpreeTranslator::firstSightIsNew()
{
    const QJsonObject raw = spreeOrder(QStringLiteral("complete"));
    const SpreeTranslator::Change change =
        SpreeTranslator::detect(QStringLiteral("orders"), raw, std::nullopt);
    QCOMPARE(change.messages.size(), 1);
    QCOMPARE(change.messages[0].type, QStringLiteral("order:new"));
    QCOMPARE(change.messages[0].payload[QStringLiteral("original")].toObject(), raw);
    QCOMPARE(change.messages[0].payload[QStringLiteral("order")].toObject(), change.snapshot);
    QVERIFY(!change.messages[0].payload.contains(QStringLiteral("previous")));
}

void TestSpreeTranslator::changeIsUpdatedWithPreviousAndDiff()
{
    const SpreeTranslator::Change first = SpreeTranslator::detect(
        QStringLiteral("orders"), spreeOrder(QStringLiteral("complete")), std::nullopt);
    QJsonObject changed = spreeOrder(QStringLiteral("complete"), QStringLiteral("120.00"));
    changed.insert(QStringLiteral("updated_at"), QStringLiteral("2026-11-22T10:00:00.000Z"));
    const SpreeTranslator::Change second =
        SpreeTranslator::detect(QStringLiteral("orders"), changed, first.snapshot);
    QCOMPARE(second.messages.size(), 1);
    QCOMPARE(second.messages[0].type, QStringLiteral("order:updated"));
    QCOMPARE(second.messages[0].payload[QStringLiteral("previous")].toObject(), first.snapshot);
    const QJsonObject diff = second.messages[0].payload[QStringLiteral("diff")].toObject();
    QVERIFY(diff.contains(QStringLiteral("totals")));
    QVERIFY(diff.contains(QStringLiteral("payments")));
    QVERIFY(!diff.contains(QStringLiteral("updated_at")));
    QVERIFY(!diff.contains(QStringLiteral("number")));
    QCOMPARE(diff[QStringLiteral("totals")][QStringLiteral("to")][QStringLiteral("order")].toDouble(), 120.0);
    QCOMPARE(diff[QStringLiteral("totals")][QStringLiteral("from")][QStringLiteral("order")].toDouble(),
             112.5);
}

void TestSpreeTranslator::onlyUpdatedAtMovedGivesNothing()
{
    const SpreeTranslator::Change first = SpreeTranslator::detect(
        QStringLiteral("orders"), spreeOrder(QStringLiteral("complete")), std::nullopt);
    QJsonObject touched = spreeOrder(QStringLiteral("complete"));
    touched.insert(QStringLiteral("updated_at"), QStringLiteral("2026-11-23T00:00:00.000Z"));
    QVERIFY(SpreeTranslator::detect(QStringLiteral("orders"), touched, first.snapshot).messages.isEmpty());
}

void TestSpreeTranslator::cancelIsCanceled()
{
    const SpreeTranslator::Change first = SpreeTranslator::detect(
        QStringLiteral("orders"), spreeOrder(QStringLiteral("complete")), std::nullopt);
    const SpreeTranslator::Change canceled = SpreeTranslator::detect(
        QStringLiteral("orders"), spreeOrder(QStringLiteral("canceled")), first.snapshot);
    QCOMPARE(canceled.messages.size(), 1);
    QCOMPARE(canceled.messages[0].type, QStringLiteral("order:canceled"));
    QCOMPARE(canceled.messages[0]
                 .payload[QStringLiteral("diff")][QStringLiteral("status")][QStringLiteral("to")]
                 .toString(),
             QStringLiteral("canceled"));
}

void TestSpreeTranslator::shipmentReadyThenShipped()
{
    QJsonObject shipment = spreeOrder(QStringLiteral("complete"))[QStringLiteral("shipments")][0].toObject();
    shipment.insert(QStringLiteral("state"), QStringLiteral("pending"));
    shipment.insert(QStringLiteral("email"), QStringLiteral("ada@example.com"));
    const SpreeTranslator::Change pending =
        SpreeTranslator::detect(QStringLiteral("shipments"), shipment, std::nullopt);
    QVERIFY(pending.messages.isEmpty()); // a pending shipment is not news
    shipment.insert(QStringLiteral("state"), QStringLiteral("ready"));
    const SpreeTranslator::Change ready =
        SpreeTranslator::detect(QStringLiteral("shipments"), shipment, pending.snapshot);
    QCOMPARE(ready.messages.size(), 1);
    QCOMPARE(ready.messages[0].type, QStringLiteral("shipment:ready"));
    const QJsonObject payload = ready.messages[0].payload[QStringLiteral("shipment")].toObject();
    QCOMPARE(payload[QStringLiteral("order_number")].toString(), QStringLiteral("R100"));
    QCOMPARE(payload[QStringLiteral("status")].toString(), QStringLiteral("ready"));
    QCOMPARE(payload[QStringLiteral("email")].toString(), QStringLiteral("ada@example.com"));
    shipment.insert(QStringLiteral("tracking"), QStringLiteral("1Z999"));
    const SpreeTranslator::Change tracked =
        SpreeTranslator::detect(QStringLiteral("shipments"), shipment, ready.snapshot);
    QVERIFY(tracked.messages.isEmpty()); // still ready: no second shipment:ready
    shipment.insert(QStringLiteral("state"), QStringLiteral("shipped"));
    const SpreeTranslator::Change shipped =
        SpreeTranslator::detect(QStringLiteral("shipments"), shipment, tracked.snapshot);
    QCOMPARE(shipped.messages.size(), 1);
    QCOMPARE(shipped.messages[0].type, QStringLiteral("shipment:confirm"));
}

void TestSpreeTranslator::usersAndProducts()
{
    const QJsonObject user{{QStringLiteral("id"), 5},
                           {QStringLiteral("email"), QStringLiteral("u@example.com")},
                           {QStringLiteral("updated_at"), QStringLiteral("2026-11-22T09:00:00.000Z")}};
    const SpreeTranslator::Change seen = SpreeTranslator::detect(QStringLiteral("users"), user, std::nullopt);
    QCOMPARE(seen.messages.size(), 1);
    QCOMPARE(seen.messages[0].type, QStringLiteral("user:new"));
    QCOMPARE(SpreeTranslator::recordKey(QStringLiteral("users"), user), QStringLiteral("5"));
    QJsonObject product{{QStringLiteral("id"), 9},
                        {QStringLiteral("name"), QStringLiteral("Tote")},
                        {QStringLiteral("price"), QStringLiteral("10.00")}};
    const SpreeTranslator::Change created =
        SpreeTranslator::detect(QStringLiteral("products"), product, std::nullopt);
    QCOMPARE(created.messages[0].type, QStringLiteral("product:new"));
    product.insert(QStringLiteral("price"), QStringLiteral("12.00"));
    const SpreeTranslator::Change updated =
        SpreeTranslator::detect(QStringLiteral("products"), product, created.snapshot);
    QCOMPARE(updated.messages[0].type, QStringLiteral("product:updated"));
    QCOMPARE(SpreeTranslator::detect(QStringLiteral("products"), product, updated.snapshot).messages.size(),
             0);
}

QTEST_APPLESS_MAIN(TestSpreeTranslator)
#include "tst_spreetranslator.moc"
