#include "SanitizerReports.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTest>

QStringList SanitizerReports::logPathsIn(const QProcessEnvironment &environment)
{
    QStringList paths;
    for (const QString &variable : {QStringLiteral("ASAN_OPTIONS"), QStringLiteral("UBSAN_OPTIONS")}) {
        // Options are separated by ':' (or spaces); log_path is one of them.
        const QStringList options =
            environment.value(variable).split(QRegularExpression(QStringLiteral("[: ]")), Qt::SkipEmptyParts);
        for (const QString &option : options) {
            if (option.startsWith(QLatin1String("log_path=")))
                paths.append(option.mid(int(qstrlen("log_path="))));
        }
    }
    paths.removeDuplicates();
    return paths;
}

QStringList SanitizerReports::filesOf(qint64 pid, const QProcessEnvironment &environment)
{
    QStringList files;
    if (pid <= 0)
        return files;
    // The runtime appends ".<pid>" to log_path.
    for (const QString &logPath : logPathsIn(environment)) {
        const QString file = logPath + QLatin1Char('.') + QString::number(pid);
        if (QFileInfo::exists(file))
            files.append(file);
    }
    return files;
}

void SanitizerReports::failOnReports(qint64 pid, const QProcessEnvironment &environment)
{
    for (const QString &path : filesOf(pid, environment)) {
        QFile file(path);
        const QByteArray report = file.open(QIODevice::ReadOnly) ? file.readAll().left(8000) : QByteArray();
        const QByteArray message = "the integrator child " + QByteArray::number(pid) +
                                   " wrote a sanitizer report (" + QFile::encodeName(path) + "):\n" + report;
        QTest::qFail(message.constData(), __FILE__, __LINE__);
    }
}
