#include "ComposePage.h"

ComposePage::ComposePage(UiContext context, QWidget *parent)
    : Page(context, parent)
{}

void ComposePage::setDocument(const QString &)
{}
