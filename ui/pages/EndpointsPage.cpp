#include "pages/EndpointsPage.h"

#include "BackgroundWorker.h"
#include "config/ConfigEdits.h"
#include "secrets/CredentialStore.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "widgets/EndpointServicesPanel.h"
#include "widgets/FormFeedback.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <memory>

namespace {

enum Column
{
    NameColumn,
    UrlColumn,
    TokenColumn,
    ServicesColumn,
    ColumnCount
};

struct EndpointList
{
    QList<Endpoint> endpoints;
    QHash<QString, QStringList> servicePaths; // endpoint name -> the paths its mappings deliver to
    QString error;
};

} // namespace

EndpointsPage::EndpointsPage(UiContext context, QWidget *parent)
    : Page(context, parent)
    , splitter_(new QSplitter(Qt::Horizontal))
    , table_(new QTableWidget(0, ColumnCount))
    , name_(new QLineEdit)
    , url_(new QLineEdit)
    , urlError_(new QLabel)
    , token_(new QLineEdit)
    , maxInFlight_(new QSpinBox)
    , allowSelfSigned_(
          new QCheckBox(tr("Accept a self-signed TLS certificate (its identity is not verified)")))
    , save_(new QPushButton(tr("Save")))
    , remove_(new QPushButton(tr("Remove")))
    , status_(FormFeedback::statusLabel(QStringLiteral("endpointStatus")))
    , services_(new EndpointServicesPanel(context))
{
    table_->setObjectName(QStringLiteral("endpointTable"));
    table_->setHorizontalHeaderLabels({tr("Name"), tr("URL"), tr("Token"), tr("Services (mapped)")});
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &EndpointsPage::onSelectionChanged);

    auto *editor = new QWidget;
    auto *editorLayout = new QVBoxLayout(editor);
    editorLayout->addWidget(buildForm());
    editorLayout->addWidget(buildButtons());
    editorLayout->addWidget(services_, 1);

    splitter_->setObjectName(QStringLiteral("endpointsSplitter"));
    splitter_->addWidget(table_);
    splitter_->addWidget(editor);
    splitter_->setStretchFactor(0, 2);
    splitter_->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter_);
    connect(services_, &EndpointServicesPanel::mappingCreated, this, &EndpointsPage::refresh);
    onFormEdited();
}

QWidget *EndpointsPage::buildForm()
{
    name_->setObjectName(QStringLiteral("endpointName"));
    name_->setPlaceholderText(tr("mailer"));
    url_->setObjectName(QStringLiteral("endpointUrl"));
    url_->setPlaceholderText(tr("http://127.0.0.1:9001"));
    urlError_->setObjectName(QStringLiteral("endpointUrlError"));
    urlError_->setStyleSheet(QStringLiteral("color: #b00020;"));
    token_->setObjectName(QStringLiteral("endpointToken"));
    token_->setEchoMode(QLineEdit::Password);
    token_->setPlaceholderText(tr("the pre-shared token (32 characters or more)"));
    maxInFlight_->setObjectName(QStringLiteral("endpointMaxInFlight"));
    maxInFlight_->setRange(1, Endpoint::kMaxInFlightLimit);
    maxInFlight_->setValue(Endpoint().maxInFlight);
    maxInFlight_->setToolTip(tr("How many messages may be on their way to this endpoint at once"));
    allowSelfSigned_->setObjectName(QStringLiteral("endpointAllowSelfSigned"));

    auto *form = new QWidget;
    auto *layout = new QFormLayout(form);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addRow(tr("&Name:"), name_);
    layout->addRow(tr("&URL:"), url_);
    layout->addRow(QString(), urlError_);
    layout->addRow(tr("&Token:"), token_);
    layout->addRow(tr("&Max in flight:"), maxInFlight_);
    layout->addRow(QString(), allowSelfSigned_);
    for (QLineEdit *edit : {name_, url_, token_})
        connect(edit, &QLineEdit::textChanged, this, &EndpointsPage::onFormEdited);
    connect(maxInFlight_, &QSpinBox::valueChanged, this, &EndpointsPage::onFormEdited);
    connect(allowSelfSigned_, &QCheckBox::toggled, this, &EndpointsPage::onFormEdited);
    connect(url_, &QLineEdit::returnPressed, this, &EndpointsPage::save);
    return form;
}

QWidget *EndpointsPage::buildButtons()
{
    auto *newButton = new QPushButton(tr("New"));
    newButton->setObjectName(QStringLiteral("newEndpoint"));
    save_->setObjectName(QStringLiteral("saveEndpoint"));
    save_->setDefault(true);
    remove_->setObjectName(QStringLiteral("removeEndpoint"));
    remove_->setToolTip(tr("Remove the endpoint and its secrets; its message history is kept"));
    remove_->setEnabled(false);
    connect(newButton, &QPushButton::clicked, this, &EndpointsPage::startNew);
    connect(save_, &QPushButton::clicked, this, &EndpointsPage::save);
    connect(remove_, &QPushButton::clicked, this, [this] { removeSelected(true); });
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QPushButton *button : {newButton, save_, remove_})
        layout->addWidget(button);
    layout->addWidget(status_, 1);
    return row;
}

void EndpointsPage::refresh()
{
    auto list = std::make_shared<EndpointList>();
    context_.worker->post(
        this,
        [list](const Database &db) {
            ConfigRepository repository(db);
            QList<Mapping> mappings;
            if (!repository.loadEndpoints(&list->endpoints, &list->error) ||
                !repository.loadMappings(&mappings, &list->error))
                return;
            for (const Mapping &mapping : std::as_const(mappings)) {
                QStringList &paths = list->servicePaths[mapping.endpoint];
                if (!paths.contains(mapping.path))
                    paths.append(mapping.path);
            }
        },
        [this, list] {
            if (!list->error.isEmpty())
                return showStatus(tr("Cannot read the endpoints: %1").arg(list->error), true);
            showEndpoints(list->endpoints, list->servicePaths);
        });
}

void EndpointsPage::showEndpoints(const QList<Endpoint> &endpoints,
                                  const QHash<QString, QStringList> &servicePaths)
{
    endpoints_ = endpoints;
    // Rebuilding the rows must not look like a person picking another endpoint.
    const QScopedValueRollback<bool> rebuilding(rebuilding_, true);
    table_->setRowCount(int(endpoints.size()));
    for (int row = 0; row < endpoints.size(); ++row) {
        const Endpoint &endpoint = endpoints.at(row);
        const QStringList cells{endpoint.name, endpoint.url.toString(),
                                endpoint.hasToken ? tr("stored in keychain") : tr("none"),
                                servicePaths.value(endpoint.name).join(QStringLiteral(", "))};
        for (int column = 0; column < ColumnCount; ++column)
            table_->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
    selectByName(loadedName_);
}

void EndpointsPage::selectByName(const QString &name)
{
    FormFeedback::selectRow(table_, FormFeedback::rowNamed(endpoints_, name));
}

void EndpointsPage::onSelectionChanged()
{
    if (rebuilding_)
        return;
    const int row = FormFeedback::selectedRow(table_, int(endpoints_.size()));
    if (row < 0)
        return;
    const Endpoint &endpoint = endpoints_.at(row);
    if (endpoint.name != loadedName_)
        loadIntoForm(endpoint);
}

void EndpointsPage::loadIntoForm(const Endpoint &endpoint)
{
    loadedName_ = endpoint.name;
    name_->setText(endpoint.name);
    name_->setReadOnly(true); // the name is the endpoint's key: "New" makes another one
    url_->setText(endpoint.url.toString());
    token_->clear();
    token_->setPlaceholderText(endpoint.hasToken ? tr("stored in keychain; type to replace")
                                                 : tr("none; type one to store it in the keychain"));
    maxInFlight_->setValue(endpoint.maxInFlight);
    allowSelfSigned_->setChecked(endpoint.allowSelfSigned);
    remove_->setEnabled(true);
    showStatus(QString(), false);
    services_->clearServices();
}

void EndpointsPage::startNew()
{
    loadedName_.clear();
    table_->clearSelection();
    name_->setReadOnly(false);
    for (QLineEdit *edit : {name_, url_, token_})
        edit->clear();
    token_->setPlaceholderText(tr("the pre-shared token (32 characters or more)"));
    maxInFlight_->setValue(Endpoint().maxInFlight);
    allowSelfSigned_->setChecked(false);
    remove_->setEnabled(false);
    showStatus(QString(), false);
    services_->clearServices();
    name_->setFocus();
}

Endpoint EndpointsPage::formEndpoint() const
{
    Endpoint endpoint;
    endpoint.name = name_->text().trimmed();
    endpoint.url = QUrl(url_->text().trimmed(), QUrl::StrictMode);
    endpoint.maxInFlight = maxInFlight_->value();
    endpoint.allowSelfSigned = allowSelfSigned_->isChecked();
    return endpoint;
}

void EndpointsPage::onFormEdited()
{
    const Endpoint endpoint = formEndpoint();
    // Say what is wrong with the URL while it is typed, but not before anything is typed.
    urlError_->setText(url_->text().trimmed().isEmpty() ? QString() : Endpoint::urlError(endpoint.url));
    urlError_->setVisible(!urlError_->text().isEmpty());
    services_->setEndpoint(endpoint, token_->text());
}

void EndpointsPage::save()
{
    auto saved = std::make_shared<Endpoint>(formEndpoint());
    QString invalid;
    Endpoint validated;
    if (!Endpoint::fromConfig(saved->toConfig(), &validated, &invalid))
        return showStatus(tr("Not saved: %1").arg(invalid), true);
    const QString token = token_->text();
    auto error = std::make_shared<QString>();
    CredentialStore *credentials = context_.credentials;
    save_->setEnabled(false);
    showStatus(tr("Saving..."), false);
    context_.worker->post(
        this,
        [saved, token, error, credentials](const Database &db) {
            ConfigEdits(db, *credentials).saveEndpoint(saved.get(), token, error.get());
        },
        [this, saved, error] { onSaved(*saved, *error); });
}

void EndpointsPage::onSaved(const Endpoint &endpoint, const QString &error)
{
    save_->setEnabled(true);
    if (!error.isEmpty())
        return showStatus(tr("Not saved: %1").arg(error), true);
    loadedName_ = endpoint.name;
    name_->setReadOnly(true);
    remove_->setEnabled(true);
    token_->clear();
    token_->setPlaceholderText(endpoint.hasToken ? tr("stored in keychain; type to replace")
                                                 : tr("none; type one to store it in the keychain"));
    QString text = tr("Saved endpoint %1").arg(endpoint.name);
    if (!context_.credentials->available())
        text += QStringLiteral("; ") + context_.credentials->unavailableReason();
    showStatus(text, !context_.credentials->available());
    Q_EMIT statusMessage(text);
    refresh();
}

void EndpointsPage::removeSelected(bool confirm)
{
    const QString name = loadedName_;
    if (name.isEmpty())
        return;
    if (confirm &&
        QMessageBox::question(this, tr("Remove endpoint"),
                              tr("Remove the endpoint %1? Its token and signing secrets leave the keychain. "
                                 "Messages delivered to it keep their history.")
                                  .arg(name)) != QMessageBox::Yes)
        return;
    auto error = std::make_shared<QString>();
    auto warning = std::make_shared<QString>();
    CredentialStore *credentials = context_.credentials;
    remove_->setEnabled(false);
    showStatus(tr("Removing..."), false);
    context_.worker->post(
        this,
        [name, error, warning, credentials](const Database &db) {
            ConfigEdits(db, *credentials).removeEndpoint(name, error.get(), warning.get());
        },
        [this, name, error, warning] { onRemoved(name, *error, *warning); });
}

void EndpointsPage::onRemoved(const QString &name, const QString &error, const QString &warning)
{
    if (!error.isEmpty()) {
        remove_->setEnabled(loadedName_ == name);
        return showStatus(tr("Not removed: %1").arg(error), true);
    }
    if (loadedName_ == name)
        startNew();
    QString text = tr("Removed endpoint %1").arg(name);
    if (!warning.isEmpty())
        text += QStringLiteral("; ") + warning;
    showStatus(text, !warning.isEmpty());
    Q_EMIT statusMessage(text);
    refresh();
}

void EndpointsPage::showStatus(const QString &text, bool error)
{
    FormFeedback::setStatusText(status_, text, error);
}

void EndpointsPage::saveState(QSettings &settings) const
{
    settings.setValue(QStringLiteral("splitter"), splitter_->saveState());
    settings.setValue(QStringLiteral("columns"), table_->horizontalHeader()->saveState());
    services_->saveState(settings);
}

void EndpointsPage::restoreState(const QSettings &settings)
{
    splitter_->restoreState(settings.value(QStringLiteral("splitter")).toByteArray());
    table_->horizontalHeader()->restoreState(settings.value(QStringLiteral("columns")).toByteArray());
    services_->restoreState(settings);
}
