#include "pages/ParametersPage.h"

#include "BackgroundWorker.h"
#include "config/ConfigEdits.h"
#include "secrets/CredentialStore.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "widgets/FormFeedback.h"
#include "widgets/ParameterValueEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <memory>

namespace {

enum Column
{
    NameColumn,
    TypeColumn,
    ValueColumn,
    SecretColumn,
    ColumnCount
};

const QStringList kTypes{QStringLiteral("string"), QStringLiteral("integer"), QStringLiteral("float"),
                         QStringLiteral("boolean"), QStringLiteral("list")};

} // namespace

ParametersPage::ParametersPage(UiContext context, QWidget *parent)
    : Page(context, parent)
    , splitter_(new QSplitter(Qt::Horizontal))
    , table_(new QTableWidget(0, ColumnCount))
    , name_(new QLineEdit)
    , type_(new QComboBox)
    , value_(new ParameterValueEditor)
    , valueError_(new QLabel)
    , secret_(new QCheckBox(tr("Secret (kept in the keychain, never shown)")))
    , save_(new QPushButton(tr("Save")))
    , remove_(new QPushButton(tr("Remove")))
    , status_(FormFeedback::statusLabel(QStringLiteral("parameterStatus")))
{
    table_->setObjectName(QStringLiteral("parameterTable"));
    table_->setHorizontalHeaderLabels({tr("Name"), tr("Type"), tr("Value"), tr("Secret")});
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ParametersPage::onSelectionChanged);

    auto *editor = new QWidget;
    auto *editorLayout = new QVBoxLayout(editor);
    editorLayout->addWidget(buildForm());
    editorLayout->addWidget(buildButtons());
    editorLayout->addStretch(1);

    splitter_->setObjectName(QStringLiteral("parametersSplitter"));
    splitter_->addWidget(table_);
    splitter_->addWidget(editor);
    splitter_->setStretchFactor(0, 3);
    splitter_->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter_);
    startNew();
}

QWidget *ParametersPage::buildForm()
{
    name_->setObjectName(QStringLiteral("parameterName"));
    name_->setPlaceholderText(tr("mailer.api_key"));
    type_->setObjectName(QStringLiteral("parameterType"));
    for (const QString &type : kTypes)
        type_->addItem(type, type);
    value_->setObjectName(QStringLiteral("parameterValue"));
    valueError_->setObjectName(QStringLiteral("parameterValueError"));
    valueError_->setStyleSheet(QStringLiteral("color: #b00020;"));
    valueError_->setWordWrap(true);
    secret_->setObjectName(QStringLiteral("parameterSecret"));
    connect(name_, &QLineEdit::textChanged, this, &ParametersPage::validate);
    connect(type_, &QComboBox::currentIndexChanged, this, &ParametersPage::onTypeChanged);
    connect(value_, &ParameterValueEditor::edited, this, &ParametersPage::validate);
    connect(secret_, &QCheckBox::toggled, this, &ParametersPage::onSecretToggled);

    auto *form = new QWidget;
    auto *layout = new QFormLayout(form);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addRow(tr("&Name:"), name_);
    layout->addRow(tr("&Type:"), type_);
    layout->addRow(tr("&Value:"), value_);
    layout->addRow(QString(), valueError_);
    layout->addRow(QString(), secret_);
    return form;
}

QWidget *ParametersPage::buildButtons()
{
    auto *newButton = new QPushButton(tr("New"));
    newButton->setObjectName(QStringLiteral("newParameter"));
    save_->setObjectName(QStringLiteral("saveParameter"));
    save_->setDefault(true);
    remove_->setObjectName(QStringLiteral("removeParameter"));
    connect(newButton, &QPushButton::clicked, this, &ParametersPage::startNew);
    connect(save_, &QPushButton::clicked, this, &ParametersPage::save);
    connect(remove_, &QPushButton::clicked, this, &ParametersPage::remove);
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QPushButton *button : {newButton, save_, remove_})
        layout->addWidget(button);
    layout->addWidget(status_, 1);
    return row;
}

QString ParametersPage::displayValue(const Parameter &parameter)
{
    if (parameter.secret)
        return QStringLiteral("\u2022\u2022\u2022\u2022");
    if (parameter.value.isString())
        return parameter.value.toString();
    // Numbers, booleans and lists as JSON: the array wrapper keeps scalars valid JSON.
    const QByteArray json = QJsonDocument(QJsonArray{parameter.value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

void ParametersPage::refresh()
{
    auto parameters = std::make_shared<QList<Parameter>>();
    auto error = std::make_shared<QString>();
    context_.worker->post(
        this,
        [parameters, error](const Database &db) {
            ConfigRepository(db).loadParameters(parameters.get(), error.get());
        },
        [this, parameters, error] {
            if (!error->isEmpty())
                return showStatus(tr("Cannot read the parameters: %1").arg(*error), true);
            showParameters(*parameters);
        });
}

void ParametersPage::showParameters(const QList<Parameter> &parameters)
{
    parameters_ = parameters;
    // Rebuilding the rows must not look like a person picking another parameter.
    const QScopedValueRollback<bool> rebuilding(rebuilding_, true);
    table_->setRowCount(int(parameters.size()));
    for (int row = 0; row < parameters.size(); ++row) {
        const Parameter &parameter = parameters.at(row);
        const QStringList cells{parameter.name, parameter.type, displayValue(parameter),
                                parameter.secret ? tr("yes") : QString()};
        for (int column = 0; column < ColumnCount; ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            item->setToolTip(cells.at(column));
            table_->setItem(row, column, item);
        }
    }
    selectByName(loadedName_);
}

void ParametersPage::selectByName(const QString &name)
{
    FormFeedback::selectRow(table_, FormFeedback::rowNamed(parameters_, name));
}

void ParametersPage::onSelectionChanged()
{
    if (rebuilding_)
        return;
    const int row = FormFeedback::selectedRow(table_, int(parameters_.size()));
    if (row < 0)
        return;
    const Parameter &parameter = parameters_.at(row);
    if (parameter.name != loadedName_)
        loadIntoForm(parameter);
}

void ParametersPage::loadIntoForm(const Parameter &parameter)
{
    loadedName_ = parameter.name;
    loadedSecret_ = parameter.secret;
    name_->setText(parameter.name);
    name_->setReadOnly(!parameter.name.isEmpty()); // the name is the key: "New" makes another one
    secret_->setChecked(parameter.secret);
    type_->setCurrentIndex(int(kTypes.indexOf(parameter.type)));
    value_->clear();
    value_->setValue(parameter.value);
    value_->setPlaceholderText(parameter.secret ? tr("stored in keychain; type to replace") : QString());
    remove_->setEnabled(!parameter.name.isEmpty());
    showStatus(QString(), false);
    validate();
}

void ParametersPage::startNew()
{
    table_->clearSelection();
    loadIntoForm(Parameter());
    value_->setValue(QString());
    name_->setFocus();
}

void ParametersPage::onTypeChanged()
{
    value_->setType(type_->currentData().toString());
}

void ParametersPage::onSecretToggled(bool secret)
{
    // A secret is a string: that is all the keychain holds.
    if (secret)
        type_->setCurrentIndex(int(kTypes.indexOf(QStringLiteral("string"))));
    type_->setEnabled(!secret);
    value_->setSecret(secret);
    validate();
}

// Live: what is wrong with the value, as it is typed; nothing while the field is still empty.
void ParametersPage::validate()
{
    const bool keepsSecret = secret_->isChecked() && loadedSecret_ && value_->isEmpty();
    const QString error =
        value_->isEmpty() || keepsSecret ? QString() : value_->error(name_->text().trimmed());
    valueError_->setText(error);
    valueError_->setVisible(!error.isEmpty());
}

bool ParametersPage::formParameter(Parameter *out)
{
    out->name = name_->text().trimmed();
    out->type = value_->type();
    out->value = value_->value();
    out->secret = secret_->isChecked();
    // An untouched secret field keeps the keychain's value; ConfigEdits knows to leave it.
    const bool keepsSecret = out->secret && loadedSecret_ && value_->isEmpty();
    const QString valueError = keepsSecret ? QString() : value_->error(out->name);
    QJsonObject config = out->toConfig();
    config.insert(QStringLiteral("value"), keepsSecret ? QJsonValue(QString()) : out->value);
    Parameter validated;
    QString invalid;
    if (valueError.isEmpty() && Parameter::fromConfig(config, &validated, &invalid))
        return true;
    showStatus(tr("Not saved: %1").arg(valueError.isEmpty() ? invalid : valueError), true);
    return false;
}

void ParametersPage::save()
{
    Parameter parameter;
    if (!formParameter(&parameter))
        return;
    auto error = std::make_shared<QString>();
    CredentialStore *credentials = context_.credentials;
    save_->setEnabled(false);
    showStatus(tr("Saving..."), false);
    context_.worker->post(
        this,
        [parameter, error, credentials](const Database &db) {
            ConfigEdits(db, *credentials).saveParameter(parameter, error.get());
        },
        [this, name = parameter.name, secret = parameter.secret, error] {
            if (error->isEmpty()) {
                loadedSecret_ = secret;
                if (secret)
                    value_->clear(); // typed once, never shown again
            }
            onSaved(name, *error);
        });
}

void ParametersPage::onSaved(const QString &name, const QString &error)
{
    save_->setEnabled(true);
    if (!error.isEmpty())
        return showStatus(tr("Not saved: %1").arg(error), true);
    loadedName_ = name;
    name_->setReadOnly(true);
    remove_->setEnabled(true);
    if (loadedSecret_)
        value_->setPlaceholderText(tr("stored in keychain; type to replace"));
    QString text = tr("Saved parameter %1").arg(name);
    if (loadedSecret_ && !context_.credentials->available())
        text += QStringLiteral("; ") + context_.credentials->unavailableReason();
    showStatus(text, loadedSecret_ && !context_.credentials->available());
    Q_EMIT statusMessage(text);
    refresh();
}

void ParametersPage::remove()
{
    const QString name = loadedName_;
    if (name.isEmpty())
        return;
    auto error = std::make_shared<QString>();
    CredentialStore *credentials = context_.credentials;
    remove_->setEnabled(false);
    context_.worker->post(
        this,
        [name, error, credentials](const Database &db) {
            ConfigEdits(db, *credentials).removeParameter(name, error.get());
        },
        [this, name, error] {
            if (!error->isEmpty()) {
                remove_->setEnabled(true);
                return showStatus(tr("Not removed: %1").arg(*error), true);
            }
            startNew();
            showStatus(tr("Removed parameter %1").arg(name), false);
            Q_EMIT statusMessage(tr("Removed parameter %1").arg(name));
            refresh();
        });
}

void ParametersPage::showStatus(const QString &text, bool error)
{
    FormFeedback::setStatusText(status_, text, error);
}

void ParametersPage::saveState(QSettings &settings) const
{
    settings.setValue(QStringLiteral("splitter"), splitter_->saveState());
    settings.setValue(QStringLiteral("columns"), table_->horizontalHeader()->saveState());
}

void ParametersPage::restoreState(const QSettings &settings)
{
    splitter_->restoreState(settings.value(QStringLiteral("splitter")).toByteArray());
    table_->horizontalHeader()->restoreState(settings.value(QStringLiteral("columns")).toByteArray());
}
