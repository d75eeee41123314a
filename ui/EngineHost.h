#pragma once

#include "storage/DatabaseLocation.h"

#include <QObject>
#include <QTimer>

#include <memory>

class CredentialStore;
class Engine;

// Runs the engine inside the control panel's process, or, when another process already runs it on
// the same database, leaves the window a control panel only. Either way it tells the views when to
// look again (activity()), coalesced so a busy engine does not flood the GUI thread.
class EngineHost : public QObject
{
    Q_OBJECT
public:
    EngineHost(DatabaseLocation location, CredentialStore *credentials, QObject *parent = nullptr);
    ~EngineHost() override;

    // Returns at once; status() says the engine is starting until it runs or could not start.
    void start();
    // This process holds the engine lock: the engine runs here, or is starting.
    bool runsEngine() const { return engine_ != nullptr; }
    QString status() const { return status_; } // one line for the status bar
    // After a write that creates work (push, replay): the engine, here or elsewhere, starts at once.
    void wake();
    void pollNow(const QString &store = {});
    // How often views look again when nothing here reports activity (another process's engine).
    static constexpr int kRefreshIntervalMs = 2000;

Q_SIGNALS:
    void activity();
    void statusChanged();

private:
    void onStarted(const QString &error);
    void noteActivity();
    void serveMetrics();
    QString runningStatus() const;
    QString controlPanelOnlyStatus(const QString &reason) const;

    DatabaseLocation location_;
    CredentialStore *credentials_;
    std::unique_ptr<Engine> engine_;

    QString status_;
    QTimer coalesce_;
    QTimer refresh_;
};
