#include "pages/DashboardPage.h"

#include "BackgroundWorker.h"
#include "EngineHost.h"
#include "storage/Database.h"
#include "widgets/ActivityChart.h"

#include <QDateTime>
#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

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

QString formatMs(const QJsonValue &value)
{
    const QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QString();
}

} // namespace

DashboardPage::DashboardPage(UiContext context, QWidget *parent)
    : Page(context, parent)
    , chart_(new ActivityChart)
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

    auto *chartBox = new QGroupBox(tr("Attempts per hour, last 24 hours (failed in red)"));
    (new QVBoxLayout(chartBox))->addWidget(chart_);
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
    layout->addWidget(chartBox, 1);
    layout->addLayout(lower, 1);
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

void DashboardPage::refresh()
{
    // Counting deliveries per state reads a whole index: on a busy engine, once every few seconds is
    // plenty, and the worker stays free for the view the person is looking at.
    if (loading_ || (lastLoad_.isValid() && !lastLoad_.hasExpired(kMinimumIntervalMs)))
        return;
    loading_ = true;
    lastLoad_.start();
    auto summary = std::make_shared<ActivitySummary>();
    auto error = std::make_shared<QString>();
    context_.worker->post(
        this,
        [summary, error](const Database &db) {
            ActivitySummary::load(db, QDateTime::currentMSecsSinceEpoch(), summary.get(), error.get());
        },
        [this, summary, error] {
            loading_ = false;
            if (!error->isEmpty()) {
                engine_->setText(tr("Cannot read the dashboard: %1").arg(*error));
                return;
            }
            show(*summary);
        });
}

void DashboardPage::show(const ActivitySummary &summary)
{
    summary_ = summary;
    for (auto it = counts_.begin(); it != counts_.end(); ++it) {
        const qint64 value = it.key() == QLatin1String("delivered_today")
                                 ? summary.deliveredToday
                                 : summary.deliveriesByState.value(it.key());
        it.value()->setText(QLocale().toString(value));
    }
    chart_->setHours(summary.lastDay);
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
