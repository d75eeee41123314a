#pragma once

#include "Page.h"

class EndpointsPage : public Page
{
    Q_OBJECT
public:
    explicit EndpointsPage(UiContext context, QWidget *parent = nullptr);
    QString title() const override { return tr("Endpoints"); }
};
