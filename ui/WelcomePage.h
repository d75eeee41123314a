#pragma once

#include "Page.h"

class WelcomePage : public Page
{
    Q_OBJECT
public:
    explicit WelcomePage(UiContext context, QWidget *parent = nullptr);
    QString title() const override { return tr("Welcome"); }
};
