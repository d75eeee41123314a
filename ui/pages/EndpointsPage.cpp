#include "pages/EndpointsPage.h"

#include "config/ConfigEdits.h"
#include "storage/ConfigRepository.h"
#include "widgets/EndpointServicesPanel.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include <memory>

namespace {

struct EndpointList
{
    QList<Endpoint> endpoints;
    QHash<QString, QStringList> servicePaths; // endpoint name -> the paths its mappings deliver to
};

bool readEndpointList(const Database &db, QList<Endpoint> *endpoints,
                      QHash<QString, QStringList> *servicePaths, QString *error)
{
    ConfigRepository repository(db);
    QList<Mapping> mappings;
    if (!repository.loadEndpoints(endpoints, error) || !repository.loadMappings(&mappings, error))
        return false;
    for (const Mapping &mapping : std::as_const(mappings)) {
        QStringList &paths = (*servicePaths)[mapping.endpoint];
        if (!paths.contains(mapping.path))
            paths.append(mapping.path);
    }
    return true;
}

} // namespace

EndpointsPage::EndpointsPage(UiContext context, QWidget *parent)
    : ConfigFormPage(context, QStringLiteral("endpoint"),
                     {tr("Name"), tr("URL"), tr("Token"), tr("Services (mapped)")}, tr("mailer"), parent)
    , url_(addUrlRow(tr("http://127.0.0.1:9001")))
    , token_(addSecretRow(tr("&Token:"), QStringLiteral("endpointToken"),
                          tr("the pre-shared token (32 characters or more)")))
    , maxInFlight_(new QSpinBox)
    , allowSelfSigned_(
          new QCheckBox(tr("Accept a self-signed TLS certificate (its identity is not verified)")))
    , services_(new EndpointServicesPanel(context))
{
    removeButton()->setToolTip(tr("Remove the endpoint and its secrets; its message history is kept"));
    buildForm();
    rememberStateOf(services_);
    setEditor({}, {services_}, 2, 3);
    connect(services_, &EndpointServicesPanel::mappingCreated, this, &EndpointsPage::refresh);
    onFormEdited();
}

void EndpointsPage::buildForm()
{
    maxInFlight_->setObjectName(QStringLiteral("endpointMaxInFlight"));
    maxInFlight_->setRange(1, Endpoint::kMaxInFlightLimit);
    maxInFlight_->setValue(Endpoint().maxInFlight);
    maxInFlight_->setToolTip(tr("How many messages may be on their way to this endpoint at once"));
    allowSelfSigned_->setObjectName(QStringLiteral("endpointAllowSelfSigned"));
    form()->addRow(tr("&Max in flight:"), maxInFlight_);
    form()->addRow(QString(), allowSelfSigned_);
    for (QLineEdit *edit : {nameEdit(), url_, token_})
        connect(edit, &QLineEdit::textChanged, this, &EndpointsPage::onFormEdited);
    connect(maxInFlight_, &QSpinBox::valueChanged, this, &EndpointsPage::onFormEdited);
    connect(allowSelfSigned_, &QCheckBox::toggled, this, &EndpointsPage::onFormEdited);
    connect(url_, &QLineEdit::returnPressed, this, &EndpointsPage::save);
}

void EndpointsPage::refresh()
{
    auto list = std::make_shared<EndpointList>();
    readThroughWorker(
        [list](const Database &db, QString *error) {
            return readEndpointList(db, &list->endpoints, &list->servicePaths, error);
        },
        [this, list] { showEndpoints(list->endpoints, list->servicePaths); },
        tr("Cannot read the endpoints: %1"));
}

void EndpointsPage::showEndpoints(const QList<Endpoint> &endpoints,
                                  const QHash<QString, QStringList> &servicePaths)
{
    endpoints_ = endpoints;
    QList<QStringList> rows;
    for (const Endpoint &endpoint : std::as_const(endpoints_))
        rows << QStringList{endpoint.name, endpoint.url.toString(),
                            endpoint.hasToken ? tr("stored in keychain") : tr("none"),
                            servicePaths.value(endpoint.name).join(QStringLiteral(", "))};
    showRows(rows);
}

void EndpointsPage::loadRow(int row)
{
    const Endpoint &endpoint = endpoints_.at(row);
    showLoaded(endpoint.name);
    url_->setText(endpoint.url.toString());
    showSecretStored(endpoint.hasToken);
    maxInFlight_->setValue(endpoint.maxInFlight);
    allowSelfSigned_->setChecked(endpoint.allowSelfSigned);
    services_->clearServices();
}

void EndpointsPage::clearForm()
{
    url_->clear();
    showSecretStored(false);
    maxInFlight_->setValue(Endpoint().maxInFlight);
    allowSelfSigned_->setChecked(false);
    services_->clearServices();
}

Endpoint EndpointsPage::formEndpoint() const
{
    Endpoint endpoint;
    endpoint.name = nameEdit()->text().trimmed();
    endpoint.url = QUrl(url_->text().trimmed(), QUrl::StrictMode);
    endpoint.maxInFlight = maxInFlight_->value();
    endpoint.allowSelfSigned = allowSelfSigned_->isChecked();
    return endpoint;
}

void EndpointsPage::onFormEdited()
{
    services_->setEndpoint(formEndpoint(), token_->text());
}

bool EndpointsPage::prepareSave(SaveRequest *request, QString *invalid)
{
    auto saved = std::make_shared<Endpoint>(formEndpoint());
    Endpoint validated;
    if (!Endpoint::fromConfig(saved->toConfig(), &validated, invalid))
        return false;
    request->name = saved->name;
    request->savedText = tr("Saved endpoint %1").arg(saved->name);
    request->write = [saved, token = token_->text()](const ConfigEdits &edits, QString *error) {
        edits.saveEndpoint(saved.get(), token, error);
    };
    request->applied = [this, saved] { showSecretStored(saved->hasToken); };
    return true;
}

ConfigFormPage::Removal EndpointsPage::removalOf(const QString &name) const
{
    return {tr("Remove endpoint"),
            tr("Remove the endpoint %1? Its token and signing secrets leave the keychain. "
               "Messages delivered to it keep their history.")
                .arg(name),
            tr("Removed endpoint %1").arg(name), &ConfigEdits::removeEndpoint};
}
