#include "DashboardPage.h"

DashboardPage::DashboardPage(UiContext context, QWidget *parent)
    : Page(context, parent)
{}
