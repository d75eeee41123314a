#include "widgets/EndpointFlowPanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

EndpointFlowPanel::EndpointFlowPanel(QWidget *parent)
    : QWidget(parent)
    , summary_(new QLabel)
    , pause_(new QPushButton(tr("Pause")))
    , resume_(new QPushButton(tr("Resume")))
{
    summary_->setObjectName(QStringLiteral("endpointFlowSummary"));
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    pause_->setObjectName(QStringLiteral("pauseEndpoint"));
    pause_->setToolTip(tr("Send nothing to this endpoint until a person resumes it; its deliveries wait "
                          "and keep their retries"));
    resume_->setObjectName(QStringLiteral("resumeEndpoint"));
    resume_->setToolTip(tr("Send to this endpoint again, starting with the deliveries that waited"));
    connect(pause_, &QPushButton::clicked, this, &EndpointFlowPanel::pauseRequested);
    connect(resume_, &QPushButton::clicked, this, &EndpointFlowPanel::resumeRequested);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(pause_);
    layout->addWidget(resume_);
    layout->addWidget(summary_, 1);
    updateButtons();
}

void EndpointFlowPanel::showStatus(const std::optional<EndpointStatus> &status)
{
    status_ = status;
    summary_->setText(status ? summaryOf(*status) : QString());
    updateButtons();
}

void EndpointFlowPanel::setBusy(bool busy)
{
    busy_ = busy;
    updateButtons();
}

void EndpointFlowPanel::updateButtons()
{
    pause_->setEnabled(!busy_ && status_ && status_->canBePaused());
    resume_->setEnabled(!busy_ && status_ && status_->canBeResumed());
}

QString EndpointFlowPanel::stateText(EndpointFlow::State state)
{
    switch (state) {
    case EndpointFlow::State::Active:
        return tr("active");
    case EndpointFlow::State::Paused:
        return tr("paused");
    case EndpointFlow::State::Probing:
        return tr("probing");
    }
    return {};
}

QString EndpointFlowPanel::successText(const std::optional<double> &rate)
{
    return rate ? tr("%1%").arg(*rate * 100, 0, 'f', 1) : QString();
}

QString EndpointFlowPanel::latencyText(const std::optional<qint64> &milliseconds)
{
    return milliseconds ? tr("%1 ms").arg(*milliseconds) : QString();
}

QString EndpointFlowPanel::summaryOf(const EndpointStatus &status) const
{
    QStringList parts;
    if (status.state == EndpointFlow::State::Active)
        parts << tr("Active");
    else if (status.pausedBy == EndpointFlow::PausedBy::Person)
        parts << tr("Paused by a person until a person resumes it");
    else
        parts << tr("Paused by the circuit breaker (%1), probed until a delivery succeeds: %2")
                     .arg(stateText(status.state), status.pausedReason);
    parts << tr("%n in flight", nullptr, int(status.inFlight))
          << tr("%n waiting to be sent", nullptr, int(status.pending));
    if (status.successRate)
        parts << tr("last hour: %n attempt(s), %1 succeeded, p50 %2, p95 %3", nullptr,
                    int(status.attemptsLastHour))
                     .arg(successText(status.successRate), latencyText(status.latencyP50Ms),
                          latencyText(status.latencyP95Ms));
    else
        parts << tr("no attempt in the last hour");
    return parts.join(QStringLiteral("; "));
}
