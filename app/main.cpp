#include "CommandLine.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("integrator"));
    QCoreApplication::setOrganizationName(QStringLiteral("Integrator"));
    QCoreApplication::setApplicationVersion(QStringLiteral(INTEGRATOR_VERSION));
    return CommandLine().run(QCoreApplication::arguments());
}
