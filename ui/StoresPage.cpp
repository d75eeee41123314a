#include "StoresPage.h"

StoresPage::StoresPage(UiContext context, QWidget *parent)
    : Page(context, parent)
{}
