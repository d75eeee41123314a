#pragma once

#include "Page.h"

class ParametersPage : public Page
{
    Q_OBJECT
public:
    explicit ParametersPage(UiContext context, QWidget *parent = nullptr);
    QString title() const override { return tr("Parameters"); }
};
