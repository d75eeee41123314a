#include "pages/MessagesPage.h"

#include "BackgroundWorker.h"
#include "delivery/MessageActions.h"
#include "dialogs/EraseByFieldDialog.h"
#include "EngineHost.h"
#include "models/MessageTableModel.h"
#include "storage/ConfigRepository.h"
#include "storage/MessageQuery.h"
#include "utils/CurlCommand.h"
#include "widgets/MessageDetailView.h"

#include <QAction>
#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QGridLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <atomic>
#include <climits>

namespace {

const char *const kQuickFilter = "quickFilter"; // the quick filter a button stands for: all, failed, parked
const char *const kToolTip = "enabledToolTip";  // an action's tooltip while it can be used

// Enables `action`, or disables it and says why in its tooltip (a disabled toolbar button still shows one).
void allow(QAction *action, bool enabled, const QString &whyNot = {})
{
    action->setEnabled(enabled);
    action->setToolTip(enabled || whyNot.isEmpty() ? action->property(kToolTip).toString() : whyNot);
}

// A progress callback for a walk on the worker thread: each report shows in `dialog` (through
// `guiThreadObject`, on the GUI thread, while the dialog is there), and the answer is "stop" once the
// dialog was cancelled.
MessageActions::ProgressCallback progressShownIn(QProgressDialog *dialog, QObject *guiThreadObject)
{
    auto cancelled = std::make_shared<std::atomic<bool>>(false);
    QObject::connect(dialog, &QProgressDialog::canceled, dialog, [cancelled] { *cancelled = true; });
    const QPointer<QProgressDialog> shown(dialog); // made here, and only read on the GUI thread
    return [cancelled, shown, guiThreadObject](const MessageActions::ReplayProgress &progress) {
        QMetaObject::invokeMethod(guiThreadObject, [shown, progress] {
            if (!shown)
                return;
            shown->setMaximum(int(std::min<qint64>(progress.messagesMatched, INT_MAX)));
            shown->setValue(int(std::min<qint64>(progress.messagesDone, INT_MAX)));
        });
        return !*cancelled;
    };
}

} // namespace

MessagesPage::MessagesPage(UiContext context, QWidget *parent)
    : Page(context, parent)
    , model_(new MessageTableModel(context.worker, this))
    , table_(new QTableView)
    , detail_(new MessageDetailView(context.worker))
    , splitter_(new QSplitter(Qt::Vertical))
    , quick_(new QButtonGroup(this))
    , state_(new QComboBox)
    , type_(new QLineEdit)
    , mapping_(new QComboBox)
    , endpoint_(new QComboBox)
    , useFrom_(new QCheckBox(tr("From")))
    , from_(new QDateTimeEdit)
    , useTo_(new QCheckBox(tr("To")))
    , to_(new QDateTimeEdit)
    , search_(new QLineEdit)
    , summary_(new QLabel)
    , filterDelay_(new QTimer(this))
{
    table_->setObjectName(QStringLiteral("messageTable"));
    table_->setModel(model_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    table_->setAlternatingRowColors(true);
    table_->setWordWrap(false);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 8);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->horizontalHeader()->resizeSection(MessageTableModel::Created, 150);
    table_->horizontalHeader()->resizeSection(MessageTableModel::Type, 130);
    table_->horizontalHeader()->resizeSection(MessageTableModel::Deliveries, 260);
    table_->horizontalHeader()->resizeSection(MessageTableModel::LastError, 260);

    auto *bar = new QWidget;
    buildFilterBar(bar);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(bar);
    buildActions();
    splitter_->addWidget(table_);
    splitter_->addWidget(detail_);
    splitter_->setStretchFactor(0, 3);
    splitter_->setStretchFactor(1, 2);
    splitter_->setSizes({420, 300});
    layout->addWidget(splitter_, 1);
    layout->addWidget(summary_);

    filterDelay_->setSingleShot(true);
    filterDelay_->setInterval(250);
    connect(filterDelay_, &QTimer::timeout, this, &MessagesPage::applyFilter);
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MessagesPage::onSelectionChanged);
    connect(model_, &MessageTableModel::loaded, this, &MessagesPage::updateSummary);
    connect(model_, &MessageTableModel::loaded, this, &MessagesPage::updateActions); // rows may be erased now
    connect(model_, &MessageTableModel::failed, this, [this](const QString &error) {
        summary_->setText(tr("Cannot read the message log: %1").arg(error));
    });
    connect(detail_, &MessageDetailView::relatedMessageRequested, detail_, &MessageDetailView::showMessage);
    model_->setFilter(currentFilter());
    onSelectionChanged();
}

void MessagesPage::buildFilterBar(QWidget *bar)
{
    auto *grid = new QGridLayout(bar);
    grid->setContentsMargins(0, 0, 0, 0);
    auto *quickRow = new QHBoxLayout;
    const QList<QPair<QString, QString>> quickFilters{{QStringLiteral("all"), tr("All")},
                                                      {QStringLiteral("failed"), tr("Failed")},
                                                      {QStringLiteral("parked"), tr("Parked")}};
    for (const auto &[name, label] : quickFilters) {
        auto *button = new QToolButton;
        button->setObjectName(QStringLiteral("quick_%1").arg(name));
        button->setProperty(kQuickFilter, name);
        button->setText(label);
        button->setCheckable(true);
        button->setChecked(name == QLatin1String("all"));
        quick_->addButton(button);
        quickRow->addWidget(button);
    }
    connect(quick_, &QButtonGroup::buttonToggled, this, [this](QAbstractButton *, bool on) {
        if (on)
            applyFilter();
    });
    quickRow->addStretch();
    grid->addLayout(quickRow, 0, 0, 1, 8);

    state_->setObjectName(QStringLiteral("stateFilter"));
    state_->addItem(tr("Any state"), QString());
    for (const QString &state : MessageQuery::kStates)
        state_->addItem(MessageTableModel::stateLabel(state), state);
    type_->setObjectName(QStringLiteral("typeFilter"));
    type_->setPlaceholderText(tr("Type (order:new, order:*)"));
    mapping_->setObjectName(QStringLiteral("mappingFilter"));
    mapping_->addItem(tr("Any mapping"), QString());
    endpoint_->setObjectName(QStringLiteral("endpointFilter"));
    endpoint_->addItem(tr("Any endpoint"), QString());
    search_->setObjectName(QStringLiteral("searchFilter"));
    search_->setPlaceholderText(tr("Message id or identifier value (an order number)"));
    search_->setClearButtonEnabled(true);
    for (QDateTimeEdit *edit : {from_, to_}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        edit->setDateTime(QDateTime::currentDateTime());
        edit->setEnabled(false);
    }
    from_->setDateTime(QDateTime::currentDateTime().addDays(-1));
    grid->addWidget(state_, 1, 0);
    grid->addWidget(type_, 1, 1);
    grid->addWidget(mapping_, 1, 2);
    grid->addWidget(endpoint_, 1, 3);
    grid->addWidget(useFrom_, 1, 4);
    grid->addWidget(from_, 1, 5);
    grid->addWidget(useTo_, 1, 6);
    grid->addWidget(to_, 1, 7);
    grid->addWidget(search_, 2, 0, 1, 8);

    connect(state_, &QComboBox::currentIndexChanged, this, &MessagesPage::applyFilter);
    connect(mapping_, &QComboBox::currentIndexChanged, this, &MessagesPage::applyFilter);
    connect(endpoint_, &QComboBox::currentIndexChanged, this, &MessagesPage::applyFilter);
    connect(type_, &QLineEdit::textChanged, this, &MessagesPage::scheduleFilter);
    connect(search_, &QLineEdit::textChanged, this, &MessagesPage::scheduleFilter);
    connect(useFrom_, &QCheckBox::toggled, from_, &QWidget::setEnabled);
    connect(useTo_, &QCheckBox::toggled, to_, &QWidget::setEnabled);
    connect(useFrom_, &QCheckBox::toggled, this, &MessagesPage::applyFilter);
    connect(useTo_, &QCheckBox::toggled, this, &MessagesPage::applyFilter);
    connect(from_, &QDateTimeEdit::dateTimeChanged, this, &MessagesPage::scheduleFilter);
    connect(to_, &QDateTimeEdit::dateTimeChanged, this, &MessagesPage::scheduleFilter);
}

void MessagesPage::buildActions()
{
    auto *toolbar = new QToolBar;
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    replay_ = toolbar->addAction(QIcon::fromTheme(QStringLiteral("view-refresh")), tr("&Replay"), this,
                                 &MessagesPage::replaySelected);
    replay_->setObjectName(QStringLiteral("replayAction"));
    replay_->setShortcut(QKeySequence(tr("Ctrl+R")));
    replay_->setToolTip(tr("Send the selected messages again, keeping their history (Ctrl+R)"));
    QAction *replayFailed =
        toolbar->addAction(tr("Replay all &failed"), this, &MessagesPage::replayAllFailed);
    replayFailed->setObjectName(QStringLiteral("replayFailedAction"));
    replayFailed->setToolTip(
        tr("Replay the parked and retrying deliveries of the messages the filter shows"));
    archive_ = toolbar->addAction(QIcon::fromTheme(QStringLiteral("archive-insert")), tr("&Archive"), this,
                                  &MessagesPage::archiveSelected);
    archive_->setObjectName(QStringLiteral("archiveAction"));
    archive_->setShortcut(QKeySequence(tr("Ctrl+Shift+A")));
    erase_ = toolbar->addAction(QIcon::fromTheme(QStringLiteral("edit-delete")), tr("Era&se..."), this,
                                &MessagesPage::eraseSelected);
    erase_->setObjectName(QStringLiteral("eraseAction"));
    erase_->setToolTip(tr("Remove the personal data of the selected messages (payloads, response bodies, "
                          "identifier values) after a confirmation; the delivery history stays"));
    eraseByField_ = toolbar->addAction(tr("Erase &by field..."), this, &MessagesPage::eraseByField);
    eraseByField_->setObjectName(QStringLiteral("eraseByFieldAction"));
    eraseByField_->setToolTip(tr("Erase every message where a path reaches a value, such as a person's email "
                                 "address, after showing how many there are"));
    editPush_ = toolbar->addAction(QIcon::fromTheme(QStringLiteral("document-edit")),
                                   tr("&Edit && push as new"), this, &MessagesPage::editAndPush);
    editPush_->setObjectName(QStringLiteral("editPushAction"));
    curl_ = toolbar->addAction(tr("Copy as &curl"), this, &MessagesPage::copyAsCurl);
    curl_->setObjectName(QStringLiteral("curlAction"));
    QAction *find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    connect(find, &QAction::triggered, search_, [this] {
        search_->setFocus();
        search_->selectAll();
    });
    addAction(find);
    for (QAction *action : {replay_, archive_, editPush_, curl_})
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    for (QAction *action : {replay_, archive_, erase_, eraseByField_, editPush_, curl_})
        action->setProperty(kToolTip, action->toolTip());
    addActions({replay_, archive_});
    layout()->addWidget(toolbar);
}

MessageLog::Filter MessagesPage::currentFilter() const
{
    MessageLog::Filter filter;
    const QString quick = quick_->checkedButton()->property(kQuickFilter).toString();
    if (quick == QLatin1String("failed"))
        filter.states = MessageLog::kFailedStates;
    else if (quick == QLatin1String("parked"))
        filter.states = {QStringLiteral("parked")};
    const QString state = state_->currentData().toString();
    if (!state.isEmpty())
        filter.states = filter.states.isEmpty() || filter.states.contains(state)
                            ? QStringList{state}
                            : QStringList{QStringLiteral("-")};
    filter.type = type_->text().trimmed();
    filter.mapping = mapping_->currentData().toString();
    filter.endpoint = endpoint_->currentData().toString();
    if (useFrom_->isChecked())
        filter.fromMs = from_->dateTime().toMSecsSinceEpoch();
    if (useTo_->isChecked())
        filter.toMs = to_->dateTime().toMSecsSinceEpoch();
    filter.text = search_->text().trimmed();
    return filter;
}

void MessagesPage::scheduleFilter()
{
    filterDelay_->start();
}

void MessagesPage::applyFilter()
{
    filterDelay_->stop();
    const MessageLog::Filter filter = currentFilter();
    if (filter != model_->filter())
        model_->setFilter(filter);
}

void MessagesPage::refresh()
{
    loadChoices();
    model_->refresh();
    detail_->reload();
}

void MessagesPage::loadChoices()
{
    auto mappings = std::make_shared<QList<Mapping>>();
    auto endpoints = std::make_shared<QList<Endpoint>>();
    context_.worker->post(
        this,
        [mappings, endpoints](const Database &db) {
            QString error;
            ConfigRepository repository(db);
            repository.loadMappings(mappings.get(), &error);
            repository.loadEndpoints(endpoints.get(), &error);
        },
        [this, mappings, endpoints] {
            auto fill = [](QComboBox *combo, const QStringList &names) {
                const QString current = combo->currentData().toString();
                const QSignalBlocker block(combo);
                while (combo->count() > 1)
                    combo->removeItem(1);
                for (const QString &name : names)
                    combo->addItem(name, name);
                combo->setCurrentIndex(std::max(0, combo->findData(current)));
            };
            QStringList mappingNames, endpointNames;
            for (const Mapping &mapping : std::as_const(*mappings))
                mappingNames << mapping.name;
            for (const Endpoint &endpoint : std::as_const(*endpoints))
                endpointNames << endpoint.name;
            fill(mapping_, mappingNames);
            fill(endpoint_, endpointNames);
        });
}

QStringList MessagesPage::selectedMessageIds() const
{
    QStringList ids;
    const QModelIndexList rows = table_->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        ids << index.data(MessageTableModel::MessageIdRole).toString();
    return ids;
}

void MessagesPage::onSelectionChanged()
{
    const QStringList ids = selectedMessageIds();
    updateActions();
    detail_->showMessage(ids.size() == 1 ? ids.first() : QString());
}

// An erased message has no payload left: it cannot be sent again, pushed as new or repeated with curl,
// and its open deliveries were archived when it was erased.
void MessagesPage::updateActions()
{
    const QModelIndexList rows = table_->selectionModel()->selectedRows();
    const auto erased = std::count_if(rows.begin(), rows.end(), [](const QModelIndex &index) {
        return index.data(MessageTableModel::ErasedRole).toBool();
    });
    const bool some = !rows.isEmpty();
    const bool one = rows.size() == 1;
    const bool allErased = some && erased == rows.size();
    allow(replay_, some && erased == 0,
          erased > 0 ? tr("Cannot replay: the selection holds an erased message, whose payload is gone")
                     : QString());
    allow(archive_, some && !allErased,
          allErased ? tr("Nothing to archive: an erased message's open deliveries were archived when it "
                         "was erased")
                    : QString());
    allow(erase_, some && !allErased && !erasure_,
          allErased  ? tr("Already erased")
          : erasure_ ? tr("An erasure is under way")
                     : QString());
    allow(eraseByField_, !erasure_, erasure_ ? tr("An erasure is under way") : QString());
    allow(editPush_, one && erased == 0,
          one && erased > 0 ? tr("An erased message has no payload left to push") : QString());
    allow(curl_, one && erased == 0,
          one && erased > 0 ? tr("An erased message has no payload left to send") : QString());
}

void MessagesPage::runAction(const QString &what,
                             std::function<bool(const Database &, int *, QString *)> action)
{
    auto count = std::make_shared<int>(0);
    auto error = std::make_shared<QString>();
    auto ok = std::make_shared<bool>(false);
    context_.worker->post(
        this,
        [action = std::move(action), count, error, ok](const Database &db) {
            *ok = action(db, count.get(), error.get());
        },
        [this, what, count, error, ok] {
            if (!*ok) {
                QMessageBox::warning(this, what, tr("%1 failed: %2").arg(what, *error));
                return;
            }
            Q_EMIT statusMessage(tr("%1: %n deliver(y/ies)", nullptr, *count).arg(what));
            context_.engine->wake();
            refresh();
        });
}

void MessagesPage::replaySelected()
{
    const QStringList ids = selectedMessageIds();
    if (ids.isEmpty())
        return;
    runAction(tr("Replay"), [ids](const Database &db, int *count, QString *error) {
        int routed = 0;
        const bool ok = MessageActions(db).replay(ids, count, &routed, error);
        *count += routed;
        return ok;
    });
}

void MessagesPage::archiveSelected()
{
    const QStringList ids = selectedMessageIds();
    if (ids.isEmpty())
        return;
    runAction(tr("Archive"), [ids](const Database &db, int *count, QString *error) {
        return MessageActions(db).archive(ids, count, error);
    });
}

void MessagesPage::eraseSelected()
{
    const QStringList ids = selectedMessageIds();
    if (ids.isEmpty() || erasure_)
        return;
    startErasure()->start(ids);
}

// The dialog counts as the person types and is the confirmation; the erasure runs once it is accepted.
void MessagesPage::eraseByField()
{
    if (erasure_)
        return;
    auto *dialog = new EraseByFieldDialog(context_.worker, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (!erasure_)
            startErasure()->eraseConfirmed({dialog->match()});
    });
    dialog->open();
}

MessageErasure *MessagesPage::startErasure()
{
    erasure_ = new MessageErasure(context_, this);
    connect(erasure_, &MessageErasure::finished, this, &MessagesPage::onErased);
    updateActions();
    return erasure_;
}

void MessagesPage::onErased(MessageErasure::Outcome outcome, const QString &message)
{
    erasure_ = nullptr; // it deletes itself
    Q_EMIT statusMessage(message);
    if (outcome != MessageErasure::Outcome::NothingErased)
        refresh(); // the table and the detail show the messages as erased
    updateActions();
    if (outcome == MessageErasure::Outcome::Failed)
        QMessageBox::warning(this, tr("Erase"), message);
}

// The shared walk (MessageActions::replayFailed) runs on the worker, a page per transaction; the
// dialog follows its progress and its Cancel stops it before the next page.
void MessagesPage::replayAllFailed()
{
    auto *dialog = new QProgressDialog(tr("Replaying failed messages..."), tr("Cancel"), 0, 0, this);
    dialog->setObjectName(QStringLiteral("replayProgress"));
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setMinimumDuration(300);
    const MessageActions::ProgressCallback onProgress = progressShownIn(dialog, context_.worker);
    auto result = std::make_shared<MessageActions::ReplayProgress>();
    auto error = std::make_shared<QString>();
    context_.worker->post(
        this,
        [filter = currentFilter(), onProgress, result, error](const Database &db) {
            MessageActions(db).replayFailed(filter, onProgress, result.get(), error.get());
        },
        [this, dialog, result, error] {
            dialog->deleteLater();
            onReplayedAllFailed(*result, *error);
        });
}

void MessagesPage::onReplayedAllFailed(const MessageActions::ReplayProgress &result, const QString &error)
{
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Replay all failed"), tr("Replay stopped: %1").arg(error));
    if (result.cancelled)
        Q_EMIT statusMessage(
            tr("Cancelled after replaying %n deliver(y/ies)", nullptr, result.deliveriesReplayed));
    else if (result.messagesMatched == 0 && error.isEmpty())
        Q_EMIT statusMessage(tr("The filter shows no failed messages to replay."));
    else
        Q_EMIT statusMessage(tr("Replayed %n deliver(y/ies)", nullptr, result.deliveriesReplayed));
    context_.engine->wake();
    refresh();
}

void MessagesPage::editAndPush()
{
    QJsonObject message = QJsonDocument::fromJson(detail_->messageJson()).object();
    if (message.isEmpty())
        return;
    message.remove(QStringLiteral("message_id")); // a new message gets a new id
    Q_EMIT composeRequested(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Indented)));
}

void MessagesPage::copyAsCurl()
{
    const QJsonObject attempt = detail_->currentAttempt();
    if (attempt.isEmpty()) {
        Q_EMIT statusMessage(tr("This message has no attempt to repeat yet."));
        return;
    }
    QApplication::clipboard()->setText(CurlCommand::forAttempt(
        attempt.value(QStringLiteral("url")).toString(),
        attempt.value(QStringLiteral("request_headers")).toObject(),
        QJsonDocument::fromJson(detail_->messageJson()).toJson(QJsonDocument::Compact)));
    Q_EMIT statusMessage(tr("Copied a curl command for the attempt (secrets as shell variables)."));
}

void MessagesPage::updateSummary()
{
    summary_->setText(model_->reachedEnd()
                          ? tr("%n message(s)", nullptr, model_->rowCount())
                          : tr("%n message(s) shown; scroll for more", nullptr, model_->rowCount()));
}

void MessagesPage::saveState(QSettings &settings) const
{
    settings.setValue(QStringLiteral("splitter"), splitter_->saveState());
    settings.setValue(QStringLiteral("columns"), table_->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("quick"), quick_->checkedButton()->property(kQuickFilter));
    settings.setValue(QStringLiteral("state"), state_->currentData());
}

void MessagesPage::restoreState(const QSettings &settings)
{
    splitter_->restoreState(settings.value(QStringLiteral("splitter")).toByteArray());
    table_->horizontalHeader()->restoreState(settings.value(QStringLiteral("columns")).toByteArray());
    const QString quick = settings.value(QStringLiteral("quick"), QStringLiteral("all")).toString();
    if (auto *button = findChild<QToolButton *>(QStringLiteral("quick_%1").arg(quick)))
        button->setChecked(true);
    state_->setCurrentIndex(std::max(0, state_->findData(settings.value(QStringLiteral("state")))));
}
