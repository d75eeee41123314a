// The endpoints view driven like a person: typing into the form, clicking Save, Fetch services and
// Create mapping, against a real loopback endpoint. Secrets are stored sealed, never in plain text.
#include "BackgroundWorker.h"
#include "config/ConfigEdits.h"
#include "ControlPanel.h"
#include "EngineHost.h"
#include "MainWindow.h"
#include "PanelStart.h"
#include "ScriptedEndpoint.h"
#include "secrets/CredentialStore.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "storage/EndpointStatusQuery.h"
#include "storage/MessageRepository.h"
#include "TableClicks.h"
#include "TestDatabase.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDirIterator>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

namespace {

const QString kToken = QStringLiteral("tok_gui_form_only_5c1e9a7b3d2f4e6081");

QJsonObject mailerDescription()
{
    const auto service = [](const QString &name, const QJsonArray &messages) {
        return QJsonObject{
            {QStringLiteral("name"), name},
            {QStringLiteral("path"), QLatin1Char('/') + name},
            {QStringLiteral("description"), QStringLiteral("Sends %1 e-mails").arg(name)},
            {QStringLiteral("requires"),
             QJsonObject{
                 {QStringLiteral("parameters"),
                  QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("mailer.api_key")}}}}}},
            {QStringLiteral("recommends"),
             QJsonObject{
                 {QStringLiteral("messages"), messages},
                 {QStringLiteral("identifiers"),
                  QJsonObject{{QStringLiteral("order_number"), QStringLiteral("payload.order.number")}}},
                 {QStringLiteral("options"), QJsonObject{{QStringLiteral("retries_allowed"), false}}}}}};
    };
    return {{QStringLiteral("name"), QStringLiteral("mailer")},
            {QStringLiteral("display"), QStringLiteral("Mailer")},
            {QStringLiteral("services"),
             QJsonArray{
                 service(QStringLiteral("order_confirmation"),
                         QJsonArray{QStringLiteral("order:new"), QStringLiteral("order:updated")}),
                 service(QStringLiteral("shipment_email"), QJsonArray{QStringLiteral("shipment:ready")})}}};
}

// The column of the endpoints table under this header.
int columnOf(const QTableWidget *table, const QString &header)
{
    for (int column = 0; column < table->columnCount(); ++column) {
        if (table->horizontalHeaderItem(column)->text() == header)
            return column;
    }
    qFatal("no column %s", qPrintable(header));
}

QString cellOf(const QTableWidget *table, int row, const QString &header)
{
    const QTableWidgetItem *item = table->item(row, columnOf(table, header));
    return item ? item->text() : QString();
}

// Every byte the database wrote: the file, its WAL and anything beside them.
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

class TestEndpointsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();
    void savesEndpointWithTokenSealedOnly();
    void savesBasicAuthSealedAndRefusesOneWithoutAColon();
    void badUrlShowsErrorAndSavesNothing();
    void fetchedServicesBecomeMappingsInOneClick();
    void badDescriptionIsOneLine_data();
    void badDescriptionIsOneLine();
    void testMessageReachesTheServiceWithTheStoredToken();
    void removeIsRefusedWhileMappedThenTakesTheEndpointAndItsToken();
    void flowOptionsAreSavedAndShownAgain();
    void liveColumnsFollowDeliveriesAndPauseResumeTheSelectedEndpoint();
    void aSaveAnsweredAfterAnotherPickLeavesThePickedEndpointInTheForm();
    void answersForAnotherEndpointAreNotShownUnderThePickedOne();

private:
    template<typename T> T *child(const char *name) const
    {
        T *found = page_->findChild<T *>(QString::fromLatin1(name));
        if (!found)
            qFatal("no %s in the endpoints page", name);
        return found;
    }
    void fillAndSave(const QString &name, const QUrl &url, const QString &token);
    QList<Endpoint> savedEndpoints();
    QList<Mapping> savedMappings();
    EndpointStatus storedStatus(const QString &name);
    void saveDirectly(const QString &name, const QUrl &url);
    void pickRow(const QString &name);
    void answerNextMessageBox(QMessageBox::StandardButton button);

    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<ControlPanel> panel_;
    std::unique_ptr<Database> db_; // the test's own connection
    std::unique_ptr<ScriptedEndpoint> endpoint_;
    Page *page_ = nullptr;
    QPointer<QTimer> boxWatch_;
    QString boxText_; // the last message box answered
};

void TestEndpointsPage::init()
{
    database_ = std::make_unique<TestDatabase>();
    QVERIFY2(database_->isValid(), qPrintable(database_->error()));
    panel_ = std::make_unique<ControlPanel>(database_->location());
    QString error;
    QVERIFY2(startAndWaitUntilOpen(*panel_, &error), qPrintable(error));
    db_ = std::make_unique<Database>(database_->location(), QStringLiteral("test"));
    QVERIFY2(db_->open(&error), qPrintable(error));
    endpoint_ = std::make_unique<ScriptedEndpoint>();
    QVERIFY(endpoint_->listen());
    MainWindow *window = panel_->window();
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    // The first-run check (which picks the welcome or the dashboard page) has answered.
    QTRY_COMPARE(panel_->context().worker->pendingJobs(), 0);
    QCOMPARE(window->currentPage()->objectName(), QStringLiteral("welcome"));
    window->showPage(QStringLiteral("endpoints"));
    page_ = window->currentPage();
    QCOMPARE(page_->objectName(), QStringLiteral("endpoints"));
}

void TestEndpointsPage::cleanup()
{
    // Nothing may still be on its way through the worker when the panel goes.
    QTRY_COMPARE(panel_->context().worker->pendingJobs(), 0);
    delete boxWatch_;
    page_ = nullptr;
    panel_.reset();
    db_.reset();
    endpoint_.reset();
    database_.reset();
}

void TestEndpointsPage::fillAndSave(const QString &name, const QUrl &url, const QString &token)
{
    QTest::keyClicks(child<QLineEdit>("endpointName"), name);
    QTest::keyClicks(child<QLineEdit>("endpointUrl"), url.toString());
    QTest::keyClicks(child<QLineEdit>("endpointToken"), token);
    QTest::mouseClick(child<QPushButton>("saveEndpoint"), Qt::LeftButton);
}

// Saves an endpoint without a token through the test's own connection, then shows it in the page's table.
void TestEndpointsPage::saveDirectly(const QString &name, const QUrl &url)
{
    Endpoint endpoint;
    endpoint.name = name;
    endpoint.url = url;
    QString error;
    QVERIFY2(ConfigEdits(*db_, *panel_->context().credentials).saveEndpoint(&endpoint, {}, &error),
             qPrintable(error));
    auto *table = child<QTableWidget>("endpointTable");
    page_->refresh();
    QTRY_VERIFY(!table->findItems(name, Qt::MatchExactly).isEmpty());
}

// Clicks the endpoint's row in the table, as a person picks it.
void TestEndpointsPage::pickRow(const QString &name)
{
    QVERIFY2(clickRowReading(child<QTableWidget>("endpointTable"), name), qPrintable(name));
    QCOMPARE(child<QLineEdit>("endpointName")->text(), name);
}

// QMessageBox::question runs its own event loop: answer the box from there as soon as it shows.
void TestEndpointsPage::answerNextMessageBox(QMessageBox::StandardButton button)
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

QList<Endpoint> TestEndpointsPage::savedEndpoints()
{
    QList<Endpoint> endpoints;
    QString error;
    if (!ConfigRepository(*db_).loadEndpoints(&endpoints, &error))
        qFatal("%s", qPrintable(error));
    return endpoints;
}

EndpointStatus TestEndpointsPage::storedStatus(const QString &name)
{
    QList<EndpointStatus> statuses;
    QString error;
    if (!EndpointStatusQuery(*db_).list(Database::nowMs(), &statuses, &error))
        qFatal("%s", qPrintable(error));
    for (const EndpointStatus &status : std::as_const(statuses)) {
        if (status.name == name)
            return status;
    }
    qFatal("no endpoint %s", qPrintable(name));
}

QList<Mapping> TestEndpointsPage::savedMappings()
{
    QList<Mapping> mappings;
    QString error;
    if (!ConfigRepository(*db_).loadMappings(&mappings, &error))
        qFatal("%s", qPrintable(error));
    return mappings;
}

void TestEndpointsPage::savesBasicAuthSealedAndRefusesOneWithoutAColon()
{
    const QString basicAuth = QStringLiteral("erp-user:pw_gui_3b8e1f0a9c2d4e57");
    auto *field = child<QLineEdit>("endpointBasicAuth");
    QCOMPARE(field->echoMode(), QLineEdit::Password);
    auto *status = child<QLabel>("endpointStatus");
    QTest::keyClicks(field, QStringLiteral("no-colon"));
    fillAndSave(QStringLiteral("erp"), endpoint_->url(), QString());
    QTRY_VERIFY2(status->text().contains(QStringLiteral("\"basic_auth\" must be \"user:password\"")),
                 qPrintable(status->text()));
    QVERIFY(savedEndpoints().isEmpty());

    field->clear();
    QTest::keyClicks(field, basicAuth);
    QTest::mouseClick(child<QPushButton>("saveEndpoint"), Qt::LeftButton);
    QTRY_VERIFY2(status->text().startsWith(QStringLiteral("Saved endpoint erp")), qPrintable(status->text()));
    QTRY_COMPARE(field->placeholderText(), QStringLiteral("stored sealed; type to replace"));
    QVERIFY(field->text().isEmpty());
    QVERIFY(savedEndpoints().constFirst().hasBasicAuth);
    QString error;
    QCOMPARE(
        panel_->context().credentials->read(*db_, Endpoint::basicAuthKeyFor(QStringLiteral("erp")), &error),
        std::optional<QString>(basicAuth));
    QVERIFY(!databaseBytes(*database_).contains(basicAuth.toUtf8()));
}

void TestEndpointsPage::savesEndpointWithTokenSealedOnly()
{
    auto *token = child<QLineEdit>("endpointToken");
    QCOMPARE(token->echoMode(), QLineEdit::Password);
    fillAndSave(QStringLiteral("mailer"), endpoint_->url(), kToken);
    auto *status = child<QLabel>("endpointStatus");
    QTRY_VERIFY2(status->text().startsWith(QStringLiteral("Saved endpoint mailer")),
                 qPrintable(status->text()));

    const QList<Endpoint> endpoints = savedEndpoints();
    QCOMPARE(endpoints.size(), 1);
    QCOMPARE(endpoints.first().name, QStringLiteral("mailer"));
    QCOMPARE(endpoints.first().url, endpoint_->url());
    QVERIFY(endpoints.first().hasToken);
    QString error;
    QCOMPARE(
        panel_->context().credentials->read(*db_, Endpoint::tokenKeyFor(QStringLiteral("mailer")), &error),
        std::optional<QString>(kToken));
    QVERIFY(!databaseBytes(*database_).contains(kToken.toUtf8()));
    // Sealed with the master key the control panel keeps in the (real, throw-away) keychain.
    QCOMPARE(panel_->context().credentials->keyOrigin(), QStringLiteral("keychain"));

    // The token is never shown back: the field is empty and says where the token is.
    QVERIFY(token->text().isEmpty());
    QCOMPARE(token->placeholderText(), QStringLiteral("stored sealed; type to replace"));
    auto *table = child<QTableWidget>("endpointTable");
    QTRY_COMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("mailer"));
    QCOMPARE(cellOf(table, 0, QStringLiteral("Token")), QStringLiteral("stored sealed"));
    QCOMPARE(table->selectionModel()->selectedRows().size(), 1);
}

void TestEndpointsPage::badUrlShowsErrorAndSavesNothing()
{
    auto *urlError = child<QLabel>("endpointUrlError");
    QTest::keyClicks(child<QLineEdit>("endpointName"), QStringLiteral("mailer"));
    QTest::keyClicks(child<QLineEdit>("endpointUrl"), QStringLiteral("ftp://127.0.0.1/"));
    QVERIFY2(urlError->text().contains(QStringLiteral("must start with http:// or https://")),
             qPrintable(urlError->text()));
    QVERIFY(urlError->isVisible());
    QTest::keyClicks(child<QLineEdit>("endpointToken"), kToken);
    QTest::mouseClick(child<QPushButton>("saveEndpoint"), Qt::LeftButton);
    auto *status = child<QLabel>("endpointStatus");
    QVERIFY2(status->text().startsWith(QStringLiteral("Not saved: ")), qPrintable(status->text()));
    QVERIFY(!status->text().contains(QLatin1Char('\n')));
    QTRY_COMPARE(panel_->context().worker->pendingJobs(), 0);
    QVERIFY(savedEndpoints().isEmpty());
    QString error;
    QVERIFY(
        !panel_->context().credentials->read(*db_, Endpoint::tokenKeyFor(QStringLiteral("mailer")), &error));

    // Fixing the URL clears the message as it is typed.
    auto *url = child<QLineEdit>("endpointUrl");
    url->clear();
    QTest::keyClicks(url, endpoint_->url().toString());
    QVERIFY(urlError->text().isEmpty());
    QVERIFY(!urlError->isVisible());
}

void TestEndpointsPage::fetchedServicesBecomeMappingsInOneClick()
{
    const QJsonObject description = mailerDescription();
    endpoint_->setHandler(
        [description](const RecordedRequest &) { return ScriptedResponse::json(200, description); });
    fillAndSave(QStringLiteral("mailer"), endpoint_->url(), kToken);
    QTRY_VERIFY(child<QLabel>("endpointStatus")->text().startsWith(QStringLiteral("Saved endpoint mailer")));

    QTest::mouseClick(child<QPushButton>("fetchServices"), Qt::LeftButton);
    auto *services = child<QTreeWidget>("endpointServices");
    QTRY_COMPARE(services->topLevelItemCount(), 2);
    QCOMPARE(endpoint_->requests().first().target, QByteArray("/endpoint.json"));
    QCOMPARE(services->topLevelItem(0)->text(0), QStringLiteral("order_confirmation"));
    QCOMPARE(services->topLevelItem(0)->text(1), QStringLiteral("/order_confirmation"));
    QCOMPARE(services->topLevelItem(0)->text(2), QStringLiteral("order:new, order:updated"));
    QCOMPARE(services->topLevelItem(0)->text(3), QStringLiteral("mailer.api_key"));
    QCOMPARE(services->topLevelItem(1)->text(1), QStringLiteral("/shipment_email"));
    QCOMPARE(child<QLabel>("servicesStatus")->text(), QStringLiteral("2 service(s) described by Mailer"));

    auto *create = child<QPushButton>("createMapping:/order_confirmation");
    QVERIFY(create->isEnabled());
    QTest::mouseClick(create, Qt::LeftButton);
    auto *status = child<QLabel>("servicesStatus");
    QTRY_VERIFY2(status->text().startsWith(QStringLiteral("Created mapping \"mailer order_confirmation\"")),
                 qPrintable(status->text()));
    QList<Mapping> mappings = savedMappings();
    QCOMPARE(mappings.size(), 1);
    QCOMPARE(mappings.first().name, QStringLiteral("mailer order_confirmation"));
    QCOMPARE(mappings.first().endpoint, QStringLiteral("mailer"));
    QCOMPARE(mappings.first().path, QStringLiteral("/order_confirmation"));
    QCOMPARE(mappings.first().messages,
             (QStringList{QStringLiteral("order:new"), QStringLiteral("order:updated")}));
    QCOMPARE(mappings.first().identifiers.size(), 1);
    QCOMPARE(mappings.first().parameters, QStringList{QStringLiteral("mailer.api_key")});
    QVERIFY(!mappings.first().options.retriesAllowed);
    // The list shows where the endpoint now receives messages.
    QTRY_COMPARE(cellOf(child<QTableWidget>("endpointTable"), 0, QStringLiteral("Services (mapped)")),
                 QStringLiteral("/order_confirmation"));

    // A second click does not replace the mapping someone may have edited since.
    QTest::mouseClick(create, Qt::LeftButton);
    QTRY_VERIFY2(status->text().contains(QStringLiteral("already exists")), qPrintable(status->text()));
    QCOMPARE(savedMappings().size(), 1);
}

void TestEndpointsPage::badDescriptionIsOneLine_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    QTest::newRow("garbage") << 200 << QByteArray("<html>\n<p>Welcome to nginx!</p>\n</html>")
                             << QStringLiteral("endpoint.json is not JSON");
    QTest::newRow("HTTP 500") << 500 << QByteArray("{\"error\": \"boom\"}\n")
                              << QStringLiteral("answered HTTP 500 Internal Server Error");
}

void TestEndpointsPage::badDescriptionIsOneLine()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    endpoint_->setHandler(
        [status, body](const RecordedRequest &) { return ScriptedResponse::text(status, body); });
    QTest::keyClicks(child<QLineEdit>("endpointUrl"), endpoint_->url().toString());
    QTest::mouseClick(child<QPushButton>("fetchServices"), Qt::LeftButton);
    auto *servicesStatus = child<QLabel>("servicesStatus");
    QTRY_VERIFY2(servicesStatus->text().contains(expected), qPrintable(servicesStatus->text()));
    QVERIFY(!servicesStatus->text().contains(QLatin1Char('\n')));
    QCOMPARE(child<QTreeWidget>("endpointServices")->topLevelItemCount(), 0);
    QVERIFY(child<QPushButton>("fetchServices")->isEnabled());
}

void TestEndpointsPage::testMessageReachesTheServiceWithTheStoredToken()
{
    fillAndSave(QStringLiteral("mailer"), endpoint_->url(), kToken);
    QTRY_VERIFY(child<QLabel>("endpointStatus")->text().startsWith(QStringLiteral("Saved endpoint mailer")));
    QVERIFY(
        child<QLineEdit>("endpointToken")->text().isEmpty()); // so the token must come from its sealed copy

    child<QComboBox>("testService")->setEditText(QStringLiteral("/order_confirmation"));
    QCOMPARE(child<QComboBox>("testMessageType")->currentText(), QStringLiteral("notification:info"));
    QTest::mouseClick(child<QPushButton>("sendTestMessage"), Qt::LeftButton);
    auto *result = child<QLabel>("testMessageResult");
    QTRY_VERIFY2(result->text().startsWith(QStringLiteral("HTTP 200 OK in ")), qPrintable(result->text()));
    const QList<RecordedRequest> requests = endpoint_->requestsTo("/order_confirmation");
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().headers.value("x-hub-token"), kToken.toUtf8());
    QCOMPARE(requests.first().json().value(QStringLiteral("message")).toString(),
             QStringLiteral("notification:info"));

    // A refusal is shown as the endpoint's own one-line reason.
    endpoint_->setHandler([](const RecordedRequest &) {
        return ScriptedResponse::json(401, {{QStringLiteral("error"), QStringLiteral("wrong token")}});
    });
    QTest::mouseClick(child<QPushButton>("sendTestMessage"), Qt::LeftButton);
    QTRY_COMPARE(result->text(), QStringLiteral("HTTP 401: endpoint reported: wrong token"));
}

void TestEndpointsPage::removeIsRefusedWhileMappedThenTakesTheEndpointAndItsToken()
{
    auto *remove = child<QPushButton>("removeEndpoint");
    QVERIFY(!remove->isEnabled()); // nothing saved is shown yet
    fillAndSave(QStringLiteral("mailer"), endpoint_->url(), kToken);
    auto *status = child<QLabel>("endpointStatus");
    QTRY_VERIFY(status->text().startsWith(QStringLiteral("Saved endpoint mailer")));
    QVERIFY(remove->isEnabled());
    Mapping mapping;
    mapping.name = QStringLiteral("mailer order_confirmation");
    mapping.endpoint = QStringLiteral("mailer");
    mapping.path = QStringLiteral("/order_confirmation");
    mapping.messages = {QStringLiteral("order:new")};
    QString error;
    QVERIFY2(ConfigEdits(*db_, *panel_->context().credentials).createMapping(&mapping, &error),
             qPrintable(error));

    // Asked first; the answer "No" leaves everything as it was.
    answerNextMessageBox(QMessageBox::No);
    QTest::mouseClick(remove, Qt::LeftButton);
    QVERIFY2(boxText_.contains(QStringLiteral("Remove the endpoint mailer?")), qPrintable(boxText_));
    QVERIFY(status->text().startsWith(QStringLiteral("Saved endpoint mailer")));

    answerNextMessageBox(QMessageBox::Yes);
    QTest::mouseClick(remove, Qt::LeftButton);
    QTRY_COMPARE(status->text(),
                 QStringLiteral("Not removed: endpoint \"mailer\" is used by mapping \"mailer "
                                "order_confirmation\"; remove or move it first"));
    QVERIFY(remove->isEnabled());
    QCOMPARE(savedEndpoints().size(), 1);
    QVERIFY(
        panel_->context().credentials->read(*db_, Endpoint::tokenKeyFor(QStringLiteral("mailer")), &error));

    QVERIFY2(ConfigEdits(*db_, *panel_->context().credentials).removeMapping(mapping.name, &error),
             qPrintable(error));
    answerNextMessageBox(QMessageBox::Yes);
    QTest::mouseClick(remove, Qt::LeftButton);
    QTRY_COMPARE(status->text(), QStringLiteral("Removed endpoint mailer"));
    QVERIFY(savedEndpoints().isEmpty());
    QVERIFY(
        !panel_->context().credentials->read(*db_, Endpoint::tokenKeyFor(QStringLiteral("mailer")), &error));
    QTRY_COMPARE(child<QTableWidget>("endpointTable")->rowCount(), 0);
    // The form is a new one again.
    QVERIFY(child<QLineEdit>("endpointName")->text().isEmpty());
    QVERIFY(!child<QLineEdit>("endpointName")->isReadOnly());
    QVERIFY(!remove->isEnabled());
}

void TestEndpointsPage::flowOptionsAreSavedAndShownAgain()
{
    auto *rateLimit = child<QDoubleSpinBox>("endpointRateLimit");
    auto *pauseAfter = child<QSpinBox>("endpointPauseAfter");
    auto *probeInterval = child<QDoubleSpinBox>("endpointProbeInterval");
    // A new endpoint starts with the file format's defaults.
    QCOMPARE(rateLimit->value(), 0.0);
    QCOMPARE(rateLimit->text(), QStringLiteral("no limit"));
    QCOMPARE(pauseAfter->value(), 20);
    QCOMPARE(probeInterval->value(), 60.0);
    rateLimit->setValue(2.5);
    pauseAfter->setValue(0);
    QCOMPARE(pauseAfter->text(), QStringLiteral("never"));
    probeInterval->setValue(30);
    fillAndSave(QStringLiteral("mailer"), endpoint_->url(), kToken);
    QTRY_VERIFY(child<QLabel>("endpointStatus")->text().startsWith(QStringLiteral("Saved endpoint mailer")));
    QList<Endpoint> endpoints = savedEndpoints();
    QCOMPARE(endpoints.size(), 1);
    QCOMPARE(endpoints.first().rateLimit, 2.5);
    QCOMPARE(endpoints.first().pauseAfter, 0);
    QCOMPARE(endpoints.first().probeIntervalSeconds, 30.0);

    // Another entry, then back: the form shows the saved options, and a save keeps them.
    QTest::mouseClick(child<QPushButton>("newEndpoint"), Qt::LeftButton);
    QCOMPARE(rateLimit->value(), 0.0);
    auto *table = child<QTableWidget>("endpointTable");
    QTRY_COMPARE(table->rowCount(), 1);
    table->selectRow(0);
    QCOMPARE(rateLimit->value(), 2.5);
    QCOMPARE(pauseAfter->value(), 0);
    QCOMPARE(probeInterval->value(), 30.0);
    pauseAfter->setValue(3);
    QTest::mouseClick(child<QPushButton>("saveEndpoint"), Qt::LeftButton);
    QTRY_COMPARE(savedEndpoints().first().pauseAfter, 3);
    QCOMPARE(savedEndpoints().first().rateLimit, 2.5);
    QCOMPARE(savedEndpoints().first().probeIntervalSeconds, 30.0);
}

// The table follows the engine's deliveries without a click; Pause and Resume act on the selected
// endpoint, are enabled by its state, and what they wrote is what the view shows.
void TestEndpointsPage::liveColumnsFollowDeliveriesAndPauseResumeTheSelectedEndpoint()
{
    auto *table = child<QTableWidget>("endpointTable");
    QAbstractItemModelTester tester(table->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    fillAndSave(QStringLiteral("mailer"), endpoint_->url(), kToken);
    QTRY_VERIFY(child<QLabel>("endpointStatus")->text().startsWith(QStringLiteral("Saved endpoint mailer")));
    Mapping mapping;
    mapping.name = QStringLiteral("mailer order_confirmation");
    mapping.endpoint = QStringLiteral("mailer");
    mapping.path = QStringLiteral("/order_confirmation");
    mapping.messages = {QStringLiteral("order:new")};
    QString error;
    QVERIFY2(ConfigEdits(*db_, *panel_->context().credentials).createMapping(&mapping, &error),
             qPrintable(error));
    QTRY_COMPARE(table->rowCount(), 1);
    QCOMPARE(cellOf(table, 0, QStringLiteral("State")), QStringLiteral("active"));
    QCOMPARE(cellOf(table, 0, QStringLiteral("Success (1 h)")), QString()); // no attempt yet

    Message message;
    QVERIFY2(Message::fromJson(QJsonObject{{QStringLiteral("message"), QStringLiteral("order:new")},
                                           {QStringLiteral("payload"), QJsonObject{}}},
                               &message, &error),
             qPrintable(error));
    QStringList accepted;
    QVERIFY2(MessageRepository(*db_).accept({message}, QStringLiteral("test"), &accepted, &error),
             qPrintable(error));
    panel_->context().engine->wake();
    QTRY_COMPARE(endpoint_->requestsTo("/order_confirmation").size(), 1);
    // Nobody refreshes by hand: the view reads again on its own.
    QTRY_COMPARE(cellOf(table, 0, QStringLiteral("Success (1 h)")), QStringLiteral("100.0%"));
    QCOMPARE(cellOf(table, 0, QStringLiteral("Pending")), QStringLiteral("0"));
    QCOMPARE(cellOf(table, 0, QStringLiteral("In flight")), QStringLiteral("0"));
    QVERIFY(cellOf(table, 0, QStringLiteral("p50")).endsWith(QStringLiteral(" ms")));
    QVERIFY(cellOf(table, 0, QStringLiteral("p95")).endsWith(QStringLiteral(" ms")));

    auto *pause = child<QPushButton>("pauseEndpoint");
    auto *resume = child<QPushButton>("resumeEndpoint");
    auto *summary = child<QLabel>("endpointFlowSummary");
    QTRY_VERIFY(pause->isEnabled()); // the saved endpoint is the selected one
    QVERIFY(!resume->isEnabled());
    QVERIFY2(summary->text().startsWith(QStringLiteral("Active")), qPrintable(summary->text()));

    QTest::mouseClick(pause, Qt::LeftButton);
    QTRY_COMPARE(cellOf(table, 0, QStringLiteral("State")), QStringLiteral("paused"));
    QCOMPARE(cellOf(table, 0, QStringLiteral("Paused because")), QStringLiteral("paused by a person"));
    QCOMPARE(storedStatus(QStringLiteral("mailer")).state, EndpointFlow::State::Paused);
    QCOMPARE(storedStatus(QStringLiteral("mailer")).pausedBy, EndpointFlow::PausedBy::Person);
    QTRY_VERIFY(resume->isEnabled());
    QVERIFY(!pause->isEnabled());
    QCOMPARE(child<QLabel>("endpointStatus")->text(), QStringLiteral("Paused endpoint mailer"));
    QVERIFY2(summary->text().startsWith(QStringLiteral("Paused by a person")), qPrintable(summary->text()));

    QTest::mouseClick(resume, Qt::LeftButton);
    QTRY_COMPARE(cellOf(table, 0, QStringLiteral("State")), QStringLiteral("active"));
    QCOMPARE(cellOf(table, 0, QStringLiteral("Paused because")), QString());
    QCOMPARE(storedStatus(QStringLiteral("mailer")).state, EndpointFlow::State::Active);
    QTRY_VERIFY(pause->isEnabled());
    QVERIFY(!resume->isEnabled());
    QCOMPARE(child<QLabel>("endpointStatus")->text(), QStringLiteral("Resumed endpoint mailer"));
}

// The person saves one endpoint and at once picks another and types its new token: the save's answer
// comes back while the form shows the other one, which it must leave alone (it once emptied the token
// being typed, kept the saved endpoint selected in the table, and Remove then asked about the saved one).
void TestEndpointsPage::aSaveAnsweredAfterAnotherPickLeavesThePickedEndpointInTheForm()
{
    saveDirectly(QStringLiteral("mailer"), endpoint_->url());
    saveDirectly(QStringLiteral("erp"), endpoint_->url());
    pickRow(QStringLiteral("mailer"));
    const QString mailerToken = QStringLiteral("tok_gui_mailer_replaced_7a6b5c4d3e2f1a09");
    const QString erpToken = QStringLiteral("tok_gui_erp_typed_next_0f1e2d3c4b5a6978");
    auto *token = child<QLineEdit>("endpointToken");
    QTest::keyClicks(token, mailerToken);

    auto *status = child<QLabel>("endpointStatus");
    QTest::mouseClick(child<QPushButton>("saveEndpoint"), Qt::LeftButton);
    pickRow(QStringLiteral("erp")); // the worker runs the write after this: its answer comes back later
    QTest::keyClicks(token, erpToken);
    QTRY_COMPARE(status->text(), QStringLiteral("Saved endpoint mailer"));
    QTRY_COMPARE(panel_->context().worker->pendingJobs(), 0); // and the read the save asked for

    QCOMPARE(child<QLineEdit>("endpointName")->text(), QStringLiteral("erp"));
    QCOMPARE(token->text(), erpToken);
    auto *table = child<QTableWidget>("endpointTable");
    const QModelIndexList selected = table->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(table->item(selected.first().row(), 0)->text(), QStringLiteral("erp"));
    QString error;
    QCOMPARE(
        panel_->context().credentials->read(*db_, Endpoint::tokenKeyFor(QStringLiteral("mailer")), &error),
        std::optional<QString>(mailerToken));

    answerNextMessageBox(QMessageBox::No);
    QTest::mouseClick(child<QPushButton>("removeEndpoint"), Qt::LeftButton);
    QVERIFY2(boxText_.contains(QStringLiteral("Remove the endpoint erp?")), qPrintable(boxText_));
}

// The services read from one endpoint's endpoint.json, and its test message's answer, come back after
// the person picked another endpoint: they are not shown under that one (its "Create mapping" buttons
// would subscribe it to the other endpoint's services).
void TestEndpointsPage::answersForAnotherEndpointAreNotShownUnderThePickedOne()
{
    const QJsonObject description = mailerDescription();
    endpoint_->setHandler(
        [description](const RecordedRequest &) { return ScriptedResponse::json(200, description); });
    ScriptedEndpoint erp;
    QVERIFY(erp.listen());
    saveDirectly(QStringLiteral("mailer"), endpoint_->url());
    saveDirectly(QStringLiteral("erp"), erp.url());
    pickRow(QStringLiteral("mailer"));

    auto *fetch = child<QPushButton>("fetchServices");
    QTest::mouseClick(fetch, Qt::LeftButton);
    pickRow(QStringLiteral("erp")); // before the answer can come back: it needs this thread's event loop
    QTRY_VERIFY(fetch->isEnabled());
    QCOMPARE(endpoint_->requestsTo("/endpoint.json").size(), 1);
    QCOMPARE(child<QTreeWidget>("endpointServices")->topLevelItemCount(), 0);
    QCOMPARE(child<QLabel>("servicesStatus")->text(), QString());

    child<QComboBox>("testService")->setEditText(QStringLiteral("/order_confirmation"));
    auto *send = child<QPushButton>("sendTestMessage");
    QTest::mouseClick(send, Qt::LeftButton);
    pickRow(QStringLiteral("mailer"));
    QTRY_VERIFY(send->isEnabled());
    QCOMPARE(erp.requestsTo("/order_confirmation").size(), 1);
    QCOMPARE(child<QLabel>("testMessageResult")->text(), QString());
}

QTEST_MAIN(TestEndpointsPage)
#include "tst_endpointspage.moc"
