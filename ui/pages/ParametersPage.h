#pragma once

#include "model/Parameter.h"
#include "pages/Page.h"

#include <QList>

class ParameterValueEditor;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTableWidget;

// Store-wide parameters: a table of all of them and a typed editor for one. A secret value goes to
// the keychain and shows as dots everywhere; it is never read back into the form.
class ParametersPage : public Page
{
    Q_OBJECT
public:
    explicit ParametersPage(UiContext context, QWidget *parent = nullptr);
    QString title() const override { return tr("Parameters"); }
    void refresh() override;
    void saveState(QSettings &settings) const override;
    void restoreState(const QSettings &settings) override;

    static QString displayValue(const Parameter &parameter); // secrets masked

private:
    QWidget *buildForm();
    QWidget *buildButtons();
    void showParameters(const QList<Parameter> &parameters);
    void selectByName(const QString &name);
    void onSelectionChanged();
    void loadIntoForm(const Parameter &parameter);
    void startNew();
    void onTypeChanged();
    void onSecretToggled(bool secret);
    void validate();
    bool formParameter(Parameter *out);
    void save();
    void onSaved(const QString &name, const QString &error);
    void remove();
    void showStatus(const QString &text, bool error);

    QSplitter *splitter_;
    QTableWidget *table_;
    QLineEdit *name_;
    QComboBox *type_;
    ParameterValueEditor *value_;
    QLabel *valueError_;
    QCheckBox *secret_;
    QPushButton *save_;
    QPushButton *remove_;
    QLabel *status_;
    QList<Parameter> parameters_;
    QString loadedName_;      // the saved parameter the form shows; empty for a new one
    bool rebuilding_ = false; // the rows are being replaced: selection changes are not a person's
    bool loadedSecret_ = false;
};
