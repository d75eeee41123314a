#pragma once

#include "widgets/MappingGraph.h"
#include "widgets/MappingGraphNode.h"

#include <QGraphicsScene>
#include <QHash>
#include <QList>
#include <QSet>

class QGraphicsPathItem;
class QGraphicsPolygonItem;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;

// The items of the mapping canvas: a box per shown node and a line per shown edge, where
// MappingGraphLayout places them, in the scene's palette and font (the canvas hands it its own).
// It knows what is where and how each item looks; what is filtered, collapsed, selected or hovered
// is the canvas's to say.
class MappingGraphScene : public QGraphicsScene
{
    Q_OBJECT
public:
    // How a node or a line is drawn. With a node selected or hovered, its lines and the nodes at
    // their other ends are highlighted and everything else is dimmed; a filter hides what it leaves out.
    enum class Look
    {
        Normal,
        Highlighted,
        Dimmed,
        Hidden
    };
    // What stands out: the hovered node, else the selected one, with its lines; and the selected mapping.
    struct Emphasis
    {
        MappingGraphNode selected;
        MappingGraphNode hovered;
        QString mapping;
        MappingGraphNode focus() const { return hovered.isNull() ? selected : hovered; }
    };

    explicit MappingGraphScene(QObject *parent = nullptr);

    // Replaces every item: what the filter leaves of the graph (MappingGraph::visibleFor), with
    // collapsed endpoints (by name) as one row each.
    void draw(const MappingGraph &graph, const QString &filter, const QSet<QString> &collapsed);
    void setEmphasis(const Emphasis &emphasis);
    const MappingGraph &graph() const { return graph_; }

    bool isShown(const MappingGraphNode &node) const { return nodes_.contains(node.key()); }
    QRectF nodeRect(const MappingGraphNode &node) const; // null when not shown
    MappingGraphNode nodeAt(const QPointF &scenePos) const;
    bool isOnCollapseArrow(const MappingGraphNode &node, const QPointF &scenePos) const;
    // The mapping of the line under the point; `preferred` wins where lines cross (it is drawn on top).
    QString mappingAt(const QPointF &scenePos, const QString &preferred) const;
    // Where an edge's line ends: its service, or the endpoint's row while the endpoint is collapsed.
    MappingGraphNode anchorNode(const MappingGraph::Edge &edge) const;
    QList<int> shownEdges() const;                    // indexes into graph().edges()
    QList<MappingGraphNode> column(bool types) const; // shown nodes, top to bottom
    Look nodeLook(const MappingGraphNode &node) const;
    Look edgeLook(int edge) const;
    int lineCount(const QString &mapping) const;
    QPointF lineMidpoint(const QString &mapping) const; // on its first line; null when none

    static QPainterPath curve(const QPointF &from, const QPointF &to);
    static QPointF rightAnchor(const QRectF &rect) { return {rect.right(), rect.center().y()}; }
    static QPointF leftAnchor(const QRectF &rect) { return {rect.left(), rect.center().y()}; }

private:
    struct DrawnNode
    {
        MappingGraphNode node;
        QGraphicsRectItem *box = nullptr;
        QGraphicsSimpleTextItem *label = nullptr;
        QGraphicsPolygonItem *arrow = nullptr;     // endpoints: collapse and expand
        QGraphicsSimpleTextItem *detail = nullptr; // collapsed endpoints: how many services
    };
    struct Line
    {
        int edge = 0; // index into graph_.edges()
        QGraphicsPathItem *path = nullptr;
    };

    void addHeaders();
    void addNode(const MappingGraphNode &node, const QRectF &rect, bool collapsed);
    void addCollapseArrow(DrawnNode *drawn, bool collapsed);
    qreal addServiceCount(DrawnNode *drawn);
    void addLines();
    void styleNode(const DrawnNode &drawn);
    void styleLine(const Line &line);
    bool isRelated(const MappingGraphNode &node, const MappingGraphNode &focus) const;
    const DrawnNode *drawnNode(const MappingGraphNode &node) const;

    MappingGraph graph_;
    MappingGraph::Visibility visible_;
    Emphasis emphasis_;
    QHash<QString, DrawnNode> nodes_; // by MappingGraphNode::key()
    QList<Line> lines_;
};
