#pragma once

#include "Page.h"

class StoresPage : public Page
{
    Q_OBJECT
public:
    explicit StoresPage(UiContext context, QWidget *parent = nullptr);
    QString title() const override { return tr("Stores"); }
};
