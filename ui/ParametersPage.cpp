#include "ParametersPage.h"

ParametersPage::ParametersPage(UiContext context, QWidget *parent)
    : Page(context, parent)
{}
