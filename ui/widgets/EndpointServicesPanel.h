#pragma once

#include "model/Endpoint.h"
#include "model/EndpointDescription.h"
#include "model/Message.h"
#include "pages/Page.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTreeWidget;

// The services of the endpoint in the form: read from its endpoint.json on request, each with a
// one-click "Create mapping" that subscribes it as the endpoint recommends; and a test message sent
// to one service, showing what the endpoint answered.
class EndpointServicesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit EndpointServicesPanel(UiContext context, QWidget *parent = nullptr);

    // The endpoint as the form shows it (saved or not) and the token typed there, if any.
    void setEndpoint(const Endpoint &endpoint, const QString &typedToken);
    void clearServices();
    void saveState(QSettings &settings) const;
    void restoreState(const QSettings &settings);

Q_SIGNALS:
    void mappingCreated(const QString &name);

private:
    QWidget *buildTestMessage();
    void fetchServices();
    void showDescription(const EndpointDescription &description);
    void addServiceItem(const EndpointDescription::Service &service);
    void createMapping(const EndpointDescription::Service &service);
    void sendTestMessage();
    Message testMessage(const QString &type) const;
    void updateTestChoices();

    UiContext context_;
    Endpoint endpoint_;
    QString typedToken_;
    EndpointDescription description_;
    // Counts the endpoints (and addresses) the panel was given: an answer asked for under another count is
    // about an endpoint the form no longer shows.
    int generation_ = 0;
    QPushButton *fetch_;
    QLabel *servicesStatus_;
    QTreeWidget *services_;
    QComboBox *testService_;
    QComboBox *testType_;
    QPushButton *sendTest_;
    QLabel *testResult_;
};
