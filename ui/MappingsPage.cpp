#include "MappingsPage.h"

MappingsPage::MappingsPage(UiContext context, QWidget *parent)
    : Page(context, parent)
{}
