#include "MessagesPage.h"

MessagesPage::MessagesPage(UiContext context, QWidget *parent)
    : Page(context, parent)
{}
