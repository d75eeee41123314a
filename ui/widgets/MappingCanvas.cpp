#include "widgets/MappingCanvas.h"

#include <QEvent>
#include <QFontMetrics>
#include <QGraphicsPathItem>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QJsonArray>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainterPathStroker>
#include <QResizeEvent>

#include <algorithm>

namespace {

constexpr qreal kNodeHeight = 26;
constexpr qreal kGap = 8;
constexpr qreal kTypeWidth = 190;
constexpr qreal kServiceColumn = 440;
constexpr qreal kServiceIndent = 18;
constexpr qreal kServiceWidth = 230;
constexpr qreal kEndpointGap = 18;
constexpr qreal kHeaderOffset = 30;
constexpr qreal kLabelPadding = 8;
constexpr qreal kHitWidth = 10;      // how far from a thin line a click still selects it
constexpr qreal kParallelOffset = 5; // separates lines of mappings that join the same two nodes

void appendUnique(QStringList *list, const QString &item)
{
    if (!list->contains(item))
        list->append(item);
}

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
    , scene_(new QGraphicsScene(this))
{
    setScene(scene_);
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
    setRenderHint(QPainter::Antialiasing);
    setFocusPolicy(Qt::StrongFocus);
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
    styleConnections();
}

QPointF MappingCanvas::typeNodeCenter(const QString &type) const
{
    const QGraphicsRectItem *node = typeNodes_.value(type);
    return node ? node->rect().center() : QPointF();
}

QPointF MappingCanvas::serviceNodeCenter(const QString &endpoint, const QString &path) const
{
    const QGraphicsRectItem *node = serviceNodes_.value(serviceKey(endpoint, path));
    return node ? node->rect().center() : QPointF();
}

int MappingCanvas::connectionCount(const QString &mapping) const
{
    return int(
        std::count_if(connections_.begin(), connections_.end(),
                      [&mapping](const Connection &connection) { return connection.mapping == mapping; }));
}

QPointF MappingCanvas::connectionMidpoint(const QString &mapping) const
{
    for (const Connection &connection : connections_) {
        if (connection.mapping == mapping)
            return connection.line->path().pointAtPercent(0.5);
    }
    return {};
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
    scene_->clear();
    typeNodes_.clear();
    serviceNodes_.clear();
    connections_.clear();
    layOutTypes();
    layOutEndpoints();
    QHash<QString, int> drawnBetween;
    for (const Mapping &mapping : std::as_const(mappings_))
        addConnections(mapping, &drawnBetween);
    if (connectionCount(selected_) == 0)
        selected_.clear();
    styleConnections();
    scene_->setSceneRect(scene_->itemsBoundingRect().adjusted(-16, -16, 16, 16));
    fitToWidth();
}

// Both columns stay in view in a narrow pane: shrink to the pane's width, never enlarge. Taller
// content scrolls.
void MappingCanvas::fitToWidth()
{
    const qreal width = scene_->sceneRect().width();
    const qreal scale = width > 0 ? std::min<qreal>(1.0, (viewport()->width() - 2) / width) : 1.0;
    setTransform(QTransform::fromScale(scale, scale));
}

void MappingCanvas::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    fitToWidth();
}

QStringList MappingCanvas::typeNames() const
{
    QStringList others;
    for (const QString &type : extraTypes_)
        appendUnique(&others, type);
    for (const Mapping &mapping : mappings_) {
        for (const QString &type : mapping.messages)
            appendUnique(&others, type);
    }
    others.sort();
    QStringList names = kWellKnownTypes;
    for (const QString &type : std::as_const(others))
        appendUnique(&names, type);
    return names;
}

QList<MappingService> MappingCanvas::servicesOf(const QString &endpoint) const
{
    QStringList paths;
    for (const Mapping &mapping : mappings_) {
        if (mapping.endpoint == endpoint)
            appendUnique(&paths, mapping.path);
    }
    for (const MappingService &service : extraServices_) {
        if (service.endpoint == endpoint)
            appendUnique(&paths, service.path);
    }
    paths.sort();
    QList<MappingService> services;
    for (const QString &path : std::as_const(paths))
        services.append({endpoint, path});
    return services;
}

void MappingCanvas::layOutTypes()
{
    auto *header = scene_->addSimpleText(tr("Message types"));
    header->setBrush(palette().color(QPalette::WindowText));
    header->setPos(0, -kHeaderOffset);
    qreal y = 0;
    for (const QString &type : typeNames()) {
        typeNodes_.insert(type, addNode(QRectF(0, y, kTypeWidth, kNodeHeight), type, NodeKind::Type));
        y += kNodeHeight + kGap;
    }
}

void MappingCanvas::layOutEndpoints()
{
    auto *header = scene_->addSimpleText(tr("Endpoints and their services"));
    header->setBrush(palette().color(QPalette::WindowText));
    header->setPos(kServiceColumn, -kHeaderOffset);
    QStringList endpoints = endpoints_;
    for (const Mapping &mapping : std::as_const(mappings_))
        appendUnique(&endpoints, mapping.endpoint);
    for (const MappingService &service : std::as_const(extraServices_))
        appendUnique(&endpoints, service.endpoint);
    qreal y = 0;
    for (const QString &endpoint : std::as_const(endpoints)) {
        addNode(QRectF(kServiceColumn, y, kServiceIndent + kServiceWidth, kNodeHeight), endpoint,
                NodeKind::Endpoint);
        y += kNodeHeight + kGap;
        for (const MappingService &service : servicesOf(endpoint)) {
            const QRectF rect(kServiceColumn + kServiceIndent, y, kServiceWidth, kNodeHeight);
            serviceNodes_.insert(serviceKey(endpoint, service.path),
                                 addNode(rect, service.path, NodeKind::Service));
            y += kNodeHeight + kGap;
        }
        y += kEndpointGap;
    }
}

QGraphicsRectItem *MappingCanvas::addNode(const QRectF &rect, const QString &text, NodeKind kind)
{
    const QPalette colours = palette();
    const QPalette::ColorRole fill = kind == NodeKind::Type       ? QPalette::Button
                                     : kind == NodeKind::Endpoint ? QPalette::Window
                                                                  : QPalette::Base;
    const QPalette::ColorRole ink = kind == NodeKind::Type       ? QPalette::ButtonText
                                    : kind == NodeKind::Endpoint ? QPalette::WindowText
                                                                 : QPalette::Text;
    auto *node = scene_->addRect(rect, QPen(colours.color(QPalette::Mid)), colours.brush(fill));
    node->setZValue(1); // above the lines that end at its edge
    node->setToolTip(text);
    QFont font = this->font();
    font.setBold(kind == NodeKind::Endpoint);
    auto *label = new QGraphicsSimpleTextItem(node);
    label->setFont(font);
    label->setBrush(colours.color(ink));
    label->setText(
        QFontMetrics(font).elidedText(text, Qt::ElideMiddle, int(rect.width() - 2 * kLabelPadding)));
    label->setPos(rect.left() + kLabelPadding, rect.center().y() - label->boundingRect().height() / 2);
    return node;
}

void MappingCanvas::addConnections(const Mapping &mapping, QHash<QString, int> *drawnBetween)
{
    const QString service = serviceKey(mapping.endpoint, mapping.path);
    const QGraphicsRectItem *serviceNode = serviceNodes_.value(service);
    for (const QString &type : mapping.messages) {
        const QGraphicsRectItem *typeNode = typeNodes_.value(type);
        if (!typeNode || !serviceNode)
            continue;
        const int parallel = (*drawnBetween)[type + QLatin1Char('\n') + service]++;
        const QPointF shift(0, std::min(parallel * kParallelOffset, kNodeHeight / 2 - 2));
        auto *line = scene_->addPath(curve(rightAnchor(typeNode) + shift, leftAnchor(serviceNode) + shift));
        line->setToolTip(mapping.enabled ? mapping.name : tr("%1 (disabled)").arg(mapping.name));
        connections_.append({mapping.name, mapping.enabled, line});
    }
}

void MappingCanvas::styleConnections()
{
    QColor normal = palette().color(QPalette::Text);
    normal.setAlphaF(0.6f);
    const QColor highlight = palette().color(QPalette::Highlight);
    for (const Connection &connection : std::as_const(connections_)) {
        const bool selected = !selected_.isEmpty() && connection.mapping == selected_;
        QPen pen(selected ? highlight : normal, selected ? 3 : 2);
        if (!connection.enabled)
            pen.setStyle(Qt::DashLine);
        connection.line->setPen(pen);
        connection.line->setZValue(selected ? 0.5 : 0);
    }
}

QPainterPath MappingCanvas::curve(const QPointF &from, const QPointF &to) const
{
    QPainterPath path(from);
    const QPointF bend((to.x() - from.x()) / 2, 0);
    path.cubicTo(from + bend, to - bend, to);
    return path;
}

QString MappingCanvas::typeAt(const QPointF &scenePos) const
{
    for (auto it = typeNodes_.cbegin(); it != typeNodes_.cend(); ++it) {
        if (it.value()->rect().contains(scenePos))
            return it.key();
    }
    return {};
}

std::optional<MappingService> MappingCanvas::serviceAt(const QPointF &scenePos) const
{
    for (auto it = serviceNodes_.cbegin(); it != serviceNodes_.cend(); ++it) {
        if (it.value()->rect().contains(scenePos)) {
            const qsizetype split = it.key().indexOf(QLatin1Char('\n'));
            return MappingService{it.key().left(split), it.key().mid(split + 1)};
        }
    }
    return std::nullopt;
}

QString MappingCanvas::connectionAt(const QPointF &scenePos) const
{
    QPainterPathStroker stroker;
    stroker.setWidth(kHitWidth);
    // The selected line is drawn on top, so it wins where lines cross.
    for (const Connection &connection : std::as_const(connections_)) {
        if (connection.mapping == selected_ &&
            stroker.createStroke(connection.line->path()).contains(scenePos))
            return connection.mapping;
    }
    for (const Connection &connection : std::as_const(connections_)) {
        if (stroker.createStroke(connection.line->path()).contains(scenePos))
            return connection.mapping;
    }
    return {};
}

void MappingCanvas::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QGraphicsView::mousePressEvent(event);
        return;
    }
    setFocus(Qt::MouseFocusReason);
    const QPointF pos = mapToScene(event->position().toPoint());
    if (const QString type = typeAt(pos); !type.isEmpty()) {
        startDrag(type, pos);
    } else {
        const QString mapping = connectionAt(pos);
        setSelectedMapping(mapping);
        Q_EMIT mappingClicked(mapping);
    }
    event->accept();
}

void MappingCanvas::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF pos = mapToScene(event->position().toPoint());
    if (!dragLine_) {
        if (typeAt(pos).isEmpty())
            viewport()->unsetCursor();
        else
            viewport()->setCursor(Qt::OpenHandCursor);
        QGraphicsView::mouseMoveEvent(event);
        return;
    }
    // Over a service the line snaps to where the mapping's line will start, showing the outcome.
    QPointF end = pos;
    if (const std::optional<MappingService> service = serviceAt(pos))
        end = leftAnchor(serviceNodes_.value(serviceKey(service->endpoint, service->path)));
    dragLine_->setPath(curve(rightAnchor(typeNodes_.value(dragType_)), end));
    event->accept();
}

void MappingCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    if (!dragLine_ || event->button() != Qt::LeftButton) {
        QGraphicsView::mouseReleaseEvent(event);
        return;
    }
    const QString type = dragType_;
    const std::optional<MappingService> service = serviceAt(mapToScene(event->position().toPoint()));
    endDrag();
    if (service)
        Q_EMIT connectionRequested(type, *service);
    event->accept();
}

void MappingCanvas::keyPressEvent(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) && !selected_.isEmpty()) {
        Q_EMIT deleteRequested(selected_);
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Escape && dragLine_) {
        endDrag();
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
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

void MappingCanvas::startDrag(const QString &type, const QPointF &scenePos)
{
    dragType_ = type;
    dragLine_ = scene_->addPath(curve(rightAnchor(typeNodes_.value(type)), scenePos));
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
    if (redrawAfterDrag_) {
        redrawAfterDrag_ = false;
        rebuild();
    }
}

QString MappingCanvas::serviceKey(const QString &endpoint, const QString &path)
{
    return endpoint + QLatin1Char('\n') + path;
}

QPointF MappingCanvas::rightAnchor(const QGraphicsRectItem *node)
{
    return {node->rect().right(), node->rect().center().y()};
}

QPointF MappingCanvas::leftAnchor(const QGraphicsRectItem *node)
{
    return {node->rect().left(), node->rect().center().y()};
}
