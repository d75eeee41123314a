#include "pages/DashboardPage.h"

#include "BackgroundWorker.h"
#include "EngineHost.h"
#include "models/EndpointHealthModel.h"
#include "models/OutcomeChartModel.h"
#include "storage/Database.h"
#include "widgets/OutcomeChart.h"

#include <QButtonGroup>
#include <QDateTime>
#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QTableView>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

// One read of everything the page shows, made on the worker thread.
struct DashboardPage::Snapshot
{
    ActivitySummary summary;
    QList<EndpointHealth> endpoints;
    EndpointHealthQuery::Span span = EndpointHealthQuery::Span::LastHour;
    QList<OutcomeSlot> outcomes;
    qint64 nowMs = 0;
    QString error;
};

namespace {

QTableWidget *makeTable(const QStringList &headers, const QString &name)
{
    auto *table = new QTableWidget(0, int(headers.size()));
    table->setObjectName(name);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    return table;
}

// On failure snapshot->error says why.
void read(const Database &db, std::optional<qint64> chartEndpoint, DashboardPage::Snapshot *snapshot)
{
    snapshot->nowMs = QDateTime::currentMSecsSinceEpoch();
    const EndpointHealthQuery health(db);
    if (ActivitySummary::load(db, snapshot->nowMs, &snapshot->summary, &snapshot->error) &&
        health.list(snapshot->nowMs, &snapshot->endpoints, &snapshot->error))
        health.outcomes(snapshot->span, snapshot->nowMs, chartEndpoint, &snapshot->outcomes,
                        &snapshot->error);
}

QString formatMs(const QJsonValue &value)
{
    const QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QString();
}

} // namespace

DashboardPage::DashboardPage(UiContext context, QWidget *parent)
    : Page(context, parent)
    , healthModel_(new EndpointHealthModel(this))
    , chartModel_(new OutcomeChartModel(this))
    , health_(new QTableView)
    , chartBox_(new QGroupBox)
    , stores_(makeTable({tr("Store"), tr("Heartbeat"), tr("Last success"), tr("Last error")},
                        QStringLiteral("dashboardStores")))
    , errors_(makeTable({tr("When"), tr("Error"), tr("Message")}, QStringLiteral("dashboardErrors")))
    , engine_(new QLabel)
    , countsBox_(new QWidget)
{
    auto *counts = new QGridLayout(countsBox_);
    const QList<QPair<QString, QString>> states{{QStringLiteral("pending"), tr("Pending")},
                                                {QStringLiteral("sending"), tr("Sending")},
                                                {QStringLiteral("waiting"), tr("Waiting")},
                                                {QStringLiteral("retrying"), tr("Retrying")},
                                                {QStringLiteral("parked"), tr("Parked")},
                                                {QStringLiteral("delivered_today"), tr("Delivered today")}};
    for (int i = 0; i < states.size(); ++i)
        counts_.insert(states.at(i).first, addCount(states.at(i).first, states.at(i).second, i));
    counts->setContentsMargins(0, 0, 0, 0);

    health_->setObjectName(QStringLiteral("dashboardEndpoints"));
    health_->setModel(healthModel_);
    health_->verticalHeader()->hide();
    health_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    health_->horizontalHeader()->setStretchLastSection(true);
    health_->setSelectionBehavior(QAbstractItemView::SelectRows);
    health_->setSelectionMode(QAbstractItemView::SingleSelection);
    health_->setToolTip(tr("Select an endpoint to chart only its attempts"));
    connect(health_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DashboardPage::chartEndpointSelected);
    auto *healthBox = new QGroupBox(tr("Endpoints"));
    (new QVBoxLayout(healthBox))->addWidget(health_);

    auto *chartLayout = new QVBoxLayout(chartBox_);
    chartLayout->addWidget(makeSpanToggle());
    chartLayout->addWidget(new OutcomeChart(chartModel_), 1);
    updateChartTitle();

    auto *storesBox = new QGroupBox(tr("Stores"));
    (new QVBoxLayout(storesBox))->addWidget(stores_);
    auto *errorsBox = new QGroupBox(tr("Latest errors"));
    (new QVBoxLayout(errorsBox))->addWidget(errors_);
    auto *lower = new QHBoxLayout;
    lower->addWidget(storesBox);
    lower->addWidget(errorsBox);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(engine_);
    layout->addWidget(countsBox_);
    layout->addWidget(healthBox, 2);
    layout->addWidget(chartBox_, 3);
    layout->addLayout(lower, 2);
    connect(context_.engine, &EngineHost::statusChanged, this,
            [this] { engine_->setText(context_.engine->status()); });
    engine_->setText(context_.engine->status());
}

QLabel *DashboardPage::addCount(const QString &state, const QString &label, int column)
{
    auto *frame = new QFrame;
    frame->setFrameShape(QFrame::StyledPanel);
    auto *box = new QVBoxLayout(frame);
    auto *number = new QLabel(QStringLiteral("–"));
    number->setObjectName(QStringLiteral("count_%1").arg(state));
    QFont big = number->font();
    big.setPointSizeF(big.pointSizeF() * 2);
    big.setBold(true);
    number->setFont(big);
    number->setAlignment(Qt::AlignCenter);
    auto *caption = new QLabel(label);
    caption->setAlignment(Qt::AlignCenter);
    box->addWidget(number);
    box->addWidget(caption);
    static_cast<QGridLayout *>(countsBox_->layout())->addWidget(frame, 0, column);
    return number;
}

// Last hour or last day, as two buttons of which one is down.
QWidget *DashboardPage::makeSpanToggle()
{
    auto *toggle = new QWidget;
    auto *row = new QHBoxLayout(toggle);
    row->setContentsMargins(0, 0, 0, 0);
    auto *group = new QButtonGroup(toggle);
    for (const auto &[span, label, name] :
         {std::tuple{EndpointHealthQuery::Span::LastHour, tr("Last hour"), QStringLiteral("chartLastHour")},
          std::tuple{EndpointHealthQuery::Span::LastDay, tr("Last day"), QStringLiteral("chartLastDay")}}) {
        auto *button = new QToolButton;
        button->setObjectName(name);
        button->setText(label);
        button->setCheckable(true);
        button->setChecked(span == span_);
        group->addButton(button);
        row->addWidget(button);
        connect(button, &QToolButton::clicked, this, [this, span = span] { chooseSpan(span); });
    }
    row->addStretch(1);
    return toggle;
}

void DashboardPage::chooseSpan(EndpointHealthQuery::Span span)
{
    if (span == span_)
        return;
    span_ = span;
    updateChartTitle();
    load();
}

void DashboardPage::chartEndpointSelected()
{
    const QModelIndexList rows = health_->selectionModel()->selectedRows();
    std::optional<qint64> endpoint;
    QString name;
    if (!rows.isEmpty()) {
        endpoint = healthModel_->endpoint(rows.first().row()).endpointId;
        name = healthModel_->endpoint(rows.first().row()).name;
    }
    if (endpoint == chartEndpoint_)
        return;
    chartEndpoint_ = endpoint;
    chartEndpointName_ = name;
    updateChartTitle();
    load();
}

// A new set of endpoints resets the table, and a reset clears the selection without a word: the charted
// endpoint is selected again, or, when it is gone, the chart goes back to every endpoint.
void DashboardPage::reselectChartEndpoint()
{
    if (!chartEndpoint_ || !health_->selectionModel()->selectedRows().isEmpty())
        return;
    for (int row = 0; row < healthModel_->rowCount(); ++row) {
        if (healthModel_->endpoint(row).endpointId == *chartEndpoint_) {
            health_->selectRow(row);
            return;
        }
    }
    chartEndpointSelected();
}

void DashboardPage::updateChartTitle()
{
    const bool hour = span_ == EndpointHealthQuery::Span::LastHour;
    if (chartEndpoint_)
        chartBox_->setTitle(hour ? tr("Attempts per minute, last hour: %1").arg(chartEndpointName_)
                                 : tr("Attempts per 15 minutes, last day: %1").arg(chartEndpointName_));
    else
        chartBox_->setTitle(hour ? tr("Attempts per minute, last hour, all endpoints")
                                 : tr("Attempts per 15 minutes, last day, all endpoints"));
}

void DashboardPage::refresh()
{
    // Counting deliveries per state reads a whole index: on a busy engine, once every few seconds is
    // plenty, and the worker stays free for the view the person is looking at.
    if (loading_ || (lastLoad_.isValid() && !lastLoad_.hasExpired(kMinimumIntervalMs)))
        return;
    load();
}

// A person's choice (span, endpoint) loads at once; one that comes while a load is out loads after it.
void DashboardPage::load()
{
    if (loading_) {
        reloadAfterLoad_ = true;
        return;
    }
    loading_ = true;
    lastLoad_.start();
    auto snapshot = std::make_shared<Snapshot>();
    snapshot->span = span_;
    const std::optional<qint64> endpoint = chartEndpoint_;
    context_.worker->post(
        this, [snapshot, endpoint](const Database &db) { read(db, endpoint, snapshot.get()); },
        [this, snapshot] {
            loading_ = false;
            if (!snapshot->error.isEmpty())
                engine_->setText(tr("Cannot read the dashboard: %1").arg(snapshot->error));
            else
                show(*snapshot);
            if (reloadAfterLoad_) {
                reloadAfterLoad_ = false;
                load();
            }
        });
}

void DashboardPage::show(const Snapshot &snapshot)
{
    const ActivitySummary &summary = snapshot.summary;
    summary_ = summary;
    for (auto it = counts_.begin(); it != counts_.end(); ++it) {
        const qint64 value = it.key() == QLatin1String("delivered_today")
                                 ? summary.deliveredToday
                                 : summary.deliveriesByState.value(it.key());
        it.value()->setText(QLocale().toString(value));
    }
    healthModel_->setHealth(snapshot.endpoints, snapshot.nowMs);
    reselectChartEndpoint();
    if (snapshot.span == span_)
        chartModel_->setSlots(snapshot.span, snapshot.outcomes);
    stores_->setRowCount(int(summary.stores.size()));
    for (int i = 0; i < summary.stores.size(); ++i) {
        const QJsonObject store = summary.stores.at(i).toObject();
        const QStringList cells{store.value(QStringLiteral("name")).toString(),
                                store.value(QStringLiteral("heartbeat")).toString(),
                                formatMs(store.value(QStringLiteral("last_success_at"))),
                                store.value(QStringLiteral("last_error")).toString()};
        for (int column = 0; column < cells.size(); ++column)
            stores_->setItem(i, column, new QTableWidgetItem(cells.at(column)));
    }
    errors_->setRowCount(int(summary.latestErrors.size()));
    for (int i = 0; i < summary.latestErrors.size(); ++i) {
        const ActivitySummary::Error &entry = summary.latestErrors.at(i);
        const QStringList cells{
            QDateTime::fromMSecsSinceEpoch(entry.atMs).toString(QStringLiteral("yyyy-MM-dd HH:mm")),
            entry.subject + QStringLiteral(": ") + entry.description, entry.reference};
        for (int column = 0; column < cells.size(); ++column)
            errors_->setItem(i, column, new QTableWidgetItem(cells.at(column)));
    }
    Q_EMIT healthChanged(int(summary.deliveriesByState.value(QStringLiteral("parked"))),
                         summary.storesDown());
    Q_EMIT refreshed();
}
