#include "widgets/MappingCanvas.h"

#include "widgets/MappingGraphLayout.h"

#include <QEvent>
#include <QGraphicsPathItem>
#include <QJsonArray>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QResizeEvent>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <utility>

namespace {

constexpr qreal kZoomStep = 1.25;
constexpr qreal kMinZoom = 0.1;
constexpr qreal kMaxZoom = 4;

} // namespace

const QStringList MappingCanvas::kWellKnownTypes{
    QStringLiteral("order:new"),         QStringLiteral("order:updated"),
    QStringLiteral("order:canceled"),    QStringLiteral("customer:new"),
    QStringLiteral("customer:updated"),  QStringLiteral("shipment:ready"),
    QStringLiteral("shipment:confirm"),  QStringLiteral("product:new"),
    QStringLiteral("product:updated"),   QStringLiteral("notification:info"),
    QStringLiteral("notification:warn"), QStringLiteral("notification:error")};

MappingCanvas::MappingCanvas(QWidget *parent)
    : QGraphicsView(parent)
    , scene_(new MappingGraphScene(this))
{
    setScene(scene_);
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
    setRenderHint(QPainter::Antialiasing);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(true); // hovering a node highlights its lines
    rebuild();
}

void MappingCanvas::setContent(const QStringList &endpoints, const QList<Mapping> &mappings,
                               const QStringList &extraTypes, const QList<MappingService> &extraServices)
{
    endpoints_ = endpoints;
    mappings_ = mappings;
    extraTypes_ = extraTypes;
    extraServices_ = extraServices;
    if (dragLine_)
        redrawAfterDrag_ = true; // clearing the scene now would drop the line under the mouse
    else
        rebuild();
}

void MappingCanvas::setSelectedMapping(const QString &name)
{
    selected_ = name;
    restyle();
}

void MappingCanvas::restyle()
{
    scene_->setEmphasis({selectedNode_, hoveredNode_, selected_});
}

void MappingCanvas::setFilterText(const QString &text)
{
    if (text == filter_)
        return;
    filter_ = text;
    redraw();
}

void MappingCanvas::setCollapsed(const QString &endpoint, bool collapsed)
{
    if (collapsed == collapsed_.contains(endpoint))
        return;
    if (collapsed)
        collapsed_.insert(endpoint);
    else
        collapsed_.remove(endpoint);
    redraw();
}

void MappingCanvas::setAllCollapsed(bool collapsed)
{
    QStringList endpoints;
    for (const MappingGraph::EndpointGroup &endpoint : graph_.endpoints()) {
        if (collapsed)
            endpoints << endpoint.name;
    }
    setCollapsedEndpoints(endpoints);
}

void MappingCanvas::setCollapsedEndpoints(const QStringList &endpoints)
{
    collapsed_ = QSet<QString>(endpoints.cbegin(), endpoints.cend());
    redraw();
}

QStringList MappingCanvas::collapsedEndpoints() const
{
    QStringList names(collapsed_.cbegin(), collapsed_.cend());
    names.sort();
    return names;
}

void MappingCanvas::selectNode(const MappingGraphNode &node)
{
    selectedNode_ = scene_->isShown(node) ? node : MappingGraphNode();
    hoveredNode_ = {}; // the pointer resting on another node must not hide what was just chosen
    restyle();
}

void MappingCanvas::zoomIn()
{
    zoomBy(kZoomStep);
}

void MappingCanvas::zoomOut()
{
    zoomBy(1 / kZoomStep);
}

void MappingCanvas::fitToView()
{
    zoomMode_ = ZoomMode::FitAll;
    applyZoomMode();
}

qreal MappingCanvas::zoom() const
{
    return transform().m11();
}

QPointF MappingCanvas::typeNodeCenter(const QString &type) const
{
    return nodeRect(MappingGraphNode::type(type)).center();
}

QPointF MappingCanvas::serviceNodeCenter(const QString &endpoint, const QString &path) const
{
    return nodeRect(MappingGraphNode::service(endpoint, path)).center();
}

QRectF MappingCanvas::nodeRect(const MappingGraphNode &node) const
{
    return scene_->nodeRect(node);
}

QPointF MappingCanvas::collapseToggleCenter(const QString &endpoint) const
{
    const QRectF rect = nodeRect(MappingGraphNode::endpoint(endpoint));
    return rect.isNull() ? QPointF()
                         : QPointF(rect.left() + MappingGraphLayout::kServiceIndent / 2, rect.center().y());
}

MappingCanvas::Look MappingCanvas::nodeLook(const MappingGraphNode &node) const
{
    return scene_->nodeLook(node);
}

QList<MappingCanvas::DrawnConnection> MappingCanvas::connections() const
{
    QList<DrawnConnection> all;
    const QList<MappingGraph::Edge> &edges = scene_->graph().edges();
    for (int i = 0; i < edges.size(); ++i)
        all.append({edges.at(i).mapping, edges.at(i).type, edges.at(i).service, scene_->edgeLook(i)});
    return all;
}

int MappingCanvas::connectionCount(const QString &mapping) const
{
    return scene_->lineCount(mapping);
}

QPointF MappingCanvas::connectionMidpoint(const QString &mapping) const
{
    return scene_->lineMidpoint(mapping);
}

QJsonObject MappingCanvas::contentJson() const
{
    QJsonArray mappings, services;
    for (const Mapping &mapping : mappings_) {
        QJsonObject object = mapping.toConfig();
        object.insert(QStringLiteral("id"), mapping.id);
        mappings.append(object);
    }
    for (const MappingService &service : extraServices_)
        services.append(QJsonArray{service.endpoint, service.path});
    return {{QStringLiteral("endpoints"), QJsonArray::fromStringList(endpoints_)},
            {QStringLiteral("types"), QJsonArray::fromStringList(extraTypes_)},
            {QStringLiteral("services"), services},
            {QStringLiteral("mappings"), mappings}};
}

void MappingCanvas::rebuild()
{
    const QJsonObject content = contentJson();
    if (content == drawn_)
        return; // a periodic refresh with nothing new: keep the scene (and the view's scroll position)
    drawn_ = content;
    graph_ = MappingGraph::fromMappings(endpoints_, mappings_, kWellKnownTypes, extraTypes_, extraServices_);
    MappingGraphLayout::orderToCrossLess(&graph_);
    if (std::none_of(mappings_.begin(), mappings_.end(),
                     [this](const Mapping &mapping) { return mapping.name == selected_; }))
        selected_.clear();
    redraw();
}

// Filter, collapse and content changes all lay the scene out afresh; selection and hover only restyle it.
void MappingCanvas::redraw()
{
    if (dragLine_) {
        redrawAfterDrag_ = true; // clearing the scene now would drop the line under the mouse
        return;
    }
    hoveredNode_ = {};
    scene_->setPalette(palette());
    scene_->setFont(font());
    scene_->draw(graph_, filter_, collapsed_);
    if (!scene_->isShown(selectedNode_))
        selectedNode_ = {};
    restyle();
    applyZoomMode();
}

std::optional<MappingService> MappingCanvas::serviceAt(const QPointF &scenePos) const
{
    const MappingGraphNode node = scene_->nodeAt(scenePos);
    if (node.kind != MappingGraphNode::Kind::Service)
        return std::nullopt;
    return MappingService{node.name, node.path};
}

void MappingCanvas::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QGraphicsView::mousePressEvent(event);
        return;
    }
    setFocus(Qt::MouseFocusReason);
    const QPointF pos = mapToScene(event->position().toPoint());
    if (const MappingGraphNode node = scene_->nodeAt(pos); !node.isNull()) {
        pressNode(node, pos);
    } else {
        const QString mapping = scene_->mappingAt(pos, selected_);
        if (mapping.isEmpty())
            selectNode({}); // a click on nothing lets go of everything
        setSelectedMapping(mapping);
        Q_EMIT mappingClicked(mapping);
    }
    event->accept();
}

// A type starts a drag (a click without one selects it, on release); the others select at once.
void MappingCanvas::pressNode(const MappingGraphNode &node, const QPointF &scenePos)
{
    if (node.isType())
        startDrag(node.name, scenePos);
    else if (scene_->isOnCollapseArrow(node, scenePos))
        setCollapsed(node.name, !isCollapsed(node.name));
    else
        selectNode(node);
}

void MappingCanvas::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF pos = mapToScene(event->position().toPoint());
    if (!dragLine_) {
        updateCursor(pos);
        setHoveredNode(scene_->nodeAt(pos));
        QGraphicsView::mouseMoveEvent(event);
        return;
    }
    // Over a service the line snaps to where the mapping's line will start, showing the outcome.
    QPointF end = pos;
    if (const std::optional<MappingService> service = serviceAt(pos))
        end = MappingGraphScene::leftAnchor(nodeRect(MappingGraphNode::service(*service)));
    dragLine_->setPath(MappingGraphScene::curve(
        MappingGraphScene::rightAnchor(nodeRect(MappingGraphNode::type(dragType_))), end));
    event->accept();
}

void MappingCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    if (!dragLine_ || event->button() != Qt::LeftButton) {
        QGraphicsView::mouseReleaseEvent(event);
        return;
    }
    const MappingGraphNode type = MappingGraphNode::type(dragType_);
    const QPointF pos = mapToScene(event->position().toPoint());
    const std::optional<MappingService> service = serviceAt(pos);
    endDrag();
    if (service) {
        Q_EMIT connectionRequested(type.name, *service);
    } else if (scene_->nodeAt(pos) == type) {
        selectNode(type);
    }
    event->accept();
}

void MappingCanvas::mouseDoubleClickEvent(QMouseEvent *event)
{
    const MappingGraphNode node = scene_->nodeAt(mapToScene(event->position().toPoint()));
    if (event->button() != Qt::LeftButton || node.kind != MappingGraphNode::Kind::Endpoint) {
        QGraphicsView::mouseDoubleClickEvent(event);
        return;
    }
    setCollapsed(node.name, !isCollapsed(node.name));
    event->accept();
}

void MappingCanvas::wheelEvent(QWheelEvent *event)
{
    if (!(event->modifiers() & Qt::ControlModifier)) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    setTransformationAnchor(AnchorUnderMouse);
    zoomBy(std::pow(kZoomStep, event->angleDelta().y() / 120.0)); // 120: one notch of a mouse wheel
    setTransformationAnchor(AnchorViewCenter);
    event->accept();
}

void MappingCanvas::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Delete:
    case Qt::Key_Backspace:
        if (selected_.isEmpty())
            break;
        Q_EMIT deleteRequested(selected_);
        return;
    case Qt::Key_Escape:
        if (dragLine_)
            endDrag();
        else if (!selectedNode_.isNull())
            selectNode({});
        else
            break;
        return;
    case Qt::Key_Up:
    case Qt::Key_Down:
    case Qt::Key_Left:
    case Qt::Key_Right:
        moveSelection(event->key());
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        selectNextMappingOfNode();
        return;
    case Qt::Key_Space:
        toggleCollapsedAtSelection();
        return;
    case Qt::Key_Plus:
    case Qt::Key_Equal: // + without Shift on many layouts
        zoomIn();
        return;
    case Qt::Key_Minus:
        zoomOut();
        return;
    case Qt::Key_0:
        fitToView();
        return;
    default:
        break;
    }
    QGraphicsView::keyPressEvent(event);
}

bool MappingCanvas::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::Leave)
        setHoveredNode({});
    return QGraphicsView::viewportEvent(event);
}

void MappingCanvas::changeEvent(QEvent *event)
{
    QGraphicsView::changeEvent(event);
    if (event->type() != QEvent::PaletteChange && event->type() != QEvent::FontChange)
        return;
    drawn_ = {}; // the same content in new colours
    if (dragLine_)
        redrawAfterDrag_ = true;
    else
        rebuild();
}

void MappingCanvas::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    applyZoomMode();
}

void MappingCanvas::setHoveredNode(const MappingGraphNode &node)
{
    if (node == hoveredNode_)
        return;
    hoveredNode_ = node;
    restyle();
}

void MappingCanvas::updateCursor(const QPointF &scenePos)
{
    const MappingGraphNode node = scene_->nodeAt(scenePos);
    if (node.isType())
        viewport()->setCursor(Qt::OpenHandCursor);
    else if (scene_->isOnCollapseArrow(node, scenePos))
        viewport()->setCursor(Qt::PointingHandCursor);
    else
        viewport()->unsetCursor();
}

void MappingCanvas::startDrag(const QString &type, const QPointF &scenePos)
{
    dragType_ = type;
    dragLine_ = scene_->addPath(MappingGraphScene::curve(
        MappingGraphScene::rightAnchor(nodeRect(MappingGraphNode::type(type))), scenePos));
    dragLine_->setPen(QPen(palette().color(QPalette::Highlight), 2, Qt::DashLine));
    dragLine_->setZValue(2);
    viewport()->setCursor(Qt::ClosedHandCursor);
}

void MappingCanvas::endDrag()
{
    delete dragLine_;
    dragLine_ = nullptr;
    dragType_.clear();
    viewport()->unsetCursor();
    if (std::exchange(redrawAfterDrag_, false)) {
        drawn_ = {}; // what waited may be content or only a new filter: lay everything out again
        rebuild();
    }
}

void MappingCanvas::applyZoomMode()
{
    const QRectF scene = scene_->sceneRect();
    if (zoomMode_ == ZoomMode::Manual || scene.width() <= 0 || scene.height() <= 0)
        return;
    const qreal width = (viewport()->width() - 2) / scene.width();
    const qreal height = (viewport()->height() - 2) / scene.height();
    const qreal scale = std::min<qreal>(1.0, zoomMode_ == ZoomMode::FitAll ? std::min(width, height) : width);
    setTransform(QTransform::fromScale(scale, scale));
}

void MappingCanvas::zoomBy(qreal factor)
{
    zoomMode_ = ZoomMode::Manual;
    const qreal target = std::clamp(zoom() * factor, kMinZoom, kMaxZoom);
    if (!qFuzzyCompare(target, zoom()))
        scale(target / zoom(), target / zoom());
}

// Up and Down walk a column; Left and Right cross to the nearest node a line joins (or the nearest one).
void MappingCanvas::moveSelection(int key)
{
    MappingGraphNode next;
    if (selectedNode_.isNull()) {
        next = scene_->column(true).value(0, scene_->column(false).value(0));
    } else if (key == Qt::Key_Up || key == Qt::Key_Down) {
        const QList<MappingGraphNode> nodes = scene_->column(selectedNode_.isType());
        const qsizetype at = nodes.indexOf(selectedNode_) + (key == Qt::Key_Down ? 1 : -1);
        next = nodes.value(std::clamp<qsizetype>(at, 0, nodes.size() - 1));
    } else if ((key == Qt::Key_Right) == selectedNode_.isType()) {
        next = nearestAcross(selectedNode_);
    } else {
        return; // already in that column
    }
    if (next.isNull())
        return;
    selectNode(next);
    ensureVisible(nodeRect(next));
}

MappingGraphNode MappingCanvas::nearestAcross(const MappingGraphNode &from) const
{
    QList<MappingGraphNode> candidates;
    for (const int index : scene_->shownEdges()) {
        const MappingGraph::Edge &edge = graph_.edges().at(index);
        if (MappingGraph::touches(edge, from))
            candidates.append(from.isType() ? scene_->anchorNode(edge) : MappingGraphNode::type(edge.type));
    }
    if (candidates.isEmpty())
        candidates = scene_->column(!from.isType());
    const qreal y = nodeRect(from).center().y();
    const auto distance = [&](const MappingGraphNode &node) {
        return std::abs(nodeRect(node).center().y() - y);
    };
    const auto nearest =
        std::min_element(candidates.begin(), candidates.end(),
                         [&](const auto &a, const auto &b) { return distance(a) < distance(b); });
    return nearest == candidates.end() ? MappingGraphNode() : *nearest;
}

// Enter walks through the selected node's mappings, top to bottom by where their lines lead, so the
// keyboard reaches each one's inspector.
void MappingCanvas::selectNextMappingOfNode()
{
    QList<QPair<qreal, QString>> ends; // (height of the line's other end, mapping)
    for (const int index : scene_->shownEdges()) {
        const MappingGraph::Edge &edge = graph_.edges().at(index);
        if (!MappingGraph::touches(edge, selectedNode_))
            continue;
        const MappingGraphNode end =
            selectedNode_.isType() ? scene_->anchorNode(edge) : MappingGraphNode::type(edge.type);
        ends.append({nodeRect(end).center().y(), edge.mapping});
    }
    std::stable_sort(ends.begin(), ends.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    QStringList mappings;
    for (const auto &end : std::as_const(ends)) {
        if (!mappings.contains(end.second))
            mappings.append(end.second);
    }
    if (mappings.isEmpty())
        return;
    const QString next = mappings.at((mappings.indexOf(selected_) + 1) % mappings.size());
    setSelectedMapping(next);
    Q_EMIT mappingClicked(next);
}

void MappingCanvas::toggleCollapsedAtSelection()
{
    const QString endpoint = selectedNode_.endpointName();
    if (endpoint.isEmpty())
        return;
    selectedNode_ = MappingGraphNode::endpoint(endpoint); // a service it held disappears when it collapses
    setCollapsed(endpoint, !isCollapsed(endpoint));
}
