#pragma once

#include "model/Endpoint.h"
#include "pages/ConfigFormPage.h"

#include <QHash>
#include <QList>

class EndpointServicesPanel;
class QCheckBox;
class QLineEdit;
class QSpinBox;

// Endpoints: the list on the left, the selected one's form on the right, its services (from its
// endpoint.json) below. The token is typed here and goes to the keychain; it is never shown again.
class EndpointsPage : public ConfigFormPage
{
    Q_OBJECT
public:
    explicit EndpointsPage(UiContext context, QWidget *parent = nullptr);
    QString title() const override { return tr("Endpoints"); }
    void refresh() override;

private:
    void buildForm();
    void showEndpoints(const QList<Endpoint> &endpoints, const QHash<QString, QStringList> &servicePaths);
    void loadRow(int row) override;
    void clearForm() override;
    bool prepareSave(SaveRequest *request, QString *invalid) override;
    Removal removalOf(const QString &name) const override;
    Endpoint formEndpoint() const;
    void onFormEdited();

    QLineEdit *url_;
    QLineEdit *token_;
    QSpinBox *maxInFlight_;
    QCheckBox *allowSelfSigned_;
    EndpointServicesPanel *services_;
    QList<Endpoint> endpoints_;
};
