#include "CommandLine.h"
#include "Translations.h"

#include <QApplication>
#include <QCoreApplication>

#include <cstdio>
#include <memory>

namespace {

void describeApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("integrator"));
    QCoreApplication::setOrganizationName(QStringLiteral("Integrator"));
    QCoreApplication::setApplicationVersion(QStringLiteral(INTEGRATOR_VERSION));
}

// Qt's own message for a missing display ends in "Reinstalling the application may fix this problem",
// which sends a person the wrong way. A chosen platform (offscreen, vnc, ...) needs no display.
bool hasDisplay()
{
    return qEnvironmentVariableIsSet("QT_QPA_PLATFORM") || !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
}

} // namespace

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    // Commands run without a display; only the control panel needs a GUI application.
    if (CommandLine::opensControlPanel(arguments)) {
        if (!hasDisplay()) {
            std::fprintf(stderr, "integrator: no display to open the control panel on (neither DISPLAY nor "
                                 "WAYLAND_DISPLAY is set); on a server run the engine with 'integrator run' "
                                 "(see 'integrator --help')\n");
            return 1;
        }
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
