#pragma once

#include <QColor>
#include <QWidget>

class OutcomeChartModel;

// Draws an OutcomeChartModel as stacked bars, one per slot: delivered at the bottom, failed and retrying
// above, parked on top, with a legend. Text and axis take the palette's colours and the bars colours that
// hold on light and dark backgrounds alike. Hovering a bar tells its slot's counts.
class OutcomeChart : public QWidget
{
    Q_OBJECT
public:
    explicit OutcomeChart(OutcomeChartModel *model, QWidget *parent = nullptr);
    QSize sizeHint() const override { return {560, 200}; }

    QColor deliveredColor() const;
    static QColor retryingColor() { return {0xe0, 0x8e, 0x0b}; }
    static QColor parkedColor() { return {0xd1, 0x24, 0x2f}; }

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRectF plotArea() const;
    int slotAt(const QPoint &position) const;
    void paintLegend(QPainter &painter, const QRectF &area) const;
    void paintTimeLabels(QPainter &painter, const QRectF &area) const;

    OutcomeChartModel *model_;
};
