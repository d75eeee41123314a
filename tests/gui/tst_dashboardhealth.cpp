// The Dashboard's endpoint health table and outcome chart, under QAbstractItemModelTester, while the
// control panel's own engine delivers to loopback endpoints: the rows follow without a manual refresh,
// the chart switches between the last hour and the last day and follows the selected endpoint.
#include "BackgroundWorker.h"
#include "config/ConfigEdits.h"
#include "ControlPanel.h"
#include "EngineHost.h"
#include "MainWindow.h"
#include "models/EndpointHealthModel.h"
#include "models/OutcomeChartModel.h"
#include "pages/DashboardPage.h"
#include "PanelStart.h"
#include "ScriptedEndpoint.h"
#include "storage/Database.h"
#include "storage/MessageRepository.h"
#include "TestDatabase.h"

#include <QAbstractItemModelTester>
#include <QGroupBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QToolButton>

namespace {

OutcomeSlot sumOf(const OutcomeChartModel &model)
{
    OutcomeSlot sum;
    for (const OutcomeSlot &slot : model.outcomeSlots()) {
        sum.delivered += slot.delivered;
        sum.retrying += slot.retrying;
        sum.parked += slot.parked;
    }
    return sum;
}

} // namespace

class TestDashboardHealth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();
    void rowsAndChartFollowTheEngine();

private:
    void addEndpoint(const QString &name, const ScriptedEndpoint &server, bool retriesAllowed);
    void accept(int count);
    int rowOf(const QString &endpoint) const;
    QString cell(const QString &endpoint, EndpointHealthModel::Column column) const;

    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<ControlPanel> panel_;
    std::unique_ptr<Database> db_; // the test's own connection
    std::unique_ptr<ScriptedEndpoint> mailer_, erp_;
    DashboardPage *page_ = nullptr;
};

void TestDashboardHealth::init()
{
    database_ = std::make_unique<TestDatabase>();
    QVERIFY2(database_->isValid(), qPrintable(database_->error()));
    panel_ = std::make_unique<ControlPanel>(database_->location());
    QString error;
    QVERIFY2(startAndWaitUntilOpen(*panel_, &error), qPrintable(error));
    db_ = std::make_unique<Database>(database_->location(), QStringLiteral("test"));
    QVERIFY2(db_->open(&error), qPrintable(error));
    mailer_ = std::make_unique<ScriptedEndpoint>();
    erp_ = std::make_unique<ScriptedEndpoint>();
    QVERIFY(mailer_->listen() && erp_->listen());
    erp_->setHandler([](const RecordedRequest &) {
        return ScriptedResponse::json(500, {{QStringLiteral("error"), QStringLiteral("ledger locked")}});
    });
    MainWindow *window = panel_->window();
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QTRY_COMPARE(panel_->context().worker->pendingJobs(), 0);
    window->showPage(QStringLiteral("dashboard"));
    page_ = qobject_cast<DashboardPage *>(window->currentPage());
    QVERIFY(page_);
}

void TestDashboardHealth::cleanup()
{
    QTRY_COMPARE(panel_->context().worker->pendingJobs(), 0);
    page_ = nullptr;
    panel_.reset();
    db_.reset();
    mailer_.reset();
    erp_.reset();
    database_.reset();
}

void TestDashboardHealth::addEndpoint(const QString &name, const ScriptedEndpoint &server,
                                      bool retriesAllowed)
{
    const ConfigEdits edits(*db_, *panel_->context().credentials);
    Endpoint endpoint;
    endpoint.name = name;
    endpoint.url = server.url();
    QString error;
    QVERIFY2(edits.saveEndpoint(&endpoint, {}, &error), qPrintable(error));
    Mapping mapping;
    mapping.name = name + QStringLiteral(" orders");
    mapping.endpoint = name;
    mapping.path = QStringLiteral("/orders");
    mapping.messages = {QStringLiteral("order:new")};
    mapping.options.retriesAllowed = retriesAllowed;
    QVERIFY2(edits.createMapping(&mapping, &error), qPrintable(error));
}

void TestDashboardHealth::accept(int count)
{
    QList<Message> messages;
    QString error;
    for (int i = 0; i < count; ++i) {
        Message message;
        QVERIFY2(Message::fromJson({{QStringLiteral("message"), QStringLiteral("order:new")},
                                    {QStringLiteral("payload"), QJsonObject{{QStringLiteral("n"), i}}}},
                                   &message, &error),
                 qPrintable(error));
        messages << message;
    }
    QStringList accepted;
    QVERIFY2(MessageRepository(*db_).accept(messages, QStringLiteral("test"), &accepted, &error),
             qPrintable(error));
    panel_->context().engine->wake();
}

int TestDashboardHealth::rowOf(const QString &endpoint) const
{
    const EndpointHealthModel *model = page_->healthModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->endpoint(row).name == endpoint)
            return row;
    }
    return -1;
}

// Empty while the endpoint has no row yet, so QTRY_COMPARE can wait for it.
QString TestDashboardHealth::cell(const QString &endpoint, EndpointHealthModel::Column column) const
{
    const int row = rowOf(endpoint);
    return row < 0 ? QString() : page_->healthModel()->index(row, column).data().toString();
}

void TestDashboardHealth::rowsAndChartFollowTheEngine()
{
    QAbstractItemModelTester healthTester(page_->healthModel(),
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester chartTester(page_->chartModel(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto *table = page_->findChild<QTableView *>(QStringLiteral("dashboardEndpoints"));
    QVERIFY(table);
    QCOMPARE(table->model(), page_->healthModel());

    addEndpoint(QStringLiteral("mailer"), *mailer_, true);
    addEndpoint(QStringLiteral("erp"), *erp_, false); // a failure parks at once
    // Nobody refreshes by hand: the page reads again on the engine's activity (or every 2 s).
    QTRY_COMPARE(page_->healthModel()->rowCount(), 2);
    QCOMPARE(cell(QStringLiteral("mailer"), EndpointHealthModel::StateColumn), QStringLiteral("active"));
    QCOMPARE(cell(QStringLiteral("mailer"), EndpointHealthModel::AttemptsColumn), QStringLiteral("0"));
    QCOMPARE(cell(QStringLiteral("mailer"), EndpointHealthModel::SuccessColumn), QString());

    accept(3);
    QTRY_COMPARE(cell(QStringLiteral("mailer"), EndpointHealthModel::AttemptsColumn), QStringLiteral("3"));
    QTRY_COMPARE(cell(QStringLiteral("erp"), EndpointHealthModel::AttemptsColumn), QStringLiteral("3"));
    QCOMPARE(cell(QStringLiteral("mailer"), EndpointHealthModel::SuccessColumn), QStringLiteral("100.0%"));
    QCOMPARE(cell(QStringLiteral("erp"), EndpointHealthModel::SuccessColumn), QStringLiteral("0.0%"));
    QVERIFY(cell(QStringLiteral("mailer"), EndpointHealthModel::LatencyP50Column).startsWith(u'≤'));
    QVERIFY(cell(QStringLiteral("mailer"), EndpointHealthModel::LatencyP95Column).startsWith(u'≤'));
    QCOMPARE(cell(QStringLiteral("mailer"), EndpointHealthModel::InFlightColumn), QStringLiteral("0"));
    QCOMPARE(cell(QStringLiteral("mailer"), EndpointHealthModel::OldestWaitingColumn), QString());

    // The chart: the last hour by minute, every endpoint.
    OutcomeChartModel *chart = page_->chartModel();
    QTRY_COMPARE(sumOf(*chart).total(), 6);
    QCOMPARE(chart->rowCount(), 60);
    QCOMPARE(sumOf(*chart).delivered, 3);
    QCOMPARE(sumOf(*chart).parked, 3);

    // More traffic arrives while the page is shown.
    accept(2);
    QTRY_COMPARE(cell(QStringLiteral("mailer"), EndpointHealthModel::AttemptsColumn), QStringLiteral("5"));
    QTRY_COMPARE(sumOf(*chart).total(), 10);

    auto *day = page_->findChild<QToolButton *>(QStringLiteral("chartLastDay"));
    QVERIFY(day);
    QTest::mouseClick(day, Qt::LeftButton);
    QTRY_COMPARE(chart->rowCount(), 96);
    QCOMPARE(chart->slotSpan(), EndpointHealthQuery::Span::LastDay);
    QTRY_COMPARE(sumOf(*chart).total(), 10);

    // Selecting an endpoint charts only its attempts.
    table->selectRow(rowOf(QStringLiteral("erp")));
    QTRY_COMPARE(sumOf(*chart).total(), 5);
    QCOMPARE(sumOf(*chart).parked, 5);
    QCOMPARE(sumOf(*chart).delivered, 0);
    auto *box = qobject_cast<QGroupBox *>(
        page_->findChild<QWidget *>(QStringLiteral("outcomeChart"))->parentWidget());
    QVERIFY(box);
    QVERIFY2(box->title().endsWith(QStringLiteral(": erp")), qPrintable(box->title()));

    // A new endpoint resets the table; the charted endpoint stays selected (the reset once cleared the
    // selection while the chart went on showing erp alone).
    addEndpoint(QStringLiteral("crm"), *mailer_, true);
    QTRY_COMPARE(page_->healthModel()->rowCount(), 3);
    QCOMPARE(table->selectionModel()->selectedRows().size(), 1);
    QCOMPARE(table->selectionModel()->selectedRows().first().row(), rowOf(QStringLiteral("erp")));
    QVERIFY2(box->title().endsWith(QStringLiteral(": erp")), qPrintable(box->title()));
    QCOMPARE(sumOf(*chart).total(), 5);
    table->clearSelection();
    QTRY_COMPARE(sumOf(*chart).total(), 10);

    auto *hour = page_->findChild<QToolButton *>(QStringLiteral("chartLastHour"));
    QTest::mouseClick(hour, Qt::LeftButton);
    QTRY_COMPARE(chart->rowCount(), 60);
    QTRY_COMPARE(sumOf(*chart).total(), 10);
}

QTEST_MAIN(TestDashboardHealth)
#include "tst_dashboardhealth.moc"
