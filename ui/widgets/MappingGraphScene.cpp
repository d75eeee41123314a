#include "widgets/MappingGraphScene.h"

#include "widgets/MappingGraphLayout.h"

#include <QFontMetrics>
#include <QGraphicsPathItem>
#include <QGraphicsPolygonItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QPainterPathStroker>
#include <QPalette>

#include <algorithm>

namespace {

using Layout = MappingGraphLayout;
using Kind = MappingGraphNode::Kind;

constexpr qreal kLabelPadding = 8;
constexpr qreal kHitWidth = 10;       // how far from a thin line a click still selects it
constexpr qreal kParallelOffset = 5;  // separates lines of mappings that join the same two nodes
constexpr qreal kDimmedOpacity = 0.3; // faint enough to read past, still enough to read
constexpr qreal kArrowSize = 4;

QPalette::ColorRole fillRole(Kind kind)
{
    return kind == Kind::Type ? QPalette::Button : kind == Kind::Endpoint ? QPalette::Window : QPalette::Base;
}

QPalette::ColorRole inkRole(Kind kind)
{
    return kind == Kind::Type       ? QPalette::ButtonText
           : kind == Kind::Endpoint ? QPalette::WindowText
                                    : QPalette::Text;
}

QString nodeText(const MappingGraphNode &node)
{
    return node.kind == Kind::Service ? node.path : node.name;
}

} // namespace

MappingGraphScene::MappingGraphScene(QObject *parent)
    : QGraphicsScene(parent)
{}

void MappingGraphScene::draw(const MappingGraph &graph, const QString &filter, const QSet<QString> &collapsed)
{
    clear();
    nodes_.clear();
    lines_.clear();
    graph_ = graph;
    visible_ = graph_.visibleFor(filter);
    addHeaders();
    const QHash<QString, QRectF> rects = Layout::place(graph_, visible_, collapsed);
    const auto add = [&](const MappingGraphNode &node) {
        if (const auto rect = rects.constFind(node.key()); rect != rects.cend())
            addNode(node, *rect, node.kind == Kind::Endpoint && collapsed.contains(node.name));
    };
    for (const QString &type : graph_.types())
        add(MappingGraphNode::type(type));
    for (const MappingGraph::EndpointGroup &endpoint : graph_.endpoints()) {
        add(MappingGraphNode::endpoint(endpoint.name));
        for (const QString &path : endpoint.paths)
            add(MappingGraphNode::service(endpoint.name, path));
    }
    addLines();
    if (nodes_.isEmpty() && !filter.trimmed().isEmpty()) {
        auto *nothing = addSimpleText(
            tr("No message type, endpoint or service path contains \"%1\".").arg(filter.trimmed()), font());
        nothing->setBrush(palette().color(QPalette::PlaceholderText));
    }
    setEmphasis(emphasis_);
    setSceneRect(itemsBoundingRect().adjusted(-16, -16, 16, 16));
}

void MappingGraphScene::setEmphasis(const Emphasis &emphasis)
{
    emphasis_ = emphasis;
    for (const DrawnNode &drawn : std::as_const(nodes_))
        styleNode(drawn);
    for (const Line &line : std::as_const(lines_))
        styleLine(line);
}

void MappingGraphScene::addHeaders()
{
    const QColor ink = palette().color(QPalette::WindowText);
    auto *types = addSimpleText(tr("Message types"), font());
    types->setBrush(ink);
    types->setPos(0, -Layout::kHeaderOffset);
    auto *services = addSimpleText(tr("Endpoints and their services"), font());
    services->setBrush(ink);
    services->setPos(Layout::kServiceColumn, -Layout::kHeaderOffset);
}

void MappingGraphScene::addNode(const MappingGraphNode &node, const QRectF &rect, bool collapsed)
{
    DrawnNode drawn{node, addRect(rect), nullptr, nullptr, nullptr};
    drawn.box->setZValue(1); // above the lines that end at its edge
    const QString text = nodeText(node);
    drawn.box->setToolTip(text);
    QFont font = this->font();
    font.setBold(node.kind == Kind::Endpoint);
    qreal left = rect.left() + kLabelPadding;
    qreal right = rect.right() - kLabelPadding;
    if (node.kind == Kind::Endpoint) {
        left = rect.left() + Layout::kServiceIndent + 2;
        addCollapseArrow(&drawn, collapsed);
        if (collapsed)
            right = addServiceCount(&drawn) - kLabelPadding;
    }
    drawn.label = new QGraphicsSimpleTextItem(drawn.box);
    drawn.label->setFont(font);
    drawn.label->setText(QFontMetrics(font).elidedText(text, Qt::ElideMiddle, int(right - left)));
    drawn.label->setPos(left, rect.center().y() - drawn.label->boundingRect().height() / 2);
    nodes_.insert(node.key(), drawn);
}

void MappingGraphScene::addCollapseArrow(DrawnNode *drawn, bool collapsed)
{
    const QRectF rect = drawn->box->rect();
    const QPointF centre(rect.left() + Layout::kServiceIndent / 2, rect.center().y());
    constexpr qreal s = kArrowSize;
    const QPolygonF arrow =
        collapsed
            ? QPolygonF({centre + QPointF(-s / 2, -s), centre + QPointF(-s / 2, s), centre + QPointF(s, 0)})
            : QPolygonF({centre + QPointF(-s, -s / 2), centre + QPointF(s, -s / 2), centre + QPointF(0, s)});
    drawn->arrow = new QGraphicsPolygonItem(arrow, drawn->box);
    drawn->arrow->setPen(Qt::NoPen);
    const QString &name = drawn->node.name;
    drawn->box->setToolTip(collapsed ? tr("%1: click the arrow or press Space to show its services").arg(name)
                                     : tr("%1: click the arrow or press Space to fold its services into "
                                          "this row")
                                           .arg(name));
}

// A collapsed endpoint says how many services it folds away; returns where that text starts.
qreal MappingGraphScene::addServiceCount(DrawnNode *drawn)
{
    int count = 0;
    for (const MappingGraph::EndpointGroup &endpoint : graph_.endpoints()) {
        if (endpoint.name == drawn->node.name)
            count = int(endpoint.paths.size());
    }
    const QRectF rect = drawn->box->rect();
    drawn->detail = new QGraphicsSimpleTextItem(tr("%n service(s)", nullptr, count), drawn->box);
    drawn->detail->setFont(font());
    const QRectF size = drawn->detail->boundingRect();
    drawn->detail->setPos(rect.right() - kLabelPadding - size.width(), rect.center().y() - size.height() / 2);
    return drawn->detail->pos().x();
}

void MappingGraphScene::addLines()
{
    QHash<QString, int>
        drawnBetween; // lines per pair of nodes, so mappings that join the same two stay apart
    for (int i = 0; i < graph_.edges().size(); ++i) {
        if (!visible_.edges.value(i))
            continue;
        const MappingGraph::Edge &edge = graph_.edges().at(i);
        const DrawnNode *type = drawnNode(MappingGraphNode::type(edge.type));
        const DrawnNode *target = drawnNode(anchorNode(edge));
        if (!type || !target)
            continue;
        const int parallel = drawnBetween[type->node.key() + QLatin1Char('\t') + target->node.key()]++;
        const QPointF shift(0, std::min(parallel * kParallelOffset, Layout::kNodeHeight / 2 - 2));
        auto *path =
            addPath(curve(rightAnchor(type->box->rect()) + shift, leftAnchor(target->box->rect()) + shift));
        path->setToolTip(edge.enabled ? edge.mapping : tr("%1 (disabled)").arg(edge.mapping));
        lines_.append({i, path});
    }
}

void MappingGraphScene::styleNode(const DrawnNode &drawn)
{
    const QPalette colours = palette();
    const Look look = nodeLook(drawn.node);
    const bool focused = drawn.node == emphasis_.selected || drawn.node == emphasis_.hovered;
    drawn.box->setOpacity(look == Look::Dimmed ? kDimmedOpacity : 1.0);
    drawn.box->setBrush(colours.brush(focused ? QPalette::Highlight : fillRole(drawn.node.kind)));
    drawn.box->setPen(look == Look::Highlighted ? QPen(colours.color(QPalette::Highlight), 2)
                                                : QPen(colours.color(QPalette::Mid)));
    const QColor ink = colours.color(focused ? QPalette::HighlightedText : inkRole(drawn.node.kind));
    drawn.label->setBrush(ink);
    if (drawn.arrow)
        drawn.arrow->setBrush(ink);
    if (drawn.detail)
        drawn.detail->setBrush(focused ? ink : colours.color(QPalette::PlaceholderText));
}

void MappingGraphScene::styleLine(const Line &line)
{
    const MappingGraph::Edge &edge = graph_.edges().at(line.edge);
    const Look look = edgeLook(line.edge);
    const bool selected = !emphasis_.mapping.isEmpty() && edge.mapping == emphasis_.mapping;
    QColor colour = palette().color(QPalette::Text);
    colour.setAlphaF(look == Look::Dimmed ? 0.15f : 0.6f);
    qreal width = look == Look::Dimmed ? 1.5 : 2;
    if (selected || look == Look::Highlighted) {
        colour = palette().color(QPalette::Highlight);
        width = selected ? 3.5 : 2.5;
    }
    QPen pen(colour, width);
    if (!edge.enabled)
        pen.setStyle(Qt::DashLine);
    line.path->setPen(pen);
    line.path->setZValue(selected ? 0.7 : look == Look::Highlighted ? 0.5 : 0);
}

QRectF MappingGraphScene::nodeRect(const MappingGraphNode &node) const
{
    const DrawnNode *drawn = drawnNode(node);
    return drawn ? drawn->box->rect() : QRectF();
}

MappingGraphNode MappingGraphScene::nodeAt(const QPointF &scenePos) const
{
    for (const DrawnNode &drawn : nodes_) {
        if (drawn.box->rect().contains(scenePos))
            return drawn.node;
    }
    return {};
}

bool MappingGraphScene::isOnCollapseArrow(const MappingGraphNode &node, const QPointF &scenePos) const
{
    const QRectF rect = nodeRect(node);
    return node.kind == Kind::Endpoint && rect.contains(scenePos) &&
           scenePos.x() < rect.left() + Layout::kServiceIndent;
}

QString MappingGraphScene::mappingAt(const QPointF &scenePos, const QString &preferred) const
{
    QPainterPathStroker stroker;
    stroker.setWidth(kHitWidth);
    QString hit;
    for (const Line &line : lines_) {
        const QString &mapping = graph_.edges().at(line.edge).mapping;
        if (stroker.createStroke(line.path->path()).contains(scenePos)) {
            if (mapping == preferred)
                return mapping;
            if (hit.isEmpty())
                hit = mapping;
        }
    }
    return hit;
}

MappingGraphNode MappingGraphScene::anchorNode(const MappingGraph::Edge &edge) const
{
    const MappingGraphNode service = MappingGraphNode::service(edge.service);
    return isShown(service) ? service : MappingGraphNode::endpoint(edge.service.endpoint);
}

QList<int> MappingGraphScene::shownEdges() const
{
    QList<int> edges;
    for (const Line &line : lines_)
        edges.append(line.edge);
    return edges;
}

QList<MappingGraphNode> MappingGraphScene::column(bool types) const
{
    QList<MappingGraphNode> shown;
    const auto add = [&](const MappingGraphNode &node) {
        if (isShown(node))
            shown.append(node);
    };
    if (types) {
        for (const QString &type : graph_.types())
            add(MappingGraphNode::type(type));
        return shown;
    }
    for (const MappingGraph::EndpointGroup &endpoint : graph_.endpoints()) {
        add(MappingGraphNode::endpoint(endpoint.name));
        for (const QString &path : endpoint.paths)
            add(MappingGraphNode::service(endpoint.name, path));
    }
    return shown;
}

MappingGraphScene::Look MappingGraphScene::nodeLook(const MappingGraphNode &node) const
{
    if (!isShown(node))
        return Look::Hidden;
    const MappingGraphNode focus = emphasis_.focus();
    if (focus.isNull())
        return Look::Normal;
    return node == focus || isRelated(node, focus) ? Look::Highlighted : Look::Dimmed;
}

MappingGraphScene::Look MappingGraphScene::edgeLook(int edge) const
{
    if (!visible_.edges.value(edge))
        return Look::Hidden;
    const MappingGraphNode focus = emphasis_.focus();
    if (focus.isNull())
        return Look::Normal;
    return MappingGraph::touches(graph_.edges().at(edge), focus) ? Look::Highlighted : Look::Dimmed;
}

bool MappingGraphScene::isRelated(const MappingGraphNode &node, const MappingGraphNode &focus) const
{
    const bool sameEndpoint = !node.isType() && !focus.isType() && node.name == focus.name;
    if (sameEndpoint && (node.kind == Kind::Endpoint || focus.kind == Kind::Endpoint))
        return true; // an endpoint and its own services belong together
    return std::any_of(lines_.begin(), lines_.end(), [&](const Line &line) {
        const MappingGraph::Edge &edge = graph_.edges().at(line.edge);
        return MappingGraph::touches(edge, focus) && MappingGraph::touches(edge, node);
    });
}

int MappingGraphScene::lineCount(const QString &mapping) const
{
    return int(std::count_if(lines_.begin(), lines_.end(), [&](const Line &line) {
        return graph_.edges().at(line.edge).mapping == mapping;
    }));
}

QPointF MappingGraphScene::lineMidpoint(const QString &mapping) const
{
    for (const Line &line : lines_) {
        if (graph_.edges().at(line.edge).mapping == mapping)
            return line.path->path().pointAtPercent(0.5);
    }
    return {};
}

QPainterPath MappingGraphScene::curve(const QPointF &from, const QPointF &to)
{
    QPainterPath path(from);
    const QPointF bend((to.x() - from.x()) / 2, 0);
    path.cubicTo(from + bend, to - bend, to);
    return path;
}

const MappingGraphScene::DrawnNode *MappingGraphScene::drawnNode(const MappingGraphNode &node) const
{
    const auto found = nodes_.constFind(node.key());
    return found == nodes_.cend() ? nullptr : &found.value();
}
