#include "pages/StoresPage.h"

#include "BackgroundWorker.h"
#include "config/ConfigEdits.h"
#include "EngineHost.h"
#include "model/Endpoint.h"
#include "polling/StoreConnectionCheck.h"
#include "secrets/CredentialStore.h"
#include "storage/Database.h"
#include "storage/StoreHeartbeatLog.h"
#include "storage/StoreRepository.h"
#include "widgets/FormFeedback.h"
#include "widgets/StoreHealthPanel.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <memory>

struct StoresPage::Overview
{
    QList<Store> stores;
    QJsonArray described;
    QList<HeartbeatChange> history; // of the selected store
    QString error;
};

namespace {

enum Column
{
    NameColumn,
    UrlColumn,
    HeartbeatColumn,
    LastSuccessColumn,
    LastErrorColumn,
    ColumnCount
};

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
    : Page(context, parent)
    , splitter_(new QSplitter(Qt::Horizontal))
    , table_(new QTableWidget(0, ColumnCount))
    , name_(new QLineEdit)
    , url_(new QLineEdit)
    , urlError_(new QLabel)
    , apiKey_(new QLineEdit)
    , pageSize_(new QSpinBox)
    , timeout_(new QDoubleSpinBox)
    , save_(new QPushButton(tr("Save")))
    , test_(new QPushButton(tr("Test connection")))
    , poll_(new QPushButton(tr("Poll now")))
    , remove_(new QPushButton(tr("Remove")))
    , status_(FormFeedback::statusLabel(QStringLiteral("storeStatus")))
    , connectionResult_(FormFeedback::statusLabel(QStringLiteral("storeConnectionResult")))
    , health_(new StoreHealthPanel)
{
    table_->setObjectName(QStringLiteral("storeTable"));
    table_->setHorizontalHeaderLabels(
        {tr("Name"), tr("URL"), tr("Heartbeat"), tr("Last success"), tr("Last error")});
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &StoresPage::onSelectionChanged);

    auto *editor = new QWidget;
    auto *editorLayout = new QVBoxLayout(editor);
    editorLayout->addWidget(buildForm());
    editorLayout->addWidget(buildButtons());
    editorLayout->addWidget(connectionResult_);
    editorLayout->addWidget(health_, 1);

    splitter_->setObjectName(QStringLiteral("storesSplitter"));
    splitter_->addWidget(table_);
    splitter_->addWidget(editor);
    splitter_->setStretchFactor(0, 2);
    splitter_->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter_);
    startNew();
}

QWidget *StoresPage::buildForm()
{
    name_->setObjectName(QStringLiteral("storeName"));
    name_->setPlaceholderText(tr("shop"));
    url_->setObjectName(QStringLiteral("storeUrl"));
    url_->setPlaceholderText(tr("https://shop.example.com"));
    urlError_->setObjectName(QStringLiteral("storeUrlError"));
    urlError_->setStyleSheet(QStringLiteral("color: #b00020;"));
    apiKey_->setObjectName(QStringLiteral("storeApiKey"));
    apiKey_->setEchoMode(QLineEdit::Password);
    pageSize_->setObjectName(QStringLiteral("storePageSize"));
    pageSize_->setRange(1, 100);
    pageSize_->setToolTip(tr("Records per page of the store's API (per_page)"));
    timeout_->setObjectName(QStringLiteral("storeTimeout"));
    timeout_->setRange(0.5, 600);
    timeout_->setDecimals(1);
    timeout_->setSuffix(tr(" s"));
    connect(url_, &QLineEdit::textChanged, this, &StoresPage::onUrlEdited);

    auto *form = new QWidget;
    auto *layout = new QFormLayout(form);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addRow(tr("&Name:"), name_);
    layout->addRow(tr("&URL:"), url_);
    layout->addRow(QString(), urlError_);
    layout->addRow(tr("&API key:"), apiKey_);
    layout->addRow(tr("Collections:"), buildCollections());
    layout->addRow(tr("&Page size:"), pageSize_);
    layout->addRow(tr("&Timeout:"), timeout_);
    return form;
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

QWidget *StoresPage::buildButtons()
{
    auto *newButton = new QPushButton(tr("New"));
    newButton->setObjectName(QStringLiteral("newStore"));
    save_->setObjectName(QStringLiteral("saveStore"));
    save_->setDefault(true);
    test_->setObjectName(QStringLiteral("testStoreConnection"));
    test_->setToolTip(tr("One authenticated request to the store's API, as the poller makes"));
    poll_->setObjectName(QStringLiteral("pollStore"));
    poll_->setToolTip(tr("Poll every collection of the saved store once, now"));
    remove_->setObjectName(QStringLiteral("removeStore"));
    remove_->setToolTip(tr("Stop polling the store and forget it; the messages it produced are kept"));
    connect(newButton, &QPushButton::clicked, this, &StoresPage::startNew);
    connect(save_, &QPushButton::clicked, this, &StoresPage::save);
    connect(test_, &QPushButton::clicked, this, &StoresPage::testConnection);
    connect(poll_, &QPushButton::clicked, this, &StoresPage::pollNow);
    connect(remove_, &QPushButton::clicked, this, [this] { removeSelected(true); });
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QPushButton *button : {newButton, save_, test_, poll_, remove_})
        layout->addWidget(button);
    layout->addWidget(status_, 1);
    return row;
}

void StoresPage::refresh()
{
    auto overview = std::make_shared<Overview>();
    const QString selected = loadedName_;
    context_.worker->post(
        this,
        [overview, selected](const Database &db) {
            readOverview(db, selected, &overview->stores, &overview->described, &overview->history,
                         &overview->error);
        },
        [this, overview] {
            if (!overview->error.isEmpty())
                return showStatus(tr("Cannot read the stores: %1").arg(overview->error), true);
            showOverview(*overview);
        });
}

void StoresPage::showOverview(const Overview &overview)
{
    stores_ = overview.stores;
    described_ = overview.described;
    // Rebuilding the rows must not look like a person picking another store.
    const QScopedValueRollback<bool> rebuilding(rebuilding_, true);
    table_->setRowCount(int(described_.size()));
    QJsonObject selected;
    for (int row = 0; row < described_.size(); ++row) {
        const QJsonObject store = described_.at(row).toObject();
        const QStringList cells{store.value(QStringLiteral("name")).toString(),
                                store.value(QStringLiteral("url")).toString(),
                                store.value(QStringLiteral("heartbeat")).toString(),
                                StoreHealthPanel::localTime(store.value(QStringLiteral("last_success_at"))),
                                store.value(QStringLiteral("last_error")).toString()};
        for (int column = 0; column < ColumnCount; ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            item->setToolTip(cells.at(column));
            table_->setItem(row, column, item);
        }
        if (cells.first() == loadedName_)
            selected = store;
    }
    selectByName(loadedName_);
    health_->showHealth(selected, overview.history);
}

void StoresPage::selectByName(const QString &name)
{
    FormFeedback::selectRow(table_, FormFeedback::rowNamed(stores_, name));
}

void StoresPage::onSelectionChanged()
{
    if (rebuilding_)
        return;
    const int row = FormFeedback::selectedRow(table_, int(stores_.size()));
    if (row < 0)
        return;
    const Store &store = stores_.at(row);
    if (store.name == loadedName_)
        return;
    loadIntoForm(store);
    refresh(); // the selected store's heartbeat history
}

void StoresPage::loadIntoForm(const Store &store)
{
    loadedName_ = store.name;
    name_->setText(store.name);
    name_->setReadOnly(!store.name.isEmpty()); // the name is the store's key: "New" makes another one
    url_->setText(store.url.toString());
    apiKey_->clear();
    apiKey_->setPlaceholderText(store.hasApiKey ? tr("stored in keychain; type to replace")
                                                : tr("none; type one to store it in the keychain"));
    for (const QString &collection : Store::kCollections) {
        collectionPolled_.value(collection)->setChecked(store.collections.contains(collection));
        intervals_.value(collection)->setEnabled(store.collections.contains(collection));
        intervals_.value(collection)
            ->setValue(store.collections.value(collection, Store::defaultCollections().value(collection)));
    }
    pageSize_->setValue(store.pageSize);
    timeout_->setValue(store.timeoutSeconds);
    poll_->setEnabled(!store.name.isEmpty());
    remove_->setEnabled(!store.name.isEmpty());
    showStatus(QString(), false);
    FormFeedback::setStatusText(connectionResult_, QString(), false);
}

void StoresPage::startNew()
{
    table_->clearSelection();
    Store fresh;
    fresh.collections = Store::defaultCollections();
    loadIntoForm(fresh);
    apiKey_->setPlaceholderText(tr("the store's API key (an admin key, to read orders)"));
    health_->showHealth({}, {});
    name_->setFocus();
}

Store StoresPage::formStore() const
{
    Store store;
    store.name = name_->text().trimmed();
    store.url = QUrl(url_->text().trimmed(), QUrl::StrictMode);
    for (const QString &collection : Store::kCollections) {
        if (collectionPolled_.value(collection)->isChecked())
            store.collections.insert(collection, intervals_.value(collection)->value());
    }
    store.pageSize = pageSize_->value();
    store.timeoutSeconds = timeout_->value();
    return store;
}

bool StoresPage::validateForm(Store *store)
{
    *store = formStore();
    QString invalid;
    Store validated;
    if (Store::fromConfig(store->toConfig(), &validated, &invalid))
        return true;
    showStatus(invalid, true);
    return false;
}

void StoresPage::onUrlEdited()
{
    // Say what is wrong with the URL while it is typed, but not before anything is typed.
    const QString text = url_->text().trimmed();
    urlError_->setText(text.isEmpty() ? QString() : Endpoint::urlError(QUrl(text, QUrl::StrictMode)));
    urlError_->setVisible(!urlError_->text().isEmpty());
}

void StoresPage::save()
{
    auto saved = std::make_shared<Store>();
    if (!validateForm(saved.get()))
        return;
    const QString apiKey = apiKey_->text();
    auto error = std::make_shared<QString>();
    CredentialStore *credentials = context_.credentials;
    save_->setEnabled(false);
    showStatus(tr("Saving..."), false);
    context_.worker->post(
        this,
        [saved, apiKey, error, credentials](const Database &db) {
            ConfigEdits(db, *credentials).saveStore(saved.get(), apiKey, error.get());
        },
        [this, saved, error] { onSaved(*saved, *error); });
}

void StoresPage::onSaved(const Store &store, const QString &error)
{
    save_->setEnabled(true);
    if (!error.isEmpty())
        return showStatus(tr("Not saved: %1").arg(error), true);
    loadedName_ = store.name;
    name_->setReadOnly(true);
    apiKey_->clear();
    apiKey_->setPlaceholderText(store.hasApiKey ? tr("stored in keychain; type to replace")
                                                : tr("none; type one to store it in the keychain"));
    poll_->setEnabled(true);
    remove_->setEnabled(true);
    QString text = tr("Saved store %1").arg(store.name);
    if (!context_.credentials->available())
        text += QStringLiteral("; ") + context_.credentials->unavailableReason();
    showStatus(text, !context_.credentials->available());
    Q_EMIT statusMessage(text);
    refresh();
}

void StoresPage::testConnection()
{
    Store store;
    if (!validateForm(&store))
        return;
    showStatus(QString(), false);
    FormFeedback::setStatusText(connectionResult_, tr("Connecting to %1...").arg(store.url.toString()),
                                false);
    test_->setEnabled(false);
    auto result = std::make_shared<StoreConnectionCheck::Result>();
    BackgroundWorker *worker = context_.worker;
    CredentialStore *credentials = context_.credentials;
    // The answer comes back through the worker (which outlives every page); this guard, made and read
    // on this thread, drops it if the page is gone by then.
    const QPointer<StoresPage> self(this);
    const auto done = [self, result] {
        if (!self)
            return;
        self->test_->setEnabled(true);
        FormFeedback::setStatusText(self->connectionResult_, result->summary, !result->ok);
    };
    const QString typedKey = apiKey_->text();
    worker->post(this, [worker, credentials, store, typedKey, result, done](const Database &db) {
        QString apiKey = typedKey;
        if (!StoreConnectionCheck::loadApiKey(db, *credentials, store.name, &apiKey, &result->summary))
            return worker->finishLater(worker, done);
        StoreConnectionCheck::start(worker->network(), store, apiKey,
                                    [worker, result, done](const StoreConnectionCheck::Result &answer) {
                                        *result = answer;
                                        worker->finishLater(worker, done);
                                    });
    });
}

void StoresPage::pollNow()
{
    if (loadedName_.isEmpty())
        return showStatus(tr("Save the store first"), true);
    if (!context_.engine->runsEngine())
        return showStatus(
            tr("The engine runs in another process: poll there with `integrator poll %1`").arg(loadedName_),
            true);
    context_.engine->pollNow(loadedName_);
    showStatus(tr("Polling %1 now; the results appear below").arg(loadedName_), false);
}

void StoresPage::removeSelected(bool confirm)
{
    const QString name = loadedName_;
    if (name.isEmpty())
        return;
    if (confirm &&
        QMessageBox::question(this, tr("Remove store"),
                              tr("Remove the store %1? It is no longer polled, its API key and push token "
                                 "leave the keychain, and its bookmarks and heartbeat history are deleted: "
                                 "added again, it is polled from the start. The messages it produced are "
                                 "kept.")
                                  .arg(name)) != QMessageBox::Yes)
        return;
    auto error = std::make_shared<QString>();
    auto warning = std::make_shared<QString>();
    CredentialStore *credentials = context_.credentials;
    remove_->setEnabled(false);
    showStatus(tr("Removing..."), false);
    context_.worker->post(
        this,
        [name, error, warning, credentials](const Database &db) {
            ConfigEdits(db, *credentials).removeStore(name, error.get(), warning.get());
        },
        [this, name, error, warning] { onRemoved(name, *error, *warning); });
}

void StoresPage::onRemoved(const QString &name, const QString &error, const QString &warning)
{
    if (!error.isEmpty()) {
        remove_->setEnabled(loadedName_ == name);
        return showStatus(tr("Not removed: %1").arg(error), true);
    }
    if (loadedName_ == name)
        startNew();
    QString text = tr("Removed store %1").arg(name);
    if (!warning.isEmpty())
        text += QStringLiteral("; ") + warning;
    showStatus(text, !warning.isEmpty());
    Q_EMIT statusMessage(text);
    refresh();
}

void StoresPage::showStatus(const QString &text, bool error)
{
    FormFeedback::setStatusText(status_, text, error);
}

void StoresPage::saveState(QSettings &settings) const
{
    settings.setValue(QStringLiteral("splitter"), splitter_->saveState());
    settings.setValue(QStringLiteral("columns"), table_->horizontalHeader()->saveState());
    health_->saveState(settings);
}

void StoresPage::restoreState(const QSettings &settings)
{
    splitter_->restoreState(settings.value(QStringLiteral("splitter")).toByteArray());
    table_->horizontalHeader()->restoreState(settings.value(QStringLiteral("columns")).toByteArray());
    health_->restoreState(settings);
}
