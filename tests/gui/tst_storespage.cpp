// The stores view driven like a person, against the loopback Spree API: a store is added with its key
// stored sealed only, "Test connection" says OK or why not in one line, "Poll now" polls, and the
// heartbeat history and the collections' last errors show what the database holds.
#include "BackgroundWorker.h"
#include "ControlPanel.h"
#include "engine/Engine.h"
#include "EngineHost.h"
#include "MainWindow.h"
#include "pages/ConfigFormPage.h"
#include "PanelStart.h"
#include "secrets/CredentialStore.h"
#include "SpreeStoreServer.h"
#include "storage/Database.h"
#include "storage/StoreHeartbeatLog.h"
#include "storage/StoreRepository.h"
#include "TableClicks.h"
#include "TestDatabase.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDirIterator>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStyle>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

namespace {

// The table is rebuilt whenever the engine reports activity, so a cell polled by QTRY_* may be
// momentarily missing: read it as empty rather than through a null item.
QString cellText(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text() : QString();
}

QByteArray databaseBytes(const TestDatabase &database)
{
    QByteArray bytes;
    QDirIterator files(QFileInfo(database.path(QStringLiteral("integrator.sqlite"))).absolutePath(),
                       QDir::Files);
    while (files.hasNext()) {
        QFile file(files.next());
        if (file.open(QIODevice::ReadOnly))
            bytes += file.readAll();
    }
    return bytes;
}

} // namespace

class TestStoresPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();
    void addsStoreWithApiKeySealedOnly();
    void webhookSecretIsSealedAndKeptWhenLeftEmpty();
    void urlWithCredentialsIsRefused();
    void testConnectionSaysOk();
    void platformStoreSealsItsClientSecretAndTestsThroughOAuth();
    void testConnectionSaysWhyNot();
    void pollNowPollsTheSavedStore();
    void showsHeartbeatHistoryAndCollectionErrors();
    void removeTakesTheStoreItsSecretsAndItsPollingState();
    void aSaveAnsweredAfterNewLeavesTheNewStoreInTheForm();
    void heartbeatsShownAreOnlyThoseOfThePickedStore();
    void aConnectionTestAnsweredAfterAnotherPickIsNotShown();

private:
    void openPanel();
    template<typename T> T *child(const QString &name) const
    {
        T *found = page_->findChild<T *>(name);
        if (!found)
            qFatal("no %s in the stores page", qPrintable(name));
        return found;
    }
    template<typename T> T *child(const char *name) const { return child<T>(QString::fromLatin1(name)); }
    void fill(const QString &name, const QUrl &url, const QString &apiKey);
    void clickAndWaitFor(const char *button, const char *label, const QString &prefix);
    QList<Store> savedStores();
    Store saveDirectly(const QString &name);
    void pickRow(const QString &name);
    void holdTheDatabaseWithAnotherEngine();
    void answerNextMessageBox(QMessageBox::StandardButton button);

    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<CredentialStore> otherCredentials_;
    std::unique_ptr<Engine> otherEngine_; // holds the database so that the panel's engine does not run
    std::unique_ptr<ControlPanel> panel_;
    std::unique_ptr<Database> db_; // the test's own connection
    std::unique_ptr<SpreeStoreServer> store_;
    Page *page_ = nullptr;
    QPointer<QTimer> boxWatch_;
    QString boxText_; // the last message box answered
};

void TestStoresPage::init()
{
    database_ = std::make_unique<TestDatabase>();
    QVERIFY2(database_->isValid(), qPrintable(database_->error()));
    db_ = std::make_unique<Database>(database_->location(), QStringLiteral("test"));
    QString error;
    QVERIFY2(db_->open(&error), qPrintable(error));
    store_ = std::make_unique<SpreeStoreServer>();
    QVERIFY(store_->listen());
    store_->seed(5, 2, 2);
}

void TestStoresPage::openPanel()
{
    panel_ = std::make_unique<ControlPanel>(database_->location());
    QString error;
    QVERIFY2(startAndWaitUntilOpen(*panel_, &error), qPrintable(error));
    MainWindow *window = panel_->window();
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    // The first-run check (which picks the welcome or the dashboard page) has answered.
    QTRY_COMPARE(panel_->context().worker->pendingJobs(), 0);
    window->showPage(QStringLiteral("stores"));
    page_ = window->currentPage();
    QCOMPARE(page_->objectName(), QStringLiteral("stores"));
}

void TestStoresPage::cleanup()
{
    if (panel_)
        QTRY_COMPARE(panel_->context().worker->pendingJobs(), 0);
    delete boxWatch_;
    page_ = nullptr;
    panel_.reset();
    if (otherEngine_)
        otherEngine_->stop();
    otherEngine_.reset();
    otherCredentials_.reset();
    db_.reset();
    store_.reset();
    database_.reset();
}

void TestStoresPage::fill(const QString &name, const QUrl &url, const QString &apiKey)
{
    QTest::keyClicks(child<QLineEdit>("storeName"), name);
    QTest::keyClicks(child<QLineEdit>("storeUrl"), url.toString());
    QTest::keyClicks(child<QLineEdit>("storeApiKey"), apiKey);
}

void TestStoresPage::clickAndWaitFor(const char *button, const char *label, const QString &prefix)
{
    auto *result = child<QLabel>(label);
    result->clear();
    QTest::mouseClick(child<QPushButton>(button), Qt::LeftButton);
    QTRY_VERIFY2(result->text().startsWith(prefix), qPrintable(result->text()));
}

// A store of the loopback Spree API, without a key, saved through the test's own connection.
Store TestStoresPage::saveDirectly(const QString &name)
{
    Store store;
    store.name = name;
    store.url = store_->url();
    store.collections = {{QStringLiteral("orders"), 300}};
    QString error;
    if (!StoreRepository(*db_).saveStore(&store, &error))
        qFatal("%s", qPrintable(error));
    return store;
}

// Clicks the store's row in the table, as a person picks it.
void TestStoresPage::pickRow(const QString &name)
{
    QVERIFY2(clickRowReading(child<QTableWidget>("storeTable"), name), qPrintable(name));
    QCOMPARE(child<QLineEdit>("storeName")->text(), name);
}

// An engine of the test's own holds the database, without polling, so that the panel's engine does not
// run and nothing but the test writes heartbeats.
void TestStoresPage::holdTheDatabaseWithAnotherEngine()
{
    otherCredentials_ = std::make_unique<CredentialStore>();
    otherEngine_ = std::make_unique<Engine>(database_->location(), otherCredentials_.get());
    QString error;
    QVERIFY2(otherEngine_->start(&error, Engine::Polling::Off), qPrintable(error));
}

// QMessageBox::question runs its own event loop: answer the box from there as soon as it shows.
void TestStoresPage::answerNextMessageBox(QMessageBox::StandardButton button)
{
    delete boxWatch_;
    boxWatch_ = new QTimer(this);
    boxWatch_->setInterval(10);
    connect(boxWatch_, &QTimer::timeout, this, [this, button] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || !box->isVisible())
            return;
        boxWatch_->stop();
        boxWatch_->deleteLater();
        boxText_ = box->text();
        box->button(button)->click();
    });
    boxWatch_->start();
}

QList<Store> TestStoresPage::savedStores()
{
    QList<Store> stores;
    QString error;
    if (!StoreRepository(*db_).loadStores(&stores, &error))
        qFatal("%s", qPrintable(error));
    return stores;
}

void TestStoresPage::addsStoreWithApiKeySealedOnly()
{
    openPanel();
    QCOMPARE(child<QLineEdit>("storeApiKey")->echoMode(), QLineEdit::Password);
    fill(QStringLiteral("shop"), store_->url(), store_->apiKey());
    // Poll users every minute and products not at all; 20 records a page.
    auto *users = child<QSpinBox>("storeInterval:users");
    users->selectAll();
    QTest::keyClicks(users, QStringLiteral("60"));
    auto *products = child<QCheckBox>("storeCollection:products");
    QTest::mouseClick(
        products, Qt::LeftButton, {},
        QPoint(products->style()->pixelMetric(QStyle::PM_IndicatorWidth) / 2 + 1, products->height() / 2));
    QVERIFY(!products->isChecked());
    QVERIFY(!child<QSpinBox>("storeInterval:products")->isEnabled());
    auto *pageSize = child<QSpinBox>("storePageSize");
    pageSize->selectAll();
    QTest::keyClicks(pageSize, QStringLiteral("20"));
    clickAndWaitFor("saveStore", "storeStatus", QStringLiteral("Saved store shop"));

    const QList<Store> stores = savedStores();
    QCOMPARE(stores.size(), 1);
    QCOMPARE(stores.first().url, store_->url());
    QVERIFY(stores.first().hasApiKey);
    QCOMPARE(stores.first().pageSize, 20);
    QCOMPARE(stores.first().collections, (QMap<QString, int>{{QStringLiteral("orders"), 300},
                                                             {QStringLiteral("users"), 60},
                                                             {QStringLiteral("shipments"), 300}}));
    QString error;
    QCOMPARE(panel_->context().credentials->read(*db_, Store::apiKeyKeyFor(QStringLiteral("shop")), &error),
             std::optional<QString>(store_->apiKey()));
    QVERIFY(!databaseBytes(*database_).contains(store_->apiKey().toUtf8()));
    QVERIFY(child<QLineEdit>("storeApiKey")->text().isEmpty());
    auto *table = child<QTableWidget>("storeTable");
    QTRY_COMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("shop"));
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("unknown"));
}

void TestStoresPage::webhookSecretIsSealedAndKeptWhenLeftEmpty()
{
    const QString secret = QStringLiteral("spree_webhook_secret_from_the_form_1234");
    openPanel();
    auto *field = child<QLineEdit>("storeWebhookSecret");
    QCOMPARE(field->echoMode(), QLineEdit::Password);
    fill(QStringLiteral("shop"), store_->url(), store_->apiKey());
    QTest::keyClicks(field, secret);
    clickAndWaitFor("saveStore", "storeStatus", QStringLiteral("Saved store shop"));
    QVERIFY(savedStores().first().hasWebhookSecret);
    QString error;
    QCOMPARE(
        panel_->context().credentials->read(*db_, Store::webhookSecretKeyFor(QStringLiteral("shop")), &error),
        std::optional<QString>(secret));
    QVERIFY(!databaseBytes(*database_).contains(secret.toUtf8()));
    QVERIFY(field->text().isEmpty());
    QCOMPARE(field->placeholderText(), QStringLiteral("stored sealed; type to replace"));

    // Saving again with the field empty keeps the sealed secret.
    auto *pageSize = child<QSpinBox>("storePageSize");
    pageSize->selectAll();
    QTest::keyClicks(pageSize, QStringLiteral("30"));
    clickAndWaitFor("saveStore", "storeStatus", QStringLiteral("Saved store shop"));
    QCOMPARE(savedStores().first().pageSize, 30);
    QVERIFY(savedStores().first().hasWebhookSecret);
    QCOMPARE(
        panel_->context().credentials->read(*db_, Store::webhookSecretKeyFor(QStringLiteral("shop")), &error),
        std::optional<QString>(secret));
}

// A password in the URL would be stored and printed: the form says to use the API key, and saves nothing.
void TestStoresPage::urlWithCredentialsIsRefused()
{
    openPanel();
    QUrl url = store_->url();
    url.setUserInfo(QStringLiteral("ada:s3cret"));
    fill(QStringLiteral("shop"), url, store_->apiKey());
    auto *urlError = child<QLabel>("storeUrlError");
    QVERIFY2(urlError->text().contains(QStringLiteral("must not hold a user name or password")),
             qPrintable(urlError->text()));
    QVERIFY2(urlError->text().contains(QStringLiteral("\"api_key\"")), qPrintable(urlError->text()));
    QVERIFY(!urlError->text().contains(QStringLiteral("s3cret")));
    clickAndWaitFor("saveStore", "storeStatus", QStringLiteral("Not saved: "));
    auto *status = child<QLabel>("storeStatus");
    QVERIFY(!status->text().contains(QStringLiteral("s3cret")));
    QVERIFY(!status->text().contains(QLatin1Char('\n')));
    QTRY_COMPARE(panel_->context().worker->pendingJobs(), 0);
    QVERIFY(savedStores().isEmpty());
}

void TestStoresPage::testConnectionSaysOk()
{
    openPanel();
    // Before saving: the typed key is used.
    fill(QStringLiteral("shop"), store_->url(), store_->apiKey());
    clickAndWaitFor("testStoreConnection", "storeConnectionResult",
                    QStringLiteral("OK: 5 orders in the store"));
    // After saving the key field is empty: the key comes from its sealed copy.
    clickAndWaitFor("saveStore", "storeStatus", QStringLiteral("Saved store shop"));
    QVERIFY(child<QLineEdit>("storeApiKey")->text().isEmpty());
    const int before = store_->requestCount();
    clickAndWaitFor("testStoreConnection", "storeConnectionResult",
                    QStringLiteral("OK: 5 orders in the store"));
    QCOMPARE(store_->requestCount(), before + 1);
    QCOMPARE(store_->requestedUrls().last().path(), QStringLiteral("/api/orders"));
}

void TestStoresPage::platformStoreSealsItsClientSecretAndTestsThroughOAuth()
{
    openPanel();
    QTest::keyClicks(child<QLineEdit>("storeName"), QStringLiteral("shop"));
    QTest::keyClicks(child<QLineEdit>("storeUrl"), store_->url().toString());
    auto *api = child<QComboBox>("storeApi");
    QVERIFY(!child<QLineEdit>("storeClientSecret")->isEnabled()); // API v1 takes no OAuth client
    api->setCurrentIndex(api->findData(Store::kApiPlatformV2));
    QVERIFY(!child<QLineEdit>("storeApiKey")->isEnabled());
    QCOMPARE(child<QLineEdit>("storeClientSecret")->echoMode(), QLineEdit::Password);
    QTest::keyClicks(child<QLineEdit>("storeClientId"), store_->clientId());
    QTest::keyClicks(child<QLineEdit>("storeClientSecret"), store_->clientSecret());
    clickAndWaitFor("testStoreConnection", "storeConnectionResult",
                    QStringLiteral("OK: speaks the Platform API v2 (OAuth ok), 5 orders visible"));
    clickAndWaitFor("saveStore", "storeStatus", QStringLiteral("Saved store shop"));
    QVERIFY(child<QLineEdit>("storeClientSecret")->text().isEmpty());
    const QList<Store> stores = savedStores();
    QCOMPARE(stores.size(), 1);
    QCOMPARE(stores.first().api, Store::kApiPlatformV2);
    QCOMPARE(stores.first().clientId, store_->clientId());
    QVERIFY(stores.first().hasClientSecret);
    QString error;
    QCOMPARE(
        panel_->context().credentials->read(*db_, Store::clientSecretKeyFor(QStringLiteral("shop")), &error),
        std::optional<QString>(store_->clientSecret()));
    QVERIFY(!databaseBytes(*database_).contains(store_->clientSecret().toUtf8()));
    // Saved, the secret comes from its sealed copy.
    clickAndWaitFor("testStoreConnection", "storeConnectionResult",
                    QStringLiteral("OK: speaks the Platform API v2 (OAuth ok), 5 orders visible"));
}

void TestStoresPage::testConnectionSaysWhyNot()
{
    openPanel();
    fill(QStringLiteral("shop"), store_->url(), QStringLiteral("not-the-key"));
    clickAndWaitFor("testStoreConnection", "storeConnectionResult",
                    QStringLiteral("the store refused the API key (HTTP 401)"));
    auto *result = child<QLabel>("storeConnectionResult");
    QVERIFY(!result->text().contains(QLatin1Char('\n')));

    store_->close();
    clickAndWaitFor("testStoreConnection", "storeConnectionResult", QStringLiteral("connection refused"));
    QVERIFY(!result->text().contains(QLatin1Char('\n')));
    QVERIFY(child<QPushButton>("testStoreConnection")->isEnabled());
}

void TestStoresPage::pollNowPollsTheSavedStore()
{
    openPanel();
    QVERIFY(panel_->context().engine->runsEngine());
    fill(QStringLiteral("shop"), store_->url(), store_->apiKey());
    clickAndWaitFor("saveStore", "storeStatus", QStringLiteral("Saved store shop"));
    QCOMPARE(store_->requestCount(), 0);
    QTest::mouseClick(child<QPushButton>("pollStore"), Qt::LeftButton);
    QTRY_VERIFY(store_->requestCount() > 0);
    // The engine's activity refreshes the view: the poll made the store's heartbeat "up".
    auto *table = child<QTableWidget>("storeTable");
    QTRY_COMPARE(cellText(table, 0, 2), QStringLiteral("up"));
    QTRY_VERIFY2(child<QLabel>("storeHealth")->text().startsWith(QStringLiteral("Heartbeat: up")),
                 qPrintable(child<QLabel>("storeHealth")->text()));
}

void TestStoresPage::showsHeartbeatHistoryAndCollectionErrors()
{
    // An engine of the test's own holds the database, without polling, so nothing but the seed
    // below writes heartbeats.
    otherCredentials_ = std::make_unique<CredentialStore>();
    otherEngine_ = std::make_unique<Engine>(database_->location(), otherCredentials_.get());
    QString error;
    QVERIFY2(otherEngine_->start(&error, Engine::Polling::Off), qPrintable(error));
    StoreRepository repository(*db_);
    Store shop;
    shop.name = QStringLiteral("shop");
    shop.url = store_->url();
    shop.collections = {{QStringLiteral("orders"), 300}, {QStringLiteral("users"), 300}};
    QVERIFY2(repository.saveStore(&shop, &error), qPrintable(error));
    StoreHealth health;
    health.state = QStringLiteral("degraded");
    health.lastError = QStringLiteral("HTTP 502 reading orders page 1");
    QVERIFY(repository.saveHealth(shop.id, health, true, &error));
    health.state = QStringLiteral("down");
    health.consecutiveFailures = 3;
    health.lastError = QStringLiteral("connection refused by http://127.0.0.1:1: is the endpoint running?");
    QVERIFY(repository.saveHealth(shop.id, health, true, &error));
    QVERIFY(repository.noteCollectionPoll(shop.id, QStringLiteral("orders"), health.lastError, &error));
    QVERIFY(repository.noteCollectionPoll(shop.id, QStringLiteral("users"), QString(), &error));

    openPanel();
    QVERIFY(!panel_->context().engine->runsEngine());
    auto *table = child<QTableWidget>("storeTable");
    QTRY_COMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("down"));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      table->visualItemRect(table->item(0, 0)).center());
    QCOMPARE(child<QLineEdit>("storeName")->text(), QStringLiteral("shop"));

    auto *heartbeats = child<QTableWidget>("storeHeartbeats");
    QTRY_COMPARE(heartbeats->rowCount(), 2);
    QCOMPARE(heartbeats->item(0, 0)->text(), QStringLiteral("down"));
    QCOMPARE(heartbeats->item(0, 2)->text(), health.lastError);
    QCOMPARE(heartbeats->item(1, 0)->text(), QStringLiteral("degraded"));
    QCOMPARE(heartbeats->item(1, 2)->text(), QStringLiteral("HTTP 502 reading orders page 1"));
    auto *collections = child<QTableWidget>("storeCollections");
    QCOMPARE(collections->rowCount(), 2);
    QCOMPARE(collections->item(0, 0)->text(), QStringLiteral("orders"));
    QCOMPARE(collections->item(0, 4)->text(), health.lastError);
    QCOMPARE(collections->item(1, 0)->text(), QStringLiteral("users"));
    QVERIFY(collections->item(1, 4)->text().isEmpty());
    QVERIFY(!collections->item(1, 3)->text().isEmpty()); // its last success
    const QString summary = child<QLabel>("storeHealth")->text();
    QVERIFY2(summary.startsWith(QStringLiteral("Heartbeat: down")) &&
                 summary.contains(QStringLiteral("3 failed poll(s) in a row")),
             qPrintable(summary));

    // "Poll now" without an engine in this process says where to poll instead.
    QTest::mouseClick(child<QPushButton>("pollStore"), Qt::LeftButton);
    QVERIFY2(child<QLabel>("storeStatus")->text().contains(QStringLiteral("integrator poll shop")),
             qPrintable(child<QLabel>("storeStatus")->text()));
}

void TestStoresPage::removeTakesTheStoreItsSecretsAndItsPollingState()
{
    openPanel();
    QVERIFY(panel_->context().engine->runsEngine());
    auto *remove = child<QPushButton>("removeStore");
    QVERIFY(!remove->isEnabled()); // nothing saved is shown yet
    fill(QStringLiteral("shop"), store_->url(), store_->apiKey());
    clickAndWaitFor("saveStore", "storeStatus", QStringLiteral("Saved store shop"));
    QVERIFY(remove->isEnabled());
    QTest::mouseClick(child<QPushButton>("pollStore"), Qt::LeftButton);
    auto *table = child<QTableWidget>("storeTable");
    QTRY_COMPARE(cellText(table, 0, 2), QStringLiteral("up"));
    const qint64 id = savedStores().first().id;
    Bookmark bookmark;
    QString error;
    QVERIFY(StoreRepository(*db_).bookmark(id, QStringLiteral("orders"), &bookmark, &error));
    QVERIFY(bookmark.isSet());
    QList<HeartbeatChange> history;
    QVERIFY(StoreHeartbeatLog(*db_).recent(id, 10, &history, &error));
    QVERIFY(!history.isEmpty());

    // Asked first; the answer "No" leaves everything as it was.
    answerNextMessageBox(QMessageBox::No);
    QTest::mouseClick(remove, Qt::LeftButton);
    QVERIFY2(boxText_.contains(QStringLiteral("Remove the store shop?")), qPrintable(boxText_));
    QCOMPARE(savedStores().size(), 1);

    answerNextMessageBox(QMessageBox::Yes);
    QTest::mouseClick(remove, Qt::LeftButton);
    auto *status = child<QLabel>("storeStatus");
    QTRY_COMPARE(status->text(), QStringLiteral("Removed store shop"));
    QVERIFY(savedStores().isEmpty());
    QVERIFY(!panel_->context().credentials->read(*db_, Store::apiKeyKeyFor(QStringLiteral("shop")), &error));
    QTRY_COMPARE(table->rowCount(), 0);
    QVERIFY(child<QLineEdit>("storeName")->text().isEmpty());
    QVERIFY(!remove->isEnabled());
    QVERIFY(!child<QPushButton>("pollStore")->isEnabled());
    // Its polling state went with it.
    QVERIFY(StoreRepository(*db_).bookmark(id, QStringLiteral("orders"), &bookmark, &error));
    QVERIFY(!bookmark.isSet());
    history.clear();
    QVERIFY(StoreHeartbeatLog(*db_).recent(id, 10, &history, &error));
    QVERIFY(history.isEmpty());
}

// The person saves a new store and at once starts the next one: the save's answer comes back while the
// form is a new one again, which it must leave alone (it once made the name being typed read-only and
// enabled Remove and Poll now, for the store saved before).
void TestStoresPage::aSaveAnsweredAfterNewLeavesTheNewStoreInTheForm()
{
    openPanel();
    fill(QStringLiteral("shop"), store_->url(), store_->apiKey());
    auto *status = child<QLabel>("storeStatus");
    QTest::mouseClick(child<QPushButton>("saveStore"), Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>("newStore"), Qt::LeftButton); // before the write's answer
    auto *name = child<QLineEdit>("storeName");
    QTest::keyClicks(name, QStringLiteral("outlet"));
    QTRY_COMPARE(status->text(), QStringLiteral("Saved store shop"));
    QTRY_COMPARE(panel_->context().worker->pendingJobs(), 0); // and the read the save asked for

    QCOMPARE(savedStores().size(), 1);
    QCOMPARE(name->text(), QStringLiteral("outlet"));
    QVERIFY(!name->isReadOnly());
    QVERIFY(!child<QPushButton>("removeStore")->isEnabled());
    QVERIFY(!child<QPushButton>("pollStore")->isEnabled());
    auto *table = child<QTableWidget>("storeTable");
    QCOMPARE(table->rowCount(), 1);
    QVERIFY(table->selectionModel()->selectedRows().isEmpty());
}

// A read posted while one store was picked comes back after the person picked another one, or New: the
// health panel never shows the first store's heartbeat history under the form of another.
void TestStoresPage::heartbeatsShownAreOnlyThoseOfThePickedStore()
{
    holdTheDatabaseWithAnotherEngine();
    StoreRepository repository(*db_);
    QString error;
    const Store shop = saveDirectly(QStringLiteral("shop"));
    const Store outlet = saveDirectly(QStringLiteral("outlet"));
    StoreHealth health;
    health.state = QStringLiteral("degraded");
    QVERIFY2(repository.saveHealth(shop.id, health, true, &error), qPrintable(error));
    health.state = QStringLiteral("down");
    QVERIFY2(repository.saveHealth(shop.id, health, true, &error), qPrintable(error));
    health.state = QStringLiteral("up");
    QVERIFY2(repository.saveHealth(outlet.id, health, true, &error), qPrintable(error));

    openPanel();
    auto *page = qobject_cast<ConfigFormPage *>(page_);
    QVERIFY(page);
    QTRY_COMPARE(child<QTableWidget>("storeTable")->rowCount(), 2);
    auto *heartbeats = child<QTableWidget>("storeHeartbeats");
    pickRow(shop.name);
    QTRY_COMPARE(heartbeats->rowCount(), 2);
    QTRY_COMPARE(panel_->context().worker->pendingJobs(), 0);

    // What the panel shows as each read is shown: two answers may be shown in one turn of the event loop.
    QList<QStringList> shownAtEachRead;
    const QObject watch;
    connect(page, &ConfigFormPage::refreshed, &watch, [&shownAtEachRead, heartbeats] {
        QStringList states;
        for (int row = 0; row < heartbeats->rowCount(); ++row)
            states << heartbeats->item(row, 0)->text();
        shownAtEachRead << states;
    });
    page->refresh(); // reads shop's history: the worker answers after the click below
    pickRow(outlet.name);
    QTRY_VERIFY(shownAtEachRead.size() >= 2);       // and the read the pick asked for
    QCOMPARE(shownAtEachRead.at(0), QStringList()); // shop's history is not outlet's
    QCOMPARE(shownAtEachRead.at(1), QStringList{QStringLiteral("up")});

    QTRY_COMPARE(panel_->context().worker->pendingJobs(), 0);
    shownAtEachRead.clear();
    page->refresh(); // reads outlet's history
    QTest::mouseClick(child<QPushButton>("newStore"), Qt::LeftButton);
    QTRY_VERIFY(!shownAtEachRead.isEmpty());
    QCOMPARE(shownAtEachRead.at(0), QStringList());
    QVERIFY(child<QLabel>("storeHealth")->text().isEmpty());
}

// "Test connection" answers after the person picked another store: the answer is not shown as that
// store's.
void TestStoresPage::aConnectionTestAnsweredAfterAnotherPickIsNotShown()
{
    holdTheDatabaseWithAnotherEngine(); // so that the only request to the store is the test's
    saveDirectly(QStringLiteral("shop"));
    saveDirectly(QStringLiteral("outlet"));
    openPanel();
    QTRY_COMPARE(child<QTableWidget>("storeTable")->rowCount(), 2);
    pickRow(QStringLiteral("shop"));
    QTest::keyClicks(child<QLineEdit>("storeApiKey"), store_->apiKey());
    const int before = store_->requestCount();
    auto *test = child<QPushButton>("testStoreConnection");
    QTest::mouseClick(test, Qt::LeftButton);
    pickRow(QStringLiteral("outlet")); // before the answer can come back: it needs this thread's event loop
    QTRY_VERIFY(test->isEnabled());
    QCOMPARE(store_->requestCount(), before + 1);
    QCOMPARE(child<QLabel>("storeConnectionResult")->text(), QString());
}

QTEST_MAIN(TestStoresPage)
#include "tst_storespage.moc"
