#include "widgets/EndpointServicesPanel.h"

#include "BackgroundWorker.h"
#include "config/ConfigEdits.h"
#include "delivery/EndpointTestMessage.h"
#include "http/EndpointDescriptionFetch.h"
#include "secrets/CredentialStore.h"
#include "storage/Database.h"
#include "widgets/FormFeedback.h"

#include <QComboBox>
#include <QFile>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <memory>

namespace {

enum Column
{
    ServiceColumn,
    PathColumn,
    MessagesColumn,
    ParametersColumn,
    ActionColumn,
    ColumnCount
};

// The payload of the program's own sample message of that type, if it has one.
QJsonObject samplePayload(const QString &type)
{
    QString name = type;
    QFile file(QStringLiteral(":/samples/%1.json").arg(name.replace(QLatin1Char(':'), QLatin1Char('_'))));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("payload")).toObject();
}

} // namespace

EndpointServicesPanel::EndpointServicesPanel(UiContext context, QWidget *parent)
    : QWidget(parent)
    , context_(context)
    , fetch_(new QPushButton(tr("Fetch services")))
    , servicesStatus_(FormFeedback::statusLabel(QStringLiteral("servicesStatus")))
    , services_(new QTreeWidget)
    , testService_(new QComboBox)
    , testType_(new QComboBox)
    , sendTest_(new QPushButton(tr("Send test message")))
    , testResult_(FormFeedback::statusLabel(QStringLiteral("testMessageResult")))
{
    fetch_->setObjectName(QStringLiteral("fetchServices"));
    fetch_->setToolTip(tr("Read the services the endpoint describes in its endpoint.json"));
    connect(fetch_, &QPushButton::clicked, this, &EndpointServicesPanel::fetchServices);
    services_->setObjectName(QStringLiteral("endpointServices"));
    services_->setColumnCount(ColumnCount);
    services_->setHeaderLabels(
        {tr("Service"), tr("Path"), tr("Recommended messages"), tr("Parameters"), QString()});
    services_->setRootIsDecorated(false);

    auto *fetchRow = new QHBoxLayout;
    fetchRow->addWidget(fetch_);
    fetchRow->addWidget(servicesStatus_, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(fetchRow);
    layout->addWidget(services_, 1);
    layout->addWidget(buildTestMessage());
    updateTestChoices();
}

QWidget *EndpointServicesPanel::buildTestMessage()
{
    testService_->setObjectName(QStringLiteral("testService"));
    testService_->setEditable(true);
    testService_->setToolTip(tr("The service's path, such as /order_confirmation"));
    testType_->setObjectName(QStringLiteral("testMessageType"));
    testType_->setEditable(true);
    sendTest_->setObjectName(QStringLiteral("sendTestMessage"));
    connect(sendTest_, &QPushButton::clicked, this, &EndpointServicesPanel::sendTestMessage);
    connect(testService_, &QComboBox::currentTextChanged, this, &EndpointServicesPanel::updateTestChoices);

    auto *group = new QGroupBox(tr("Test message"));
    auto *form = new QFormLayout(group);
    form->addRow(tr("Ser&vice:"), testService_);
    form->addRow(tr("T&ype:"), testType_);
    auto *row = new QHBoxLayout;
    row->addWidget(sendTest_);
    row->addWidget(testResult_, 1);
    form->addRow(row);
    return group;
}

void EndpointServicesPanel::setEndpoint(const Endpoint &endpoint, const QString &typedToken)
{
    // Services read from another address no longer describe this endpoint, nor will those on their way.
    if (endpoint.url != endpoint_.url) {
        ++generation_;
        if (!description_.services.isEmpty())
            clearServices();
    }
    endpoint_ = endpoint;
    typedToken_ = typedToken;
}

void EndpointServicesPanel::clearServices()
{
    ++generation_;
    description_ = EndpointDescription();
    services_->clear();
    FormFeedback::setStatusText(servicesStatus_, QString(), false);
    FormFeedback::setStatusText(testResult_, QString(), false);
    updateTestChoices();
}

void EndpointServicesPanel::fetchServices()
{
    if (const QString reason = Endpoint::urlError(endpoint_.url); !reason.isEmpty())
        return FormFeedback::setStatusText(servicesStatus_, reason, true);
    FormFeedback::setStatusText(
        servicesStatus_, tr("Reading %1...").arg(EndpointDescription::locationFor(endpoint_.url).toString()),
        false);
    fetch_->setEnabled(false);
    auto result = std::make_shared<EndpointDescriptionFetch::Result>();
    BackgroundWorker *worker = context_.worker;
    // The answer comes back through the worker (which outlives every page); this guard, made and read
    // on this thread, drops it if the panel is gone by then.
    const QPointer<EndpointServicesPanel> self(this);
    const auto done = [self, result, generation = generation_] {
        if (!self)
            return;
        self->fetch_->setEnabled(true);
        if (generation != self->generation_)
            return; // the form shows another endpoint now
        if (result->ok)
            self->showDescription(result->description);
        else
            FormFeedback::setStatusText(self->servicesStatus_, result->error, true);
    };
    const Endpoint endpoint = endpoint_;
    worker->post(this, [worker, endpoint, result, done](const Database &) {
        EndpointDescriptionFetch::start(
            worker->network(), endpoint,
            [worker, result, done](const EndpointDescriptionFetch::Result &answer) {
                *result = answer;
                worker->finishLater(worker, done);
            });
    });
}

void EndpointServicesPanel::showDescription(const EndpointDescription &description)
{
    description_ = description;
    services_->clear();
    for (const EndpointDescription::Service &service : description.services)
        addServiceItem(service);
    const QString who = description.display.isEmpty() ? endpoint_.url.toString() : description.display;
    FormFeedback::setStatusText(
        servicesStatus_,
        tr("%n service(s) described by %1", nullptr, int(description.services.size())).arg(who), false);
    updateTestChoices();
}

void EndpointServicesPanel::addServiceItem(const EndpointDescription::Service &service)
{
    QStringList parameters;
    for (const EndpointDescription::RequiredParameter &parameter : service.parameters)
        parameters << parameter.name;
    auto *item = new QTreeWidgetItem(services_, {service.name, service.path,
                                                 service.recommendedMessages().join(QStringLiteral(", ")),
                                                 parameters.join(QStringLiteral(", "))});
    for (int column = 0; column < ActionColumn; ++column)
        item->setToolTip(column, service.description);
    auto *create = new QPushButton(tr("Create mapping"));
    create->setObjectName(QStringLiteral("createMapping:%1").arg(service.path));
    Mapping recommended;
    QString reason;
    const QString endpointName = endpoint_.name.isEmpty() ? QStringLiteral("endpoint") : endpoint_.name;
    if (!service.recommendedMapping(endpointName, &recommended, &reason)) {
        create->setEnabled(false);
        create->setToolTip(reason);
    } else {
        create->setToolTip(tr("Subscribe %1 to %2 as the endpoint recommends")
                               .arg(service.path, recommended.messages.join(QStringLiteral(", "))));
    }
    connect(create, &QPushButton::clicked, this, [this, service] { createMapping(service); });
    services_->setItemWidget(item, ActionColumn, create);
}

void EndpointServicesPanel::createMapping(const EndpointDescription::Service &service)
{
    if (endpoint_.name.isEmpty())
        return FormFeedback::setStatusText(servicesStatus_, tr("Name and save the endpoint first"), true);
    auto mapping = std::make_shared<Mapping>();
    auto error = std::make_shared<QString>();
    if (!service.recommendedMapping(endpoint_.name, mapping.get(), error.get()))
        return FormFeedback::setStatusText(servicesStatus_, *error, true);
    CredentialStore *credentials = context_.credentials;
    context_.worker->post(
        this,
        [mapping, error, credentials](const Database &db) {
            ConfigEdits(db, *credentials).createMapping(mapping.get(), error.get());
        },
        [this, mapping, error] {
            if (!error->isEmpty())
                return FormFeedback::setStatusText(servicesStatus_, tr("No mapping created: %1").arg(*error),
                                                   true);
            FormFeedback::setStatusText(
                servicesStatus_,
                tr("Created mapping \"%1\": %2 → %3")
                    .arg(mapping->name, mapping->messages.join(QStringLiteral(", ")), mapping->path),
                false);
            Q_EMIT mappingCreated(mapping->name);
        });
}

void EndpointServicesPanel::updateTestChoices()
{
    const QString path = testService_->currentText();
    QStringList paths;
    QStringList types{QStringLiteral("notification:info")};
    for (const EndpointDescription::Service &service : std::as_const(description_.services)) {
        paths << service.path;
        if (service.path != path)
            continue;
        for (const QString &type : service.recommendedMessages()) {
            if (!type.endsWith(QLatin1Char('*')) && !types.contains(type))
                types << type;
        }
    }
    for (const QString &sample : {QStringLiteral("order:new"), QStringLiteral("order:updated"),
                                  QStringLiteral("shipment:ready"), QStringLiteral("customer:new")}) {
        if (!types.contains(sample))
            types << sample;
    }
    const QString type = testType_->currentText();
    const QSignalBlocker blockPaths(testService_);
    testService_->clear();
    testService_->addItems(paths);
    testService_->setCurrentText(path);
    testType_->clear();
    testType_->addItems(types);
    testType_->setCurrentText(type.isEmpty() ? types.first() : type);
}

Message EndpointServicesPanel::testMessage(const QString &type) const
{
    Message message = EndpointTestMessage::notificationMessage();
    if (!type.startsWith(QLatin1String("notification:")))
        message.payload = samplePayload(type);
    message.type = type;
    return message;
}

void EndpointServicesPanel::sendTestMessage()
{
    const QString path = testService_->currentText().trimmed();
    const QString type = testType_->currentText().trimmed();
    QString invalid = Endpoint::urlError(endpoint_.url);
    if (invalid.isEmpty() && !path.startsWith(QLatin1Char('/')))
        invalid = tr("the service must be a path starting with /, such as /order_confirmation");
    if (invalid.isEmpty())
        invalid = Message::typeError(type);
    if (!invalid.isEmpty())
        return FormFeedback::setStatusText(testResult_, invalid, true);
    EndpointTestMessage::Request request;
    request.endpoint = endpoint_;
    request.token = typedToken_;
    request.path = path;
    request.message = testMessage(type);
    FormFeedback::setStatusText(testResult_, tr("Sending %1 to %2...").arg(type, path), false);
    sendTest_->setEnabled(false);

    auto result = std::make_shared<EndpointTestMessage::Result>();
    BackgroundWorker *worker = context_.worker;
    CredentialStore *credentials = context_.credentials;
    const QPointer<EndpointServicesPanel> self(this); // see fetchServices()
    const auto done = [self, result, generation = generation_] {
        if (!self)
            return;
        self->sendTest_->setEnabled(true);
        if (generation == self->generation_)
            FormFeedback::setStatusText(self->testResult_, result->summary, !result->delivered);
    };
    worker->post(this, [worker, credentials, request, result, done](const Database &db) mutable {
        if (!EndpointTestMessage::loadSecrets(db, *credentials, &request, &result->summary))
            return worker->finishLater(worker, done);
        EndpointTestMessage::send(worker->network(), request,
                                  [worker, result, done](const EndpointTestMessage::Result &answer) {
                                      *result = answer;
                                      worker->finishLater(worker, done);
                                  });
    });
}

void EndpointServicesPanel::saveState(QSettings &settings) const
{
    settings.setValue(QStringLiteral("serviceColumns"), services_->header()->saveState());
}

void EndpointServicesPanel::restoreState(const QSettings &settings)
{
    services_->header()->restoreState(settings.value(QStringLiteral("serviceColumns")).toByteArray());
}
