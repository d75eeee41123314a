#include "widgets/FormFeedback.h"

#include <QLabel>

namespace FormFeedback {

namespace {

const QString kErrorColour = QStringLiteral("color: #b00020;");

} // namespace

QLabel *statusLabel(const QString &objectName)
{
    auto *label = new QLabel;
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // long reasons: see the tooltip
    return label;
}

void setStatusText(QLabel *label, const QString &text, bool error)
{
    label->setText(text);
    label->setToolTip(text);
    label->setStyleSheet(error ? kErrorColour : QString());
}

QLabel *fieldErrorLabel(const QString &objectName)
{
    auto *label = new QLabel;
    label->setObjectName(objectName);
    label->setStyleSheet(kErrorColour);
    label->setWordWrap(true);
    label->hide();
    return label;
}

void setFieldError(QLabel *label, const QString &error)
{
    label->setText(error);
    label->setVisible(!error.isEmpty());
}

} // namespace FormFeedback
