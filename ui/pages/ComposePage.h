#pragma once

#include "pages/Page.h"

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

// Writes a message by hand (or edits a stored one) and pushes it, as `integrator push` would. The JSON
// is validated as it is typed, with the same parser the push API uses.
class ComposePage : public Page
{
    Q_OBJECT
public:
    explicit ComposePage(UiContext context, QWidget *parent = nullptr);
    QString title() const override { return tr("Compose"); }
    void setDocument(const QString &json);
    QString document() const;
    void push();

Q_SIGNALS:
    void pushed(const QStringList &messageIds);

private:
    void validate();
    void loadSample(int index);

    QComboBox *samples_;
    QPlainTextEdit *editor_;
    QLabel *validation_;
    QPushButton *push_;
};
