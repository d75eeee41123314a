#pragma once

#include <QJsonValue>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QStackedWidget;

// Edits one parameter value in the form its type calls for: a line for strings and numbers, true or
// false for booleans, a JSON text for lists. value() turns the text into JSON as typed (a number only
// when it reads as one), so Parameter::valueError() can say exactly what does not fit.
class ParameterValueEditor : public QWidget
{
    Q_OBJECT
public:
    explicit ParameterValueEditor(QWidget *parent = nullptr);

    void setType(const QString &type);
    QString type() const { return type_; }
    void setSecret(bool secret); // the line hides what is typed
    void setValue(const QJsonValue &value);
    void clear();
    void setPlaceholderText(const QString &text);
    QJsonValue value() const;
    bool isEmpty() const;
    // Empty when the value fits the type; otherwise one line (a JSON syntax error, or what does not fit).
    QString error(const QString &parameterName) const;

Q_SIGNALS:
    void edited();

private:
    QJsonValue listValue(QString *syntaxError) const;

    QString type_ = QStringLiteral("string");
    QStackedWidget *stack_;
    QLineEdit *text_;
    QComboBox *boolean_;
    QPlainTextEdit *list_;
};
