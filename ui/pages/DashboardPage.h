#pragma once

#include "pages/Page.h"
#include "storage/ActivitySummary.h"
#include "storage/EndpointHealthQuery.h"

#include <QElapsedTimer>

class EndpointHealthModel;
class OutcomeChartModel;
class QGroupBox;
class QLabel;
class QTableView;
class QTableWidget;

// The state of things at a glance, live: deliveries per state, each endpoint's health, the outcomes per
// minute over the last hour or day (of every endpoint, or of the one selected), stores' heartbeats and
// the latest errors. Every read is one Work on the BackgroundWorker.
class DashboardPage : public Page
{
    Q_OBJECT
public:
    explicit DashboardPage(UiContext context, QWidget *parent = nullptr);
    QString title() const override { return tr("Dashboard"); }
    void refresh() override;
    const ActivitySummary &summary() const { return summary_; }
    EndpointHealthModel *healthModel() const { return healthModel_; }
    OutcomeChartModel *chartModel() const { return chartModel_; }

Q_SIGNALS:
    void healthChanged(int parked, int storesDown);
    void refreshed();

public:
    struct Snapshot; // one read of everything shown, made on the worker thread

private:
    void load();
    void show(const Snapshot &snapshot);
    QLabel *addCount(const QString &state, const QString &label, int column);
    QWidget *makeSpanToggle();
    void chooseSpan(EndpointHealthQuery::Span span);
    void chartEndpointSelected();
    void reselectChartEndpoint();
    void updateChartTitle();

    ActivitySummary summary_;
    QHash<QString, QLabel *> counts_;
    EndpointHealthModel *healthModel_;
    OutcomeChartModel *chartModel_;
    QTableView *health_;
    QGroupBox *chartBox_;
    EndpointHealthQuery::Span span_ = EndpointHealthQuery::Span::LastHour;
    std::optional<qint64> chartEndpoint_; // the selected endpoint's id; none: every endpoint
    QString chartEndpointName_;
    bool reloadAfterLoad_ = false; // the span or endpoint changed while a load was out
    QTableWidget *stores_;
    QTableWidget *errors_;
    QLabel *engine_;
    QWidget *countsBox_;
    bool loading_ = false;
    QElapsedTimer lastLoad_;
    static constexpr qint64 kMinimumIntervalMs = 2000;
};
