#pragma once

#include "pages/Page.h"
#include "storage/DatabaseLocation.h"

#include <memory>

class DemoSetup;
class MainWindow;

// Everything the desktop program runs: the keychain front, the worker thread, the in-process engine
// (or none, when another process runs it) and the main window. Tests build one on a scratch database.
class ControlPanel
{
public:
    explicit ControlPanel(DatabaseLocation location);
    ~ControlPanel();

    // Returns at once with the window built: the worker opens the database meanwhile, and when that
    // fails the window says why (the worker's opened() signal tells the caller too).
    void start();
    // Starts the sample store and endpoint on loopback and writes their configuration, in the background;
    // the status bar then says where they run, or why the demo did not start, and the engine picks the
    // store up within seconds. Once per run: false with a one-line reason when a demo runs already.
    bool startDemo(QString *error);
    DemoSetup *demo() const { return demo_.get(); }
    MainWindow *window() const { return window_.get(); }
    UiContext context() const { return context_; }

private:
    void writeDemoConfiguration();
    void demoFailed(const QString &reason);

    DatabaseLocation location_;
    UiContext context_;
    std::unique_ptr<CredentialStore> credentials_;
    std::unique_ptr<BackgroundWorker> worker_;
    std::unique_ptr<EngineHost> engine_;
    std::unique_ptr<MainWindow> window_;
    std::unique_ptr<DemoSetup> demo_;
};
