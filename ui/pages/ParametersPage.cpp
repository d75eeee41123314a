#include "pages/ParametersPage.h"

#include "config/ConfigEdits.h"
#include "storage/ConfigRepository.h"
#include "widgets/FormFeedback.h"
#include "widgets/ParameterValueEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>

#include <memory>

namespace {

const QStringList kTypes{QStringLiteral("string"), QStringLiteral("integer"), QStringLiteral("float"),
                         QStringLiteral("boolean"), QStringLiteral("list")};

} // namespace

ParametersPage::ParametersPage(UiContext context, QWidget *parent)
    : ConfigFormPage(context, QStringLiteral("parameter"),
                     {tr("Name"), tr("Type"), tr("Value"), tr("Secret")}, tr("mailer.api_key"), parent)
    , type_(new QComboBox)
    , value_(new ParameterValueEditor)
    , valueError_(FormFeedback::fieldErrorLabel(QStringLiteral("parameterValueError")))
    , secret_(new QCheckBox(tr("Secret (sealed in the database, never shown)")))
{
    buildForm();
    setEditor({}, {}, 3, 2);
    startNew();
}

void ParametersPage::buildForm()
{
    type_->setObjectName(QStringLiteral("parameterType"));
    for (const QString &type : kTypes)
        type_->addItem(type, type);
    value_->setObjectName(QStringLiteral("parameterValue"));
    secret_->setObjectName(QStringLiteral("parameterSecret"));
    connect(nameEdit(), &QLineEdit::textChanged, this, &ParametersPage::validate);
    connect(type_, &QComboBox::currentIndexChanged, this, &ParametersPage::onTypeChanged);
    connect(value_, &ParameterValueEditor::edited, this, &ParametersPage::validate);
    connect(secret_, &QCheckBox::toggled, this, &ParametersPage::onSecretToggled);

    form()->addRow(tr("&Type:"), type_);
    form()->addRow(tr("&Value:"), value_);
    form()->addRow(QString(), valueError_);
    form()->addRow(QString(), secret_);
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
    readThroughWorker(
        [parameters](const Database &db, QString *error) {
            return ConfigRepository(db).loadParameters(parameters.get(), error);
        },
        [this, parameters] { showParameters(*parameters); }, tr("Cannot read the parameters: %1"));
}

void ParametersPage::showParameters(const QList<Parameter> &parameters)
{
    parameters_ = parameters;
    QList<QStringList> rows;
    for (const Parameter &parameter : parameters)
        rows << QStringList{parameter.name, parameter.type, displayValue(parameter),
                            parameter.secret ? tr("yes") : QString()};
    showRows(rows);
}

void ParametersPage::loadRow(int row)
{
    showLoaded(parameters_.at(row).name);
    fillForm(parameters_.at(row));
}

void ParametersPage::clearForm()
{
    fillForm(Parameter());
    value_->setValue(QString());
}

void ParametersPage::fillForm(const Parameter &parameter)
{
    loadedSecret_ = parameter.secret;
    secret_->setChecked(parameter.secret);
    type_->setCurrentIndex(int(kTypes.indexOf(parameter.type)));
    value_->clear();
    value_->setValue(parameter.value);
    value_->setPlaceholderText(parameter.secret ? storedSecretHint(true) : QString());
    validate();
}

void ParametersPage::onTypeChanged()
{
    value_->setType(type_->currentData().toString());
}

void ParametersPage::onSecretToggled(bool secret)
{
    // A secret is a string: that is all a sealed secret holds.
    if (secret)
        type_->setCurrentIndex(int(kTypes.indexOf(QStringLiteral("string"))));
    type_->setEnabled(!secret);
    value_->setSecret(secret);
    validate();
}

// An untouched secret field keeps the stored (sealed) value; ConfigEdits knows to leave it.
bool ParametersPage::keepsStoredSecret() const
{
    return secret_->isChecked() && loadedSecret_ && value_->isEmpty();
}

// Live: what is wrong with the value, as it is typed; nothing while the field is still empty.
void ParametersPage::validate()
{
    FormFeedback::setFieldError(valueError_, value_->isEmpty() || keepsStoredSecret()
                                                 ? QString()
                                                 : value_->error(nameEdit()->text().trimmed()));
}

bool ParametersPage::formParameter(Parameter *out, QString *invalid) const
{
    out->name = nameEdit()->text().trimmed();
    out->type = value_->type();
    out->value = value_->value();
    out->secret = secret_->isChecked();
    const bool keepsSecret = keepsStoredSecret();
    *invalid = keepsSecret ? QString() : value_->error(out->name);
    if (!invalid->isEmpty())
        return false;
    QJsonObject config = out->toConfig();
    config.insert(QStringLiteral("value"), keepsSecret ? QJsonValue(QString()) : out->value);
    Parameter validated;
    return Parameter::fromConfig(config, &validated, invalid);
}

bool ParametersPage::prepareSave(SaveRequest *request, QString *invalid)
{
    Parameter parameter;
    if (!formParameter(&parameter, invalid))
        return false;
    request->name = parameter.name;
    request->savedText = tr("Saved parameter %1").arg(parameter.name);
    request->write = [parameter](const ConfigEdits &edits, QString *error) {
        edits.saveParameter(parameter, error);
    };
    request->applied = [this, secret = parameter.secret] {
        loadedSecret_ = secret;
        if (!secret)
            return;
        value_->clear(); // typed once, never shown again
        value_->setPlaceholderText(storedSecretHint(true));
    };
    return true;
}

// No question asked: unlike an endpoint or a store, a parameter takes no history or bookmarks with it.
ConfigFormPage::Removal ParametersPage::removalOf(const QString &name) const
{
    return {QString(), QString(), tr("Removed parameter %1").arg(name),
            [](const ConfigEdits &edits, const QString &parameter, QString *error, QString *) {
                return edits.removeParameter(parameter, error);
            }};
}
