#pragma once

#include "model/Endpoint.h"
#include "pages/Page.h"

#include <QHash>
#include <QList>

class EndpointServicesPanel;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QSplitter;
class QTableWidget;

// Endpoints: the list on the left, the selected one's form on the right, its services (from its
// endpoint.json) below. The token is typed here and goes to the keychain; it is never shown again.
class EndpointsPage : public Page
{
    Q_OBJECT
public:
    explicit EndpointsPage(UiContext context, QWidget *parent = nullptr);
    QString title() const override { return tr("Endpoints"); }
    void refresh() override;
    void saveState(QSettings &settings) const override;
    void restoreState(const QSettings &settings) override;
    // Removes the endpoint the form shows, through the worker; with confirm, after asking (the Remove
    // button). A refusal (mappings still use it) is shown in the status line.
    void removeSelected(bool confirm);

private:
    QWidget *buildForm();
    QWidget *buildButtons();
    void showEndpoints(const QList<Endpoint> &endpoints, const QHash<QString, QStringList> &servicePaths);
    void selectByName(const QString &name);
    void onSelectionChanged();
    void loadIntoForm(const Endpoint &endpoint);
    void startNew();
    Endpoint formEndpoint() const;
    void onFormEdited();
    void save();
    void onSaved(const Endpoint &endpoint, const QString &error);
    void onRemoved(const QString &name, const QString &error, const QString &warning);
    void showStatus(const QString &text, bool error);

    QSplitter *splitter_;
    QTableWidget *table_;
    QLineEdit *name_;
    QLineEdit *url_;
    QLabel *urlError_;
    QLineEdit *token_;
    QSpinBox *maxInFlight_;
    QCheckBox *allowSelfSigned_;
    QPushButton *save_;
    QPushButton *remove_;
    QLabel *status_;
    EndpointServicesPanel *services_;
    QList<Endpoint> endpoints_;
    QString loadedName_;      // the saved endpoint the form shows; empty for a new one
    bool rebuilding_ = false; // the rows are being replaced: selection changes are not a person's
};
