#include "pages/MappingsPage.h"

#include "BackgroundWorker.h"
#include "EngineHost.h"
#include "MappingCommands.h"
#include "MappingFormat.h"
#include "models/MappingTableModel.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "widgets/MappingCanvas.h"
#include "widgets/MappingCanvasToolBar.h"
#include "widgets/MappingInspector.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QTableView>
#include <QTabWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <memory>

namespace {

struct LoadedConfig
{
    QList<Endpoint> endpoints;
    QList<Mapping> mappings;
    QString error;
};

const QString kSplitterKey = QStringLiteral("splitter");
const QString kTabKey = QStringLiteral("tab");
const QString kTableHeaderKey = QStringLiteral("tableHeader");
const QString kExtraTypesKey = QStringLiteral("extraTypes");
const QString kExtraServicesKey = QStringLiteral("extraServices");
const QString kCollapsedKey = QStringLiteral("collapsedEndpoints");

} // namespace

MappingsPage::MappingsPage(UiContext context, QWidget *parent)
    : Page(context, parent)
    , undoStack_(new QUndoStack(this))
    , splitter_(new QSplitter)
    , tabs_(new QTabWidget)
    , canvas_(new MappingCanvas)
    , table_(new QTableView)
    , model_(new MappingTableModel(this))
    , inspector_(new MappingInspector)
    , newTypeName_(new QLineEdit)
    , serviceEndpoint_(new QComboBox)
    , newServicePath_(new QLineEdit)
    , deleteButton_(new QPushButton(tr("&Delete")))
    , error_(new QLabel)
{
    tabs_->setObjectName(QStringLiteral("mappingTabs"));
    tabs_->addTab(buildCanvasTab(), tr("Canvas"));
    tabs_->addTab(buildTableTab(), tr("Table"));
    inspector_->setObjectName(QStringLiteral("mappingInspector"));
    deleteButton_->setObjectName(QStringLiteral("deleteMapping"));
    deleteButton_->setEnabled(false);
    deleteButton_->setToolTip(tr("Delete the selected mapping; its message history is kept"));
    error_->setObjectName(QStringLiteral("canvasError"));
    error_->setWordWrap(true);
    error_->hide();

    auto *actions = new QHBoxLayout;
    actions->addWidget(new QLabel(tr("Drag from a message type to a service to subscribe the service.")), 1);
    actions->addWidget(deleteButton_);
    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(actions);
    leftLayout->addWidget(error_);
    leftLayout->addWidget(tabs_, 1);

    splitter_->setObjectName(QStringLiteral("mappingSplitter"));
    splitter_->addWidget(left);
    splitter_->addWidget(inspector_);
    splitter_->setStretchFactor(0, 3);
    splitter_->setStretchFactor(1, 2);
    splitter_->setSizes({640, 440}); // the inspector's form needs about this much before it scrolls
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter_);

    connect(canvas_, &MappingCanvas::connectionRequested, this, &MappingsPage::createMapping);
    connect(canvas_, &MappingCanvas::mappingClicked, this, &MappingsPage::selectMapping);
    connect(canvas_, &MappingCanvas::deleteRequested, this, &MappingsPage::deleteMapping);
    connect(inspector_, &MappingInspector::applyRequested, this, &MappingsPage::applyEdit);
    connect(deleteButton_, &QPushButton::clicked, this, [this] { deleteMapping(selected_); });
}

QWidget *MappingsPage::buildCanvasTab()
{
    canvas_->setObjectName(QStringLiteral("mappingCanvas"));
    auto *tab = new QWidget;
    auto *layout = new QVBoxLayout(tab);
    auto *controls = new QHBoxLayout;
    controls->addWidget(buildTypeControls());
    controls->addStretch();
    controls->addWidget(buildServiceControls());
    layout->addLayout(controls);
    layout->addWidget(new MappingCanvasToolBar(canvas_));
    layout->addWidget(canvas_, 1);
    return tab;
}

QWidget *MappingsPage::buildTypeControls()
{
    newTypeName_->setObjectName(QStringLiteral("newTypeName"));
    newTypeName_->setPlaceholderText(tr("order:returned or order:*"));
    auto *add = new QPushButton(tr("Add type"));
    add->setObjectName(QStringLiteral("addType"));
    auto *box = new QWidget;
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(newTypeName_);
    layout->addWidget(add);
    connect(add, &QPushButton::clicked, this, &MappingsPage::addType);
    connect(newTypeName_, &QLineEdit::returnPressed, this, &MappingsPage::addType);
    return box;
}

QWidget *MappingsPage::buildServiceControls()
{
    serviceEndpoint_->setObjectName(QStringLiteral("serviceEndpoint"));
    newServicePath_->setObjectName(QStringLiteral("newServicePath"));
    newServicePath_->setPlaceholderText(tr("/order_confirmation"));
    auto *add = new QPushButton(tr("Add service"));
    add->setObjectName(QStringLiteral("addService"));
    auto *box = new QWidget;
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(serviceEndpoint_);
    layout->addWidget(newServicePath_);
    layout->addWidget(add);
    // The keyboard's way to what a drag does: the type typed on the left, this service on the right.
    auto *connectFields = new QPushButton(tr("Create mapping"));
    connectFields->setObjectName(QStringLiteral("createMappingFromFields"));
    connectFields->setToolTip(
        tr("Subscribe this service to the message type typed on the left, without dragging"));
    layout->addWidget(connectFields);
    connect(add, &QPushButton::clicked, this, &MappingsPage::addService);
    connect(connectFields, &QPushButton::clicked, this, &MappingsPage::createFromFields);
    connect(newServicePath_, &QLineEdit::returnPressed, this, &MappingsPage::addService);
    return box;
}

QWidget *MappingsPage::buildTableTab()
{
    table_->setObjectName(QStringLiteral("mappingTable"));
    table_->setModel(model_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setAlternatingRowColors(true);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MappingsPage::onTableSelection);
    auto *remove = new QAction(tr("Delete mapping"), table_);
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    connect(remove, &QAction::triggered, this, [this] { deleteMapping(selected_); });
    table_->addAction(remove);
    return table_;
}

void MappingsPage::refresh()
{
    if (refreshing_) {
        refreshAgain_ = true; // the answer under way may predate the change that asked for this
        return;
    }
    refreshing_ = true;
    const quint64 postedAt = ++postOrder_;
    auto loaded = std::make_shared<LoadedConfig>();
    context_.worker->post(
        this,
        [loaded](const Database &db) {
            const ConfigRepository repository(db);
            if (repository.loadEndpoints(&loaded->endpoints, &loaded->error))
                repository.loadMappings(&loaded->mappings, &loaded->error);
        },
        [this, loaded, postedAt] {
            refreshing_ = false;
            if (loaded->error.isEmpty())
                showData(loaded->endpoints, loaded->mappings, postedAt < selectionWrittenAt_);
            else
                showError(tr("Cannot load the mappings: %1").arg(loaded->error));
            if (std::exchange(refreshAgain_, false))
                refresh();
        });
}

void MappingsPage::showData(const QList<Endpoint> &endpoints, const QList<Mapping> &mappings,
                            bool predatesSelection)
{
    endpoints_ = endpoints;
    mappings_ = mappings;
    syncingTable_ = true;
    model_->setMappings(mappings);
    syncingTable_ = false;
    inspector_->setEndpoints(endpointNames());
    inspector_->setMappingNames(mappingNames());
    updateServiceEndpoints();
    redrawCanvas();
    // A load read before the selected mapping was written does not know it yet: the load that follows
    // the write shows it. Selecting now would drop the selection.
    if (!predatesSelection || findMapping(selected_))
        selectMapping(selected_);
    Q_EMIT refreshed();
}

void MappingsPage::updateServiceEndpoints()
{
    const QStringList names = endpointNames();
    QStringList shown;
    for (int i = 0; i < serviceEndpoint_->count(); ++i)
        shown << serviceEndpoint_->itemText(i);
    if (shown == names)
        return; // refilling would close the list under the user's mouse
    const QString chosen = serviceEndpoint_->currentText();
    serviceEndpoint_->clear();
    serviceEndpoint_->addItems(names);
    if (names.contains(chosen))
        serviceEndpoint_->setCurrentText(chosen);
}

void MappingsPage::redrawCanvas()
{
    canvas_->setContent(endpointNames(), mappings_, extraTypes_, extraServices_);
}

void MappingsPage::selectMapping(const QString &name)
{
    const Mapping *mapping = findMapping(name);
    selected_ = mapping ? name : QString();
    canvas_->setSelectedMapping(selected_);
    syncingTable_ = true;
    const int row = model_->rowOf(selected_);
    if (row >= 0)
        table_->selectRow(row);
    else
        table_->clearSelection();
    syncingTable_ = false;
    deleteButton_->setEnabled(mapping != nullptr);
    if (!mapping)
        inspector_->showNothing();
    else if (!inspector_->hasMapping() || !MappingFormat::sameMapping(inspector_->loadedMapping(), *mapping))
        inspector_->showMapping(*mapping); // unsaved edits of the same, unchanged mapping stay
}

void MappingsPage::onTableSelection()
{
    if (syncingTable_)
        return;
    const QModelIndexList rows = table_->selectionModel()->selectedRows();
    selectMapping(rows.isEmpty() ? QString() : model_->nameAt(rows.first().row()));
}

void MappingsPage::createMapping(const QString &type, const MappingService &service)
{
    Mapping mapping;
    mapping.endpointId = endpointId(service.endpoint);
    if (mapping.endpointId == 0) {
        showError(tr("The endpoint \"%1\" no longer exists.").arg(service.endpoint));
        return;
    }
    mapping.name = MappingFormat::suggestedName(type, service, mappingNames());
    mapping.endpoint = service.endpoint;
    mapping.path = service.path;
    mapping.messages = {type};
    selected_ = mapping.name; // shown in the inspector once the write is back
    selectionWrittenAt_ = ++postOrder_;
    undoStack_->push(new CreateMappingCommand(commandTarget(), mapping));
}

void MappingsPage::applyEdit(const Mapping &before, Mapping after)
{
    after.endpointId = endpointId(after.endpoint);
    if (after.endpointId == 0) {
        showError(tr("The endpoint \"%1\" no longer exists.").arg(after.endpoint));
        return;
    }
    if (selected_ == before.name) {
        selected_ = after.name; // a rename keeps the selection
        selectionWrittenAt_ = ++postOrder_;
    }
    undoStack_->push(new EditMappingCommand(commandTarget(), before, after));
}

void MappingsPage::deleteMapping(const QString &name)
{
    if (const Mapping *mapping = findMapping(name))
        undoStack_->push(new DeleteMappingCommand(commandTarget(), *mapping));
}

void MappingsPage::addType()
{
    const QString type = newTypeName_->text().trimmed();
    if (const QString reason = Mapping::typePatternError(type); !reason.isEmpty()) {
        showError(reason);
        return;
    }
    if (!extraTypes_.contains(type))
        extraTypes_ << type;
    newTypeName_->clear();
    showError({});
    redrawCanvas();
}

QString MappingsPage::serviceError(const MappingService &service) const
{
    if (service.endpoint.isEmpty())
        return tr("Add an endpoint first: every service belongs to one.");
    static const QRegularExpression whitespace(QStringLiteral("\\s"));
    if (!service.path.startsWith(QLatin1Char('/')) || service.path.contains(whitespace))
        return tr("A service path starts with / and has no spaces, for example /order_confirmation.");
    return {};
}

void MappingsPage::createFromFields()
{
    const QString type = newTypeName_->text().trimmed();
    const MappingService service{serviceEndpoint_->currentText(), newServicePath_->text().trimmed()};
    QString reason = type.isEmpty() ? tr("Type the message type to subscribe (order:new) in the type field.")
                                    : Mapping::typePatternError(type);
    if (reason.isEmpty())
        reason = serviceError(service);
    if (!reason.isEmpty()) {
        showError(reason);
        return;
    }
    newTypeName_->clear();
    newServicePath_->clear();
    showError({});
    createMapping(type, service);
}

void MappingsPage::addService()
{
    const MappingService service{serviceEndpoint_->currentText(), newServicePath_->text().trimmed()};
    if (const QString reason = serviceError(service); !reason.isEmpty()) {
        showError(reason);
        return;
    }
    if (!extraServices_.contains(service))
        extraServices_ << service;
    newServicePath_->clear();
    showError({});
    redrawCanvas();
}

void MappingsPage::showError(const QString &error)
{
    error_->setText(error);
    error_->setVisible(!error.isEmpty());
    if (!error.isEmpty())
        Q_EMIT statusMessage(error);
}

MappingCommandTarget MappingsPage::commandTarget()
{
    return {context_.worker, this, [this](const QString &error) {
                showError(error.isEmpty() ? QString() : tr("Not saved: %1").arg(error));
                if (context_.engine)
                    context_.engine->wake(); // the engine reloads the configuration on its next round
                refresh();
            }};
}

const Mapping *MappingsPage::findMapping(const QString &name) const
{
    for (const Mapping &mapping : mappings_) {
        if (mapping.name == name)
            return &mapping;
    }
    return nullptr;
}

qint64 MappingsPage::endpointId(const QString &name) const
{
    for (const Endpoint &endpoint : endpoints_) {
        if (endpoint.name == name)
            return endpoint.id;
    }
    return 0;
}

QStringList MappingsPage::endpointNames() const
{
    QStringList names;
    for (const Endpoint &endpoint : endpoints_)
        names << endpoint.name;
    return names;
}

QStringList MappingsPage::mappingNames() const
{
    QStringList names;
    for (const Mapping &mapping : mappings_)
        names << mapping.name;
    return names;
}

void MappingsPage::saveState(QSettings &settings) const
{
    settings.setValue(kSplitterKey, splitter_->saveState());
    settings.setValue(kTabKey, tabs_->currentIndex());
    settings.setValue(kTableHeaderKey, table_->horizontalHeader()->saveState());
    settings.setValue(kExtraTypesKey, extraTypes_);
    QVariantList services;
    for (const MappingService &service : extraServices_)
        services << QStringList{service.endpoint, service.path};
    settings.setValue(kExtraServicesKey, services);
    settings.setValue(kCollapsedKey, canvas_->collapsedEndpoints());
}

void MappingsPage::restoreState(const QSettings &settings)
{
    splitter_->restoreState(settings.value(kSplitterKey).toByteArray());
    tabs_->setCurrentIndex(settings.value(kTabKey, 0).toInt());
    table_->horizontalHeader()->restoreState(settings.value(kTableHeaderKey).toByteArray());
    extraTypes_.clear();
    for (const QString &type : settings.value(kExtraTypesKey).toStringList()) {
        if (Mapping::typePatternError(type).isEmpty())
            extraTypes_ << type;
    }
    extraServices_.clear();
    for (const QVariant &item : settings.value(kExtraServicesKey).toList()) {
        const QStringList pair = item.toStringList();
        if (pair.size() == 2 && pair.at(1).startsWith(QLatin1Char('/')))
            extraServices_ << MappingService{pair.at(0), pair.at(1)};
    }
    canvas_->setCollapsedEndpoints(settings.value(kCollapsedKey).toStringList());
    redrawCanvas();
}
