#pragma once

#include <QWidget>

class QLineEdit;
class QToolButton;
class MappingCanvas;

// The row above the mapping canvas that makes a large graph readable: a filter box, collapse and
// expand all endpoints, zoom out, zoom in and fit. Each control calls the canvas; the canvas also
// answers the same keys (+, -, 0, Space) when it has the focus.
class MappingCanvasToolBar : public QWidget
{
    Q_OBJECT
public:
    explicit MappingCanvasToolBar(MappingCanvas *canvas, QWidget *parent = nullptr);
    QLineEdit *filter() const { return filter_; }

private:
    QToolButton *addButton(const QString &objectName, const QString &text, const QString &toolTip,
                           void (*action)(MappingCanvas *));

    MappingCanvas *canvas_;
    QLineEdit *filter_;
};
