#pragma once

#include "model/Parameter.h"
#include "pages/ConfigFormPage.h"

#include <QList>

class ParameterValueEditor;
class QCheckBox;
class QComboBox;
class QLabel;

// Store-wide parameters: a table of all of them and a typed editor for one. A secret value is stored sealed
// with the master key and shows as dots everywhere; it is never read back into the form.
class ParametersPage : public ConfigFormPage
{
    Q_OBJECT
public:
    explicit ParametersPage(UiContext context, QWidget *parent = nullptr);
    QString title() const override { return tr("Parameters"); }
    void refresh() override;

    static QString displayValue(const Parameter &parameter); // secrets masked

private:
    void buildForm();
    void showParameters(const QList<Parameter> &parameters);
    void loadRow(int row) override;
    void clearForm() override;
    bool prepareSave(SaveRequest *request, QString *invalid) override;
    Removal removalOf(const QString &name) const override;
    void fillForm(const Parameter &parameter);
    void onTypeChanged();
    void onSecretToggled(bool secret);
    void validate();
    bool keepsStoredSecret() const;
    bool formParameter(Parameter *out, QString *invalid) const;

    QComboBox *type_;
    ParameterValueEditor *value_;
    QLabel *valueError_;
    QCheckBox *secret_;
    QList<Parameter> parameters_;
    bool loadedSecret_ = false; // the saved parameter the form shows is a secret
};
