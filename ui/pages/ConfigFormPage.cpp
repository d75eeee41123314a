#include "pages/ConfigFormPage.h"

#include "BackgroundWorker.h"
#include "config/ConfigEdits.h"
#include "model/Endpoint.h"
#include "secrets/CredentialStore.h"
#include "storage/Database.h"
#include "widgets/FormFeedback.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <memory>

namespace {

QString capitalized(const QString &word)
{
    return word.left(1).toUpper() + word.mid(1);
}

} // namespace

ConfigFormPage::ConfigFormPage(UiContext context, const QString &kind, const QStringList &columns,
                               const QString &namePlaceholder, QWidget *parent)
    : Page(context, parent)
    , kind_(kind)
    , splitter_(new QSplitter(Qt::Horizontal))
    , table_(new QTableWidget)
    , name_(new QLineEdit)
    , formWidget_(new QWidget)
    , form_(new QFormLayout(formWidget_))
    , new_(new QPushButton(tr("New")))
    , save_(new QPushButton(tr("Save")))
    , remove_(new QPushButton(tr("Remove")))
    , status_(FormFeedback::statusLabel(kind + QStringLiteral("Status")))
{
    name_->setObjectName(kind + QStringLiteral("Name"));
    name_->setPlaceholderText(namePlaceholder);
    form_->setContentsMargins(0, 0, 0, 0);
    form_->addRow(tr("&Name:"), name_);
    setUpTable(columns);
    setUpButtons();
}

void ConfigFormPage::setUpTable(const QStringList &columns)
{
    table_->setObjectName(kind_ + QStringLiteral("Table"));
    table_->setColumnCount(int(columns.size()));
    table_->setHorizontalHeaderLabels(columns);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ConfigFormPage::onSelectionChanged);
}

void ConfigFormPage::setUpButtons()
{
    new_->setObjectName(QStringLiteral("new") + capitalized(kind_));
    save_->setObjectName(QStringLiteral("save") + capitalized(kind_));
    save_->setDefault(true);
    remove_->setObjectName(QStringLiteral("remove") + capitalized(kind_));
    remove_->setEnabled(false);
    connect(new_, &QPushButton::clicked, this, &ConfigFormPage::startNew);
    connect(save_, &QPushButton::clicked, this, &ConfigFormPage::save);
    connect(remove_, &QPushButton::clicked, this, [this] { removeSelected(true); });
}

QLineEdit *ConfigFormPage::addUrlRow(const QString &placeholder)
{
    auto *url = new QLineEdit;
    url->setObjectName(kind_ + QStringLiteral("Url"));
    url->setPlaceholderText(placeholder);
    QLabel *urlError = FormFeedback::fieldErrorLabel(kind_ + QStringLiteral("UrlError"));
    form_->addRow(tr("&URL:"), url);
    form_->addRow(QString(), urlError);
    // A store's credential is its api_key, an endpoint's its token: the hint for a URL with a password.
    const QString secretKey =
        kind_ == QLatin1String("store") ? QStringLiteral("api_key") : QStringLiteral("basic_auth");
    connect(url, &QLineEdit::textChanged, urlError, [urlError, secretKey](const QString &typed) {
        const QString text = typed.trimmed();
        FormFeedback::setFieldError(
            urlError,
            text.isEmpty() ? QString() : Endpoint::urlError(QUrl(text, QUrl::StrictMode), secretKey));
    });
    return url;
}

QLineEdit *ConfigFormPage::addSecretRow(const QString &label, const QString &objectName,
                                        const QString &newEntryHint)
{
    secret_ = new QLineEdit;
    secret_->setObjectName(objectName);
    secret_->setEchoMode(QLineEdit::Password);
    secret_->setPlaceholderText(newEntryHint);
    newEntrySecretHint_ = newEntryHint;
    form_->addRow(label, secret_);
    return secret_;
}

void ConfigFormPage::showSecretStored(bool stored)
{
    secret_->clear();
    secret_->setPlaceholderText(loadedName_.isEmpty() ? newEntrySecretHint_ : storedSecretHint(stored));
}

void ConfigFormPage::setEditor(const QList<QPushButton *> &extraButtons, const QList<QWidget *> &details,
                               int tableStretch, int editorStretch)
{
    auto *editor = new QWidget;
    auto *editorLayout = new QVBoxLayout(editor);
    editorLayout->addWidget(formWidget_);
    editorLayout->addWidget(buildButtons(extraButtons));
    for (QWidget *detail : details)
        editorLayout->addWidget(detail, detail == details.last() ? 1 : 0);
    if (details.isEmpty())
        editorLayout->addStretch(1);

    splitter_->setObjectName(kind_ + QStringLiteral("sSplitter"));
    splitter_->addWidget(table_);
    splitter_->addWidget(editor);
    splitter_->setStretchFactor(0, tableStretch);
    splitter_->setStretchFactor(1, editorStretch);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter_);
}

QWidget *ConfigFormPage::buildButtons(const QList<QPushButton *> &extraButtons)
{
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new_);
    layout->addWidget(save_);
    for (QPushButton *button : extraButtons)
        layout->addWidget(button);
    layout->addWidget(remove_);
    layout->addWidget(status_, 1);
    return row;
}

void ConfigFormPage::readThroughWorker(const Read &read, const std::function<void()> &show,
                                       const QString &failure)
{
    auto error = std::make_shared<QString>();
    context_.worker->post(
        this, [read, error](const Database &db) { read(db, error.get()); },
        [this, show, error, failure] {
            if (error->isEmpty())
                show();
            else
                showStatus(failure.arg(*error), true);
            Q_EMIT refreshed();
        });
}

void ConfigFormPage::showRows(const QList<QStringList> &rows)
{
    // Rebuilding the rows must not look like a person picking another entry.
    const QScopedValueRollback<bool> rebuilding(rebuilding_, true);
    rowNames_.clear();
    table_->setRowCount(int(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        const QStringList &cells = rows.at(row);
        rowNames_ << cells.value(0);
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            item->setToolTip(cells.at(column));
            table_->setItem(row, column, item);
        }
    }
    table_->clearSelection();
    const int loadedRow = loadedName_.isEmpty() ? -1 : int(rowNames_.indexOf(loadedName_));
    if (loadedRow >= 0)
        table_->selectRow(loadedRow);
}

void ConfigFormPage::onSelectionChanged()
{
    if (rebuilding_)
        return;
    const QModelIndexList selected = table_->selectionModel()->selectedRows();
    const int row = selected.isEmpty() ? -1 : selected.first().row();
    if (row >= 0 && row < rowNames_.size() && rowNames_.at(row) != loadedName_)
        loadRow(row);
}

void ConfigFormPage::showLoaded(const QString &name)
{
    ++formGeneration_;
    loadedName_ = name;
    name_->setText(name);
    name_->setReadOnly(!name.isEmpty());
    remove_->setEnabled(!name.isEmpty());
    showStatus(QString(), false);
}

void ConfigFormPage::startNew()
{
    table_->clearSelection();
    showLoaded(QString());
    clearForm();
    name_->setFocus();
}

void ConfigFormPage::save()
{
    SaveRequest request;
    QString invalid;
    if (!prepareSave(&request, &invalid))
        return showStatus(tr("Not saved: %1").arg(invalid), true);
    auto error = std::make_shared<QString>();
    save_->setEnabled(false);
    showStatus(tr("Saving..."), false);
    editThroughWorker(
        [write = request.write, error](const ConfigEdits &edits) { write(edits, error.get()); },
        [this, request, generation = formGeneration_, error] { onSaved(request, generation, *error); });
}

void ConfigFormPage::onSaved(const SaveRequest &request, int formGeneration, const QString &error)
{
    save_->setEnabled(true);
    if (!error.isEmpty())
        return showStatus(tr("Not saved: %1").arg(error), true);
    // A person who picked another entry (or New) meanwhile is editing that one now: the form stays its.
    if (formGeneration == formGeneration_) {
        loadedName_ = request.name;
        name_->setReadOnly(true);
        remove_->setEnabled(true);
        if (request.applied)
            request.applied();
    }
    announce(request.savedText, false);
}

void ConfigFormPage::removeSelected(bool confirm)
{
    const QString name = loadedName_;
    if (name.isEmpty())
        return;
    const Removal removal = removalOf(name);
    if (confirm && !removal.question.isEmpty() &&
        QMessageBox::question(this, removal.title, removal.question) != QMessageBox::Yes)
        return;
    auto error = std::make_shared<QString>();
    auto warning = std::make_shared<QString>();
    remove_->setEnabled(false);
    showStatus(tr("Removing..."), false);
    editThroughWorker([remove = removal.remove, name, error, warning](
                          const ConfigEdits &edits) { remove(edits, name, error.get(), warning.get()); },
                      [this, removal, name, error, warning] { onRemoved(removal, name, *error, *warning); });
}

void ConfigFormPage::onRemoved(const Removal &removal, const QString &name, const QString &error,
                               const QString &warning)
{
    if (!error.isEmpty()) {
        remove_->setEnabled(loadedName_ == name);
        return showStatus(tr("Not removed: %1").arg(error), true);
    }
    if (loadedName_ == name)
        startNew();
    announce(warning.isEmpty() ? removal.removedText : removal.removedText + QStringLiteral("; ") + warning,
             !warning.isEmpty());
}

void ConfigFormPage::editThroughWorker(const std::function<void(const ConfigEdits &edits)> &edit,
                                       std::function<void()> done)
{
    CredentialStore *credentials = context_.credentials;
    context_.worker->post(
        this, [edit, credentials](const Database &db) { edit(ConfigEdits(db, *credentials)); },
        std::move(done));
}

void ConfigFormPage::announce(const QString &text, bool warning)
{
    showStatus(text, warning);
    Q_EMIT statusMessage(text);
    refresh();
}

void ConfigFormPage::showStatus(const QString &text, bool error)
{
    FormFeedback::setStatusText(status_, text, error);
}

QString ConfigFormPage::storedSecretHint(bool stored)
{
    return stored ? tr("stored sealed; type to replace") : tr("none; type one to store it sealed");
}

void ConfigFormPage::saveState(QSettings &settings) const
{
    settings.setValue(QStringLiteral("splitter"), splitter_->saveState());
    settings.setValue(QStringLiteral("columns"), table_->horizontalHeader()->saveState());
    for (const PanelState &panel : panelStates_)
        panel.save(settings);
}

void ConfigFormPage::restoreState(const QSettings &settings)
{
    splitter_->restoreState(settings.value(QStringLiteral("splitter")).toByteArray());
    table_->horizontalHeader()->restoreState(settings.value(QStringLiteral("columns")).toByteArray());
    for (const PanelState &panel : panelStates_)
        panel.restore(settings);
}
