#include "ControlPanel.h"

#include "BackgroundWorker.h"
#include "DemoSetup.h"
#include "EngineHost.h"
#include "MainWindow.h"
#include "secrets/CredentialStore.h"
#include "storage/Database.h"

#include <memory>

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

void ControlPanel::start()
{
    credentials_ = std::make_unique<CredentialStore>();
    // The keychain may take seconds (or start late): the window does not wait for it, the engine holds
    // what needs a secret until the key is there.
    credentials_->loadMasterKeyInBackground();
    worker_ = std::make_unique<BackgroundWorker>(location_);
    worker_->start();
    engine_ = std::make_unique<EngineHost>(location_, credentials_.get());
    engine_->start();
    context_ = UiContext{worker_.get(), engine_.get(), credentials_.get()};
    window_ = std::make_unique<MainWindow>(context_);
    QObject::connect(window_.get(), &MainWindow::demoRequested, window_.get(), [this] {
        QString reason;
        if (demo_)
            window_->showStatus(QObject::tr("The demo is already running."));
        else
            startDemo(&reason); // it fails only when a demo runs already
    });
    window_->showFirstRunIfEmpty();
}

// The servers start on this thread (they answer on its event loop); reading what earlier runs polled and
// writing the configuration run on the worker, so a locked or slow database never holds the window.
bool ControlPanel::startDemo(QString *error)
{
    if (demo_) {
        *error = QObject::tr("the demo is already running");
        return false;
    }
    demo_ = std::make_unique<DemoSetup>();
    if (window_)
        window_->showPage(QStringLiteral("dashboard"));
    auto history = std::make_shared<DemoSetup::History>();
    auto reason = std::make_shared<QString>();
    worker_->post(
        demo_.get(),
        [history, reason](const Database &db) { DemoSetup::readHistory(db, history.get(), reason.get()); },
        [this, history, reason] {
            if (worker_->state() == BackgroundWorker::State::Failed)
                return demoFailed(worker_->openError());
            if (!reason->isEmpty() || !demo_->startServers(*history, reason.get()))
                return demoFailed(*reason);
            writeDemoConfiguration();
        });
    return true;
}

void ControlPanel::writeDemoConfiguration()
{
    auto reason = std::make_shared<QString>();
    // The credential store is shared between threads; the worker waits for the keychain if it must.
    worker_->post(
        demo_.get(),
        [configuration = demo_->configuration(), credentials = credentials_.get(),
         reason](const Database &db) {
            DemoSetup::writeConfiguration(configuration, db, *credentials, reason.get());
        },
        [this, reason] {
            if (!reason->isEmpty())
                return demoFailed(*reason);
            demo_->begin();
            engine_->wake();
            if (window_)
                window_->showStatus(demo_->summary());
        });
}

void ControlPanel::demoFailed(const QString &reason)
{
    demo_.reset();
    if (window_)
        window_->showStatus(QObject::tr("The demo did not start: %1").arg(reason));
    else
        qWarning("Integrator: the demo did not start: %s", qPrintable(reason));
}
