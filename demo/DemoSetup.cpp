#include "DemoSetup.h"

#include "config/ConfigFile.h"
#include "DemoEndpoint.h"
#include "DemoTime.h"
#include "secrets/CredentialStore.h"
#include "SpreeStoreServer.h"
#include "storage/Database.h"
#include "storage/StoreRepository.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTimer>

#include <algorithm>

namespace {

QString randomSecret()
{
    QByteArray bytes(24, Qt::Uninitialized);
    for (char &byte : bytes)
        byte = char(QRandomGenerator::system()->bounded(256));
    return QString::fromLatin1(bytes.toHex());
}

QJsonObject mapping(const QString &name, const QString &path, const QStringList &messages,
                    const QJsonArray &schedule)
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("endpoint"), DemoSetup::kEndpointName},
            {QStringLiteral("path"), path},
            {QStringLiteral("messages"), QJsonArray::fromStringList(messages)},
            {QStringLiteral("options"), QJsonObject{{QStringLiteral("retries_allowed"), true},
                                                    {QStringLiteral("timeout"), 10},
                                                    {QStringLiteral("retry_schedule"), schedule}}}};
}

} // namespace

const QString DemoSetup::kStoreName = QStringLiteral("demo-store");
const QString DemoSetup::kEndpointName = QStringLiteral("demo-endpoint");
const QString DemoSetup::kOrderConfirmationMapping = QStringLiteral("demo order confirmation");
const QString DemoSetup::kShippingMapping = QStringLiteral("demo shipping");
const QString DemoSetup::kCrmMapping = QStringLiteral("demo crm");
const QString DemoSetup::kInventoryMapping = QStringLiteral("demo inventory");
const QList<double> DemoSetup::kRetrySchedule{1, 2, 4};

DemoSetup::DemoSetup(QObject *parent)
    : DemoSetup(Options(), parent)
{}

DemoSetup::DemoSetup(const Options &options, QObject *parent)
    : QObject(parent)
    , options_(options)
    , ticker_(new QTimer(this))
{
    connect(ticker_, &QTimer::timeout, this, &DemoSetup::placeOrder);
}

DemoSetup::~DemoSetup()
{
    stop();
}

bool DemoSetup::start(const Database &db, CredentialStore &credentials, QString *error)
{
    History history;
    if (!readHistory(db, &history, error))
        return false;
    if (!startServers(history, error))
        return false;
    if (!writeConfiguration(configuration(), db, credentials, error)) {
        stop();
        store_.reset();
        endpoint_.reset();
        return false;
    }
    begin();
    return true;
}

bool DemoSetup::readHistory(const Database &db, History *history, QString *error)
{
    StoreRepository repository(db);
    QList<Store> stores;
    QString reason;
    bool ok = repository.loadStores(&stores, &reason);
    for (const Store &store : std::as_const(stores)) {
        if (store.name != kStoreName)
            continue;
        for (const QString &collection : Store::kCollections) {
            Bookmark bookmark;
            ok = ok && repository.bookmark(store.id, collection, &bookmark, &reason);
            if (ok && bookmark.isSet())
                history->seen.insert(collection, bookmark.id);
        }
    }
    if (!ok)
        *error = tr("The demo cannot read the database: %1").arg(reason);
    return ok;
}

bool DemoSetup::startServers(const History &history, QString *error)
{
    if (started_ || store_) {
        *error = tr("The demo is already running.");
        return false;
    }
    api_ = options_.api.isEmpty() ? qEnvironmentVariable("INTEGRATOR_DEMO_API", Store::kApiV1) : options_.api;
    if (!Store::kApis.contains(api_)) {
        *error =
            tr("--demo-api (INTEGRATOR_DEMO_API) must be v1, platform_v2 or admin_v3; got \"%1\"").arg(api_);
        return false;
    }
    store_ = std::make_unique<SpreeStoreServer>();
    endpoint_ = std::make_unique<DemoEndpoint>();
    // The Admin API's secret keys start with "sk_", as Spree's do.
    apiKey_ = (api_ == Store::kApiAdminV3 ? QStringLiteral("sk_") : QString()) + randomSecret();
    clientSecret_ = randomSecret();
    store_->setOAuthClient(QStringLiteral("demo-client-id"), clientSecret_);
    token_ = randomSecret();
    store_->setApiKey(apiKey_);
    endpoint_->setToken(token_);
    // Every scheduled attempt fails, so the delivery parks; the attempt a replay makes goes through.
    endpoint_->setFailingAttempts(options_.alwaysFailingService ? int(kRetrySchedule.size()) + 1 : 0);
    connect(endpoint_.get(), &DemoEndpoint::messageReceived, this, &DemoSetup::messageReceived);
    seedStore(history);
    QString reason;
    if (!store_->listen())
        *error = tr("The demo store cannot listen on 127.0.0.1.");
    else if (!endpoint_->listen(&reason))
        *error = tr("The demo endpoint cannot listen on 127.0.0.1: %1").arg(reason);
    else
        return true;
    stop();
    store_.reset();
    endpoint_.reset();
    return false;
}

DemoSetup::Configuration DemoSetup::configuration() const
{
    Configuration configuration;
    configuration.json = configurationJson();
    configuration.continuing = continuing_;
    // The last order's stamp is the latest the store gave so far.
    const QStringList numbers = store_->orderNumbers();
    if (!numbers.isEmpty())
        DemoTime::parse(store_->order(numbers.last()).value(QStringLiteral("updated_at")).toString(),
                        &configuration.lastStampMs);
    return configuration;
}

bool DemoSetup::writeConfiguration(const Configuration &configuration, const Database &db,
                                   CredentialStore &credentials, QString *error)
{
    QString reason;
    if (!importConfiguration(configuration.json, db, credentials, &reason)) {
        *error = tr("The demo configuration cannot be written: %1").arg(reason);
        return false;
    }
    if (configuration.continuing && !markHistorySeen(db, configuration.lastStampMs, &reason)) {
        *error = tr("The demo cannot update the store's poll positions: %1").arg(reason);
        return false;
    }
    return true;
}

void DemoSetup::begin()
{
    started_ = true;
    running_ = true;
    if (options_.newOrdersOverTime)
        ticker_->start(std::max(options_.newOrderIntervalMs, 100));
}

void DemoSetup::stop()
{
    running_ = false;
    ticker_->stop();
    if (store_)
        store_->close();
    if (endpoint_)
        endpoint_->close();
}

bool DemoSetup::isRunning() const
{
    return running_;
}

QUrl DemoSetup::storeUrl() const
{
    return store_ ? store_->url() : QUrl();
}

QUrl DemoSetup::endpointUrl() const
{
    return endpoint_ ? endpoint_->url() : QUrl();
}

int DemoSetup::received() const
{
    return endpoint_ ? endpoint_->received() : 0;
}

QStringList DemoSetup::describe() const
{
    if (!started_)
        return {};
    QStringList lines;
    lines << tr("Demo store \"%1\" at %2").arg(kStoreName, storeUrl().toString());
    if (options_.newOrdersOverTime)
        lines << tr("  a new order every %1 s while the demo runs").arg(options_.newOrderIntervalMs / 1000.0);
    lines << tr("Demo endpoint \"%1\" at %2 (services %3)")
                 .arg(kEndpointName, endpointUrl().toString(),
                      endpoint_->services().join(QStringLiteral(", ")));
    lines << tr("  some first attempts fail and are retried; \"%1\" fails until its deliveries are parked, "
                "then a replay goes through")
                 .arg(kInventoryMapping);
    return lines;
}

QString DemoSetup::summary() const
{
    if (!started_)
        return {};
    return tr("Demo running: store \"%1\" at %2, endpoint \"%3\" at %4")
        .arg(kStoreName, storeUrl().toString(), kEndpointName, endpointUrl().toString());
}

// The seeded history. On a database that already polled an earlier run's store, the new store is made at
// least as large, so the orders, customers and shipments it adds from now on get numbers that run has
// not seen.
void DemoSetup::seedStore(const History &history)
{
    continuing_ = history.continuing();
    const auto atLeast = [&history](const QString &collection, int count) {
        return int(std::max<qint64>(count, history.seen.value(collection)));
    };
    store_->seed(atLeast(QStringLiteral("orders"), options_.seedOrders),
                 atLeast(QStringLiteral("users"), options_.seedUsers), options_.seedProducts);
    // Shipments are numbered apart from orders; a few more orders catch their count up.
    const qint64 shipmentsSeen = history.seen.value(QStringLiteral("shipments"));
    for (qint64 guard = shipmentsSeen; guard > 0 && store_->shipmentNumbers().size() < shipmentsSeen; --guard)
        store_->addOrder(QStringLiteral("complete"));
}

// The new store's history is what the earlier runs already delivered: the polls start after it.
bool DemoSetup::markHistorySeen(const Database &db, qint64 lastStampMs, QString *error)
{
    StoreRepository repository(db);
    QList<Store> stores;
    if (!repository.loadStores(&stores, error))
        return false;
    const auto found = std::find_if(stores.cbegin(), stores.cend(),
                                    [](const Store &store) { return store.name == kStoreName; });
    if (found == stores.cend())
        return true;
    // Past every stamp the store gave so far, and no earlier than now, so whatever it stamps from here on
    // is polled.
    Bookmark bookmark;
    bookmark.updatedAtMs = std::max(QDateTime::currentMSecsSinceEpoch(), lastStampMs + 1);
    bookmark.updatedAt = DemoTime::iso(bookmark.updatedAtMs);
    bookmark.id = 0;
    WriteTransaction transaction(db);
    if (!transaction.begin(error))
        return false;
    for (const QString &collection : Store::kCollections) {
        if (!repository.saveBookmark(found->id, collection, bookmark, error))
            return false;
    }
    return transaction.commit(error);
}

bool DemoSetup::importConfiguration(const QJsonObject &json, const Database &db, CredentialStore &credentials,
                                    QString *error)
{
    // The demo's secrets are throw-away: with no key file and no keychain it seals them with a key of
    // this session, so a newcomer without a keychain still sees every path.
    credentials.createKeyIfNone();
    if (!credentials.masterKey() && credentials.lockedReason(db).isEmpty())
        credentials.useMasterKey(
            MasterKey::generate(),
            QStringLiteral("this session only (made for the demo: no key file or keychain)"));
    ConfigFile::ImportSummary summary;
    return ConfigFile::import(QJsonDocument(json).toJson(QJsonDocument::Compact), db, credentials, &summary,
                              error);
}

QJsonObject DemoSetup::configurationJson() const
{
    QJsonArray schedule;
    for (double seconds : kRetrySchedule)
        schedule.append(seconds * options_.retryScale);
    QJsonObject confirmation = mapping(kOrderConfirmationMapping, DemoEndpoint::kOrderConfirmation,
                                       {QStringLiteral("order:new")}, schedule);
    confirmation.insert(
        QStringLiteral("filters"),
        QJsonArray{QJsonObject{{QStringLiteral("path"), QStringLiteral("payload.order.status")},
                               {QStringLiteral("operator"), QStringLiteral("eq")},
                               {QStringLiteral("value"), QStringLiteral("complete")}}});
    confirmation.insert(QStringLiteral("identifiers"), QJsonObject{{QStringLiteral("order_number"),
                                                                    QStringLiteral("payload.order.number")}});
    confirmation.insert(QStringLiteral("parameters"), QJsonArray{QStringLiteral("demo.mail_from")});
    const QJsonArray mappings{
        confirmation,
        mapping(kShippingMapping, DemoEndpoint::kShipments,
                {QStringLiteral("shipment:ready"), QStringLiteral("shipment:confirm")}, schedule),
        mapping(kCrmMapping, DemoEndpoint::kCrm, {QStringLiteral("user:new")}, schedule),
        mapping(kInventoryMapping, DemoEndpoint::kInventory,
                {QStringLiteral("product:new"), QStringLiteral("product:updated")}, schedule),
    };
    QJsonObject store{{QStringLiteral("name"), kStoreName},
                      {QStringLiteral("url"), store_->url().toString()},
                      {QStringLiteral("api"), api_},
                      {QStringLiteral("collections"), QJsonObject{{QStringLiteral("orders"), 5},
                                                                  {QStringLiteral("users"), 10},
                                                                  {QStringLiteral("shipments"), 5},
                                                                  {QStringLiteral("products"), 60}}},
                      {QStringLiteral("page_size"), 50},
                      {QStringLiteral("timeout"), 10}};
    if (api_ == Store::kApiPlatformV2) {
        store.insert(QStringLiteral("client_id"), store_->clientId());
        store.insert(QStringLiteral("client_secret"), clientSecret_);
    } else {
        store.insert(QStringLiteral("api_key"), apiKey_);
    }
    const QJsonObject endpoint{{QStringLiteral("name"), kEndpointName},
                               {QStringLiteral("url"), endpoint_->url().toString()},
                               {QStringLiteral("token"), token_}};
    const QJsonObject parameter{{QStringLiteral("name"), QStringLiteral("demo.mail_from")},
                                {QStringLiteral("value"), QStringLiteral("orders@shop.example")}};
    return {{QStringLiteral("endpoints"), QJsonArray{endpoint}},
            {QStringLiteral("stores"), QJsonArray{store}},
            {QStringLiteral("mappings"), mappings},
            {QStringLiteral("parameters"), QJsonArray{parameter}}};
}

// A customer checks out; every other order, the oldest waiting shipment leaves the warehouse.
void DemoSetup::placeOrder()
{
    const QString number = store_->addOrder(QStringLiteral("complete"));
    if (number.isEmpty())
        return;
    ++ordersPlaced_;
    shipmentsToShip_ << store_->shipmentNumbers(number);
    if (ordersPlaced_ % 2 == 0 && shipmentsToShip_.size() > 1) {
        const QString shipment = shipmentsToShip_.takeFirst();
        store_->setShipmentState(shipment, QStringLiteral("shipped"),
                                 QStringLiteral("1ZDEMO%1").arg(ordersPlaced_, 8, 10, QLatin1Char('0')));
    }
    Q_EMIT orderPlaced(number);
}
