#include "pages/EndpointsPage.h"

#include "BackgroundWorker.h"
#include "config/ConfigEdits.h"
#include "delivery/EndpointPauseControl.h"
#include "EngineHost.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "storage/EndpointStatusQuery.h"
#include "widgets/EndpointFlowPanel.h"
#include "widgets/EndpointServicesPanel.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>

#include <memory>

struct EndpointsPage::Overview
{
    QList<Endpoint> endpoints;
    QHash<QString, QStringList> servicePaths; // endpoint name -> the paths its mappings deliver to
    QList<EndpointStatus> statuses;
};

namespace {

// The largest pause_after the form offers; the file format has no limit, and nobody waits longer.
constexpr int kMaxPauseAfter = 1000000;

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
                     {tr("Name"), tr("State"), tr("In flight"), tr("Pending"), tr("Success (1 h)"), tr("p50"),
                      tr("p95"), tr("Paused because"), tr("URL"), tr("Token"), tr("Services (mapped)")},
                     tr("mailer"), parent)
    , url_(addUrlRow(tr("http://127.0.0.1:9001")))
    , token_(addSecretRow(tr("&Token:"), QStringLiteral("endpointToken"),
                          tr("the pre-shared token (32 characters or more)")))
    , basicAuth_(new QLineEdit)
    , maxInFlight_(new QSpinBox)
    , rateLimit_(new QDoubleSpinBox)
    , pauseAfter_(new QSpinBox)
    , probeInterval_(new QDoubleSpinBox)
    , allowSelfSigned_(
          new QCheckBox(tr("Accept a self-signed TLS certificate (its identity is not verified)")))
    , updateOrigins_(new QLineEdit)
    , flow_(new EndpointFlowPanel)
    , services_(new EndpointServicesPanel(context))
{
    removeButton()->setToolTip(tr("Remove the endpoint and its secrets; its message history is kept"));
    buildForm();
    rememberStateOf(services_);
    setEditor({}, {flow_, services_}, 2, 3);
    fitLiveColumns();
    connect(services_, &EndpointServicesPanel::mappingCreated, this, &EndpointsPage::refresh);
    connect(flow_, &EndpointFlowPanel::pauseRequested, this, [this] { changeFlow(true); });
    connect(flow_, &EndpointFlowPanel::resumeRequested, this, [this] { changeFlow(false); });
    onFormEdited();
}

void EndpointsPage::buildForm()
{
    maxInFlight_->setObjectName(QStringLiteral("endpointMaxInFlight"));
    maxInFlight_->setRange(1, Endpoint::kMaxInFlightLimit);
    maxInFlight_->setValue(Endpoint().maxInFlight);
    maxInFlight_->setToolTip(tr("How many messages may be on their way to this endpoint at once"));
    allowSelfSigned_->setObjectName(QStringLiteral("endpointAllowSelfSigned"));
    basicAuth_->setObjectName(QStringLiteral("endpointBasicAuth"));
    basicAuth_->setEchoMode(QLineEdit::Password);
    basicAuth_->setToolTip(tr("For an endpoint behind HTTP authentication: user:password, sent as "
                              "Authorization: Basic with every request"));
    form()->addRow(tr("&Basic auth:"), basicAuth_);
    form()->addRow(tr("&Max in flight:"), maxInFlight_);
    buildFlowControlRows();
    form()->addRow(QString(), allowSelfSigned_);
    updateOrigins_->setObjectName(QStringLiteral("endpointUpdateOrigins"));
    updateOrigins_->setPlaceholderText(tr("https://status.example.com"));
    updateOrigins_->setToolTip(tr("Other origins (scheme, host and port) where an asynchronous answer's "
                                  "update_url may point; they are polled with the token. Separate them "
                                  "with commas"));
    form()->addRow(tr("&Update origins:"), updateOrigins_);
    for (QLineEdit *edit : {nameEdit(), url_, token_})
        connect(edit, &QLineEdit::textChanged, this, &EndpointsPage::onFormEdited);
    connect(maxInFlight_, &QSpinBox::valueChanged, this, &EndpointsPage::onFormEdited);
    connect(allowSelfSigned_, &QCheckBox::toggled, this, &EndpointsPage::onFormEdited);
    connect(url_, &QLineEdit::returnPressed, this, &EndpointsPage::save);
}

// The live columns are short numbers: narrow, and the list wider than the form, so a window of common
// size shows them all without scrolling (a person's own widths, once changed, are remembered instead).
void EndpointsPage::fitLiveColumns()
{
    constexpr int kNumberWidth = 64;
    constexpr int kStateWidth = 72;
    constexpr int kSuccessWidth = 96;
    constexpr int kListWidth = 640; // and the form 480: scaled to the window, only the ratio counts
    constexpr int kFormWidth = 480;
    auto *table = findChild<QTableWidget *>(QStringLiteral("endpointTable"));
    for (int column = 2; column <= 6; ++column) // In flight, Pending, Success (1 h), p50, p95
        table->horizontalHeader()->resizeSection(column, kNumberWidth);
    table->horizontalHeader()->resizeSection(1, kStateWidth);
    table->horizontalHeader()->resizeSection(4, kSuccessWidth);
    findChild<QSplitter *>(QStringLiteral("endpointsSplitter"))->setSizes({kListWidth, kFormWidth});
}

// The options of the circuit breaker and the rate limit; their ranges are the file format's, and a save
// is validated as an import is (Endpoint::fromConfig), so a refusal reads the same.
void EndpointsPage::buildFlowControlRows()
{
    rateLimit_->setObjectName(QStringLiteral("endpointRateLimit"));
    rateLimit_->setRange(0, Endpoint::kMaxRateLimit);
    rateLimit_->setDecimals(3); // fractions such as 0.5 (one every 2 s) or 0.017 (about one a minute)
    rateLimit_->setSpecialValueText(tr("no limit"));
    rateLimit_->setSuffix(tr(" per second"));
    rateLimit_->setToolTip(tr("Deliveries per second to this endpoint, shared by every engine; bursts of up "
                              "to one second's worth"));
    pauseAfter_->setObjectName(QStringLiteral("endpointPauseAfter"));
    pauseAfter_->setRange(0, kMaxPauseAfter);
    pauseAfter_->setSpecialValueText(tr("never"));
    pauseAfter_->setSuffix(tr(" failed attempts in a row"));
    pauseAfter_->setToolTip(tr("Pause the endpoint after so many failed attempts in a row; its deliveries "
                               "wait without using up their retries"));
    probeInterval_->setObjectName(QStringLiteral("endpointProbeInterval"));
    probeInterval_->setRange(0.1, Endpoint::kMaxProbeSeconds);
    probeInterval_->setDecimals(1);
    probeInterval_->setSuffix(tr(" s"));
    probeInterval_->setToolTip(tr("While paused by failures, one delivery is tried after this long; the wait "
                                  "doubles after each failed try, up to an hour"));
    const Endpoint defaults;
    rateLimit_->setValue(defaults.rateLimit);
    pauseAfter_->setValue(defaults.pauseAfter);
    probeInterval_->setValue(defaults.probeIntervalSeconds);
    form()->addRow(tr("&Rate limit:"), rateLimit_);
    form()->addRow(tr("&Pause after:"), pauseAfter_);
    form()->addRow(tr("Pro&be after:"), probeInterval_);
}

// Live: the window asks again every 2 s while the view is shown. A refresh asked for while one is out
// waits for it, so a slow database gets one query at a time, not a queue of them.
void EndpointsPage::refresh()
{
    if (refreshing_) {
        refreshAgain_ = true;
        return;
    }
    refreshing_ = true;
    auto overview = std::make_shared<Overview>();
    auto error = std::make_shared<QString>();
    context_.worker->post(
        this,
        [overview, error](const Database &db) {
            if (readEndpointList(db, &overview->endpoints, &overview->servicePaths, error.get()))
                EndpointStatusQuery(db).list(Database::nowMs(), &overview->statuses, error.get());
        },
        [this, overview, error] { onRefreshed(*overview, *error); });
}

void EndpointsPage::onRefreshed(const Overview &overview, const QString &error)
{
    refreshing_ = false;
    if (error.isEmpty())
        showOverview(overview);
    else
        showStatus(tr("Cannot read the endpoints: %1").arg(error), true);
    // The worker runs jobs in order: a refresh that ends after the pause or resume read what it wrote.
    if (!flowChangeOut_)
        flow_->setBusy(false);
    Q_EMIT refreshed();
    if (refreshAgain_) {
        refreshAgain_ = false;
        refresh();
    }
}

void EndpointsPage::showOverview(const Overview &overview)
{
    endpoints_ = overview.endpoints;
    statuses_.clear();
    for (const EndpointStatus &status : overview.statuses)
        statuses_.insert(status.name, status);
    QList<QStringList> rows;
    for (const Endpoint &endpoint : std::as_const(endpoints_)) {
        const auto status = statuses_.constFind(endpoint.name);
        rows << rowOf(endpoint, status == statuses_.cend() ? nullptr : &*status, overview.servicePaths);
    }
    showRows(rows);
    showFlowOfLoaded();
}

QStringList EndpointsPage::rowOf(const Endpoint &endpoint, const EndpointStatus *status,
                                 const QHash<QString, QStringList> &servicePaths) const
{
    const EndpointStatus shown = status ? *status : EndpointStatus();
    return {endpoint.name,
            EndpointFlowPanel::stateText(shown.state),
            QString::number(shown.inFlight),
            QString::number(shown.pending),
            EndpointFlowPanel::successText(shown.successRate),
            EndpointFlowPanel::latencyText(shown.latencyP50Ms),
            EndpointFlowPanel::latencyText(shown.latencyP95Ms),
            shown.pausedReason,
            endpoint.url.toString(),
            endpoint.hasToken ? tr("stored sealed") : tr("none"),
            servicePaths.value(endpoint.name).join(QStringLiteral(", "))};
}

void EndpointsPage::showFlowOfLoaded()
{
    const auto status = statuses_.constFind(loadedName());
    flow_->showStatus(loadedName().isEmpty() || status == statuses_.cend() ? std::nullopt
                                                                           : std::optional(*status));
}

// A person's pause or resume, written on the worker; the view follows once it is read back.
void EndpointsPage::changeFlow(bool pause)
{
    const QString name = loadedName();
    if (name.isEmpty())
        return;
    flowChangeOut_ = true;
    flow_->setBusy(true);
    showStatus(pause ? tr("Pausing...") : tr("Resuming..."), false);
    auto changed = std::make_shared<bool>(false);
    auto error = std::make_shared<QString>();
    context_.worker->post(
        this,
        [name, pause, changed, error](const Database &db) {
            if (pause)
                EndpointPauseControl::pause(db, name, changed.get(), error.get());
            else
                EndpointPauseControl::resume(db, name, changed.get(), error.get());
        },
        [this, name, pause, changed, error] { onFlowChanged(name, pause, *changed, *error); });
}

// The buttons stay disabled until a refresh shows the new state.
void EndpointsPage::onFlowChanged(const QString &name, bool pause, bool changed, const QString &error)
{
    flowChangeOut_ = false;
    if (!error.isEmpty()) {
        flow_->setBusy(false);
        return showStatus((pause ? tr("Not paused: %1") : tr("Not resumed: %1")).arg(error), true);
    }
    if (changed)
        context_.engine->wake(); // a resumed endpoint's backlog goes now; the announcement is delivered
    const QString text =
        pause ? (changed ? tr("Paused endpoint %1").arg(name)
                         : tr("Endpoint %1 was already paused by a person").arg(name))
              : (changed ? tr("Resumed endpoint %1").arg(name) : tr("Endpoint %1 was not paused").arg(name));
    showStatus(text, false);
    Q_EMIT statusMessage(text);
    refresh();
}

void EndpointsPage::loadRow(int row)
{
    const Endpoint &endpoint = endpoints_.at(row);
    showLoaded(endpoint.name);
    url_->setText(endpoint.url.toString());
    showSecretStored(endpoint.hasToken);
    showBasicAuthStored(endpoint.hasBasicAuth);
    maxInFlight_->setValue(endpoint.maxInFlight);
    rateLimit_->setValue(endpoint.rateLimit);
    pauseAfter_->setValue(endpoint.pauseAfter);
    probeInterval_->setValue(endpoint.probeIntervalSeconds);
    allowSelfSigned_->setChecked(endpoint.allowSelfSigned);
    updateOrigins_->setText(endpoint.updateOrigins.join(QStringLiteral(", ")));
    services_->clearServices();
    showFlowOfLoaded();
}

void EndpointsPage::clearForm()
{
    url_->clear();
    showSecretStored(false);
    showBasicAuthStored(false);
    const Endpoint defaults;
    maxInFlight_->setValue(defaults.maxInFlight);
    rateLimit_->setValue(defaults.rateLimit);
    pauseAfter_->setValue(defaults.pauseAfter);
    probeInterval_->setValue(defaults.probeIntervalSeconds);
    allowSelfSigned_->setChecked(false);
    updateOrigins_->clear();
    services_->clearServices();
    flow_->showStatus(std::nullopt);
}

void EndpointsPage::showBasicAuthStored(bool stored)
{
    basicAuth_->clear();
    basicAuth_->setPlaceholderText(loadedName().isEmpty() ? tr("user:password; optional")
                                                          : storedSecretHint(stored));
}

Endpoint EndpointsPage::formEndpoint() const
{
    Endpoint endpoint;
    endpoint.name = nameEdit()->text().trimmed();
    endpoint.url = QUrl(url_->text().trimmed(), QUrl::StrictMode);
    endpoint.maxInFlight = maxInFlight_->value();
    endpoint.rateLimit = rateLimit_->value();
    endpoint.pauseAfter = pauseAfter_->value();
    endpoint.probeIntervalSeconds = probeInterval_->value();
    endpoint.allowSelfSigned = allowSelfSigned_->isChecked();
    endpoint.updateOrigins = updateOrigins_->text()
                                 .replace(QLatin1Char(','), QLatin1Char(' '))
                                 .split(QLatin1Char(' '), Qt::SkipEmptyParts);
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
    saved->updateOrigins = validated.updateOrigins; // as an import stores them
    const QString basicAuth = basicAuth_->text();
    if (!basicAuth.isEmpty() && !Endpoint::basicAuthError(basicAuth).isEmpty()) {
        *invalid = Endpoint::basicAuthError(basicAuth);
        return false;
    }
    request->name = saved->name;
    request->savedText = tr("Saved endpoint %1").arg(saved->name);
    request->write = [saved, token = token_->text(), basicAuth](const ConfigEdits &edits, QString *error) {
        if (edits.saveEndpoint(saved.get(), token, error))
            edits.saveEndpointBasicAuth(saved.get(), basicAuth, error);
    };
    request->applied = [this, saved] {
        showSecretStored(saved->hasToken);
        showBasicAuthStored(saved->hasBasicAuth);
    };
    return true;
}

ConfigFormPage::Removal EndpointsPage::removalOf(const QString &name) const
{
    return {tr("Remove endpoint"),
            tr("Remove the endpoint %1? Its sealed token, basic auth and signing secrets are deleted. "
               "Messages delivered to it keep their history.")
                .arg(name),
            tr("Removed endpoint %1").arg(name), &ConfigEdits::removeEndpoint};
}
