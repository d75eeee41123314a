#include "widgets/OutcomeChart.h"

#include "models/OutcomeChartModel.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

namespace {

constexpr int kMargin = 6;

} // namespace

OutcomeChart::OutcomeChart(OutcomeChartModel *model, QWidget *parent)
    : QWidget(parent)
    , model_(model)
{
    setObjectName(QStringLiteral("outcomeChart"));
    setMinimumHeight(150);
    connect(model_, &QAbstractItemModel::modelReset, this, qOverload<>(&QWidget::update));
    connect(model_, &QAbstractItemModel::dataChanged, this, qOverload<>(&QWidget::update));
}

QColor OutcomeChart::deliveredColor() const
{
    return palette().color(QPalette::Highlight);
}

// Room on the left for the peak's number, below for the times, above for the legend.
QRectF OutcomeChart::plotArea() const
{
    const QFontMetrics metrics = fontMetrics();
    const qreal left = metrics.horizontalAdvance(QLocale().toString(model_->peak())) + 2 * kMargin;
    return QRectF(rect()).adjusted(left, metrics.height() + 2 * kMargin, -kMargin,
                                   -metrics.height() - kMargin);
}

int OutcomeChart::slotAt(const QPoint &position) const
{
    const QRectF area = plotArea();
    const int count = model_->rowCount();
    if (count == 0 || !area.contains(position))
        return -1;
    return std::min(count - 1, int((position.x() - area.left()) / (area.width() / count)));
}

void OutcomeChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QRectF area = plotArea();
    const QColor text = palette().color(QPalette::WindowText);
    const qint64 peak = model_->peak();
    painter.setPen(QColor(text.red(), text.green(), text.blue(), 60));
    painter.drawLine(area.bottomLeft(), area.bottomRight());
    painter.setPen(text);
    const QFontMetrics metrics = fontMetrics();
    painter.drawText(QRectF(0, area.top(), area.left() - kMargin, metrics.height()), Qt::AlignRight,
                     QLocale().toString(peak));
    painter.drawText(QRectF(0, area.bottom() - metrics.height(), area.left() - kMargin, metrics.height()),
                     Qt::AlignRight, QStringLiteral("0"));
    paintLegend(painter, area);
    const QList<OutcomeSlot> &slotList = model_->outcomeSlots();
    if (slotList.isEmpty())
        return;
    paintTimeLabels(painter, area);
    const qreal slot = area.width() / qreal(slotList.size());
    const qreal width = std::max<qreal>(1, slot * 0.7);
    for (int i = 0; i < slotList.size(); ++i) {
        const OutcomeSlot &entry = slotList.at(i);
        const qreal x = area.left() + i * slot + (slot - width) / 2;
        qreal bottom = area.bottom();
        for (const auto &[count, color] :
             {std::pair{entry.delivered, deliveredColor()}, std::pair{entry.retrying, retryingColor()},
              std::pair{entry.parked, parkedColor()}}) {
            const qreal height = area.height() * qreal(count) / qreal(peak);
            painter.fillRect(QRectF(x, bottom - height, width, height), color);
            bottom -= height;
        }
    }
}

void OutcomeChart::paintLegend(QPainter &painter, const QRectF &area) const
{
    const QFontMetrics metrics = fontMetrics();
    qreal x = area.right();
    const qreal y = kMargin;
    const qreal box = metrics.ascent() * 0.8;
    const QList<std::pair<QString, QColor>> entries{{tr("Parked"), parkedColor()},
                                                    {tr("Failed, retrying"), retryingColor()},
                                                    {tr("Delivered"), deliveredColor()}};
    for (const auto &[label, color] : entries) {
        x -= metrics.horizontalAdvance(label);
        painter.drawText(QPointF(x, y + metrics.ascent()), label);
        x -= box + kMargin / 2.0;
        painter.fillRect(QRectF(x, y + (metrics.ascent() - box), box, box), color);
        x -= 2 * kMargin;
    }
}

// A label every 10 minutes of the hour, every 3 hours of the day, where the slot starts on one.
void OutcomeChart::paintTimeLabels(QPainter &painter, const QRectF &area) const
{
    const QList<OutcomeSlot> &slotList = model_->outcomeSlots();
    const qint64 every =
        model_->slotSpan() == EndpointHealthQuery::Span::LastHour ? 10 * 60 * 1000 : 3 * 3600 * 1000;
    const qreal slot = area.width() / qreal(slotList.size());
    const QFontMetrics metrics = fontMetrics();
    for (int i = 0; i < slotList.size(); ++i) {
        const qint64 startMs = slotList.at(i).startMs;
        if (startMs % every != 0)
            continue;
        const QString label = QDateTime::fromMSecsSinceEpoch(startMs).toString(QStringLiteral("HH:mm"));
        painter.drawText(QPointF(area.left() + i * slot, area.bottom() + metrics.ascent() + 3), label);
    }
}

bool OutcomeChart::event(QEvent *event)
{
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    auto *help = static_cast<QHelpEvent *>(event);
    const int row = slotAt(help->pos());
    if (row < 0) {
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    const OutcomeSlot &slot = model_->outcomeSlots().at(row);
    QToolTip::showText(help->globalPos(),
                       tr("%1: %2 delivered, %3 failed and retrying, %4 parked")
                           .arg(model_->timeText(row))
                           .arg(slot.delivered)
                           .arg(slot.retrying)
                           .arg(slot.parked),
                       this);
    return true;
}
