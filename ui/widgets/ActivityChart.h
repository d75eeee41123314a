#pragma once

#include "storage/ActivitySummary.h"

#include <QWidget>

// Attempts per hour over the last day as stacked bars: delivered below, failed on top. Painted with
// the palette's colours so it reads in light and dark themes.
class ActivityChart : public QWidget
{
    Q_OBJECT
public:
    explicit ActivityChart(QWidget *parent = nullptr);
    void setHours(const QList<ActivitySummary::Hour> &hours);
    QSize sizeHint() const override { return {480, 180}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<ActivitySummary::Hour> hours_;
};
