#pragma once

#include "Page.h"

class ComposePage : public Page
{
    Q_OBJECT
public:
    explicit ComposePage(UiContext context, QWidget *parent = nullptr);
    QString title() const override { return tr("Compose"); }
    void setDocument(const QString &json);
};
