#pragma once

#include "Page.h"

class NotificationsPage : public Page
{
    Q_OBJECT
public:
    explicit NotificationsPage(UiContext context, QWidget *parent = nullptr);
    QString title() const override { return tr("Notifications"); }
};
