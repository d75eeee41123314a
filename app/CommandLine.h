#pragma once

#include <QCommandLineParser>
#include <QStringList>

// Parses `integrator [global options] COMMAND [arguments]` and hands the command to Commands.
class CommandLine
{
public:
    int run(const QStringList &arguments);
    static QString helpText();

private:
    QCommandLineParser parser_;
};
