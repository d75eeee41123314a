#include "DemoStore.h"

#include "DemoTime.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSet>

namespace {

constexpr qint64 MinuteMs = 60 * 1000;
// Seeded records look like a month of trading, so a poller's first "since" window has history to find.
constexpr qint64 BackfillSpanMs = 30LL * 24 * 60 * MinuteMs;

struct ShippingMethod
{
    int id;
    const char *name;
    const char *code;
    qint64 costCents;
};

// The methods of Spree's sample data.
const ShippingMethod ShippingMethods[] = {
    {1, "UPS Ground (USD)", "UPS_GROUND", 500},
    {2, "UPS Two Day (USD)", "UPS_TWO_DAY", 1000},
    {3, "UPS One Day (USD)", "UPS_ONE_DAY", 1500},
};

QString key(const char *name)
{
    return QString::fromLatin1(name);
}

bool isCheckoutState(const QString &state)
{
    static const QStringList states = {QStringLiteral("cart"), QStringLiteral("address"),
                                       QStringLiteral("delivery"), QStringLiteral("payment"),
                                       QStringLiteral("confirm")};
    return states.contains(state);
}

bool isOrderState(const QString &state)
{
    return isCheckoutState(state) || state == QStringLiteral("complete") ||
           state == QStringLiteral("canceled") || state == QStringLiteral("returned");
}

bool isShipmentState(const QString &state)
{
    return state == QStringLiteral("pending") || state == QStringLiteral("ready") ||
           state == QStringLiteral("shipped") || state == QStringLiteral("canceled");
}

QString money(qint64 cents)
{
    const qint64 magnitude = qAbs(cents);
    return QStringLiteral("%1%2.%3")
        .arg(cents < 0 ? QStringLiteral("-") : QString(), QString::number(magnitude / 100))
        .arg(magnitude % 100, 2, 10, QLatin1Char('0'));
}

// Money is a string on the wire, but a caller's change may well put a number there.
qint64 cents(const QJsonValue &value)
{
    return qRound64((value.isString() ? value.toString().toDouble() : value.toDouble()) * 100);
}

QString slugify(const QString &name)
{
    static const QRegularExpression separators(QStringLiteral("[^a-z0-9]+"));
    QString slug = name.toLower().replace(separators, QStringLiteral("-"));
    while (slug.startsWith(QLatin1Char('-')))
        slug.remove(0, 1);
    while (slug.endsWith(QLatin1Char('-')))
        slug.chop(1);
    return slug.isEmpty() ? QStringLiteral("product") : slug;
}

QString shipmentNumber(int id)
{
    return QStringLiteral("H%1").arg(10000000000LL + id);
}

// Spree's order.shipment_state: the shipments' one state, or "partial" while they differ.
QJsonValue summarizeShipments(const QJsonArray &shipments)
{
    QSet<QString> states;
    for (const QJsonValue &shipment : shipments)
        states.insert(shipment.toObject().value(key("state")).toString());
    if (states.isEmpty())
        return QJsonValue();
    return states.size() > 1 ? QStringLiteral("partial") : *states.constBegin();
}

void setInArray(QJsonObject &order, const char *array, const QString &state, const QString &unlessState = {})
{
    QJsonArray items = order.value(key(array)).toArray();
    for (qsizetype i = 0; i < items.size(); ++i) {
        QJsonObject item = items.at(i).toObject();
        if (unlessState.isEmpty() || item.value(key("state")).toString() != unlessState)
            item.insert(key("state"), state);
        items[i] = item;
    }
    order.insert(key(array), items);
}

// What Spree's state machine does to payments and shipments on the way into each order state.
void applyState(QJsonObject &order, const QString &state, qint64 completedAtMs)
{
    order.insert(key("state"), state);
    if (isCheckoutState(state)) {
        for (const char *field : {"completed_at", "payment_state", "shipment_state"})
            order.insert(key(field), QJsonValue());
        order.insert(key("payment_total"), money(0));
        setInArray(order, "payments", QStringLiteral("checkout"));
        setInArray(order, "shipments", QStringLiteral("pending"), QStringLiteral("shipped"));
        return;
    }
    if (order.value(key("completed_at")).isNull())
        order.insert(key("completed_at"), DemoTime::iso(completedAtMs));
    if (state == QStringLiteral("complete")) {
        setInArray(order, "payments", QStringLiteral("completed"));
        order.insert(key("payment_total"), order.value(key("total")));
        order.insert(key("payment_state"), QStringLiteral("paid"));
        setInArray(order, "shipments", QStringLiteral("ready"), QStringLiteral("shipped"));
    } else if (state == QStringLiteral("canceled")) {
        setInArray(order, "payments", QStringLiteral("void"));
        order.insert(key("payment_total"), money(0));
        order.insert(key("payment_state"), QStringLiteral("void"));
        setInArray(order, "shipments", QStringLiteral("canceled"), QStringLiteral("shipped"));
    }
    order.insert(key("shipment_state"), summarizeShipments(order.value(key("shipments")).toArray()));
}

bool shipmentChanged(const QJsonObject &before, const QJsonObject &after)
{
    for (const char *field : {"state", "tracking", "shipped_at"}) {
        if (before.value(key(field)) != after.value(key(field)))
            return true;
    }
    return false;
}

qint64 parsedOr(const QJsonValue &timestamp, qint64 fallback)
{
    qint64 ms = 0;
    return DemoTime::parse(timestamp.toString(), &ms) ? ms : fallback;
}

QJsonObject shipmentDraft(int id, const QString &orderNumber, const ShippingMethod &method,
                          const QJsonArray &manifest)
{
    const QJsonObject shippingMethod{
        {key("id"), method.id}, {key("name"), key(method.name)}, {key("code"), key(method.code)}};
    return {
        {key("id"), id},
        {key("number"), shipmentNumber(id)},
        {key("tracking"), QJsonValue()},
        {key("cost"), money(method.costCents)},
        {key("shipped_at"), QJsonValue()},
        {key("state"), QStringLiteral("pending")},
        {key("order_id"), orderNumber},
        {key("stock_location_name"), QStringLiteral("default")},
        {key("shipping_methods"), QJsonArray{shippingMethod}},
        {key("manifest"), manifest},
    };
}

// The payment methods of Spree's sample data.
QJsonObject paymentDraft(int id, qint64 totalCents, bool byCard)
{
    const QJsonObject method{{key("id"), byCard ? 1 : 2},
                             {key("name"), byCard ? QStringLiteral("Credit Card") : QStringLiteral("Check")}};
    return {{key("id"), id},
            {key("amount"), money(totalCents)},
            {key("state"), QStringLiteral("checkout")},
            {key("payment_method"), method}};
}

QJsonObject pick(const QJsonObject &object, const QStringList &keys)
{
    QJsonObject picked;
    for (const QString &name : keys)
        picked.insert(name, object.value(name));
    return picked;
}

} // namespace

void DemoStore::seed(int orders, int users, int products)
{
    const int records = qMax(0, orders) + qMax(0, users) + qMax(0, products);
    if (records == 0)
        return;
    startBackfill(records);
    for (int i = 0; i < products; ++i)
        createProduct({}, stamp());
    for (int i = 0; i < users; ++i)
        createUser({}, stamp());
    for (int i = 0; i < orders; ++i)
        createOrder(drawSeededState(), stamp(), true);
    backfill_.reset();
}

// Mostly completed orders, with the abandoned carts and the cancellations and returns of a real shop.
QString DemoStore::drawSeededState()
{
    const int roll = catalog_.between(1, 100);
    if (roll <= 6)
        return QStringLiteral("cart");
    if (roll <= 9)
        return QStringLiteral("address");
    if (roll <= 12)
        return QStringLiteral("payment");
    if (roll <= 16)
        return QStringLiteral("canceled");
    if (roll <= 18)
        return QStringLiteral("returned");
    return QStringLiteral("complete");
}

QString DemoStore::addOrder(const QString &state, const QString &number)
{
    if (!isOrderState(state) || orderIds_.contains(number))
        return {};
    return createOrder(state, stamp(), false, number);
}

bool DemoStore::updateOrder(const QString &number, const std::function<void(QJsonObject &)> &change)
{
    const int id = orderIds_.value(number);
    if (id == 0)
        return false;
    QJsonObject json = orders_.value(id).json;
    change(json);
    commitOrder(id, json, stamp());
    return true;
}

bool DemoStore::setOrderState(const QString &number, const QString &state)
{
    const int id = orderIds_.value(number);
    if (id == 0 || !isOrderState(state))
        return false;
    const qint64 now = stamp();
    QJsonObject json = orders_.value(id).json;
    applyState(json, state, now);
    commitOrder(id, json, now);
    return true;
}

bool DemoStore::setShipmentState(const QString &shipmentNumber, const QString &state, const QString &tracking)
{
    const int shipmentId = shipmentIds_.value(shipmentNumber);
    if (shipmentId == 0 || !isShipmentState(state))
        return false;
    const int orderId = shipments_.value(shipmentId).orderId;
    const qint64 now = stamp();
    QJsonObject json = orders_.value(orderId).json;
    QJsonArray shipments = json.value(key("shipments")).toArray();
    for (qsizetype i = 0; i < shipments.size(); ++i) {
        QJsonObject shipment = shipments.at(i).toObject();
        if (shipment.value(key("id")).toInt() != shipmentId)
            continue;
        shipment.insert(key("state"), state);
        // Shipping again keeps the first shipped_at, as Spree does.
        if (state != QStringLiteral("shipped"))
            shipment.insert(key("shipped_at"), QJsonValue());
        else if (shipment.value(key("shipped_at")).isNull())
            shipment.insert(key("shipped_at"), DemoTime::iso(now));
        if (!tracking.isEmpty())
            shipment.insert(key("tracking"), tracking);
        shipments[i] = shipment;
    }
    json.insert(key("shipments"), shipments);
    json.insert(key("shipment_state"), summarizeShipments(shipments));
    commitOrder(orderId, json, now);
    return true;
}

int DemoStore::addUser(const QString &email)
{
    return createUser(email, stamp());
}

int DemoStore::addProduct(const QString &name)
{
    return createProduct(name, stamp());
}

bool DemoStore::updateProduct(int id, const std::function<void(QJsonObject &)> &change)
{
    const auto found = products_.find(id);
    if (found == products_.end())
        return false;
    const qint64 now = stamp();
    QJsonObject json = found->json;
    change(json);
    json.insert(key("id"), id);
    json.insert(key("updated_at"), DemoTime::iso(now));
    const QString oldSlug = found->json.value(key("slug")).toString();
    const QString newSlug = json.value(key("slug")).toString();
    if (oldSlug != newSlug) {
        productIds_.remove(oldSlug);
        productIds_.insert(newSlug, id);
    }
    found->createdAtMs = parsedOr(json.value(key("created_at")), found->createdAtMs);
    found->updatedAtMs = now;
    found->json = json;
    return true;
}

QJsonObject DemoStore::order(const QString &number) const
{
    return orders_.value(orderIds_.value(number)).json;
}

QJsonObject DemoStore::user(int id) const
{
    return users_.value(id).json;
}

// Spree finds a product by its slug as well as by its id.
QJsonObject DemoStore::product(const QString &idOrSlug) const
{
    bool numeric = false;
    const int id = idOrSlug.toInt(&numeric);
    return products_.value(numeric ? id : productIds_.value(idOrSlug)).json;
}

QStringList DemoStore::orderNumbers() const
{
    QStringList numbers;
    numbers.reserve(orders_.size());
    for (const Record &record : orders_)
        numbers.append(record.json.value(key("number")).toString());
    return numbers;
}

QStringList DemoStore::shipmentNumbers(const QString &orderNumber) const
{
    QStringList numbers;
    for (const Record &record : orders_) {
        if (!orderNumber.isEmpty() && record.json.value(key("number")).toString() != orderNumber)
            continue;
        for (const QJsonValue &shipment : record.json.value(key("shipments")).toArray())
            numbers.append(shipment.toObject().value(key("number")).toString());
    }
    return numbers;
}

QList<DemoIndexEntry> DemoStore::entries(Collection collection) const
{
    QList<DemoIndexEntry> list;
    const auto collect = [&list](const auto &records) {
        list.reserve(records.size());
        for (auto it = records.cbegin(); it != records.cend(); ++it)
            list.append({it.key(), it->createdAtMs, it->updatedAtMs});
    };
    switch (collection) {
    case Collection::Orders:
        collect(orders_);
        for (DemoIndexEntry &entry : list)
            entry.completed = !orders_.value(entry.id).json.value(key("completed_at")).isNull();
        break;
    case Collection::Users:
        collect(users_);
        break;
    case Collection::Products:
        collect(products_);
        break;
    case Collection::Shipments:
        collect(shipments_);
        break;
    }
    return list;
}

QJsonObject DemoStore::indexItem(Collection collection, int id) const
{
    // Spree's orders index renders the order without its associations; the detail has them.
    static const QStringList orderSummary = {QStringLiteral("id"),
                                             QStringLiteral("number"),
                                             QStringLiteral("state"),
                                             QStringLiteral("email"),
                                             QStringLiteral("total"),
                                             QStringLiteral("item_total"),
                                             QStringLiteral("ship_total"),
                                             QStringLiteral("adjustment_total"),
                                             QStringLiteral("payment_total"),
                                             QStringLiteral("shipment_state"),
                                             QStringLiteral("payment_state"),
                                             QStringLiteral("currency"),
                                             QStringLiteral("channel"),
                                             QStringLiteral("created_at"),
                                             QStringLiteral("updated_at"),
                                             QStringLiteral("completed_at"),
                                             QStringLiteral("user_id")};
    switch (collection) {
    case Collection::Orders:
        return pick(orders_.value(id).json, orderSummary);
    case Collection::Users:
        return users_.value(id).json;
    case Collection::Products:
        return products_.value(id).json;
    case Collection::Shipments:
        return shipmentJson(id);
    }
    return {};
}

void DemoStore::freezeClock(qint64 msSinceEpoch)
{
    frozenMs_ = msSinceEpoch;
}

void DemoStore::unfreezeClock()
{
    frozenMs_.reset();
}

// Strictly increasing, so "updated_at > the last one seen" never skips a change made in the same
// millisecond; a frozen clock deliberately breaks that, for tests of records sharing one updated_at.
qint64 DemoStore::stamp()
{
    if (frozenMs_) {
        lastStampMs_ = qMax(lastStampMs_, *frozenMs_);
        return *frozenMs_;
    }
    const qint64 candidate = backfill_ ? backfill_->nextMs : QDateTime::currentMSecsSinceEpoch();
    lastStampMs_ = qMax(candidate, lastStampMs_ + 1);
    if (backfill_)
        backfill_->nextMs = lastStampMs_ + backfill_->stepMs;
    return lastStampMs_;
}

void DemoStore::startBackfill(int records)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 start = qMax(now - BackfillSpanMs, lastStampMs_ + 1);
    backfill_ = Backfill{start, qMax<qint64>(1, (now - start) / (records + 1))};
}

int DemoStore::createUser(const QString &email, qint64 now)
{
    const int id = users_.isEmpty() ? 1 : users_.lastKey() + 1;
    const DemoCatalog::Person person = catalog_.person();
    // Devise keeps emails lowercase and unique.
    QString address = email.isEmpty() ? catalog_.email(person, id) : email.trimmed().toLower();
    if (userIds_.contains(address)) {
        if (!email.isEmpty())
            return 0;
        address = QStringLiteral("customer%1@example.com").arg(id);
    }
    const QJsonObject bill = catalog_.address(person, nextAddressId_++);
    const QJsonObject ship = catalog_.chance(80) ? bill : catalog_.address(person, nextAddressId_++);
    Record record;
    record.json = {{key("id"), id},
                   {key("email"), address},
                   {key("created_at"), DemoTime::iso(now)},
                   {key("updated_at"), DemoTime::iso(now)},
                   {key("bill_address"), bill},
                   {key("ship_address"), ship}};
    record.createdAtMs = record.updatedAtMs = now;
    users_.insert(id, record);
    userIds_.insert(address, id);
    return id;
}

int DemoStore::createProduct(const QString &name, qint64 now)
{
    const int id = products_.isEmpty() ? 1 : products_.lastKey() + 1;
    DemoCatalog::Product draft = catalog_.product();
    if (!name.isEmpty()) {
        draft.name = name;
        draft.description = QStringLiteral("%1, from the demo store's own range.").arg(name);
    }
    QString slug = slugify(draft.name);
    if (productIds_.contains(slug))
        slug.append(QStringLiteral("-%1").arg(id));
    Record record;
    record.json = {
        {key("id"), id},
        {key("name"), draft.name},
        {key("description"), draft.description},
        {key("price"), money(draft.priceCents)},
        {key("display_price"), QStringLiteral("$%1").arg(money(draft.priceCents))},
        {key("sku"), QStringLiteral("%1-%2").arg(draft.skuPrefix).arg(id, 5, 10, QLatin1Char('0'))},
        {key("slug"), slug},
        {key("available_on"), DemoTime::iso(now)},
        {key("created_at"), DemoTime::iso(now)},
        {key("updated_at"), DemoTime::iso(now)},
    };
    record.createdAtMs = record.updatedAtMs = now;
    products_.insert(id, record);
    productIds_.insert(slug, id);
    return id;
}

// Backdated orders are seeded history: their checkout began up to two hours before their last change,
// and some have shipped since.
QString DemoStore::createOrder(const QString &state, qint64 now, bool backdated, const QString &number)
{
    const int userId = customerFor(now, backdated);
    const int id = orders_.isEmpty() ? 1 : orders_.lastKey() + 1;
    const qint64 createdAtMs = backdated ? now - catalog_.between(10, 120) * MinuteMs : now;
    QJsonObject json = draftOrder(id, userId, createdAtMs);
    if (!number.isEmpty())
        json.insert(key("number"), number);
    applyState(json, state, backdated ? createdAtMs + catalog_.between(3, 9) * MinuteMs : now);
    const bool shipped = state == QStringLiteral("returned") ||
                         (state == QStringLiteral("complete") && backdated && catalog_.chance(55));
    if (shipped)
        shipAll(json, now);
    QString given = json.value(key("number")).toString();
    orderIds_.insert(given, id);
    commitOrder(id, json, now);
    return given;
}

// Seeded orders come from the seeded customers; a live order is from a new customer now and then.
int DemoStore::customerFor(qint64 now, bool returningOnly)
{
    if (!users_.isEmpty() && (returningOnly || catalog_.chance(60)))
        return catalog_.between(1, users_.lastKey());
    return createUser({}, now);
}

QList<int> DemoStore::drawProducts(qint64 now)
{
    // An order needs something to sell; a store seeded without products gets a few.
    if (products_.isEmpty()) {
        for (int i = 0; i < 3; ++i)
            createProduct({}, now);
    }
    const int wanted = qMin(catalog_.between(1, 3), int(products_.size()));
    QList<int> productIds;
    while (productIds.size() < wanted) {
        const int productId = catalog_.between(1, products_.lastKey());
        if (!productIds.contains(productId))
            productIds.append(productId);
    }
    return productIds;
}

// The line item keeps the price of the moment, as Spree's does when the product's price changes later.
QJsonObject DemoStore::drawLineItem(int productId, QJsonArray *manifest, qint64 *itemTotalCents)
{
    const QJsonObject product = products_.value(productId).json;
    const qint64 price = cents(product.value(key("price")));
    const int quantity = catalog_.chance(75) ? 1 : catalog_.between(2, 3);
    const QString sku = product.value(key("sku")).toString();
    const QJsonObject variant{
        {key("id"), productId},
        {key("name"), product.value(key("name"))},
        {key("sku"), sku},
        {key("price"), money(price)},
        {key("options_text"), catalog_.optionsText(product.value(key("name")).toString())}};
    manifest->append(
        QJsonObject{{key("variant_id"), productId}, {key("quantity"), quantity}, {key("sku"), sku}});
    *itemTotalCents += price * quantity;
    return {{key("id"), nextLineItemId_++}, {key("quantity"), quantity},
            {key("price"), money(price)},   {key("total"), money(price * quantity)},
            {key("variant_id"), productId}, {key("variant"), variant}};
}

QJsonArray DemoStore::drawAdjustments(qint64 itemTotalCents, qint64 *adjustmentTotalCents)
{
    const qint64 tax = (itemTotalCents * 8 + 50) / 100;
    QJsonArray adjustments{
        QJsonObject{{key("label"), QStringLiteral("Sales Tax 8%")}, {key("amount"), money(tax)}}};
    *adjustmentTotalCents = tax;
    if (catalog_.chance(15)) {
        const qint64 discount = -itemTotalCents / 10;
        adjustments.append(QJsonObject{{key("label"), QStringLiteral("Promotion (WELCOME10)")},
                                       {key("amount"), money(discount)}});
        *adjustmentTotalCents += discount;
    }
    return adjustments;
}

// An order as it stands in the cart, priced and with its payment and shipment; applyState() moves it on.
QJsonObject DemoStore::draftOrder(int id, int userId, qint64 createdAtMs)
{
    const QJsonObject user = users_.value(userId).json;
    const QString number = QStringLiteral("R%1").arg(100000000 + id);
    QJsonArray lineItems;
    QJsonArray manifest;
    qint64 itemTotal = 0;
    for (const int productId : drawProducts(createdAtMs))
        lineItems.append(drawLineItem(productId, &manifest, &itemTotal));
    int quantity = 0;
    for (const QJsonValue &item : manifest)
        quantity += item.toObject().value(key("quantity")).toInt();
    const ShippingMethod &method = ShippingMethods[catalog_.between(0, 2)];
    qint64 adjustmentTotal = 0;
    const QJsonArray adjustments = drawAdjustments(itemTotal, &adjustmentTotal);
    const qint64 total = itemTotal + method.costCents + adjustmentTotal;
    const QJsonObject shipment = shipmentDraft(nextShipmentId_++, number, method, manifest);
    const QJsonObject payment = paymentDraft(nextPaymentId_++, total, catalog_.chance(85));
    const QString instructions = catalog_.specialInstructions();
    return {
        {key("id"), id},
        {key("number"), number},
        {key("state"), QStringLiteral("cart")},
        {key("item_total"), money(itemTotal)},
        {key("ship_total"), money(method.costCents)},
        {key("adjustment_total"), money(adjustmentTotal)},
        {key("total"), money(total)},
        {key("payment_total"), money(0)},
        {key("total_quantity"), quantity},
        {key("user_id"), userId},
        {key("email"), user.value(key("email"))},
        {key("created_at"), DemoTime::iso(createdAtMs)},
        {key("updated_at"), DemoTime::iso(createdAtMs)},
        {key("completed_at"), QJsonValue()},
        {key("shipment_state"), QJsonValue()},
        {key("payment_state"), QJsonValue()},
        {key("special_instructions"), instructions.isEmpty() ? QJsonValue() : QJsonValue(instructions)},
        {key("channel"), QStringLiteral("spree")},
        {key("currency"), QStringLiteral("USD")},
        {key("bill_address"), user.value(key("bill_address"))},
        {key("ship_address"), user.value(key("ship_address"))},
        {key("line_items"), lineItems},
        {key("payments"), QJsonArray{payment}},
        {key("shipments"), QJsonArray{shipment}},
        {key("adjustments"), adjustments},
    };
}

void DemoStore::shipAll(QJsonObject &order, qint64 now)
{
    QJsonArray shipments = order.value(key("shipments")).toArray();
    for (qsizetype i = 0; i < shipments.size(); ++i) {
        QJsonObject shipment = shipments.at(i).toObject();
        if (shipment.value(key("state")).toString() == QStringLiteral("canceled"))
            continue;
        shipment.insert(key("state"), QStringLiteral("shipped"));
        shipment.insert(key("shipped_at"), DemoTime::iso(now));
        shipment.insert(key("tracking"), catalog_.trackingNumber());
        shipments[i] = shipment;
    }
    order.insert(key("shipments"), shipments);
    order.insert(key("shipment_state"), summarizeShipments(shipments));
}

// Every change lands here: the id and number stay, updated_at moves, and each shipment whose state,
// tracking or shipped_at changed gets the same stamp.
void DemoStore::commitOrder(int id, QJsonObject json, qint64 now)
{
    Record &record = orders_[id];
    const QJsonObject before = record.json;
    json.insert(key("id"), id);
    if (!before.isEmpty())
        json.insert(key("number"), before.value(key("number")));
    json.insert(key("updated_at"), DemoTime::iso(now));
    QJsonArray shipments = json.value(key("shipments")).toArray();
    syncShipments(id, json.value(key("number")).toString(), before.value(key("shipments")).toArray(),
                  shipments, now);
    json.insert(key("shipments"), shipments);
    record.createdAtMs = parsedOr(json.value(key("created_at")), before.isEmpty() ? now : record.createdAtMs);
    record.updatedAtMs = now;
    record.json = json;
}

// Keeps the shipments index in step with the order, including shipments a caller's change added or
// removed: a new one without an id gets one, and a number if it has none.
void DemoStore::syncShipments(int orderId, const QString &orderNumber, const QJsonArray &before,
                              QJsonArray &after, qint64 now)
{
    QHash<int, QJsonObject> previous;
    for (const QJsonValue &value : before) {
        const QJsonObject shipment = value.toObject();
        previous.insert(shipment.value(key("id")).toInt(), shipment);
        shipmentIds_.remove(shipment.value(key("number")).toString());
    }
    QSet<int> kept;
    for (qsizetype i = 0; i < after.size(); ++i) {
        QJsonObject shipment = after.at(i).toObject();
        int shipmentId = shipment.value(key("id")).toInt();
        if (shipmentId <= 0 || kept.contains(shipmentId) ||
            (shipments_.contains(shipmentId) && shipments_.value(shipmentId).orderId != orderId))
            shipmentId = nextShipmentId_;
        nextShipmentId_ = qMax(nextShipmentId_, shipmentId + 1);
        shipment.insert(key("id"), shipmentId);
        if (shipment.value(key("number")).toString().isEmpty())
            shipment.insert(key("number"), shipmentNumber(shipmentId));
        shipment.insert(key("order_id"), orderNumber);
        ShipmentRecord &record = shipments_[shipmentId];
        if (record.orderId == 0)
            record = {orderId, now, now};
        else if (!previous.contains(shipmentId) || shipmentChanged(previous.value(shipmentId), shipment))
            record.updatedAtMs = now;
        shipmentIds_.insert(shipment.value(key("number")).toString(), shipmentId);
        kept.insert(shipmentId);
        after[i] = shipment;
    }
    for (auto it = previous.cbegin(); it != previous.cend(); ++it) {
        if (!kept.contains(it.key()))
            shipments_.remove(it.key());
    }
}

// The shipments index shows a shipment as its order embeds it, plus its own updated_at and the order's email.
QJsonObject DemoStore::shipmentJson(int shipmentId) const
{
    const ShipmentRecord record = shipments_.value(shipmentId);
    const QJsonObject order = orders_.value(record.orderId).json;
    for (const QJsonValue &value : order.value(key("shipments")).toArray()) {
        QJsonObject shipment = value.toObject();
        if (shipment.value(key("id")).toInt() != shipmentId)
            continue;
        shipment.insert(key("updated_at"), DemoTime::iso(record.updatedAtMs));
        shipment.insert(key("email"), order.value(key("email")));
        return shipment;
    }
    return {};
}
