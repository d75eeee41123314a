// Takes a screenshot of each main view of the control panel, with the demo running so there is
// something to see: `tools/take-screenshots.sh` runs it under Xvfb with a real X11 window.
#include "ControlPanel.h"
#include "DemoSetup.h"
#include "MainWindow.h"
#include "models/MessageTableModel.h"
#include "pages/MappingsPage.h"
#include "pages/MessagesPage.h"
#include "Translations.h"

#include <QApplication>
#include <QDir>
#include <QHash>
#include <QScreen>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QWindow>

#include <memory>

#include <cstdio>

namespace {

void waitFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

bool capture(MainWindow *window, const QString &page, const QString &path)
{
    window->showPage(page);
    waitFor(1500); // the view asks the worker for fresh data, then paints
    const QPixmap shot = window->screen()->grabWindow(window->winId());
    if (shot.isNull() || !shot.save(path)) {
        std::fprintf(stderr, "take-screenshots: cannot write %s\n", qUtf8Printable(path));
        return false;
    }
    std::printf("%s\n", qUtf8Printable(path));
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("integrator-screenshots"));
    const QStringList arguments = QApplication::arguments();
    if (arguments.size() != 2) {
        std::fprintf(stderr, "usage: integrator_screenshots OUTPUT_DIR\n");
        return 2;
    }
    const QDir out(arguments.at(1));
    QTemporaryDir scratch;
    const DatabaseLocation location =
        DatabaseLocation::sqlite(scratch.filePath(QStringLiteral("integrator.db")));
    {
        ControlPanel empty(location);
        QString error;
        if (!empty.start(&error)) {
            std::fprintf(stderr, "take-screenshots: %s\n", qUtf8Printable(error));
            return 1;
        }
        empty.window()->resize(1280, 800);
        empty.window()->show();
        if (!capture(empty.window(), QStringLiteral("welcome"), out.filePath(QStringLiteral("welcome.png"))))
            return 1;
    }
    auto panel = std::make_unique<ControlPanel>(location);
    QString error;
    if (!panel->start(&error) || !panel->startDemo(&error)) {
        std::fprintf(stderr, "take-screenshots: %s\n", qUtf8Printable(error));
        return 1;
    }
    MainWindow *window = panel->window();
    window->resize(1280, 800);
    window->show();
    waitFor(12000); // polls, deliveries, retries and the first parked messages
    const QStringList pages{QStringLiteral("dashboard"),     QStringLiteral("messages"),
                            QStringLiteral("mappings"),      QStringLiteral("endpoints"),
                            QStringLiteral("stores"),        QStringLiteral("parameters"),
                            QStringLiteral("notifications"), QStringLiteral("compose")};
    for (const QString &page : pages) {
        if (page == QLatin1String("messages")) {
            window->showPage(page);
            auto *messages = static_cast<MessagesPage *>(window->page(page));
            waitFor(1000);
            // Show a retried message in detail: the deliveries tab with its attempts.
            for (int row = 0; row < messages->model()->rowCount(); ++row) {
                if (messages->model()->rowAt(row).summaryState() == QLatin1String("parked")) {
                    messages->table()->selectRow(row);
                    break;
                }
            }
        }
        if (page == QLatin1String("mappings")) {
            window->showPage(page);
            waitFor(1000);
            static_cast<MappingsPage *>(window->page(page))
                ->selectMapping(DemoSetup::kOrderConfirmationMapping);
        }
        // Views with a list show their first entry in detail, as a person would click it.
        const QHash<QString, QString> lists{
            {QStringLiteral("stores"), QStringLiteral("storeTable")},
            {QStringLiteral("endpoints"), QStringLiteral("endpointTable")},
            {QStringLiteral("notifications"), QStringLiteral("notificationTable")}};
        if (lists.contains(page)) {
            window->showPage(page);
            waitFor(1000);
            if (auto *list = window->page(page)->findChild<QTableView *>(lists.value(page)))
                list->selectRow(0);
        }
        if (!capture(window, page, out.filePath(page + QStringLiteral(".png"))))
            return 1;
    }
    // The same log in German, for the user guide's word on languages (a window is built in the language
    // installed when it is made).
    panel.reset();
    Translations::install(QStringLiteral("de"));
    ControlPanel german(location);
    if (!german.start(&error)) {
        std::fprintf(stderr, "take-screenshots: %s\n", qUtf8Printable(error));
        return 1;
    }
    german.window()->resize(1280, 800);
    german.window()->show();
    return capture(german.window(), QStringLiteral("dashboard"),
                   out.filePath(QStringLiteral("dashboard-de.png")))
               ? 0
               : 1;
}
