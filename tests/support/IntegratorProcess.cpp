#include "IntegratorProcess.h"

#include "SanitizerReports.h"

#include <QSignalSpy>

namespace {
// QProcess forgets the pid once the child has finished; the sanitizer report files are named by it.
const char *const kPidProperty = "integratorPid";

void failOnSanitizerReports(const QProcess &process)
{
    SanitizerReports::failOnReports(process.property(kPidProperty).toLongLong(),
                                    process.processEnvironment());
}
} // namespace

QString CliResult::describe() const
{
    return QStringLiteral("exit %1%2; stdout: %3; stderr: %4")
        .arg(exitCode)
        .arg(finished ? QString() : QStringLiteral(" (did not finish)"))
        .arg(QString::fromUtf8(out.left(2000)), QString::fromUtf8(err.left(2000)));
}

std::unique_ptr<QProcess> startIntegrator(const QStringList &arguments,
                                          const QProcessEnvironment &environment)
{
    auto process = std::make_unique<QProcess>();
    process->setProcessEnvironment(environment);
    process->setProgram(QStringLiteral(INTEGRATOR_BINARY));
    process->setArguments(arguments);
    process->start();
    process->waitForStarted();
    process->setProperty(kPidProperty, process->processId());
    return process;
}

bool waitForExit(QProcess &process, int timeoutMs)
{
    if (process.state() != QProcess::NotRunning) {
        QSignalSpy finished(&process, &QProcess::finished);
        if (!finished.wait(timeoutMs))
            return false;
    }
    failOnSanitizerReports(process);
    return true;
}

CliResult runIntegrator(const QStringList &arguments, const QByteArray &input, int timeoutMs,
                        const QProcessEnvironment &environment)
{
    std::unique_ptr<QProcess> process = startIntegrator(arguments, environment);
    if (!input.isEmpty())
        process->write(input);
    process->closeWriteChannel();
    CliResult result;
    result.finished = waitForExit(*process, timeoutMs);
    if (!result.finished) {
        process->kill();
        process->waitForFinished();
        failOnSanitizerReports(*process);
    }
    result.exitCode = process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -1;
    result.out = process->readAllStandardOutput();
    result.err = process->readAllStandardError();
    return result;
}
