#pragma once

#include "Page.h"

class MappingsPage : public Page
{
    Q_OBJECT
public:
    explicit MappingsPage(UiContext context, QWidget *parent = nullptr);
    QString title() const override { return tr("Mappings"); }
};
