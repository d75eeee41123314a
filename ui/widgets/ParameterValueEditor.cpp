#include "widgets/ParameterValueEditor.h"

#include "model/Parameter.h"

#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QVBoxLayout>

ParameterValueEditor::ParameterValueEditor(QWidget *parent)
    : QWidget(parent)
    , stack_(new QStackedWidget)
    , text_(new QLineEdit)
    , boolean_(new QComboBox)
    , list_(new QPlainTextEdit)
{
    text_->setObjectName(QStringLiteral("parameterValueText"));
    boolean_->setObjectName(QStringLiteral("parameterValueBoolean"));
    boolean_->addItem(tr("true"), true);
    boolean_->addItem(tr("false"), false);
    list_->setObjectName(QStringLiteral("parameterValueList"));
    list_->setPlaceholderText(
        tr("A JSON list, such as [{\"from\": \"UPS Ground\", \"to\": \"ups_ground\"}]"));
    list_->setTabChangesFocus(true);
    stack_->addWidget(text_);
    stack_->addWidget(boolean_);
    stack_->addWidget(list_);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(stack_);
    connect(text_, &QLineEdit::textChanged, this, &ParameterValueEditor::edited);
    connect(boolean_, &QComboBox::currentIndexChanged, this, &ParameterValueEditor::edited);
    connect(list_, &QPlainTextEdit::textChanged, this, &ParameterValueEditor::edited);
}

void ParameterValueEditor::setType(const QString &type)
{
    type_ = type;
    if (type == QLatin1String("boolean"))
        stack_->setCurrentWidget(boolean_);
    else if (type == QLatin1String("list"))
        stack_->setCurrentWidget(list_);
    else
        stack_->setCurrentWidget(text_);
    Q_EMIT edited();
}

void ParameterValueEditor::setSecret(bool secret)
{
    text_->setEchoMode(secret ? QLineEdit::Password : QLineEdit::Normal);
}

void ParameterValueEditor::setValue(const QJsonValue &value)
{
    if (value.isBool()) {
        boolean_->setCurrentIndex(value.toBool() ? 0 : 1);
    } else if (value.isArray()) {
        list_->setPlainText(
            QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented)));
    } else if (value.isDouble()) {
        text_->setText(Parameter::typeOf(value) == QLatin1String("integer")
                           ? QString::number(value.toInteger())
                           : QString::number(value.toDouble(), 'g', 17));
    } else {
        text_->setText(value.toString());
    }
}

void ParameterValueEditor::clear()
{
    text_->clear();
    list_->clear();
    boolean_->setCurrentIndex(0);
}

void ParameterValueEditor::setPlaceholderText(const QString &text)
{
    text_->setPlaceholderText(text);
}

bool ParameterValueEditor::isEmpty() const
{
    if (type_ == QLatin1String("boolean"))
        return false;
    return type_ == QLatin1String("list") ? list_->toPlainText().trimmed().isEmpty()
                                          : text_->text().isEmpty();
}

QJsonValue ParameterValueEditor::listValue(QString *syntaxError) const
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(list_->toPlainText().toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (syntaxError)
            *syntaxError =
                tr("not valid JSON: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset);
        return list_->toPlainText();
    }
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}

QJsonValue ParameterValueEditor::value() const
{
    if (type_ == QLatin1String("boolean"))
        return boolean_->currentData().toBool();
    if (type_ == QLatin1String("list"))
        return listValue(nullptr);
    const QString text = text_->text();
    bool number = false;
    if (type_ == QLatin1String("integer")) {
        const qint64 integer = text.trimmed().toLongLong(&number);
        return number ? QJsonValue(integer) : QJsonValue(text);
    }
    if (type_ == QLatin1String("float")) {
        const double real = text.trimmed().toDouble(&number);
        // JSON has no infinity or NaN: those stay text, which the type check refuses.
        return number && qIsFinite(real) ? QJsonValue(real) : QJsonValue(text);
    }
    return text;
}

QString ParameterValueEditor::error(const QString &parameterName) const
{
    QString syntaxError;
    if (type_ == QLatin1String("list"))
        listValue(&syntaxError);
    if (!syntaxError.isEmpty())
        return syntaxError;
    return Parameter::valueError(parameterName, type_, value());
}
