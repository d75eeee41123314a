#include "NotificationsPage.h"

NotificationsPage::NotificationsPage(UiContext context, QWidget *parent)
    : Page(context, parent)
{}
