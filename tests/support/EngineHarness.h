#pragma once

#include "engine/Engine.h"
#include "model/Message.h"
#include "secrets/CredentialStore.h"
#include "storage/Database.h"
#include "storage/DatabaseLocation.h"

#include "TestDatabase.h"
#include <QJsonArray>
#include <QJsonObject>

#include <memory>

// A real engine on a fresh SQLite file in a temporary folder, with helpers to configure it, push
// messages and read back what happened. Everything goes through the core's public calls.
class EngineHarness
{
public:
    EngineHarness();
    ~EngineHarness();

    bool isValid() const { return error_.isEmpty(); }
    QString error() const { return error_; }
    const DatabaseLocation &location() const { return location_; }
    Database &db() { return *db_; }
    CredentialStore &credentials() { return credentials_; }
    Engine &engine() { return *engine_; }
    QString path(const QString &name) const { return database_.path(name); }
    QStringList cliArguments() const { return database_.cliArguments(); }

    // config import; returns the error, empty on success.
    QString importConfig(const QJsonObject &config);
    QString push(const QString &type, const QJsonObject &payload = {});
    QStringList pushAll(const QList<Message> &messages);

    // Tests poll stores only when they say so (pollOnce), unless they choose another mode first.
    void setPolling(Engine::Polling polling) { polling_ = polling; }
    bool start();
    // Starts the engine if needed and waits until nothing is pending, sending, waiting or retrying.
    bool runUntilIdle(int timeoutMs = 20000);
    // Polls every store (or one) once and waits until those polls are done; returns the errors.
    QStringList pollOnce(const QString &store = {}, int timeoutMs = 30000);
    // A new engine on the same database, as after a process restart.
    bool restartEngine();

    // What a person with the disk could read: the SQLite file and its -wal as they are, or the rows
    // as pg_dump writes them.
    QByteArray databaseBytes() const;

    QJsonObject show(const QString &messageId);
    QJsonObject delivery(const QString &messageId, const QString &mapping);
    QJsonArray messages(const QString &type = {});

private:
    TestDatabase database_;
    DatabaseLocation location_;
    std::unique_ptr<Database> db_;
    CredentialStore credentials_;
    std::unique_ptr<Engine> engine_;
    bool started_ = false;
    Engine::Polling polling_ = Engine::Polling::Off;
    QString error_;
};

// A mapping in config form, with the fast retry schedule tests use unless they set their own.
QJsonObject testMapping(const QString &name, const QString &endpoint, const QString &path,
                        const QStringList &messages, const QJsonObject &options = {});
QJsonObject testEndpoint(const QString &name, const QUrl &url, const QString &token = {});
