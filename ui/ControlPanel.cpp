#include "ControlPanel.h"

#include "BackgroundWorker.h"
#include "CredentialStore.h"
#include "EngineHost.h"
#include "MainWindow.h"

ControlPanel::ControlPanel(DatabaseLocation location)
    : location_(std::move(location))
{}

ControlPanel::~ControlPanel()
{
    // The window's pages post work to the worker: they go first, the engine last.
    window_.reset();
    worker_.reset();
    engine_.reset();
}

bool ControlPanel::start(QString *error)
{
    credentials_ = std::make_unique<CredentialStore>();
    worker_ = std::make_unique<BackgroundWorker>(location_);
    if (!worker_->start(error))
        return false;
    engine_ = std::make_unique<EngineHost>(location_, credentials_.get());
    engine_->start();
    context_ = UiContext{worker_.get(), engine_.get(), credentials_.get()};
    window_ = std::make_unique<MainWindow>(context_);
    window_->showFirstRunIfEmpty();
    return true;
}
