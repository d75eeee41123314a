#pragma once

#include "pages/Page.h"
#include "storage/ActivitySummary.h"

#include <QElapsedTimer>

class ActivityChart;
class QLabel;
class QTableWidget;

// The state of things at a glance, live: deliveries per state, stores' heartbeats, the last day's
// throughput and failures, the latest errors.
class DashboardPage : public Page
{
    Q_OBJECT
public:
    explicit DashboardPage(UiContext context, QWidget *parent = nullptr);
    QString title() const override { return tr("Dashboard"); }
    void refresh() override;
    const ActivitySummary &summary() const { return summary_; }

Q_SIGNALS:
    void healthChanged(int parked, int storesDown);
    void refreshed();

private:
    void show(const ActivitySummary &summary);
    QLabel *addCount(const QString &state, const QString &label, int column);

    ActivitySummary summary_;
    QHash<QString, QLabel *> counts_;
    ActivityChart *chart_;
    QTableWidget *stores_;
    QTableWidget *errors_;
    QLabel *engine_;
    QWidget *countsBox_;
    bool loading_ = false;
    QElapsedTimer lastLoad_;
    static constexpr qint64 kMinimumIntervalMs = 2000;
};
