#include "pages/NotificationsPage.h"

#include "BackgroundWorker.h"
#include "models/NotificationTableModel.h"
#include "storage/Database.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <memory>

namespace {
constexpr int kTypingPauseMs = 300; // search once typing pauses, not at every key
}

NotificationsPage::NotificationsPage(UiContext context, QWidget *parent)
    : Page(context, parent)
    , level_(new QComboBox)
    , reference_(new QLineEdit)
    , count_(new QLabel)
    , splitter_(new QSplitter(Qt::Vertical))
    , table_(new QTableView)
    , model_(new NotificationTableModel(this))
    , details_(new QPlainTextEdit)
{
    table_->setObjectName(QStringLiteral("notificationTable"));
    table_->setModel(model_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setWordWrap(false);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &NotificationsPage::showDetails);
    details_->setObjectName(QStringLiteral("notificationDetails"));
    details_->setReadOnly(true);

    splitter_->setObjectName(QStringLiteral("notificationsSplitter"));
    splitter_->addWidget(table_);
    splitter_->addWidget(details_);
    splitter_->setStretchFactor(0, 4);
    splitter_->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildFilters());
    layout->addWidget(splitter_, 1);
}

QWidget *NotificationsPage::buildFilters()
{
    level_->setObjectName(QStringLiteral("notificationLevel"));
    level_->addItem(tr("Any level"), QString());
    level_->addItem(tr("info"), QStringLiteral("info"));
    level_->addItem(tr("warn"), QStringLiteral("warn"));
    level_->addItem(tr("error"), QStringLiteral("error"));
    reference_->setObjectName(QStringLiteral("notificationReference"));
    reference_->setPlaceholderText(tr("Reference: a message id, a store name, an identifier value (exact)"));
    reference_->setClearButtonEnabled(true);
    count_->setObjectName(QStringLiteral("notificationCount"));
    referenceDelay_.setSingleShot(true);
    referenceDelay_.setInterval(kTypingPauseMs);
    connect(&referenceDelay_, &QTimer::timeout, this, &NotificationsPage::refresh);
    connect(reference_, &QLineEdit::textChanged, &referenceDelay_, qOverload<>(&QTimer::start));
    connect(reference_, &QLineEdit::returnPressed, this, &NotificationsPage::refresh);
    connect(level_, &QComboBox::currentIndexChanged, this, &NotificationsPage::refresh);

    auto *bar = new QWidget;
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("&Level:")));
    layout->addWidget(level_);
    layout->addWidget(reference_, 1);
    layout->addWidget(count_);
    static_cast<QLabel *>(layout->itemAt(0)->widget())->setBuddy(level_);
    return bar;
}

void NotificationsPage::refresh()
{
    referenceDelay_.stop();
    const QString level = level_->currentData().toString();
    const QString reference = reference_->text().trimmed();
    auto notifications = std::make_shared<QList<Notification>>();
    auto error = std::make_shared<QString>();
    context_.worker->post(
        this,
        [level, reference, notifications, error](const Database &db) {
            NotificationLog(db).list(level, reference, kPageSize, notifications.get(), error.get());
        },
        [this, notifications, error] {
            if (!error->isEmpty()) {
                count_->setText(tr("Cannot read the notifications: %1").arg(*error));
                return;
            }
            showNotifications(*notifications);
        });
}

void NotificationsPage::showNotifications(const QList<Notification> &notifications)
{
    const QModelIndexList selected = table_->selectionModel()->selectedRows();
    const std::optional<Notification> kept =
        selected.isEmpty() ? std::nullopt
                           : std::optional<Notification>(model_->notification(selected.first().row()));
    model_->setNotifications(notifications);
    if (kept && model_->rowOf(*kept) >= 0)
        table_->selectRow(model_->rowOf(*kept));
    count_->setText(notifications.size() >= kPageSize
                        ? tr("the newest %1 entries").arg(kPageSize)
                        : tr("%n entry(ies)", nullptr, int(notifications.size())));
}

void NotificationsPage::showDetails()
{
    const QModelIndexList selected = table_->selectionModel()->selectedRows();
    if (selected.isEmpty()) {
        details_->clear();
        return;
    }
    const Notification &notification = model_->notification(selected.first().row());
    details_->setPlainText(tr("%1: %2\n\n%3\n\nSource: %4\nReference: %5\nOccurrences: %6")
                               .arg(notification.level, notification.subject, notification.description,
                                    notification.source, notification.reference)
                               .arg(notification.occurrences));
}

void NotificationsPage::saveState(QSettings &settings) const
{
    settings.setValue(QStringLiteral("splitter"), splitter_->saveState());
    settings.setValue(QStringLiteral("columns"), table_->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("level"), level_->currentData().toString());
}

void NotificationsPage::restoreState(const QSettings &settings)
{
    splitter_->restoreState(settings.value(QStringLiteral("splitter")).toByteArray());
    table_->horizontalHeader()->restoreState(settings.value(QStringLiteral("columns")).toByteArray());
    const int level = level_->findData(settings.value(QStringLiteral("level")).toString());
    const QSignalBlocker blocker(level_); // the page reads when it is shown, not while the window opens
    level_->setCurrentIndex(qMax(0, level));
}
