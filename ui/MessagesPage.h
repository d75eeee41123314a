#pragma once

#include "Page.h"

class MessagesPage : public Page
{
    Q_OBJECT
public:
    explicit MessagesPage(UiContext context, QWidget *parent = nullptr);
    QString title() const override { return tr("Messages"); }
};
