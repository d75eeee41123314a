#pragma once

#include "MappingService.h"
#include "model/Mapping.h"
#include "widgets/MappingGraph.h"
#include "widgets/MappingGraphNode.h"
#include "widgets/MappingGraphScene.h"

#include <QGraphicsView>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QStringList>

#include <optional>

class QGraphicsPathItem;

// The mappings drawn as a graph: message types in a column on the left, each endpoint's services on
// the right under a header, one line per subscribed type from the type to the mapping's service.
// Dragging from a type to a service asks for a new mapping; clicking a line selects its mapping.
// For a store with dozens of endpoints it works like a node-graph editor: columns ordered so lines
// cross less (MappingGraphLayout), a filter, a selected or hovered node that highlights its lines
// and dims the rest, endpoints that collapse to one row, zoom and fit, and arrow-key navigation.
// This class holds that state and handles input; MappingGraphScene draws. Colours come from the
// palette, so the drawing reads in light and dark themes alike.
class MappingCanvas : public QGraphicsView
{
    Q_OBJECT
public:
    // Types every store produces: shown even before a mapping uses them.
    static const QStringList kWellKnownTypes;

    using Look = MappingGraphScene::Look;
    struct DrawnConnection
    {
        QString mapping;
        QString type;
        MappingService service;
        Look look = Look::Normal;
    };

    explicit MappingCanvas(QWidget *parent = nullptr);

    // Redraws unless nothing changed; a drag in progress finishes on the old drawing first.
    void setContent(const QStringList &endpoints, const QList<Mapping> &mappings,
                    const QStringList &extraTypes, const QList<MappingService> &extraServices);
    void setSelectedMapping(const QString &name); // highlights its lines; empty: none
    QString selectedMapping() const { return selected_; }

    // Shows only the types, endpoints and services whose name contains the text, with their lines
    // and what those lead to (MappingGraph::visibleFor); empty shows everything.
    void setFilterText(const QString &text);
    QString filterText() const { return filter_; }

    void setCollapsed(const QString &endpoint, bool collapsed);
    void setAllCollapsed(bool collapsed);
    void setCollapsedEndpoints(const QStringList &endpoints); // by name; the others expand
    bool isCollapsed(const QString &endpoint) const { return collapsed_.contains(endpoint); }
    QStringList collapsedEndpoints() const;

    void selectNode(const MappingGraphNode &node); // a node that is not shown selects none
    MappingGraphNode selectedNode() const { return selectedNode_; }
    MappingGraphNode hoveredNode() const { return hoveredNode_; }

    void zoomIn();
    void zoomOut();
    void fitToView(); // the whole drawing in view, never larger than 100 %; kept on resize
    qreal zoom() const;

    // Scene coordinates of a node's centre, or a null point when the canvas does not show it.
    QPointF typeNodeCenter(const QString &type) const;
    QPointF serviceNodeCenter(const QString &endpoint, const QString &path) const;
    QRectF nodeRect(const MappingGraphNode &node) const; // null when not shown
    QPointF collapseToggleCenter(const QString &endpoint) const;
    Look nodeLook(const MappingGraphNode &node) const;
    QList<DrawnConnection> connections() const;               // every subscribed type of every mapping
    int connectionCount(const QString &mapping) const;        // lines drawn for that mapping
    QPointF connectionMidpoint(const QString &mapping) const; // on its first line; null when none

Q_SIGNALS:
    void connectionRequested(const QString &type, const MappingService &service);
    void mappingClicked(const QString &name); // empty when the click hit no line
    void deleteRequested(const QString &name);

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    enum class ZoomMode
    {
        FitWidth, // the default: shrink so both columns show, never enlarge; taller content scrolls
        FitAll,
        Manual
    };

    void rebuild();
    void redraw();
    void restyle();
    std::optional<MappingService> serviceAt(const QPointF &scenePos) const;
    void pressNode(const MappingGraphNode &node, const QPointF &scenePos);
    void setHoveredNode(const MappingGraphNode &node);
    void updateCursor(const QPointF &scenePos);
    void startDrag(const QString &type, const QPointF &scenePos);
    void endDrag();
    void applyZoomMode();
    void zoomBy(qreal factor);
    void moveSelection(int key);
    MappingGraphNode nearestAcross(const MappingGraphNode &from) const;
    void selectNextMappingOfNode();
    void toggleCollapsedAtSelection();
    QJsonObject contentJson() const;

    MappingGraphScene *scene_;
    QStringList endpoints_;
    QList<Mapping> mappings_;
    QStringList extraTypes_;
    QList<MappingService> extraServices_;
    QJsonObject drawn_; // what the scene shows, to skip redrawing the same content
    bool redrawAfterDrag_ = false;
    MappingGraph graph_; // ordered by MappingGraphLayout
    QString filter_;
    QSet<QString> collapsed_; // endpoint names
    QString selected_;
    MappingGraphNode selectedNode_;
    MappingGraphNode hoveredNode_;
    ZoomMode zoomMode_ = ZoomMode::FitWidth;
    QString dragType_;
    QGraphicsPathItem *dragLine_ = nullptr;
};
