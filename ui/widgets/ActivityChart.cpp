#include "widgets/ActivityChart.h"

#include <QDateTime>
#include <QPainter>

ActivityChart::ActivityChart(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("activityChart"));
    setMinimumHeight(150);
}

void ActivityChart::setHours(const QList<ActivitySummary::Hour> &hours)
{
    hours_ = hours;
    int delivered = 0, failed = 0;
    for (const ActivitySummary::Hour &hour : hours) {
        delivered += hour.delivered;
        failed += hour.failed;
    }
    setToolTip(tr("Last 24 hours: %1 delivered, %2 failed attempts").arg(delivered).arg(failed));
    update();
}

void ActivityChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics metrics = fontMetrics();
    const QRectF area = QRectF(rect()).adjusted(metrics.horizontalAdvance(QStringLiteral("0000")) + 6, 6, -6,
                                                -metrics.height() - 6);
    int peak = 1;
    for (const ActivitySummary::Hour &hour : std::as_const(hours_))
        peak = std::max(peak, hour.delivered + hour.failed);
    const QColor text = palette().color(QPalette::WindowText);
    painter.setPen(QColor(text.red(), text.green(), text.blue(), 60));
    painter.drawLine(area.bottomLeft(), area.bottomRight());
    painter.setPen(text);
    painter.drawText(QRectF(0, area.top(), area.left() - 4, metrics.height()), Qt::AlignRight,
                     QString::number(peak));
    painter.drawText(QRectF(0, area.bottom() - metrics.height(), area.left() - 4, metrics.height()),
                     Qt::AlignRight, QStringLiteral("0"));
    if (hours_.isEmpty())
        return;
    const qreal slot = area.width() / static_cast<qreal>(hours_.size());
    const QColor delivered = palette().color(QPalette::Highlight);
    const QColor failed(0xd1, 0x24, 0x2f);
    for (int i = 0; i < hours_.size(); ++i) {
        const ActivitySummary::Hour &hour = hours_.at(i);
        const qreal x = area.left() + i * slot + slot * 0.15;
        const qreal width = slot * 0.7;
        const qreal okHeight = area.height() * hour.delivered / peak;
        const qreal failHeight = area.height() * hour.failed / peak;
        painter.fillRect(QRectF(x, area.bottom() - okHeight, width, okHeight), delivered);
        painter.fillRect(QRectF(x, area.bottom() - okHeight - failHeight, width, failHeight), failed);
        if (i % 6 == 0) {
            const QString label =
                QDateTime::fromMSecsSinceEpoch(hour.startMs).toString(QStringLiteral("HH:mm"));
            painter.drawText(QPointF(x, area.bottom() + metrics.ascent() + 3), label);
        }
    }
}
