#include "pages/StoresPage.h"

#include "BackgroundWorker.h"
#include "config/ConfigEdits.h"
#include "EngineHost.h"
#include "polling/StoreConnectionCheck.h"
#include "storage/Database.h"
#include "storage/StoreHeartbeatLog.h"
#include "storage/StoreRepository.h"
#include "widgets/FormFeedback.h"
#include "widgets/StoreHealthPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>

#include <memory>

struct StoresPage::Overview
{
    QList<Store> stores;
    QJsonArray described;           // StoreRepository::describe(), in the order of stores
    QString historyOf;              // the store selected when the read was asked for
    QList<HeartbeatChange> history; // of that store
};

namespace {

constexpr int kHistoryRows = 200;
constexpr int kMaxIntervalSeconds = 7 * 24 * 3600;

bool readOverview(const Database &db, const QString &selected, QList<Store> *stores, QJsonArray *described,
                  QList<HeartbeatChange> *history, QString *error)
{
    StoreRepository repository(db);
    if (!repository.loadStores(stores, error) || !repository.describe(described, error))
        return false;
    for (const Store &store : std::as_const(*stores)) {
        if (store.name == selected)
            return StoreHeartbeatLog(db).recent(store.id, kHistoryRows, history, error);
    }
    return true;
}

} // namespace

StoresPage::StoresPage(UiContext context, QWidget *parent)
    : ConfigFormPage(context, QStringLiteral("store"),
                     {tr("Name"), tr("URL"), tr("Heartbeat"), tr("Last success"), tr("Last error")},
                     tr("shop"), parent)
    , url_(addUrlRow(tr("https://shop.example.com")))
    , apiKey_(addSecretRow(tr("&API key:"), QStringLiteral("storeApiKey"),
                           tr("the store's API key (an admin key, to read orders)")))
    , api_(new QComboBox)
    , clientId_(new QLineEdit)
    , clientSecret_(new QLineEdit)
    , webhookSecret_(new QLineEdit)
    , pageSize_(new QSpinBox)
    , timeout_(new QDoubleSpinBox)
    , test_(new QPushButton(tr("Test connection")))
    , poll_(new QPushButton(tr("Poll now")))
    , connectionResult_(FormFeedback::statusLabel(QStringLiteral("storeConnectionResult")))
    , health_(new StoreHealthPanel)
{
    removeButton()->setToolTip(tr("Stop polling the store and forget it; the messages it produced are kept"));
    buildForm();
    rememberStateOf(health_);
    setEditor(buildStoreButtons(), {connectionResult_, health_}, 2, 3);
    startNew();
}

void StoresPage::buildForm()
{
    api_->setObjectName(QStringLiteral("storeApi"));
    api_->addItem(tr("API v1 (Spree up to 4.4)"), Store::kApiV1);
    api_->addItem(tr("Platform API v2 (Spree 4.5 to 5.3)"), Store::kApiPlatformV2);
    api_->addItem(tr("Admin API v3 (Spree 5.5 and later)"), Store::kApiAdminV3);
    api_->setToolTip(tr("Which of Spree's APIs the store is polled through; Test connection finds out"));
    connect(api_, &QComboBox::currentIndexChanged, this, &StoresPage::showApiFields);
    clientId_->setObjectName(QStringLiteral("storeClientId"));
    clientId_->setToolTip(
        tr("The OAuth application's client id (Spree admin: Apps, or Settings > Developers)"));
    clientSecret_->setObjectName(QStringLiteral("storeClientSecret"));
    clientSecret_->setEchoMode(QLineEdit::Password);
    form()->insertRow(2, tr("AP&I:"), api_);
    form()->insertRow(4, tr("&Client id:"), clientId_);
    form()->insertRow(5, tr("Client &secret:"), clientSecret_);
    pageSize_->setObjectName(QStringLiteral("storePageSize"));
    pageSize_->setRange(1, 100);
    pageSize_->setToolTip(tr("Records per page of the store's API (per_page)"));
    timeout_->setObjectName(QStringLiteral("storeTimeout"));
    timeout_->setRange(0.5, 600);
    timeout_->setDecimals(1);
    timeout_->setSuffix(tr(" s"));
    webhookSecret_->setObjectName(QStringLiteral("storeWebhookSecret"));
    webhookSecret_->setEchoMode(QLineEdit::Password);
    webhookSecret_->setToolTip(tr("The secret key of the webhook in Spree; it verifies the webhooks Spree "
                                  "posts to /api/stores/NAME/spree-webhooks"));
    form()->addRow(tr("&Webhook secret:"), webhookSecret_);
    form()->addRow(tr("Collections:"), buildCollections());
    form()->addRow(tr("&Page size:"), pageSize_);
    form()->addRow(tr("&Timeout:"), timeout_);
}

// One row per collection the poller knows: polled or not, and how often.
QWidget *StoresPage::buildCollections()
{
    auto *box = new QWidget;
    auto *grid = new QGridLayout(box);
    grid->setContentsMargins(0, 0, 0, 0);
    int row = 0;
    for (const QString &collection : Store::kCollections) {
        auto *polled = new QCheckBox(collection);
        polled->setObjectName(QStringLiteral("storeCollection:%1").arg(collection));
        auto *interval = new QSpinBox;
        interval->setObjectName(QStringLiteral("storeInterval:%1").arg(collection));
        interval->setRange(1, kMaxIntervalSeconds);
        interval->setSuffix(tr(" s"));
        interval->setToolTip(tr("Poll %1 every so many seconds").arg(collection));
        connect(polled, &QCheckBox::toggled, interval, &QSpinBox::setEnabled);
        collectionPolled_.insert(collection, polled);
        intervals_.insert(collection, interval);
        grid->addWidget(polled, row, 0);
        grid->addWidget(interval, row, 1);
        ++row;
    }
    return box;
}

QList<QPushButton *> StoresPage::buildStoreButtons()
{
    test_->setObjectName(QStringLiteral("testStoreConnection"));
    test_->setToolTip(tr("One authenticated request to the store's API, as the poller makes"));
    poll_->setObjectName(QStringLiteral("pollStore"));
    poll_->setToolTip(tr("Poll every collection of the saved store once, now"));
    connect(test_, &QPushButton::clicked, this, &StoresPage::testConnection);
    connect(poll_, &QPushButton::clicked, this, &StoresPage::pollNow);
    return {test_, poll_};
}

void StoresPage::refresh()
{
    auto overview = std::make_shared<Overview>();
    overview->historyOf = loadedName();
    readThroughWorker(
        [overview](const Database &db, QString *error) {
            return readOverview(db, overview->historyOf, &overview->stores, &overview->described,
                                &overview->history, error);
        },
        [this, overview] { showOverview(*overview); }, tr("Cannot read the stores: %1"));
}

void StoresPage::showOverview(const Overview &overview)
{
    stores_ = overview.stores;
    QList<QStringList> rows;
    QJsonObject selected;
    for (const QJsonValue &described : overview.described) {
        const QJsonObject store = described.toObject();
        rows << QStringList{store.value(QStringLiteral("name")).toString(),
                            store.value(QStringLiteral("url")).toString(),
                            store.value(QStringLiteral("heartbeat")).toString(),
                            StoreHealthPanel::localTime(store.value(QStringLiteral("last_success_at"))),
                            store.value(QStringLiteral("last_error")).toString()};
        if (rows.last().first() == loadedName())
            selected = store;
    }
    showRows(rows);
    // Read before the person picked another store (or New): its history is not this one's. The read the
    // pick asked for follows.
    if (overview.historyOf == loadedName())
        health_->showHealth(selected, overview.history);
}

void StoresPage::loadRow(int row)
{
    const Store &store = stores_.at(row);
    showLoaded(store.name);
    fillForm(store);
    health_->showHealth({}, {});
    refresh(); // the selected store's health, with its heartbeat history
}

void StoresPage::clearForm()
{
    Store fresh;
    fresh.collections = Store::defaultCollections();
    fillForm(fresh);
    health_->showHealth({}, {});
}

void StoresPage::showApiFields()
{
    const bool oauth = api_->currentData().toString() == Store::kApiPlatformV2;
    clientId_->setEnabled(oauth);
    clientSecret_->setEnabled(oauth);
    apiKey_->setEnabled(!oauth);
}

void StoresPage::fillForm(const Store &store)
{
    url_->setText(store.url.toString());
    showSecretStored(store.hasApiKey);
    api_->setCurrentIndex(qMax(0, api_->findData(store.api)));
    clientId_->setText(store.clientId);
    clientSecret_->clear();
    clientSecret_->setPlaceholderText(store.name.isEmpty() ? tr("the OAuth application's secret")
                                                           : storedSecretHint(store.hasClientSecret));
    showApiFields();
    showWebhookSecretStored(store.hasWebhookSecret);
    for (const QString &collection : Store::kCollections) {
        collectionPolled_.value(collection)->setChecked(store.collections.contains(collection));
        intervals_.value(collection)->setEnabled(store.collections.contains(collection));
        intervals_.value(collection)
            ->setValue(store.collections.value(collection, Store::defaultCollections().value(collection)));
    }
    pageSize_->setValue(store.pageSize);
    timeout_->setValue(store.timeoutSeconds);
    poll_->setEnabled(!store.name.isEmpty());
    FormFeedback::setStatusText(connectionResult_, QString(), false);
}

void StoresPage::showWebhookSecretStored(bool stored)
{
    webhookSecret_->clear();
    webhookSecret_->setPlaceholderText(loadedName().isEmpty() ? tr("for Spree's webhooks; optional")
                                                              : storedSecretHint(stored));
}

Store StoresPage::formStore() const
{
    Store store;
    store.name = nameEdit()->text().trimmed();
    store.url = QUrl(url_->text().trimmed(), QUrl::StrictMode);
    for (const QString &collection : Store::kCollections) {
        if (collectionPolled_.value(collection)->isChecked())
            store.collections.insert(collection, intervals_.value(collection)->value());
    }
    store.pageSize = pageSize_->value();
    store.timeoutSeconds = timeout_->value();
    store.api = api_->currentData().toString();
    store.clientId = clientId_->text().trimmed();
    return store;
}

bool StoresPage::validateForm(Store *store, QString *invalid) const
{
    *store = formStore();
    Store validated;
    return Store::fromConfig(store->toConfig(), &validated, invalid);
}

bool StoresPage::prepareSave(SaveRequest *request, QString *invalid)
{
    auto saved = std::make_shared<Store>();
    if (!validateForm(saved.get(), invalid))
        return false;
    request->name = saved->name;
    request->savedText = tr("Saved store %1").arg(saved->name);
    request->write = [saved, apiKey = apiKey_->text(), clientSecret = clientSecret_->text(),
                      webhookSecret = webhookSecret_->text()](const ConfigEdits &edits, QString *error) {
        if (edits.saveStore(saved.get(), apiKey, clientSecret, error))
            edits.saveStoreWebhookSecret(saved.get(), webhookSecret, error);
    };
    request->applied = [this, saved] {
        showSecretStored(saved->hasApiKey);
        clientSecret_->clear();
        clientSecret_->setPlaceholderText(storedSecretHint(saved->hasClientSecret));
        showWebhookSecretStored(saved->hasWebhookSecret);
        poll_->setEnabled(true);
    };
    return true;
}

ConfigFormPage::Removal StoresPage::removalOf(const QString &name) const
{
    return {tr("Remove store"),
            tr("Remove the store %1? It is no longer polled, its sealed API key, push token and "
               "webhook secret are deleted, and its bookmarks and heartbeat history are deleted: "
               "added again, it is polled from the start. The messages it produced are "
               "kept.")
                .arg(name),
            tr("Removed store %1").arg(name), &ConfigEdits::removeStore};
}

void StoresPage::testConnection()
{
    Store store;
    QString invalid;
    if (!validateForm(&store, &invalid))
        return showStatus(invalid, true);
    showStatus(QString(), false);
    FormFeedback::setStatusText(connectionResult_, tr("Connecting to %1...").arg(store.url.toString()),
                                false);
    test_->setEnabled(false);
    auto result = std::make_shared<StoreConnectionCheck::Result>();
    BackgroundWorker *worker = context_.worker;
    CredentialStore *credentials = context_.credentials;
    // The answer comes back through the worker (which outlives every page); this guard, made and read
    // on this thread, drops it if the page is gone by then. A form that moved on to another store since
    // does not show it.
    const QPointer<StoresPage> self(this);
    const auto done = [self, result, generation = formGeneration()] {
        if (!self)
            return;
        self->test_->setEnabled(true);
        if (generation == self->formGeneration())
            FormFeedback::setStatusText(self->connectionResult_, result->summary, !result->ok);
    };
    const QString typedKey = apiKey_->text();
    const QString typedSecret = clientSecret_->text();
    worker->post(this, [worker, credentials, store, typedKey, typedSecret, result, done](const Database &db) {
        QString apiKey = typedKey;
        QString clientSecret = typedSecret;
        if (!StoreConnectionCheck::loadApiKey(db, *credentials, store.name, &apiKey, &result->summary) ||
            !StoreConnectionCheck::loadClientSecret(db, *credentials, store.name, &clientSecret,
                                                    &result->summary))
            return worker->finishLater(worker, done);
        StoreConnectionCheck::start(worker->network(), store, apiKey, clientSecret,
                                    [worker, result, done](const StoreConnectionCheck::Result &answer) {
                                        *result = answer;
                                        worker->finishLater(worker, done);
                                    });
    });
}

void StoresPage::pollNow()
{
    const QString name = loadedName();
    if (name.isEmpty())
        return showStatus(tr("Save the store first"), true);
    if (!context_.engine->runsEngine())
        return showStatus(
            tr("The engine runs in another process: poll there with `integrator poll %1`").arg(name), true);
    context_.engine->pollNow(name);
    showStatus(tr("Polling %1 now; the results appear below").arg(name), false);
}
