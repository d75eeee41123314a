#include "CommandLine.h"
#include "Translations.h"

#include <QApplication>
#include <QCoreApplication>

#include <memory>

namespace {

void describeApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("integrator"));
    QCoreApplication::setOrganizationName(QStringLiteral("Integrator"));
    QCoreApplication::setApplicationVersion(QStringLiteral(INTEGRATOR_VERSION));
}

} // namespace

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    // Commands run without a display; only the control panel needs a GUI application.
    if (CommandLine::opensControlPanel(arguments)) {
        QApplication app(argc, argv);
        describeApplication();
        // The control panel speaks the language chosen in Settings > Language, or the system's. The
        // translators go in before any widget is built; describeApplication() names the settings file.
        Translations::installConfigured();
        QApplication::setApplicationDisplayName(QStringLiteral("Integrator"));
        QApplication::setDesktopFileName(QStringLiteral("io.github.integrator.Integrator"));
        return CommandLine().runControlPanel(QCoreApplication::arguments());
    }
    QCoreApplication app(argc, argv);
    describeApplication();
    // No translator here, on purpose: the commands' output, messages and errors stay in English whatever
    // the locale, so scripts that read them (and the documented --json) stay stable.
    return CommandLine().run(QCoreApplication::arguments());
}
