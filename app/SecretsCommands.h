#pragma once

#include <QCommandLineParser>
#include <QStringList>

#include <functional>
#include <memory>

class CredentialStore;
class Database;

// `integrator secrets new-key | export-key | rotate-key [--new-key-file PATH] | status [--json]`: the
// master key that seals this database's secrets. Each returns the exit status; failures print one line.
class SecretsCommands
{
public:
    using DatabaseOpener = std::function<bool(std::unique_ptr<Database> *)>;

    SecretsCommands(const QCommandLineParser &parser, CredentialStore &credentials,
                    DatabaseOpener openDatabase);

    int run(const QStringList &arguments);

private:
    int newKey();
    int exportKey();
    int rotateKey();
    int status();
    int fail(const QString &message, int exitStatus = 1) const;

    const QCommandLineParser &parser_;
    CredentialStore &credentials_;
    DatabaseOpener openDatabase_;
};
