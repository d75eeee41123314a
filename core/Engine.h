#pragma once

#include "DatabaseLocation.h"
#include "Dispatcher.h"

#include <QLockFile>
#include <QObject>
#include <QThread>

#include <memory>

class CredentialStore;
class WakeChannel;

// The running engine of one process: owns the dispatcher's thread, holds the database's engine lock
// (one engine per SQLite file) and listens for wake-ups from other processes.
class Engine : public QObject
{
    Q_OBJECT
public:
    Engine(DatabaseLocation location, CredentialStore *credentials, QObject *parent = nullptr);
    ~Engine() override;

    bool start(QString *error); // blocks until the dispatcher has opened its database
    void stop();                // blocks until in-flight deliveries are back in the queue
    void wake();
    static QString lockPath(const DatabaseLocation &location);

Q_SIGNALS:
    void idle();
    void failed(const QString &error);
    void recorded(int outcomes);

private:
    DatabaseLocation location_;
    CredentialStore *credentials_;
    QLockFile lock_;
    QThread thread_;
    Dispatcher *dispatcher_ = nullptr;
    WakeChannel *wakeChannel_ = nullptr;
};
