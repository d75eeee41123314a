#include "widgets/MappingCanvas.h"
#include "widgets/MappingCanvasToolBar.h"
#include "widgets/MappingGraph.h"
#include "widgets/MappingGraphLayout.h"

#include <QApplication>
#include <QGraphicsPathItem>
#include <QGraphicsRectItem>
#include <QLineEdit>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <algorithm>
#include <memory>

namespace {

using Look = MappingCanvas::Look;

// A store the size of a real one: 30 endpoints and 60 mappings over 16 message types. Every third
// endpoint has one service, /inbox, fed by two mappings; the others have /orders and /events. Every
// tenth mapping subscribes a second type.
struct LargeStore
{
    QStringList types;
    QStringList endpoints;
    QList<Mapping> mappings;

    LargeStore()
    {
        types = MappingCanvas::kWellKnownTypes +
                QStringList{QStringLiteral("order:returned"), QStringLiteral("payment:captured"),
                            QStringLiteral("inventory:changed"), QStringLiteral("return:authorized")};
        for (int k = 0; k < 30; ++k)
            endpoints << endpointName(k);
        for (int i = 0; i < 60; ++i) {
            const int k = i % 30;
            Mapping mapping;
            mapping.name = QStringLiteral("mapping-%1").arg(i, 2, 10, QLatin1Char('0'));
            mapping.endpoint = endpointName(k);
            mapping.path = k % 3 == 0 ? QStringLiteral("/inbox")
                                      : (i < 30 ? QStringLiteral("/orders") : QStringLiteral("/events"));
            mapping.messages = {types.at(i * 7 % types.size())};
            if (i % 10 == 9)
                mapping.messages << types.at(i * 3 % types.size());
            mappings << mapping;
        }
    }

    static QString endpointName(int k)
    {
        return QStringLiteral("endpoint-%1").arg(k, 2, 10, QLatin1Char('0'));
    }

    QSet<QString> mappingsOfType(const QString &type) const
    {
        QSet<QString> names;
        for (const Mapping &mapping : mappings) {
            if (mapping.messages.contains(type))
                names.insert(mapping.name);
        }
        return names;
    }
};

QSet<QString> mappingsLooking(const MappingCanvas *canvas, Look look)
{
    QSet<QString> names;
    for (const MappingCanvas::DrawnConnection &connection : canvas->connections()) {
        if (connection.look == look)
            names.insert(connection.mapping);
    }
    return names;
}

} // namespace

// The mapping canvas at a real store's size, with its tool bar, in a real window: filter, highlight
// by selection and by hover, collapse, zoom and fit, keyboard navigation, and the drag that makes a
// mapping, all driven by key and mouse events.
class TestMappingCanvas : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void layoutOrdersTheColumnsSoFewerLinesCross();
    void filterShowsOnlyMatchingItemsAndTheirLines();
    void selectingATypeHighlightsExactlyItsMappings();
    void hoveringAServiceHighlightsWhatFeedsIt();
    void collapseReducesAnEndpointToOneRow();
    void zoomAndFitMakeTheWholeSceneVisible();
    void keyboardMovesTheSelection();
    void dragFromTypeToServiceStillAsksForAMapping();

private:
    template<typename T> T *child(const QString &name) const { return window_->findChild<T *>(name); }
    QPoint viewPoint(const QPointF &scenePos) const { return canvas_->mapFromScene(scenePos); }
    void click(const QPointF &scenePos);
    int visibleLines() const;
    bool wholeSceneVisible() const;

    LargeStore store_;
    std::unique_ptr<QWidget> window_;
    MappingCanvas *canvas_ = nullptr;
};

void TestMappingCanvas::init()
{
    window_ = std::make_unique<QWidget>();
    canvas_ = new MappingCanvas;
    auto *layout = new QVBoxLayout(window_.get());
    layout->addWidget(new MappingCanvasToolBar(canvas_));
    layout->addWidget(canvas_, 1);
    window_->resize(1200, 800);
    canvas_->setContent(store_.endpoints, store_.mappings, {}, {});
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    QCOMPARE(canvas_->connections().size(), 66); // 60 mappings, 6 with a second type
    QCOMPARE(mappingsLooking(canvas_, Look::Normal).size(), 60);
}

void TestMappingCanvas::cleanup()
{
    canvas_ = nullptr;
    window_.reset();
}

void TestMappingCanvas::click(const QPointF &scenePos)
{
    QVERIFY(!scenePos.isNull());
    QTest::mouseClick(canvas_->viewport(), Qt::LeftButton, {}, viewPoint(scenePos));
}

// Lines the scene really shows, not what the canvas says about them.
int TestMappingCanvas::visibleLines() const
{
    const QList<QGraphicsItem *> items = canvas_->scene()->items();
    return int(std::count_if(items.begin(), items.end(), [](QGraphicsItem *item) {
        return qgraphicsitem_cast<QGraphicsPathItem *>(item) && item->isVisible();
    }));
}

bool TestMappingCanvas::wholeSceneVisible() const
{
    const QRectF shown = canvas_->mapToScene(canvas_->viewport()->rect()).boundingRect();
    return shown.contains(canvas_->scene()->itemsBoundingRect());
}

void TestMappingCanvas::layoutOrdersTheColumnsSoFewerLinesCross()
{
    // Two lines that cross in the given order, and do not once one column is reordered.
    MappingGraph small(
        {QStringLiteral("a:x"), QStringLiteral("b:x")},
        {{QStringLiteral("one"), {QStringLiteral("/b")}}, {QStringLiteral("two"), {QStringLiteral("/a")}}},
        {{QStringLiteral("m1"), true, QStringLiteral("a:x"), {QStringLiteral("two"), QStringLiteral("/a")}},
         {QStringLiteral("m2"), true, QStringLiteral("b:x"), {QStringLiteral("one"), QStringLiteral("/b")}}});
    QCOMPARE(MappingGraphLayout::crossings(small), 1);
    MappingGraphLayout::orderToCrossLess(&small);
    QCOMPARE(MappingGraphLayout::crossings(small), 0);

    MappingGraph large =
        MappingGraph::fromMappings(store_.endpoints, store_.mappings, MappingCanvas::kWellKnownTypes, {}, {});
    const int before = MappingGraphLayout::crossings(large);
    MappingGraphLayout::orderToCrossLess(&large);
    const int after = MappingGraphLayout::crossings(large);
    QVERIFY2(after * 2 < before,
             qPrintable(QStringLiteral("%1 crossings before, %2 after").arg(before).arg(after)));
    // Every node is still there, each endpoint's services still under it.
    QCOMPARE(large.types().size(), 16);
    QCOMPARE(large.endpoints().size(), 30);
    // The canvas draws that order: types top to bottom as the layout put them.
    QList<qreal> ys;
    for (const QString &type : large.types())
        ys << canvas_->typeNodeCenter(type).y();
    QVERIFY(std::is_sorted(ys.begin(), ys.end()));
}

void TestMappingCanvas::filterShowsOnlyMatchingItemsAndTheirLines()
{
    auto *filter = child<QLineEdit>(QStringLiteral("canvasFilter"));
    QVERIFY(filter);
    QCOMPARE(visibleLines(), 66);

    // A type: its lines and the services they reach, nothing else.
    const QString type = QStringLiteral("order:new");
    const QSet<QString> ofType = store_.mappingsOfType(type);
    QVERIFY(ofType.size() >= 3);
    QTest::keyClicks(filter, type);
    QCOMPARE(canvas_->filterText(), type);
    QSet<QString> reached; // "endpoint path"
    for (const MappingCanvas::DrawnConnection &connection : canvas_->connections()) {
        QCOMPARE(connection.look != Look::Hidden, connection.type == type);
        if (connection.type == type)
            reached.insert(connection.service.endpoint + QLatin1Char(' ') + connection.service.path);
    }
    QCOMPARE(mappingsLooking(canvas_, Look::Normal), ofType);
    QCOMPARE(visibleLines(), ofType.size());
    for (const QString &other : MappingCanvas::kWellKnownTypes)
        QCOMPARE(canvas_->typeNodeCenter(other).isNull(), other != type);
    for (const Mapping &mapping : store_.mappings) {
        const MappingService service{mapping.endpoint, mapping.path};
        QCOMPARE(canvas_->serviceNodeCenter(service.endpoint, service.path).isNull(),
                 !reached.contains(service.endpoint + QLatin1Char(' ') + service.path));
    }

    // An endpoint: its services, the lines into them and the types at their other end.
    filter->clear();
    QCOMPARE(visibleLines(), 66);
    const QString endpoint = LargeStore::endpointName(7);
    QTest::keyClicks(filter, endpoint);
    QSet<QString> feeding;
    for (const MappingCanvas::DrawnConnection &connection : canvas_->connections()) {
        QCOMPARE(connection.look != Look::Hidden, connection.service.endpoint == endpoint);
        if (connection.service.endpoint == endpoint)
            feeding.insert(connection.type);
    }
    QCOMPARE(visibleLines(), 2);
    QVERIFY(!canvas_->serviceNodeCenter(endpoint, QStringLiteral("/orders")).isNull());
    QVERIFY(!canvas_->serviceNodeCenter(endpoint, QStringLiteral("/events")).isNull());
    QVERIFY(canvas_->serviceNodeCenter(LargeStore::endpointName(8), QStringLiteral("/orders")).isNull());
    QCOMPARE(canvas_->nodeLook(MappingGraphNode::endpoint(LargeStore::endpointName(17))), Look::Hidden);
    for (const QString &other : MappingCanvas::kWellKnownTypes)
        QCOMPARE(canvas_->typeNodeCenter(other).isNull(), !feeding.contains(other));

    // A path, in any case: that service of every endpoint.
    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("/INBOX"));
    for (const MappingCanvas::DrawnConnection &connection : canvas_->connections())
        QCOMPARE(connection.look != Look::Hidden, connection.service.path == QLatin1String("/inbox"));
    QCOMPARE(visibleLines(), 22); // ten endpoints, two mappings each, two of them with a second type

    filter->clear();
    QCOMPARE(visibleLines(), 66);
    QCOMPARE(mappingsLooking(canvas_, Look::Normal).size(), 60);
}

void TestMappingCanvas::selectingATypeHighlightsExactlyItsMappings()
{
    const QString type = QStringLiteral("customer:new");
    const QSet<QString> ofType = store_.mappingsOfType(type);
    QVERIFY(ofType.size() >= 3);
    click(canvas_->typeNodeCenter(type));
    QCOMPARE(canvas_->selectedNode(), MappingGraphNode::type(type));

    for (const MappingCanvas::DrawnConnection &connection : canvas_->connections())
        QCOMPARE(connection.look, connection.type == type ? Look::Highlighted : Look::Dimmed);
    QCOMPARE(mappingsLooking(canvas_, Look::Highlighted), ofType);
    QVERIFY(mappingsLooking(canvas_, Look::Dimmed).contains(QStringLiteral("mapping-00")));
    QCOMPARE(canvas_->nodeLook(MappingGraphNode::type(type)), Look::Highlighted);
    QCOMPARE(canvas_->nodeLook(MappingGraphNode::type(QStringLiteral("order:new"))), Look::Dimmed);
    for (const MappingCanvas::DrawnConnection &connection : canvas_->connections()) {
        if (connection.type == type)
            QCOMPARE(canvas_->nodeLook(MappingGraphNode::service(connection.service)), Look::Highlighted);
    }
    // The scene shows it: the dimmed node is faint, the selected one is not.
    const auto boxAt = [this](const QPointF &centre) {
        for (QGraphicsItem *item : canvas_->scene()->items(centre)) {
            if (auto *box = qgraphicsitem_cast<QGraphicsRectItem *>(item))
                return box;
        }
        return static_cast<QGraphicsRectItem *>(nullptr);
    };
    QCOMPARE(boxAt(canvas_->typeNodeCenter(type))->opacity(), 1.0);
    QVERIFY(boxAt(canvas_->typeNodeCenter(QStringLiteral("order:new")))->opacity() < 0.5);

    // A click on nothing lets go.
    click(canvas_->mapToScene(canvas_->viewport()->rect().bottomRight() - QPoint(2, 2)));
    QVERIFY(canvas_->selectedNode().isNull());
    QCOMPARE(mappingsLooking(canvas_, Look::Normal).size(), 60);
}

void TestMappingCanvas::hoveringAServiceHighlightsWhatFeedsIt()
{
    const MappingService inbox{LargeStore::endpointName(3), QStringLiteral("/inbox")};
    QSet<QString> feeders, feedingTypes;
    for (const Mapping &mapping : store_.mappings) {
        if (mapping.endpoint == inbox.endpoint && mapping.path == inbox.path) {
            feeders.insert(mapping.name);
            for (const QString &type : mapping.messages)
                feedingTypes.insert(type);
        }
    }
    QCOMPARE(feeders.size(), 2);

    // Without a button pressed QTest moves the real pointer, so the node must be on screen.
    canvas_->centerOn(canvas_->serviceNodeCenter(inbox.endpoint, inbox.path));
    QTest::mouseMove(canvas_->viewport(), viewPoint(canvas_->serviceNodeCenter(inbox.endpoint, inbox.path)));
    QTRY_COMPARE(canvas_->hoveredNode(), MappingGraphNode::service(inbox));
    QVERIFY(canvas_->selectedNode().isNull()); // hovering only shows
    for (const MappingCanvas::DrawnConnection &connection : canvas_->connections())
        QCOMPARE(connection.look, connection.service == inbox ? Look::Highlighted : Look::Dimmed);
    QCOMPARE(mappingsLooking(canvas_, Look::Highlighted), feeders);
    for (const QString &type : MappingCanvas::kWellKnownTypes) {
        if (!canvas_->typeNodeCenter(type).isNull())
            QCOMPARE(canvas_->nodeLook(MappingGraphNode::type(type)),
                     feedingTypes.contains(type) ? Look::Highlighted : Look::Dimmed);
    }
    QCOMPARE(canvas_->nodeLook(MappingGraphNode::endpoint(inbox.endpoint)), Look::Highlighted);

    // Moving off every node ends it.
    QTest::mouseMove(canvas_->viewport(), canvas_->viewport()->rect().bottomRight() - QPoint(2, 2));
    QTRY_VERIFY(canvas_->hoveredNode().isNull());
    QCOMPARE(mappingsLooking(canvas_, Look::Normal).size(), 60);
}

void TestMappingCanvas::collapseReducesAnEndpointToOneRow()
{
    const QString endpoint = LargeStore::endpointName(4);
    const MappingGraphNode header = MappingGraphNode::endpoint(endpoint);
    const QRectF row = canvas_->nodeRect(header);
    const QRectF orders = canvas_->nodeRect(MappingGraphNode::service(endpoint, QStringLiteral("/orders")));
    QVERIFY(!orders.isNull());
    const qreal sceneHeight = canvas_->scene()->itemsBoundingRect().height();

    click(canvas_->collapseToggleCenter(endpoint));
    QVERIFY(canvas_->isCollapsed(endpoint));
    QVERIFY(canvas_->serviceNodeCenter(endpoint, QStringLiteral("/orders")).isNull());
    QVERIFY(canvas_->serviceNodeCenter(endpoint, QStringLiteral("/events")).isNull());
    QCOMPARE(canvas_->nodeRect(header).height(), row.height());
    // Two rows (and the gap after a group) fewer.
    QVERIFY(canvas_->scene()->itemsBoundingRect().height() <= sceneHeight - 2 * row.height());
    // Its mappings still show, as lines into the endpoint's row.
    for (const Mapping &mapping : store_.mappings) {
        if (mapping.endpoint != endpoint)
            continue;
        QCOMPARE(canvas_->connectionCount(mapping.name), mapping.messages.size());
        const QList<QGraphicsItem *> under =
            canvas_->scene()->items(canvas_->connectionMidpoint(mapping.name));
        QVERIFY(!under.isEmpty());
    }
    for (QGraphicsItem *item : canvas_->scene()->items()) {
        if (auto *line = qgraphicsitem_cast<QGraphicsPathItem *>(item);
            line && line->toolTip().startsWith(QStringLiteral("mapping-04")))
            QVERIFY(canvas_->nodeRect(header).adjusted(-1, 0, 0, 0).contains(line->path().currentPosition()));
    }

    click(canvas_->collapseToggleCenter(endpoint));
    QVERIFY(!canvas_->isCollapsed(endpoint));
    QCOMPARE(canvas_->nodeRect(MappingGraphNode::service(endpoint, QStringLiteral("/orders"))).height(),
             orders.height());

    // Collapse all: every endpoint one row, every line still drawn.
    QTest::mouseClick(child<QToolButton>(QStringLiteral("collapseAll")), Qt::LeftButton);
    for (const QString &name : store_.endpoints) {
        QVERIFY(canvas_->isCollapsed(name));
        QCOMPARE(canvas_->nodeRect(MappingGraphNode::endpoint(name)).height(), row.height());
    }
    for (const Mapping &mapping : store_.mappings)
        QVERIFY(canvas_->serviceNodeCenter(mapping.endpoint, mapping.path).isNull());
    QCOMPARE(visibleLines(), 66);
    QTest::mouseClick(child<QToolButton>(QStringLiteral("expandAll")), Qt::LeftButton);
    QVERIFY(canvas_->collapsedEndpoints().isEmpty());
    QCOMPARE(canvas_->scene()->itemsBoundingRect().height(), sceneHeight);
}

void TestMappingCanvas::zoomAndFitMakeTheWholeSceneVisible()
{
    // By default the drawing fits the pane's width and scrolls: this store is too tall for it.
    QVERIFY(!wholeSceneVisible());
    const qreal start = canvas_->zoom();

    canvas_->setFocus();
    QTest::keyClick(canvas_, Qt::Key_Plus);
    QVERIFY(canvas_->zoom() > start);
    QTest::keyClick(canvas_, Qt::Key_Minus);
    QTest::keyClick(canvas_, Qt::Key_Minus);
    QVERIFY(canvas_->zoom() < start);

    const QPoint middle = canvas_->viewport()->rect().center();
    const qreal beforeWheel = canvas_->zoom();
    QWheelEvent wheel(middle, canvas_->viewport()->mapToGlobal(middle), {}, {0, 120}, Qt::NoButton,
                      Qt::ControlModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(canvas_->viewport(), &wheel);
    QVERIFY(canvas_->zoom() > beforeWheel);

    QTest::mouseClick(child<QToolButton>(QStringLiteral("fitView")), Qt::LeftButton);
    QTRY_VERIFY(wholeSceneVisible());
    // Fit holds when the pane changes size.
    window_->resize(900, 600);
    QTRY_VERIFY(wholeSceneVisible());
    QVERIFY(canvas_->zoom() < 1);

    // The key does the same, and a filter keeps the smaller drawing in view.
    QTest::keyClick(canvas_, Qt::Key_Plus);
    QVERIFY(!wholeSceneVisible());
    QTest::keyClick(canvas_, Qt::Key_0);
    QTRY_VERIFY(wholeSceneVisible());
    QTest::keyClicks(child<QLineEdit>(QStringLiteral("canvasFilter")), QStringLiteral("shipment"));
    QTRY_VERIFY(wholeSceneVisible());
}

void TestMappingCanvas::keyboardMovesTheSelection()
{
    QStringList types = store_.types; // top to bottom, as drawn
    std::sort(types.begin(), types.end(), [this](const QString &a, const QString &b) {
        return canvas_->typeNodeCenter(a).y() < canvas_->typeNodeCenter(b).y();
    });
    QSignalSpy clicked(canvas_, &MappingCanvas::mappingClicked);
    canvas_->setFocus();
    QVERIFY(canvas_->hasFocus());

    QTest::keyClick(canvas_, Qt::Key_Down); // nothing selected: the first type
    const MappingGraphNode first = canvas_->selectedNode();
    QCOMPARE(first, MappingGraphNode::type(types.at(0)));
    const QString second = types.at(1);
    QTest::keyClick(canvas_, Qt::Key_Down);
    QCOMPARE(canvas_->selectedNode(), MappingGraphNode::type(second));
    QTest::keyClick(canvas_, Qt::Key_Up);
    QCOMPARE(canvas_->selectedNode(), first);

    // Right crosses to a service the type feeds; Left comes back to a type that feeds that service.
    QTest::keyClick(canvas_, Qt::Key_Right);
    const MappingGraphNode service = canvas_->selectedNode();
    QCOMPARE(service.kind, MappingGraphNode::Kind::Service);
    QCOMPARE(canvas_->nodeLook(first), Look::Highlighted);
    QTest::keyClick(canvas_, Qt::Key_Left);
    const MappingGraphNode back = canvas_->selectedNode();
    QVERIFY(back.isType());
    const QList<MappingCanvas::DrawnConnection> all = canvas_->connections();
    QVERIFY(std::any_of(all.begin(), all.end(), [&](const MappingCanvas::DrawnConnection &connection) {
        return connection.type == back.name && MappingGraphNode::service(connection.service) == service;
    }));

    // Enter selects the type's mappings one after another, top to bottom by the services they reach.
    const QSet<QString> ofType = store_.mappingsOfType(back.name);
    const auto serviceHeight = [&](const QString &mapping) {
        for (const Mapping &m : store_.mappings) {
            if (m.name == mapping)
                return canvas_->serviceNodeCenter(m.endpoint, m.path).y();
        }
        return qreal(-1);
    };
    QTest::keyClick(canvas_, Qt::Key_Return);
    QCOMPARE(clicked.size(), 1);
    const QString firstMapping = clicked.at(0).at(0).toString();
    QVERIFY(ofType.contains(firstMapping));
    QCOMPARE(canvas_->selectedMapping(), firstMapping);
    QTest::keyClick(canvas_, Qt::Key_Return);
    QCOMPARE(clicked.size(), 2);
    QVERIFY(ofType.contains(clicked.at(1).at(0).toString()));
    QVERIFY(clicked.at(1).at(0).toString() != firstMapping);
    QVERIFY(serviceHeight(firstMapping) <= serviceHeight(clicked.at(1).at(0).toString()));

    // Space on a service folds its endpoint and keeps the endpoint selected; Escape lets go.
    QTest::keyClick(canvas_, Qt::Key_Right);
    const MappingGraphNode across = canvas_->selectedNode();
    QVERIFY(!across.isType());
    QTest::keyClick(canvas_, Qt::Key_Space);
    QVERIFY(canvas_->isCollapsed(across.name));
    QCOMPARE(canvas_->selectedNode(), MappingGraphNode::endpoint(across.name));
    QTest::keyClick(canvas_, Qt::Key_Escape);
    QVERIFY(canvas_->selectedNode().isNull());
}

void TestMappingCanvas::dragFromTypeToServiceStillAsksForAMapping()
{
    QSignalSpy requested(canvas_, &MappingCanvas::connectionRequested);
    QTest::keyClicks(child<QLineEdit>(QStringLiteral("canvasFilter")), QStringLiteral("endpoint-2"));
    const QString endpoint = LargeStore::endpointName(25);
    const QPoint from = viewPoint(canvas_->typeNodeCenter(store_.mappings.at(25).messages.first()));
    const QPoint to = viewPoint(canvas_->serviceNodeCenter(endpoint, QStringLiteral("/orders")));
    QTest::mousePress(canvas_->viewport(), Qt::LeftButton, {}, from);
    QTest::mouseMove(canvas_->viewport(), (from + to) / 2);
    QTest::mouseMove(canvas_->viewport(), to);
    QTest::mouseRelease(canvas_->viewport(), Qt::LeftButton, {}, to);
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.at(0).at(0).toString(), store_.mappings.at(25).messages.first());
    QCOMPARE(requested.at(0).at(1).value<MappingService>(),
             (MappingService{endpoint, QStringLiteral("/orders")}));
    QVERIFY(canvas_->selectedNode().isNull()); // a drag that lands is not a click
}

QTEST_MAIN(TestMappingCanvas)
#include "tst_mappingcanvas.moc"
