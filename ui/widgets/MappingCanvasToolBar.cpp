#include "widgets/MappingCanvasToolBar.h"

#include "widgets/MappingCanvas.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>

MappingCanvasToolBar::MappingCanvasToolBar(MappingCanvas *canvas, QWidget *parent)
    : QWidget(parent)
    , canvas_(canvas)
    , filter_(new QLineEdit)
{
    filter_->setObjectName(QStringLiteral("canvasFilter"));
    filter_->setPlaceholderText(tr("Filter by type, endpoint or path"));
    filter_->setToolTip(tr("Shows only the message types, endpoints and services whose name contains "
                           "this text, with their mappings and what those lead to"));
    filter_->setClearButtonEnabled(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(filter_, 1);
    addButton(QStringLiteral("collapseAll"), tr("Collapse all"),
              tr("Fold every endpoint's services into the endpoint's row"),
              [](MappingCanvas *c) { c->setAllCollapsed(true); });
    addButton(QStringLiteral("expandAll"), tr("Expand all"), tr("Show every endpoint's services"),
              [](MappingCanvas *c) { c->setAllCollapsed(false); });
    addButton(QStringLiteral("zoomOut"), QStringLiteral("\u2212"), tr("Zoom out (-, or Ctrl+wheel)"),
              [](MappingCanvas *c) { c->zoomOut(); })
        ->setAccessibleName(tr("Zoom out"));
    addButton(QStringLiteral("zoomIn"), QStringLiteral("+"), tr("Zoom in (+, or Ctrl+wheel)"),
              [](MappingCanvas *c) { c->zoomIn(); })
        ->setAccessibleName(tr("Zoom in"));
    addButton(QStringLiteral("fitView"), tr("Fit"), tr("Fit the whole graph into the view (0)"),
              [](MappingCanvas *c) { c->fitToView(); });
    connect(filter_, &QLineEdit::textChanged, canvas_, &MappingCanvas::setFilterText);
}

QToolButton *MappingCanvasToolBar::addButton(const QString &objectName, const QString &text,
                                             const QString &toolTip, void (*action)(MappingCanvas *))
{
    auto *button = new QToolButton;
    button->setObjectName(objectName);
    button->setText(text);
    button->setToolTip(toolTip);
    layout()->addWidget(button);
    connect(button, &QToolButton::clicked, canvas_, [this, action] { action(canvas_); });
    return button;
}
