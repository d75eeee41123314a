#pragma once

#include "storage/DatabaseLocation.h"

#include <QCommandLineParser>
#include <QStringList>

#include <functional>
#include <memory>

class Database;

// `integrator erase --match PATH=VALUE [--match ...] | MESSAGE_ID... [--dry-run] [--json]`: removes a
// person's data from the message log (MessageEraser) and prints what went. Returns the exit status;
// failures print one line.
class EraseCommand
{
public:
    using DatabaseOpener = std::function<bool(std::unique_ptr<Database> *)>;

    EraseCommand(const QCommandLineParser &parser, DatabaseLocation location, DatabaseOpener openDatabase);

    int run(const QStringList &messageIds);

private:
    int fail(const QString &message, int exitStatus = 1) const;

    const QCommandLineParser &parser_;
    DatabaseLocation location_;
    DatabaseOpener openDatabase_;
};
