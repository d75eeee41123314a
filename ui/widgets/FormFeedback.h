#pragma once

#include <QString>

class QLabel;

// The small pieces every configuration form shares: a one-line status label that keeps long reasons
// in its tooltip, and a red line under a field that says what is wrong with it.
namespace FormFeedback {

// A selectable one-line label; a reason longer than the label shows whole in its tooltip.
QLabel *statusLabel(const QString &objectName);
// Red for a refusal or failure, the palette's colour otherwise.
void setStatusText(QLabel *label, const QString &text, bool error);

// Red, and hidden while the field has nothing wrong with it.
QLabel *fieldErrorLabel(const QString &objectName);
void setFieldError(QLabel *label, const QString &error);

} // namespace FormFeedback
