#include "widgets/MappingInspector.h"

#include "MappingFormat.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

enum FilterColumn
{
    FilterPath,
    FilterOperator,
    FilterValue,
    FilterAny
};

// The value as loaded, so an unchanged cell keeps its JSON type (5 stays a number, not "5").
constexpr int kOriginalValueRole = Qt::UserRole;

// MessageFilter's operators, in its order (it rejects any other name, so a mismatch shows as an error).
const QStringList kOperators{QStringLiteral("eq"),   QStringLiteral("neq"),     QStringLiteral("gt"),
                             QStringLiteral("lt"),   QStringLiteral("begin"),   QStringLiteral("contains"),
                             QStringLiteral("end"),  QStringLiteral("present"), QStringLiteral("empty"),
                             QStringLiteral("match")};

QString operatorHelp(const QString &op)
{
    static const QHash<QString, const char *> help{
        {QStringLiteral("eq"), QT_TRANSLATE_NOOP("MappingInspector", "equals the value")},
        {QStringLiteral("neq"), QT_TRANSLATE_NOOP("MappingInspector", "differs from the value")},
        {QStringLiteral("gt"), QT_TRANSLATE_NOOP("MappingInspector", "is a number greater than the value")},
        {QStringLiteral("lt"), QT_TRANSLATE_NOOP("MappingInspector", "is a number less than the value")},
        {QStringLiteral("begin"), QT_TRANSLATE_NOOP("MappingInspector", "begins with the value")},
        {QStringLiteral("contains"), QT_TRANSLATE_NOOP("MappingInspector", "contains the value")},
        {QStringLiteral("end"), QT_TRANSLATE_NOOP("MappingInspector", "ends with the value")},
        {QStringLiteral("present"),
         QT_TRANSLATE_NOOP("MappingInspector", "is there and not empty (no value)")},
        {QStringLiteral("empty"), QT_TRANSLATE_NOOP("MappingInspector", "is missing or empty (no value)")},
        {QStringLiteral("match"), QT_TRANSLATE_NOOP("MappingInspector", "matches the regular expression")}};
    return MappingInspector::tr(help.value(op));
}

QTableWidget *makeTable(const QString &objectName, const QStringList &headers)
{
    auto *table = new QTableWidget(0, int(headers.size()));
    table->setObjectName(objectName);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setMinimumHeight(110);
    return table;
}

QPushButton *makeButton(const QString &text, const QString &objectName)
{
    auto *button = new QPushButton(text);
    button->setObjectName(objectName);
    return button;
}

QLabel *makeErrorLabel(const QString &objectName)
{
    auto *label = new QLabel;
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->hide();
    return label;
}

void showError(QLabel *label, const QString &error)
{
    label->setText(error);
    label->setVisible(!error.isEmpty());
}

} // namespace

MappingInspector::MappingInspector(QWidget *parent)
    : QWidget(parent)
    , heading_(new QLabel)
    , form_(new QWidget)
    , name_(new QLineEdit)
    , messages_(new QLineEdit)
    , endpoint_(new QComboBox)
    , path_(new QLineEdit)
    , enabled_(new QCheckBox(tr("Deliver messages through this mapping")))
    , filters_(
          makeTable(QStringLiteral("mappingFilters"), {tr("Path"), tr("Operator"), tr("Value"), tr("Any")}))
    , filterError_(makeErrorLabel(QStringLiteral("filterError")))
    , identifiers_(makeTable(QStringLiteral("mappingIdentifiers"), {tr("Name"), tr("Path")}))
    , parameters_(new QLineEdit)
    , retriesAllowed_(new QCheckBox(tr("Retry failed deliveries")))
    , retrySchedule_(new QLineEdit)
    , timeout_(new QDoubleSpinBox)
    , mappingError_(makeErrorLabel(QStringLiteral("mappingError")))
    , revert_(makeButton(tr("Revert"), QStringLiteral("revertMapping")))
    , apply_(makeButton(tr("Apply"), QStringLiteral("applyMapping")))
{
    QFont bold = heading_->font();
    bold.setBold(true);
    heading_->setFont(bold);
    heading_->setWordWrap(true);

    auto *formLayout = new QVBoxLayout(form_);
    formLayout->addWidget(buildSubscription());
    formLayout->addWidget(buildFilters());
    formLayout->addWidget(buildIdentifiers());
    formLayout->addWidget(buildDelivery());
    formLayout->addStretch();
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(form_);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading_);
    layout->addWidget(scroll, 1);
    layout->addWidget(mappingError_);
    layout->addWidget(buildButtons());
    connectEdits();
    showNothing();
}

QWidget *MappingInspector::buildSubscription()
{
    name_->setObjectName(QStringLiteral("mappingName"));
    messages_->setObjectName(QStringLiteral("mappingMessages"));
    messages_->setPlaceholderText(tr("order:new, order:updated or order:*"));
    endpoint_->setObjectName(QStringLiteral("mappingEndpoint"));
    path_->setObjectName(QStringLiteral("mappingPath"));
    path_->setPlaceholderText(tr("/order_confirmation"));
    enabled_->setObjectName(QStringLiteral("mappingEnabled"));
    auto *box = new QGroupBox(tr("Subscription"));
    auto *layout = new QFormLayout(box);
    layout->addRow(tr("&Name:"), name_);
    layout->addRow(tr("&Message types:"), messages_);
    layout->addRow(tr("E&ndpoint:"), endpoint_);
    layout->addRow(tr("&Service path:"), path_);
    layout->addRow(QString(), enabled_);
    return box;
}

QWidget *MappingInspector::buildFilters()
{
    auto *box = new QGroupBox(tr("Filters (every one must pass)"));
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(filters_);
    auto *buttons = new QHBoxLayout;
    QPushButton *add = makeButton(tr("Add filter"), QStringLiteral("addFilter"));
    QPushButton *remove = makeButton(tr("Remove filter"), QStringLiteral("removeFilter"));
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    layout->addLayout(buttons);
    layout->addWidget(filterError_);
    filters_->horizontalHeader()->setStretchLastSection(false);
    filters_->horizontalHeader()->setSectionResizeMode(FilterPath, QHeaderView::Stretch);
    filters_->horizontalHeader()->setSectionResizeMode(FilterValue, QHeaderView::Stretch);
    filters_->horizontalHeaderItem(FilterPath)
        ->setToolTip(
            tr("Dotted path into the message, such as payload.order.status or payload.order.items.*.sku"));
    filters_->horizontalHeaderItem(FilterAny)->setToolTip(
        tr("When the path reaches several values: ticked, one passing is enough; otherwise all "
           "must pass"));
    connect(add, &QPushButton::clicked, this, [this] {
        addFilterRow(MessageFilter{});
        validate();
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (filters_->currentRow() >= 0)
            filters_->removeRow(filters_->currentRow());
        validate();
    });
    return box;
}

QWidget *MappingInspector::buildIdentifiers()
{
    auto *box = new QGroupBox(tr("Identifiers (a message with the same values is delivered once)"));
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(identifiers_);
    auto *buttons = new QHBoxLayout;
    QPushButton *add = makeButton(tr("Add identifier"), QStringLiteral("addIdentifier"));
    QPushButton *remove = makeButton(tr("Remove identifier"), QStringLiteral("removeIdentifier"));
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    layout->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, [this] {
        addIdentifierRow(QString(), QString());
        validate();
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (identifiers_->currentRow() >= 0)
            identifiers_->removeRow(identifiers_->currentRow());
        validate();
    });
    return box;
}

QWidget *MappingInspector::buildDelivery()
{
    parameters_->setObjectName(QStringLiteral("mappingParameters"));
    parameters_->setPlaceholderText(tr("mailer.api_key, shipping_method.lookup"));
    retriesAllowed_->setObjectName(QStringLiteral("retriesAllowed"));
    retrySchedule_->setObjectName(QStringLiteral("retrySchedule"));
    retrySchedule_->setPlaceholderText(tr("default: 5, 300, 1800 ... about 3.5 days"));
    retrySchedule_->setToolTip(
        tr("Seconds before each retry, comma separated; fractions such as 0.05 allowed"));
    timeout_->setObjectName(QStringLiteral("mappingTimeout"));
    timeout_->setRange(0.001, MappingOptions::kMaxTimeoutSeconds);
    timeout_->setDecimals(3);
    timeout_->setSuffix(tr(" s"));
    auto *box = new QGroupBox(tr("Delivery"));
    auto *layout = new QFormLayout(box);
    layout->addRow(tr("&Parameters:"), parameters_);
    layout->addRow(QString(), retriesAllowed_);
    layout->addRow(tr("Retry &schedule:"), retrySchedule_);
    layout->addRow(tr("&Timeout:"), timeout_);
    return box;
}

QWidget *MappingInspector::buildButtons()
{
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addStretch();
    layout->addWidget(revert_);
    layout->addWidget(apply_);
    apply_->setDefault(true);
    connect(revert_, &QPushButton::clicked, this, [this] {
        if (loaded_)
            showMapping(*loaded_);
    });
    connect(apply_, &QPushButton::clicked, this, &MappingInspector::apply);
    return row;
}

void MappingInspector::connectEdits()
{
    for (QLineEdit *edit : {name_, messages_, path_, parameters_, retrySchedule_})
        connect(edit, &QLineEdit::textChanged, this, &MappingInspector::validate);
    for (QCheckBox *box : {enabled_, retriesAllowed_})
        connect(box, &QCheckBox::toggled, this, &MappingInspector::validate);
    connect(retriesAllowed_, &QCheckBox::toggled, retrySchedule_, &QWidget::setEnabled);
    connect(endpoint_, &QComboBox::currentTextChanged, this, &MappingInspector::validate);
    connect(timeout_, &QDoubleSpinBox::valueChanged, this, &MappingInspector::validate);
    connect(filters_, &QTableWidget::itemChanged, this, &MappingInspector::validate);
    connect(identifiers_, &QTableWidget::itemChanged, this, &MappingInspector::validate);
}

void MappingInspector::setEndpoints(const QStringList &names)
{
    QStringList shown;
    for (int i = 0; i < endpoint_->count(); ++i)
        shown << endpoint_->itemText(i);
    if (shown == names)
        return; // refilling would close the list under the user's mouse
    const QString current = endpoint_->currentText();
    const bool wasLoading = std::exchange(loading_, true);
    endpoint_->clear();
    endpoint_->addItems(names);
    if (!current.isEmpty() && endpoint_->findText(current) < 0)
        endpoint_->addItem(current); // the form keeps what the user chose, even if it vanished
    endpoint_->setCurrentText(current);
    loading_ = wasLoading;
}

void MappingInspector::setMappingNames(const QStringList &names)
{
    mappingNames_ = names;
    validate();
}

void MappingInspector::showMapping(const Mapping &mapping)
{
    loading_ = true;
    loaded_ = mapping;
    heading_->setText(tr("Mapping \"%1\"").arg(mapping.name));
    fillFields(mapping);
    form_->setEnabled(true);
    loading_ = false;
    validate();
}

void MappingInspector::showNothing()
{
    loading_ = true;
    loaded_.reset();
    edited_.reset();
    heading_->setText(tr("Select a mapping on the canvas or in the table to edit it."));
    fillFields(Mapping());
    form_->setEnabled(false);
    showError(filterError_, {});
    showError(mappingError_, {});
    apply_->setEnabled(false);
    revert_->setEnabled(false);
    loading_ = false;
}

void MappingInspector::fillFields(const Mapping &mapping)
{
    name_->setText(mapping.name);
    messages_->setText(MappingFormat::joinList(mapping.messages));
    if (endpoint_->findText(mapping.endpoint) < 0 && !mapping.endpoint.isEmpty())
        endpoint_->addItem(mapping.endpoint);
    endpoint_->setCurrentText(mapping.endpoint);
    path_->setText(mapping.path);
    enabled_->setChecked(mapping.enabled);
    filters_->setRowCount(0);
    for (const MessageFilter &filter : mapping.filters)
        addFilterRow(filter);
    identifiers_->setRowCount(0);
    for (const auto &[name, path] : mapping.identifiers)
        addIdentifierRow(name, path);
    parameters_->setText(MappingFormat::joinList(mapping.parameters));
    retriesAllowed_->setChecked(mapping.options.retriesAllowed);
    retrySchedule_->setEnabled(mapping.options.retriesAllowed);
    QStringList delays;
    for (double delay : mapping.options.retrySchedule)
        delays << MappingFormat::numberText(delay);
    retrySchedule_->setText(MappingFormat::joinList(delays));
    timeout_->setValue(mapping.options.timeoutSeconds);
}

void MappingInspector::addFilterRow(const MessageFilter &filter)
{
    const bool wasLoading = std::exchange(loading_, true);
    const int row = filters_->rowCount();
    filters_->insertRow(row);
    filters_->setItem(row, FilterPath, new QTableWidgetItem(filter.path));
    auto *op = new QComboBox;
    for (const QString &name : kOperators) {
        op->addItem(name);
        op->setItemData(op->count() - 1, operatorHelp(name), Qt::ToolTipRole);
    }
    op->setCurrentText(filter.toJson().value(QStringLiteral("operator")).toString());
    connect(op, &QComboBox::currentTextChanged, this, &MappingInspector::validate);
    filters_->setCellWidget(row, FilterOperator, op);
    auto *value = new QTableWidgetItem(MappingFormat::valueText(filter.value));
    value->setData(kOriginalValueRole, QVariant::fromValue(filter.value));
    filters_->setItem(row, FilterValue, value);
    auto *any = new QTableWidgetItem;
    any->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
    any->setCheckState(filter.matchRule == MessageFilter::MatchRule::Any ? Qt::Checked : Qt::Unchecked);
    filters_->setItem(row, FilterAny, any);
    loading_ = wasLoading;
}

void MappingInspector::addIdentifierRow(const QString &name, const QString &path)
{
    const bool wasLoading = std::exchange(loading_, true);
    const int row = identifiers_->rowCount();
    identifiers_->insertRow(row);
    identifiers_->setItem(row, 0, new QTableWidgetItem(name));
    identifiers_->setItem(row, 1, new QTableWidgetItem(path));
    loading_ = wasLoading;
}

QJsonObject MappingInspector::filterAt(int row) const
{
    const auto *op = qobject_cast<const QComboBox *>(filters_->cellWidget(row, FilterOperator));
    QJsonObject filter{{QStringLiteral("path"), filters_->item(row, FilterPath)->text().trimmed()},
                       {QStringLiteral("operator"), op ? op->currentText() : QString()}};
    const QTableWidgetItem *value = filters_->item(row, FilterValue);
    const QJsonValue original = value->data(kOriginalValueRole).toJsonValue();
    const bool unchanged = (original.isString() || original.isDouble() || original.isBool()) &&
                           value->text() == MappingFormat::valueText(original);
    filter.insert(QStringLiteral("value"), unchanged ? original : QJsonValue(value->text()));
    if (filters_->item(row, FilterAny)->checkState() == Qt::Checked)
        filter.insert(QStringLiteral("match_rule"), QStringLiteral("any"));
    return filter;
}

QJsonArray MappingInspector::filterConfig(QString *error) const
{
    QJsonArray filters;
    for (int row = 0; row < filters_->rowCount(); ++row) {
        const QJsonObject filter = filterAt(row);
        MessageFilter parsed;
        QString reason;
        if (!MessageFilter::fromJson(filter, &parsed, &reason)) {
            *error = tr("Filter %1: %2").arg(row + 1).arg(reason);
            return {};
        }
        filters.append(filter);
    }
    return filters;
}

QJsonObject MappingInspector::identifierConfig(QString *error) const
{
    QJsonObject identifiers;
    for (int row = 0; row < identifiers_->rowCount(); ++row) {
        const QString name = identifiers_->item(row, 0)->text().trimmed();
        if (name.isEmpty()) {
            *error = tr("Identifier %1 has no name.").arg(row + 1);
            return {};
        }
        if (identifiers.contains(name)) {
            *error = tr("The identifier name \"%1\" is used twice.").arg(name);
            return {};
        }
        identifiers.insert(name, identifiers_->item(row, 1)->text().trimmed());
    }
    return identifiers;
}

QJsonArray MappingInspector::scheduleConfig(QString *error) const
{
    QJsonArray delays;
    for (const QString &item : MappingFormat::splitList(retrySchedule_->text())) {
        bool ok = false;
        const double seconds = QLocale::c().toDouble(item, &ok);
        if (!ok) {
            *error = tr("Retry schedule: \"%1\" is not a number of seconds.").arg(item);
            return {};
        }
        delays.append(seconds);
    }
    return delays;
}

QJsonObject MappingInspector::formConfig(QString *error) const
{
    QJsonObject options{{QStringLiteral("retries_allowed"), retriesAllowed_->isChecked()},
                        {QStringLiteral("timeout"), timeout_->value()}};
    const QJsonArray schedule = scheduleConfig(error);
    if (!schedule.isEmpty())
        options.insert(QStringLiteral("retry_schedule"), schedule);
    const QJsonObject identifiers = error->isEmpty() ? identifierConfig(error) : QJsonObject();
    return {
        {QStringLiteral("name"), name_->text()},
        {QStringLiteral("endpoint"), endpoint_->currentText()},
        {QStringLiteral("path"), path_->text().trimmed()},
        {QStringLiteral("messages"), QJsonArray::fromStringList(MappingFormat::splitList(messages_->text()))},
        {QStringLiteral("identifiers"), identifiers},
        {QStringLiteral("parameters"),
         QJsonArray::fromStringList(MappingFormat::splitList(parameters_->text()))},
        {QStringLiteral("options"), options},
        {QStringLiteral("enabled"), enabled_->isChecked()}};
}

void MappingInspector::validate()
{
    if (loading_ || !loaded_)
        return;
    QString filterError, error;
    const QJsonArray filters = filterConfig(&filterError);
    QJsonObject config = formConfig(&error);
    Mapping edited;
    // The rest of the form is checked without the filters, so both kinds of mistake show at once.
    if (error.isEmpty() && Mapping::fromConfig(config, &edited, &error) && edited.name != loaded_->name &&
        mappingNames_.contains(edited.name))
        error = tr("Another mapping is already named \"%1\".").arg(edited.name);
    bool valid = error.isEmpty() && filterError.isEmpty();
    if (valid) {
        config.insert(QStringLiteral("filters"), filters);
        valid = Mapping::fromConfig(config, &edited, &error);
    }
    showError(filterError_, filterError);
    showError(mappingError_, error);
    edited_.reset();
    if (valid) {
        edited.id = loaded_->id;
        edited.endpointId = edited.endpoint == loaded_->endpoint ? loaded_->endpointId : 0;
        edited_ = edited;
    }
    const bool changed = valid && !MappingFormat::sameMapping(edited, *loaded_);
    apply_->setEnabled(changed);
    revert_->setEnabled(!valid || changed);
}

void MappingInspector::apply()
{
    if (!loaded_ || !edited_)
        return;
    const Mapping before = *loaded_;
    // Shown as saved at once; if the write fails, the page's refresh brings the stored one back.
    loaded_ = *edited_;
    heading_->setText(tr("Mapping \"%1\"").arg(edited_->name));
    validate();
    Q_EMIT applyRequested(before, *loaded_);
}
