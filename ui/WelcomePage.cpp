#include "WelcomePage.h"

WelcomePage::WelcomePage(UiContext context, QWidget *parent)
    : Page(context, parent)
{}
