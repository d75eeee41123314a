#pragma once

#include "model/Endpoint.h"
#include "model/EndpointStatus.h"
#include "pages/ConfigFormPage.h"

#include <QHash>
#include <QList>

class EndpointFlowPanel;
class EndpointServicesPanel;
class QCheckBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

// Endpoints: the list on the left with each one's state, backlog and last hour (live: refreshed with
// the window's other views, every 2 s while shown), the selected one's form on the right with Pause and
// Resume, its services (from its endpoint.json) below. The token is typed here and is stored sealed
// with the master key; it is never shown again.
class EndpointsPage : public ConfigFormPage
{
    Q_OBJECT
public:
    explicit EndpointsPage(UiContext context, QWidget *parent = nullptr);
    QString title() const override { return tr("Endpoints"); }
    void refresh() override;

private:
    struct Overview; // what one refresh reads

    void buildForm();
    void buildFlowControlRows();
    void fitLiveColumns();
    void onRefreshed(const Overview &overview, const QString &error);
    void showOverview(const Overview &overview);
    QStringList rowOf(const Endpoint &endpoint, const EndpointStatus *status,
                      const QHash<QString, QStringList> &servicePaths) const;
    void showFlowOfLoaded();
    void changeFlow(bool pause);
    void onFlowChanged(const QString &name, bool pause, bool changed, const QString &error);
    void loadRow(int row) override;
    void clearForm() override;
    bool prepareSave(SaveRequest *request, QString *invalid) override;
    Removal removalOf(const QString &name) const override;
    Endpoint formEndpoint() const;
    void showBasicAuthStored(bool stored);
    void onFormEdited();

    QLineEdit *url_;
    QLineEdit *token_;
    QLineEdit *basicAuth_;
    QSpinBox *maxInFlight_;
    QDoubleSpinBox *rateLimit_;
    QSpinBox *pauseAfter_;
    QDoubleSpinBox *probeInterval_;
    QCheckBox *allowSelfSigned_;
    QLineEdit *updateOrigins_; // update_origins, separated by commas or spaces
    EndpointFlowPanel *flow_;
    EndpointServicesPanel *services_;
    QList<Endpoint> endpoints_;
    QHash<QString, EndpointStatus> statuses_; // by endpoint name, as the last refresh read them
    bool refreshing_ = false;                 // a refresh is on its way through the worker
    bool refreshAgain_ = false;               // and another was asked for meanwhile
    bool flowChangeOut_ = false;              // a pause or resume is on its way through the worker
};
