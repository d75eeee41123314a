#include "pages/WelcomePage.h"

#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

WelcomePage::WelcomePage(UiContext context, QWidget *parent)
    : Page(context, parent)
{
    auto *heading =
        new QLabel(tr("<h1>Welcome to Integrator</h1>"
                      "<p>Integrator watches your Spree store for new orders, customers and shipments, "
                      "turns each change into a message such as <tt>order:new</tt>, and delivers it to "
                      "the services subscribed to it: a mailer, a shipping service, your accounting. "
                      "Every attempt is recorded; failures are retried, and anything that still fails "
                      "waits for you to replay it with a click.</p>"));
    heading->setWordWrap(true);
    heading->setObjectName(QStringLiteral("welcomeHeading"));
    auto *steps = new QGridLayout;
    addStep(
        steps, 0, tr("1. Add your store"),
        tr("The store's URL and API key. Integrator polls its orders, customers, shipments and products."),
        tr("Add a store"), QStringLiteral("stores"));
    addStep(steps, 1, tr("2. Add an endpoint"),
            tr("A web service that receives messages, with its URL and token. Its endpoint.json can list the "
               "services and suggest mappings."),
            tr("Add an endpoint"), QStringLiteral("endpoints"));
    addStep(steps, 2, tr("3. Connect them with a mapping"),
            tr("Drag from a message type to a service. Filters, identifiers and retries are set in the "
               "inspector."),
            tr("Create a mapping"), QStringLiteral("mappings"));
    addStep(steps, 3, tr("4. Watch messages flow"),
            tr("Push a sample message, then follow it in the message log down to each attempt."),
            tr("Compose a message"), QStringLiteral("compose"));

    auto *demo = new QPushButton(tr("Try the demo"));
    demo->setObjectName(QStringLiteral("welcomeDemo"));
    demo->setToolTip(
        tr("Starts a sample Spree store and a sample endpoint on this computer, connected by "
           "mappings: watch messages flow, fail, retry and replay. Nothing leaves the machine."));
    connect(demo, &QPushButton::clicked, this, &WelcomePage::demoRequested);
    auto *demoRow = new QHBoxLayout;
    demoRow->addWidget(new QLabel(tr("<b>New here?</b> See it working first, with no account anywhere:")));
    demoRow->addWidget(demo);
    demoRow->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 24, 32, 24);
    layout->addWidget(heading);
    layout->addSpacing(12);
    layout->addLayout(demoRow);
    layout->addSpacing(12);
    layout->addLayout(steps);
    layout->addStretch();
}

void WelcomePage::addStep(QGridLayout *grid, int row, const QString &heading, const QString &text,
                          const QString &button, const QString &page)
{
    auto *label =
        new QLabel(QStringLiteral("<b>%1</b><br>%2").arg(heading.toHtmlEscaped(), text.toHtmlEscaped()));
    label->setWordWrap(true);
    auto *action = new QPushButton(button);
    action->setObjectName(QStringLiteral("welcome_%1").arg(page));
    connect(action, &QPushButton::clicked, this, [this, page] { Q_EMIT openPage(page); });
    grid->addWidget(label, row, 0);
    grid->addWidget(action, row, 1, Qt::AlignTop);
    grid->setColumnStretch(0, 1);
    grid->setVerticalSpacing(16);
}
