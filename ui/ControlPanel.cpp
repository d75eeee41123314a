#include "ControlPanel.h"

#include "BackgroundWorker.h"
#include "DemoSetup.h"
#include "EngineHost.h"
#include "MainWindow.h"
#include "secrets/CredentialStore.h"
#include "storage/Database.h"

// resources.qrc is compiled into the static integrator_ui library, whose linker keeps an object file
// only when something refers to it: without this call the icons and sample messages were left out.
static void loadBundledResources()
{
    Q_INIT_RESOURCE(resources);
}

ControlPanel::ControlPanel(DatabaseLocation location)
    : location_(std::move(location))
{
    loadBundledResources();
}

ControlPanel::~ControlPanel()
{
    // The window's pages post work to the worker: they go first, the engine last.
    window_.reset();
    worker_.reset();
    demo_.reset();
    engine_.reset();
}

bool ControlPanel::start(QString *error)
{
    credentials_ = std::make_unique<CredentialStore>();
    // The keychain may take seconds (or start late): the window does not wait for it, the engine holds
    // what needs a secret until the key is there.
    credentials_->loadMasterKeyInBackground();
    worker_ = std::make_unique<BackgroundWorker>(location_);
    if (!worker_->start(error))
        return false;
    engine_ = std::make_unique<EngineHost>(location_, credentials_.get());
    engine_->start();
    context_ = UiContext{worker_.get(), engine_.get(), credentials_.get()};
    window_ = std::make_unique<MainWindow>(context_);
    QObject::connect(window_.get(), &MainWindow::demoRequested, window_.get(), [this] {
        QString reason;
        if (demo_)
            window_->showStatus(QObject::tr("The demo is already running."));
        else if (!startDemo(&reason))
            window_->showStatus(QObject::tr("The demo did not start: %1").arg(reason));
    });
    window_->showFirstRunIfEmpty();
    return true;
}

bool ControlPanel::startDemo(QString *error)
{
    if (demo_) {
        *error = QObject::tr("the demo is already running");
        return false;
    }
    // One short write of configuration; the servers then answer on this thread's event loop.
    Database db(location_, QStringLiteral("demo-setup"));
    auto demo = std::make_unique<DemoSetup>();
    if (!db.open(error) || !demo->start(db, *credentials_, error))
        return false;
    demo_ = std::move(demo);
    engine_->wake();
    if (window_) {
        window_->showPage(QStringLiteral("dashboard"));
        window_->showStatus(demo_->summary());
    }
    return true;
}
