#pragma once

#include "model/EndpointStatus.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;

// Whether the endpoint in the form is sent to, and why not: its state with the reason of a pause, how
// its last hour went, and Pause and Resume for a person. The buttons follow the state the last refresh
// read; while a change is on its way (setBusy) neither can be clicked again.
class EndpointFlowPanel : public QWidget
{
    Q_OBJECT
public:
    explicit EndpointFlowPanel(QWidget *parent = nullptr);

    // No status: the form shows a new endpoint, or one not read yet.
    void showStatus(const std::optional<EndpointStatus> &status);
    void setBusy(bool busy);

    // For the table and the summary: "active", "paused", "probing" in the window's language.
    static QString stateText(EndpointFlow::State state);
    static QString successText(const std::optional<double> &rate);         // "91.7%", or "" without attempts
    static QString latencyText(const std::optional<qint64> &milliseconds); // "12 ms", or ""

Q_SIGNALS:
    void pauseRequested();
    void resumeRequested();

private:
    QString summaryOf(const EndpointStatus &status) const;
    void updateButtons();

    QLabel *summary_;
    QPushButton *pause_;
    QPushButton *resume_;
    std::optional<EndpointStatus> status_;
    bool busy_ = false;
};
