#include "PostgresCluster.h"

#include <QCollator>
#include <QDir>
#include <QProcess>
#include <QTcpServer>

#include <algorithm>
#include <unistd.h>

namespace {

QString newestPostgresBin()
{
    QStringList versions =
        QDir(QStringLiteral("/usr/lib/postgresql")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCollator numeric;
    numeric.setNumericMode(true);
    std::sort(versions.begin(), versions.end(), numeric);
    return versions.isEmpty() ? QString() : QStringLiteral("/usr/lib/postgresql/%1/bin").arg(versions.last());
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

PostgresCluster::PostgresCluster()
    : bin_(newestPostgresBin())
{}

PostgresCluster::~PostgresCluster()
{
    QString ignored;
    if (running_)
        run(QStringLiteral("pg_ctl"),
            {QStringLiteral("-D"), dir_.filePath(QStringLiteral("data")), QStringLiteral("-m"),
             QStringLiteral("immediate"), QStringLiteral("stop")},
            &ignored);
}

// PostgreSQL refuses to run as root: as root (CI), the tools run as the postgres user, who must own
// the folder.
bool PostgresCluster::run(const QString &tool, const QStringList &arguments, QString *error) const
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setWorkingDirectory(dir_.path()); // the postgres user may not enter the test's own folder
    const QString program = bin_ + QLatin1Char('/') + tool;
    if (::geteuid() == 0)
        process.start(QStringLiteral("runuser"), QStringList{QStringLiteral("-u"), QStringLiteral("postgres"),
                                                             QStringLiteral("--"), program} +
                                                     arguments);
    else
        process.start(program, arguments);
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        *error =
            QStringLiteral("%1 failed: %2").arg(tool, QString::fromLocal8Bit(process.readAll()).trimmed());
        return false;
    }
    return true;
}

bool PostgresCluster::start(QString *error)
{
    if (bin_.isEmpty()) {
        *error = QStringLiteral("PostgreSQL is not installed (packaging/install-deps.sh installs it)");
        return false;
    }
    if (!dir_.isValid()) {
        *error = QStringLiteral("cannot create a temporary folder for the cluster");
        return false;
    }
    const QString data = dir_.filePath(QStringLiteral("data"));
    if (!created_) {
        if (::geteuid() == 0 &&
            QProcess::execute(QStringLiteral("chown"), {QStringLiteral("postgres"), dir_.path()}) != 0) {
            *error = QStringLiteral("cannot give %1 to the postgres user").arg(dir_.path());
            return false;
        }
        if (!run(QStringLiteral("initdb"),
                 {QStringLiteral("-D"), data, QStringLiteral("--auth=trust"), QStringLiteral("-U"),
                  QStringLiteral("integrator")},
                 error))
            return false;
        created_ = true;
        port_ = freePort();
    }
    const QString options =
        QStringLiteral("-c listen_addresses=127.0.0.1 -p %1 -k %2 -c fsync=off").arg(port_).arg(dir_.path());
    if (!run(QStringLiteral("pg_ctl"),
             {QStringLiteral("-D"), data, QStringLiteral("-l"), dir_.filePath(QStringLiteral("server.log")),
              QStringLiteral("-w"), QStringLiteral("-o"), options, QStringLiteral("start")},
             error))
        return false;
    running_ = true;
    return true;
}

bool PostgresCluster::stop(QString *error)
{
    if (!run(QStringLiteral("pg_ctl"),
             {QStringLiteral("-D"), dir_.filePath(QStringLiteral("data")), QStringLiteral("-m"),
              QStringLiteral("fast"), QStringLiteral("-w"), QStringLiteral("stop")},
             error))
        return false;
    running_ = false;
    return true;
}

QString PostgresCluster::url() const
{
    return QStringLiteral("postgresql://integrator@127.0.0.1:%1/postgres").arg(port_);
}
