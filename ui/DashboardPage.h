#pragma once

#include "Page.h"

class DashboardPage : public Page
{
    Q_OBJECT
public:
    explicit DashboardPage(UiContext context, QWidget *parent = nullptr);
    QString title() const override { return tr("Dashboard"); }

Q_SIGNALS:
    void healthChanged(int parked, int storesDown);
};
