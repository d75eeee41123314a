#pragma once

#include "storage/DatabaseLocation.h"

#include <QCommandLineParser>
#include <QStringList>

// Parses `integrator [global options] COMMAND [arguments]` and hands the command to Commands.
class CommandLine
{
public:
    // True when the arguments name no command: the desktop program opens (needs a QApplication).
    static bool opensControlPanel(const QStringList &arguments);
    int runControlPanel(const QStringList &arguments);
    int run(const QStringList &arguments);
    static QString helpText();

private:
    void addOptions();
    bool databaseLocation(DatabaseLocation *location) const; // false after explaining on stderr
    void passDemoApi() const;
    QCommandLineParser parser_;
};
