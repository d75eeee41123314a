#pragma once

#include "pages/Page.h"

class QPushButton;

// What an empty database opens on: the first steps, each one button away.
class WelcomePage : public Page
{
    Q_OBJECT
public:
    explicit WelcomePage(UiContext context, QWidget *parent = nullptr);
    QString title() const override { return tr("Welcome"); }

Q_SIGNALS:
    void demoRequested();

private:
    void addStep(class QGridLayout *grid, int row, const QString &heading, const QString &text,
                 const QString &button, const QString &page);
};
