#pragma once

#include <QByteArray>
#include <QProcess>
#include <QStringList>

#include <memory>

// Runs the built `integrator` binary. Waiting spins the event loop, so endpoints living in the test's
// thread keep answering while the program runs.
struct CliResult
{
    int exitCode = -1;
    bool finished = false;
    QByteArray out;
    QByteArray err;
    QString describe() const; // for failure messages
};

CliResult runIntegrator(const QStringList &arguments, const QByteArray &input = {}, int timeoutMs = 60000,
                        const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
std::unique_ptr<QProcess>
startIntegrator(const QStringList &arguments,
                const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
bool waitForExit(QProcess &process, int timeoutMs = 60000);
