#include "BackgroundWorker.h"
#include "ControlPanel.h"
#include "EngineHost.h"
#include "MainWindow.h"
#include "model/Message.h"
#include "pages/MappingsPage.h"
#include "PanelStart.h"
#include "ScriptedEndpoint.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "storage/MessageQuery.h"
#include "storage/MessageRepository.h"
#include "TestDatabase.h"
#include "widgets/MappingCanvas.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QGraphicsRectItem>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QUndoStack>

#include <memory>

// The mapping editor on a real control panel (worker thread, in-process engine) over a scratch
// database that holds one endpoint, "mailer", served by a scripted endpoint on 127.0.0.1. The test
// reads the outcome back through its own connection, as the CLI would.
class TestMappingsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();

    void dragFromTypeToServiceCreatesAMappingThatRoutesNewMessages();
    void undoRemovesTheMappingAndRedoRestoresIt();
    void clickingALineSelectsAndDeleteKeepsTheHistory();
    void inspectorEditIsUndoneByUndo();
    void badFilterPathOrExpressionDisablesApply();
    void tableModelPassesTheModelTester();
    void serviceAndTypeControlsValidateAndAddNodes();
    void nodesTakeThePaletteColours();
    void keyboardAloneCreatesAMapping();
    void aNewMappingStaysSelectedThroughALoadThatPredatesIt();

private:
    template<typename T> T *child(const QString &name) const { return page_->findChild<T *>(name); }
    void addService(const QString &path);
    QString dragToService(const QString &type, const QString &path);
    QList<Mapping> storedMappings() const;
    std::optional<Mapping> storedMapping(const QString &name) const;
    QString accept(const QString &type);
    QStringList deliveriesOf(const QString &messageId) const;

    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<ScriptedEndpoint> endpoint_;
    std::unique_ptr<Database> db_;
    std::unique_ptr<ControlPanel> panel_;
    MappingsPage *page_ = nullptr;
    MappingCanvas *canvas_ = nullptr;
};

void TestMappingsPage::init()
{
    database_ = std::make_unique<TestDatabase>();
    QVERIFY2(database_->isValid(), qPrintable(database_->error()));
    endpoint_ = std::make_unique<ScriptedEndpoint>();
    QVERIFY(endpoint_->listen());
    db_ = std::make_unique<Database>(database_->location(), QStringLiteral("test"));
    QString error;
    QVERIFY2(db_->open(&error), qPrintable(error));
    Endpoint mailer;
    mailer.name = QStringLiteral("mailer");
    mailer.url = endpoint_->url();
    WriteTransaction transaction(*db_);
    QVERIFY2(transaction.begin(&error) && ConfigRepository(*db_).saveEndpoint(&mailer, &error) &&
                 transaction.commit(&error),
             qPrintable(error));

    panel_ = std::make_unique<ControlPanel>(database_->location());
    QVERIFY2(startAndWaitUntilOpen(*panel_, &error), qPrintable(error));
    MainWindow *window = panel_->window();
    window->resize(1600, 1000);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    // The window first opens the dashboard on its own (the database is not empty); then ours.
    QTRY_COMPARE(panel_->context().worker->pendingJobs(), 0);
    window->showPage(QStringLiteral("mappings"));
    page_ = qobject_cast<MappingsPage *>(window->currentPage());
    QVERIFY(page_);
    canvas_ = child<MappingCanvas>(QStringLiteral("mappingCanvas"));
    QVERIFY(canvas_);
    QTRY_COMPARE(child<QComboBox>(QStringLiteral("serviceEndpoint"))->count(), 1);
}

void TestMappingsPage::cleanup()
{
    page_ = nullptr;
    canvas_ = nullptr;
    panel_.reset();
    db_.reset();
    endpoint_.reset();
    database_.reset();
}

void TestMappingsPage::addService(const QString &path)
{
    child<QComboBox>(QStringLiteral("serviceEndpoint"))->setCurrentText(QStringLiteral("mailer"));
    child<QLineEdit>(QStringLiteral("newServicePath"))->setText(path);
    QTest::mouseClick(child<QPushButton>(QStringLiteral("addService")), Qt::LeftButton);
}

// Presses on the type node, moves over the canvas and releases on the service node, as a person would.
QString TestMappingsPage::dragToService(const QString &type, const QString &path)
{
    addService(path);
    const QPointF from = canvas_->typeNodeCenter(type);
    const QPointF to = canvas_->serviceNodeCenter(QStringLiteral("mailer"), path);
    if (from.isNull() || to.isNull())
        return QStringLiteral("missing node");
    QWidget *viewport = canvas_->viewport();
    const QPoint start = canvas_->mapFromScene(from);
    const QPoint end = canvas_->mapFromScene(to);
    QTest::mousePress(viewport, Qt::LeftButton, {}, start);
    QTest::mouseMove(viewport, (start + end) / 2);
    QTest::mouseMove(viewport, end);
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, end);
    return QStringLiteral("%1 \u2192 mailer %2").arg(type, path);
}

QList<Mapping> TestMappingsPage::storedMappings() const
{
    QList<Mapping> mappings;
    QString error;
    if (!ConfigRepository(*db_).loadMappings(&mappings, &error))
        qWarning("%s", qPrintable(error));
    return mappings;
}

std::optional<Mapping> TestMappingsPage::storedMapping(const QString &name) const
{
    for (const Mapping &mapping : storedMappings()) {
        if (mapping.name == name)
            return mapping;
    }
    return std::nullopt;
}

QString TestMappingsPage::accept(const QString &type)
{
    Message message;
    QString error;
    QStringList accepted;
    if (!Message::fromJson(
            QJsonObject{{QStringLiteral("message"), type},
                        {QStringLiteral("payload"),
                         QJsonObject{{QStringLiteral("order"),
                                      QJsonObject{{QStringLiteral("status"), QStringLiteral("complete")}}}}}},
            &message, &error) ||
        !MessageRepository(*db_).accept({message}, QStringLiteral("test"), &accepted, &error)) {
        qWarning("%s", qPrintable(error));
        return {};
    }
    panel_->context().engine->wake();
    return accepted.value(0);
}

// "mapping state" per delivery of the message.
QStringList TestMappingsPage::deliveriesOf(const QString &messageId) const
{
    QJsonObject shown;
    QString error;
    if (!MessageQuery(*db_).show(messageId, &shown, &error))
        return {error};
    QStringList deliveries;
    for (const QJsonValue &delivery : shown.value(QStringLiteral("deliveries")).toArray())
        deliveries << delivery[QStringLiteral("mapping")].toString() + QLatin1Char(' ') +
                          delivery[QStringLiteral("state")].toString();
    return deliveries;
}

void TestMappingsPage::dragFromTypeToServiceCreatesAMappingThatRoutesNewMessages()
{
    const QString name = dragToService(QStringLiteral("order:new"), QStringLiteral("/order_confirmation"));
    QCOMPARE(name, QStringLiteral("order:new \u2192 mailer /order_confirmation"));

    QTRY_VERIFY(storedMapping(name).has_value());
    const Mapping stored = *storedMapping(name);
    QCOMPARE(stored.endpoint, QStringLiteral("mailer"));
    QCOMPARE(stored.path, QStringLiteral("/order_confirmation"));
    QCOMPARE(stored.messages, QStringList{QStringLiteral("order:new")});
    QTRY_COMPARE(canvas_->connectionCount(name), 1);
    QCOMPARE(canvas_->selectedMapping(), name);
    QCOMPARE(child<QLineEdit>(QStringLiteral("mappingName"))->text(), name);

    // The engine routes and delivers the very next message by it.
    const QString message = accept(QStringLiteral("order:new"));
    QCOMPARE(deliveriesOf(message).size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(deliveriesOf(message), QStringList{name + QStringLiteral(" delivered")}, 20000);
    QCOMPARE(endpoint_->requestsTo("/order_confirmation").size(), 1);

    // The same drag again makes a second mapping with a name of its own.
    QCOMPARE(dragToService(QStringLiteral("order:new"), QStringLiteral("/order_confirmation")), name);
    QTRY_VERIFY(storedMapping(name + QStringLiteral(" (2)")).has_value());
}

void TestMappingsPage::undoRemovesTheMappingAndRedoRestoresIt()
{
    const QString name = dragToService(QStringLiteral("shipment:ready"), QStringLiteral("/ship"));
    QTRY_VERIFY(storedMapping(name).has_value());
    QUndoStack *stack = page_->undoStack();
    QVERIFY(stack);
    QCOMPARE(stack->count(), 1);

    stack->undo();
    QTRY_VERIFY(storedMappings().isEmpty());
    QTRY_COMPARE(canvas_->connectionCount(name), 0);
    QCOMPARE(deliveriesOf(accept(QStringLiteral("shipment:ready"))), QStringList{});

    stack->redo();
    QTRY_VERIFY(storedMapping(name).has_value());
    QTRY_COMPARE(canvas_->connectionCount(name), 1);
    QCOMPARE(deliveriesOf(accept(QStringLiteral("shipment:ready"))).size(), 1);
}

void TestMappingsPage::clickingALineSelectsAndDeleteKeepsTheHistory()
{
    const QString name = dragToService(QStringLiteral("customer:new"), QStringLiteral("/crm"));
    QTRY_COMPARE(canvas_->connectionCount(name), 1);
    const QString message = accept(QStringLiteral("customer:new"));
    QTRY_COMPARE_WITH_TIMEOUT(deliveriesOf(message), QStringList{name + QStringLiteral(" delivered")}, 20000);

    page_->selectMapping(QString());
    QCOMPARE(canvas_->selectedMapping(), QString());
    const QPoint onLine = canvas_->mapFromScene(canvas_->connectionMidpoint(name));
    QTest::mouseClick(canvas_->viewport(), Qt::LeftButton, {}, onLine);
    QCOMPARE(canvas_->selectedMapping(), name);
    QCOMPARE(page_->selectedMapping(), name);
    QCOMPARE(child<QLineEdit>(QStringLiteral("mappingName"))->text(), name);

    QTest::keyClick(canvas_, Qt::Key_Delete);
    QTRY_VERIFY(storedMappings().isEmpty());
    QTRY_COMPARE(canvas_->connectionCount(name), 0);
    QCOMPARE(page_->selectedMapping(), QString());
    // The message history still names the mapping that delivered it.
    QCOMPARE(deliveriesOf(message), QStringList{name + QStringLiteral(" delivered")});

    page_->undoStack()->undo();
    QTRY_VERIFY(storedMapping(name).has_value());
    QTRY_COMPARE(canvas_->connectionCount(name), 1);
}

void TestMappingsPage::inspectorEditIsUndoneByUndo()
{
    const QString name = dragToService(QStringLiteral("order:updated"), QStringLiteral("/accounting"));
    QTRY_COMPARE(child<QLineEdit>(QStringLiteral("mappingName"))->text(), name);
    auto *retries = child<QCheckBox>(QStringLiteral("retriesAllowed"));
    auto *apply = child<QPushButton>(QStringLiteral("applyMapping"));
    QVERIFY(retries->isChecked());
    QVERIFY(!apply->isEnabled()); // nothing changed yet

    retries->setChecked(false);
    child<QLineEdit>(QStringLiteral("retrySchedule"))->setText(QStringLiteral("0.05, 1"));
    child<QLineEdit>(QStringLiteral("mappingMessages"))->setText(QStringLiteral("order:updated, order:*"));
    QVERIFY(apply->isEnabled());
    QTest::mouseClick(apply, Qt::LeftButton);

    QTRY_VERIFY(storedMapping(name) && !storedMapping(name)->options.retriesAllowed);
    Mapping edited = *storedMapping(name);
    QCOMPARE(edited.options.retrySchedule, (QList<double>{0.05, 1}));
    QCOMPARE(edited.messages, (QStringList{QStringLiteral("order:updated"), QStringLiteral("order:*")}));
    QTRY_COMPARE(canvas_->connectionCount(name), 2);
    QVERIFY(!canvas_->typeNodeCenter(QStringLiteral("order:*")).isNull());

    page_->undoStack()->undo();
    QTRY_VERIFY(storedMapping(name) && storedMapping(name)->options.retriesAllowed);
    const Mapping restored = *storedMapping(name);
    QVERIFY(restored.options.retrySchedule.isEmpty());
    QCOMPARE(restored.messages, QStringList{QStringLiteral("order:updated")});
    QTRY_VERIFY(retries->isChecked());
    QCOMPARE(child<QLineEdit>(QStringLiteral("retrySchedule"))->text(), QString());
}

void TestMappingsPage::badFilterPathOrExpressionDisablesApply()
{
    const QString name = dragToService(QStringLiteral("order:new"), QStringLiteral("/order_confirmation"));
    QTRY_COMPARE(child<QLineEdit>(QStringLiteral("mappingName"))->text(), name);
    auto *filters = child<QTableWidget>(QStringLiteral("mappingFilters"));
    auto *error = child<QLabel>(QStringLiteral("filterError"));
    auto *apply = child<QPushButton>(QStringLiteral("applyMapping"));
    QTest::mouseClick(child<QPushButton>(QStringLiteral("addFilter")), Qt::LeftButton);
    QCOMPARE(filters->rowCount(), 1);

    filters->item(0, 0)->setText(QStringLiteral("payload..order"));
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("empty segment")), qPrintable(error->text()));
    QVERIFY(!error->text().contains(QLatin1Char('\n')));
    QVERIFY(!apply->isEnabled());

    filters->item(0, 0)->setText(QStringLiteral("payload.order.status"));
    filters->item(0, 2)->setText(QStringLiteral("complete"));
    QVERIFY(!error->isVisible());
    QVERIFY(apply->isEnabled());

    auto *op = qobject_cast<QComboBox *>(filters->cellWidget(0, 1));
    QVERIFY(op);
    op->setCurrentText(QStringLiteral("match"));
    filters->item(0, 2)->setText(QStringLiteral("(comp"));
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("regular expression")), qPrintable(error->text()));
    QVERIFY(!error->text().contains(QLatin1Char('\n')));
    QVERIFY(!apply->isEnabled());

    filters->item(0, 2)->setText(QStringLiteral("^comp"));
    QVERIFY(!error->isVisible());
    QVERIFY(apply->isEnabled());
    QTest::mouseClick(apply, Qt::LeftButton);
    QTRY_VERIFY(storedMapping(name) && storedMapping(name)->filters.size() == 1);
    QCOMPARE(storedMapping(name)->filters.first().describe(),
             QStringLiteral("payload.order.status match \"^comp\""));
}

void TestMappingsPage::tableModelPassesTheModelTester()
{
    auto *table = child<QTableView>(QStringLiteral("mappingTable"));
    QVERIFY(table);
    QAbstractItemModelTester tester(table->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QString first = dragToService(QStringLiteral("order:new"), QStringLiteral("/a"));
    QTRY_COMPARE(table->model()->rowCount(), 1);
    const QString second = dragToService(QStringLiteral("order:canceled"), QStringLiteral("/b"));
    QTRY_COMPARE(table->model()->rowCount(), 2);
    // By name, as the repository loads them.
    QCOMPARE(table->model()->index(0, 0).data().toString(), second);
    QCOMPARE(table->model()->index(1, 0).data().toString(), first);

    // Choosing a row selects that mapping everywhere.
    table->selectRow(1);
    QCOMPARE(page_->selectedMapping(), first);
    QCOMPARE(canvas_->selectedMapping(), first);
    page_->undoStack()->undo();
    QTRY_COMPARE(table->model()->rowCount(), 1);
    QCOMPARE(table->model()->index(0, 0).data().toString(), first);
}

void TestMappingsPage::serviceAndTypeControlsValidateAndAddNodes()
{
    auto *error = child<QLabel>(QStringLiteral("canvasError"));
    addService(QStringLiteral("order_confirmation"));
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QLatin1Char('/')), qPrintable(error->text()));
    QVERIFY(
        canvas_->serviceNodeCenter(QStringLiteral("mailer"), QStringLiteral("order_confirmation")).isNull());

    addService(QStringLiteral("/order_confirmation"));
    QVERIFY(!error->isVisible());
    QVERIFY(!canvas_->serviceNodeCenter(QStringLiteral("mailer"), QStringLiteral("/order_confirmation"))
                 .isNull());

    child<QLineEdit>(QStringLiteral("newTypeName"))->setText(QStringLiteral("Order New"));
    QTest::mouseClick(child<QPushButton>(QStringLiteral("addType")), Qt::LeftButton);
    QVERIFY(error->isVisible());
    QVERIFY(!error->text().isEmpty() && !error->text().contains(QLatin1Char('\n')));
    QVERIFY(canvas_->typeNodeCenter(QStringLiteral("Order New")).isNull());

    child<QLineEdit>(QStringLiteral("newTypeName"))->setText(QStringLiteral("order:returned"));
    QTest::mouseClick(child<QPushButton>(QStringLiteral("addType")), Qt::LeftButton);
    QVERIFY(!error->isVisible());
    QVERIFY(!canvas_->typeNodeCenter(QStringLiteral("order:returned")).isNull());
    // Every well-known type is there from the start.
    for (const QString &type : MappingCanvas::kWellKnownTypes)
        QVERIFY2(!canvas_->typeNodeCenter(type).isNull(), qPrintable(type));
}

void TestMappingsPage::nodesTakeThePaletteColours()
{
    const auto nodeBrush = [this] {
        const QPointF center = canvas_->typeNodeCenter(QStringLiteral("order:new"));
        for (QGraphicsItem *item : canvas_->scene()->items(center)) {
            if (auto *rect = qgraphicsitem_cast<QGraphicsRectItem *>(item))
                return rect->brush().color();
        }
        return QColor();
    };
    QPalette dark = canvas_->palette();
    dark.setColor(QPalette::Button, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::ButtonText, QColor(0xee, 0xee, 0xee));
    canvas_->setPalette(dark);
    QCOMPARE(nodeBrush(), QColor(0x2b, 0x2b, 0x2b));
    QPalette light = dark;
    light.setColor(QPalette::Button, QColor(0xf0, 0xf0, 0xf0));
    canvas_->setPalette(light);
    QCOMPARE(nodeBrush(), QColor(0xf0, 0xf0, 0xf0));
}

// Without a mouse: type the message type, choose the endpoint, type the path, Tab to "Create mapping"
// and press Space. A missing type is refused with a one-line reason first.
void TestMappingsPage::keyboardAloneCreatesAMapping()
{
    auto *create = child<QPushButton>(QStringLiteral("createMappingFromFields"));
    QVERIFY(create);
    create->setFocus();
    QTest::keyClick(create, Qt::Key_Space);
    QTRY_VERIFY(child<QLabel>(QStringLiteral("canvasError"))->text().contains(QStringLiteral("type field")));
    QVERIFY(storedMappings().isEmpty());

    QTest::keyClicks(child<QLineEdit>(QStringLiteral("newTypeName")), QStringLiteral("order:canceled"));
    QTest::keyClicks(child<QLineEdit>(QStringLiteral("newServicePath")), QStringLiteral("/cancellations"));
    create->setFocus();
    QTest::keyClick(create, Qt::Key_Space);
    const QString name = QStringLiteral("order:canceled \u2192 mailer /cancellations");
    QTRY_VERIFY(storedMapping(name).has_value());
    QCOMPARE(storedMapping(name)->messages, QStringList{QStringLiteral("order:canceled")});
    QTRY_COMPARE(canvas_->connectionCount(name), 1);
    QCOMPARE(page_->undoStack()->count(), 1);
}

// A load posted before the mapping's write answers without it; the new mapping must still end up
// selected in the inspector (it once lost the selection, and the inspector stayed disabled).
void TestMappingsPage::aNewMappingStaysSelectedThroughALoadThatPredatesIt()
{
    addService(QStringLiteral("/order_confirmation"));
    QSignalSpy refreshed(page_, &MappingsPage::refreshed);
    page_->refresh(); // the worker runs posts in order: this answer comes back before the write
    const QString name = dragToService(QStringLiteral("order:new"), QStringLiteral("/order_confirmation"));
    QCOMPARE(page_->selectedMapping(), name);
    QVERIFY(refreshed.wait());
    QCOMPARE(page_->selectedMapping(), name);
    QTRY_VERIFY(child<QCheckBox>(QStringLiteral("retriesAllowed"))->isEnabled());
    QCOMPARE(child<QLineEdit>(QStringLiteral("mappingName"))->text(), name);
    QCOMPARE(canvas_->selectedMapping(), name);
}

QTEST_MAIN(TestMappingsPage)
#include "tst_mappingspage.moc"
