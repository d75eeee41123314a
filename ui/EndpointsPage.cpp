#include "EndpointsPage.h"

EndpointsPage::EndpointsPage(UiContext context, QWidget *parent)
    : Page(context, parent)
{}
