#pragma once

#include "MappingService.h"
#include "model/Mapping.h"

#include <QGraphicsView>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

class QGraphicsPathItem;
class QGraphicsRectItem;

// The mappings drawn as a graph: message types in a column on the left, each endpoint's services on
// the right under a header, one line per subscribed type from the type to the mapping's service.
// Dragging from a type to a service asks for a new mapping; clicking a line selects its mapping.
// Colours come from the palette, so the drawing reads in light and dark themes alike.
class MappingCanvas : public QGraphicsView
{
    Q_OBJECT
public:
    // Types every store produces: shown even before a mapping uses them.
    static const QStringList kWellKnownTypes;

    explicit MappingCanvas(QWidget *parent = nullptr);

    // Redraws unless nothing changed; a drag in progress finishes on the old drawing first.
    void setContent(const QStringList &endpoints, const QList<Mapping> &mappings,
                    const QStringList &extraTypes, const QList<MappingService> &extraServices);
    void setSelectedMapping(const QString &name); // highlights its lines; empty: none
    QString selectedMapping() const { return selected_; }

    // Scene coordinates of a node's centre, or a null point when the canvas has no such node.
    QPointF typeNodeCenter(const QString &type) const;
    QPointF serviceNodeCenter(const QString &endpoint, const QString &path) const;
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
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void fitToWidth();
    enum class NodeKind
    {
        Type,
        Endpoint,
        Service
    };
    struct Connection
    {
        QString mapping;
        bool enabled = true;
        QGraphicsPathItem *line = nullptr;
    };

    void rebuild();
    QStringList typeNames() const;
    QList<MappingService> servicesOf(const QString &endpoint) const;
    void layOutTypes();
    void layOutEndpoints();
    QGraphicsRectItem *addNode(const QRectF &rect, const QString &text, NodeKind kind);
    // drawnBetween counts lines per pair of nodes, so mappings that join the same two stay apart.
    void addConnections(const Mapping &mapping, QHash<QString, int> *drawnBetween);
    void styleConnections();
    QPainterPath curve(const QPointF &from, const QPointF &to) const;
    QString typeAt(const QPointF &scenePos) const;
    std::optional<MappingService> serviceAt(const QPointF &scenePos) const;
    QString connectionAt(const QPointF &scenePos) const;
    void startDrag(const QString &type, const QPointF &scenePos);
    void endDrag();
    QJsonObject contentJson() const;
    static QString serviceKey(const QString &endpoint, const QString &path);
    static QPointF rightAnchor(const QGraphicsRectItem *node);
    static QPointF leftAnchor(const QGraphicsRectItem *node);

    QGraphicsScene *scene_;
    QStringList endpoints_;
    QList<Mapping> mappings_;
    QStringList extraTypes_;
    QList<MappingService> extraServices_;
    QJsonObject drawn_; // what the scene shows, to skip redrawing the same content
    bool redrawAfterDrag_ = false;
    QHash<QString, QGraphicsRectItem *> typeNodes_;
    QHash<QString, QGraphicsRectItem *> serviceNodes_; // by serviceKey()
    QList<Connection> connections_;
    QString selected_;
    QString dragType_;
    QGraphicsPathItem *dragLine_ = nullptr;
};
