// Takes a screenshot of each main view of the control panel, with the demo running so there is
// something to see, and of the mapping canvas with a store's worth of endpoints and mappings:
// `tools/take-screenshots.sh` runs it under Xvfb with a real X11 window.
#include "BackgroundWorker.h"
#include "ControlPanel.h"
#include "DemoSetup.h"
#include "dialogs/SecretsDialog.h"
#include "MainWindow.h"
#include "MappingFormat.h"
#include "models/MessageTableModel.h"
#include "pages/MappingsPage.h"
#include "pages/MessagesPage.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "Translations.h"
#include "widgets/MappingCanvas.h"

#include <QApplication>
#include <QDir>
#include <QHash>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
#include <QSplitter>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QWindow>

#include <memory>

#include <cstdio>

namespace {

void waitFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

// The window comes at once; the screenshots need what the database holds, so this waits for it to open.
bool startPanel(ControlPanel &panel, QString *error)
{
    panel.start();
    BackgroundWorker *worker = panel.context().worker;
    if (worker->state() == BackgroundWorker::State::Opening) {
        QEventLoop loop;
        QObject::connect(worker, &BackgroundWorker::opened, &loop, &QEventLoop::quit);
        loop.exec();
    }
    *error = worker->openError();
    return worker->state() == BackgroundWorker::State::Open;
}

bool grab(QWidget *window, const QString &path)
{
    const QPixmap shot = window->screen()->grabWindow(window->winId());
    if (shot.isNull() || !shot.save(path)) {
        std::fprintf(stderr, "take-screenshots: cannot write %s\n", qUtf8Printable(path));
        return false;
    }
    std::printf("%s\n", qUtf8Printable(path));
    return true;
}

bool capture(MainWindow *window, const QString &page, const QString &path)
{
    window->showPage(page);
    waitFor(1500); // the view asks the worker for fresh data, then paints
    return grab(window, path);
}

// Settings → Secrets over the running demo: the key's origin and id, the database's key id and count.
// Only ids show; the key itself is behind Export key and its confirmation.
bool captureSecrets(MainWindow *window, const QString &path)
{
    window->showSecrets();
    SecretsDialog *dialog = window->secretsDialog();
    waitFor(1500); // the worker reads the database's side
    const bool ok = grab(dialog, path);
    dialog->close();
    return ok;
}

// A store's worth of services: 30 endpoints and 60 mappings, as (endpoint, path, types).
struct LargeStoreMapping
{
    const char *endpoint;
    const char *path;
    QStringList types;
};

QList<LargeStoreMapping> largeStoreMappings()
{
    const auto t = [](std::initializer_list<const char *> types) {
        QStringList list;
        for (const char *type : types)
            list << QString::fromLatin1(type);
        return list;
    };
    return {
        {"mailer", "/order_confirmation", t({"order:new"})},
        {"mailer", "/shipping_notice", t({"shipment:confirm"})},
        {"mailer", "/cancellation", t({"order:canceled"})},
        {"mailer", "/welcome", t({"customer:new"})},
        {"sms-gateway", "/order_sms", t({"order:new"})},
        {"sms-gateway", "/delivery_sms", t({"shipment:confirm"})},
        {"crm", "/customers", t({"customer:new", "customer:updated"})},
        {"crm", "/orders", t({"order:new", "order:updated"})},
        {"helpdesk", "/tickets", t({"notification:error"})},
        {"helpdesk", "/customers", t({"customer:updated"})},
        {"helpdesk", "/orders", t({"order:canceled"})},
        {"accounting", "/invoices", t({"order:new"})},
        {"accounting", "/refunds", t({"order:canceled"})},
        {"accounting", "/payments", t({"payment:captured"})},
        {"erp", "/sales_orders", t({"order:new", "order:updated"})},
        {"erp", "/products", t({"product:new", "product:updated"})},
        {"warehouse-east", "/pick", t({"shipment:ready"})},
        {"warehouse-east", "/cancel", t({"order:canceled"})},
        {"warehouse-west", "/pick", t({"shipment:ready"})},
        {"warehouse-west", "/cancel", t({"order:canceled"})},
        {"3pl-fulfilment", "/fulfil", t({"shipment:ready"})},
        {"3pl-fulfilment", "/returns", t({"return:authorized"})},
        {"shipping-labels", "/labels", t({"shipment:ready"})},
        {"shipping-labels", "/returns", t({"return:authorized"})},
        {"tax-service", "/commit", t({"order:new"})},
        {"tax-service", "/void", t({"order:canceled"})},
        {"fraud-check", "/screen", t({"order:new"})},
        {"fraud-check", "/customers", t({"customer:new"})},
        {"loyalty", "/points", t({"order:new"})},
        {"loyalty", "/members", t({"customer:new"})},
        {"reviews", "/invite", t({"shipment:confirm"})},
        {"reviews", "/products", t({"product:new"})},
        {"recommendations", "/products", t({"product:new", "product:updated"})},
        {"recommendations", "/purchases", t({"order:new"})},
        {"search-index", "/products", t({"product:new", "product:updated"})},
        {"search-index", "/stock", t({"inventory:changed"})},
        {"analytics", "/events", t({"order:new", "order:updated", "order:canceled", "customer:new"})},
        {"data-warehouse", "/orders", t({"order:new", "order:updated"})},
        {"data-warehouse", "/customers", t({"customer:new", "customer:updated"})},
        {"data-warehouse", "/products", t({"product:updated"})},
        {"marketing-automation", "/contacts", t({"customer:new", "customer:updated"})},
        {"marketing-automation", "/abandoned_carts", t({"order:updated"})},
        {"newsletter", "/subscribe", t({"customer:new"})},
        {"push-notifications", "/order_status", t({"order:updated", "shipment:confirm"})},
        {"inventory-sync", "/stock", t({"inventory:changed"})},
        {"inventory-sync", "/products", t({"product:new"})},
        {"marketplace-amazon", "/listings", t({"product:updated", "inventory:changed"})},
        {"marketplace-amazon", "/orders", t({"order:updated"})},
        {"marketplace-ebay", "/listings", t({"product:updated", "inventory:changed"})},
        {"marketplace-ebay", "/orders", t({"order:updated"})},
        {"pos-sync", "/stock", t({"inventory:changed"})},
        {"pos-sync", "/products", t({"product:updated"})},
        {"gift-cards", "/issue", t({"order:new"})},
        {"subscriptions", "/renewals", t({"order:new"})},
        {"subscriptions", "/payments", t({"payment:failed"})},
        {"returns-portal", "/returns", t({"return:authorized"})},
        {"returns-portal", "/refunds", t({"order:canceled"})},
        {"invoice-printer", "/print", t({"order:new"})},
        {"slack-alerts", "/errors", t({"notification:error"})},
        {"slack-alerts", "/warnings", t({"notification:warn"})},
    };
}

// Writes the large store into a fresh database; its endpoints are never called (no messages flow).
bool seedLargeStore(const DatabaseLocation &location, QString *error)
{
    Database db(location, QStringLiteral("screenshots-seed"));
    WriteTransaction transaction(db);
    if (!db.open(error) || !transaction.begin(error))
        return false;
    const ConfigRepository repository(db);
    QHash<QString, qint64> endpointIds;
    QStringList names;
    for (const LargeStoreMapping &row : largeStoreMappings()) {
        const QString endpoint = QString::fromLatin1(row.endpoint);
        if (!endpointIds.contains(endpoint)) {
            Endpoint saved;
            saved.name = endpoint;
            saved.url = QUrl(QStringLiteral("https://%1.shop.example").arg(endpoint));
            if (!repository.saveEndpoint(&saved, error))
                return false;
            endpointIds.insert(endpoint, saved.id);
        }
        Mapping mapping;
        mapping.endpointId = endpointIds.value(endpoint);
        mapping.endpoint = endpoint;
        mapping.path = QString::fromLatin1(row.path);
        mapping.messages = row.types;
        mapping.name = MappingFormat::suggestedName(row.types.first(), {endpoint, mapping.path}, names);
        names << mapping.name;
        if (!repository.saveMapping(&mapping, error))
            return false;
    }
    return transaction.commit(error);
}

// The mapping canvas of the large store: whole (collapsed and fitted), filtered to one type, and with
// one type selected.
bool captureLargeStore(const QDir &out, const DatabaseLocation &location)
{
    QString error;
    ControlPanel panel(location);
    if (!seedLargeStore(location, &error) || !startPanel(panel, &error)) {
        std::fprintf(stderr, "take-screenshots: %s\n", qUtf8Printable(error));
        return false;
    }
    MainWindow *window = panel.window();
    window->resize(1600, 1200); // as tall as the screen: the whole store fits at a readable size
    window->show();
    waitFor(1500); // the window opens on the dashboard first (the database is not empty)
    window->showPage(QStringLiteral("mappings"));
    auto *page = static_cast<MappingsPage *>(window->page(QStringLiteral("mappings")));
    page->findChild<QSplitter *>(QStringLiteral("mappingSplitter"))->setSizes({1150, 450});
    waitFor(1500);
    MappingCanvas *canvas = page->canvas();
    auto *filter = page->findChild<QLineEdit *>(QStringLiteral("canvasFilter"));
    canvas->setAllCollapsed(true);
    canvas->fitToView();
    waitFor(500);
    if (!grab(window, out.filePath(QStringLiteral("mappings-large.png"))))
        return false;
    canvas->setAllCollapsed(false);
    filter->setText(QStringLiteral("order:new"));
    canvas->fitToView();
    waitFor(500);
    if (!grab(window, out.filePath(QStringLiteral("mappings-large-filtered.png"))))
        return false;
    filter->clear();
    canvas->setAllCollapsed(true);
    canvas->fitToView();
    canvas->selectNode(MappingGraphNode::type(QStringLiteral("order:new")));
    QKeyEvent enter(QEvent::KeyPress, Qt::Key_Return, Qt::NoModifier); // and its first mapping, as Enter does
    QApplication::sendEvent(canvas, &enter);
    waitFor(500);
    return grab(window, out.filePath(QStringLiteral("mappings-large-selected.png")));
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("integrator-screenshots"));
    const QStringList arguments = QApplication::arguments();
    const bool largeOnly = arguments.size() == 3 && arguments.at(2) == QLatin1String("--large-store-only");
    if (arguments.size() != 2 && !largeOnly) {
        std::fprintf(stderr, "usage: integrator_screenshots OUTPUT_DIR [--large-store-only]\n");
        return 2;
    }
    const QDir out(arguments.at(1));
    QTemporaryDir scratch;
    Translations::install(QStringLiteral("en")); // as the program does at startup: English plural forms
    if (!captureLargeStore(out, DatabaseLocation::sqlite(scratch.filePath(QStringLiteral("large.db")))))
        return 1;
    if (largeOnly)
        return 0;
    const DatabaseLocation location =
        DatabaseLocation::sqlite(scratch.filePath(QStringLiteral("integrator.db")));
    {
        ControlPanel empty(location);
        QString error;
        if (!startPanel(empty, &error)) {
            std::fprintf(stderr, "take-screenshots: %s\n", qUtf8Printable(error));
            return 1;
        }
        empty.window()->resize(1280, 800);
        empty.window()->show();
        if (!capture(empty.window(), QStringLiteral("welcome"), out.filePath(QStringLiteral("welcome.png"))))
            return 1;
    }
    auto panel = std::make_unique<ControlPanel>(location);
    QString error;
    if (!startPanel(*panel, &error) || !panel->startDemo(&error)) {
        std::fprintf(stderr, "take-screenshots: %s\n", qUtf8Printable(error));
        return 1;
    }
    MainWindow *window = panel->window();
    window->resize(1280, 800);
    window->show();
    waitFor(12000); // polls, deliveries, retries and the first parked messages
    const QStringList pages{QStringLiteral("dashboard"),     QStringLiteral("messages"),
                            QStringLiteral("mappings"),      QStringLiteral("endpoints"),
                            QStringLiteral("stores"),        QStringLiteral("parameters"),
                            QStringLiteral("notifications"), QStringLiteral("compose")};
    for (const QString &page : pages) {
        if (page == QLatin1String("messages")) {
            window->showPage(page);
            auto *messages = static_cast<MessagesPage *>(window->page(page));
            waitFor(1000);
            // Show a retried message in detail: the deliveries tab with its attempts.
            for (int row = 0; row < messages->model()->rowCount(); ++row) {
                if (messages->model()->rowAt(row).summaryState() == QLatin1String("parked")) {
                    messages->table()->selectRow(row);
                    break;
                }
            }
        }
        if (page == QLatin1String("mappings")) {
            window->showPage(page);
            waitFor(1000);
            static_cast<MappingsPage *>(window->page(page))
                ->selectMapping(DemoSetup::kOrderConfirmationMapping);
        }
        // Views with a list show their first entry in detail, as a person would click it.
        const QHash<QString, QString> lists{
            {QStringLiteral("stores"), QStringLiteral("storeTable")},
            {QStringLiteral("endpoints"), QStringLiteral("endpointTable")},
            {QStringLiteral("notifications"), QStringLiteral("notificationTable")}};
        if (lists.contains(page)) {
            window->showPage(page);
            waitFor(1000);
            if (auto *list = window->page(page)->findChild<QTableView *>(lists.value(page)))
                list->selectRow(0);
        }
        if (!capture(window, page, out.filePath(page + QStringLiteral(".png"))))
            return 1;
    }
    if (!captureSecrets(window, out.filePath(QStringLiteral("secrets.png"))))
        return 1;
    // The demo endpoint paused by a person, as the Pause button does it: the state, the reason and the
    // backlog that waits.
    window->showPage(QStringLiteral("endpoints"));
    waitFor(1000);
    if (auto *list = window->page(QStringLiteral("endpoints"))
                         ->findChild<QTableView *>(QStringLiteral("endpointTable")))
        list->selectRow(0);
    if (auto *pause = window->page(QStringLiteral("endpoints"))
                          ->findChild<QPushButton *>(QStringLiteral("pauseEndpoint")))
        pause->click();
    waitFor(6000); // new messages arrive and wait
    if (!grab(window, out.filePath(QStringLiteral("endpoints-paused.png"))))
        return 1;
    // The same log in German, for the user guide's word on languages (a window is built in the language
    // installed when it is made).
    panel.reset();
    Translations::install(QStringLiteral("de"));
    ControlPanel german(location);
    if (!startPanel(german, &error)) {
        std::fprintf(stderr, "take-screenshots: %s\n", qUtf8Printable(error));
        return 1;
    }
    german.window()->resize(1280, 800);
    german.window()->show();
    return capture(german.window(), QStringLiteral("dashboard"),
                   out.filePath(QStringLiteral("dashboard-de.png")))
               ? 0
               : 1;
}
