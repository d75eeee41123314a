#include "ControlPanel.h"
#include "EngineHost.h"
#include "MainWindow.h"
#include "PanelStart.h"
#include "TestDatabase.h"

#include <QIcon>
#include <QImage>
#include <QListWidget>
#include <QStandardPaths>
#include <QTest>

// The window's frame: every view is reachable, an empty database opens on the welcome page, and the
// engine runs in-process unless another engine holds the database.
class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void emptyDatabaseOpensOnWelcome()
    {
        TestDatabase database;
        QVERIFY2(database.isValid(), qPrintable(database.error()));
        ControlPanel panel(database.location());
        QString error;
        QVERIFY2(startAndWaitUntilOpen(panel, &error), qPrintable(error));
        QTRY_COMPARE(panel.window()->currentPage()->objectName(), QStringLiteral("welcome"));
        QVERIFY(panel.context().engine->runsEngine());
    }

    void everyViewIsReachableByShortcut()
    {
        TestDatabase database;
        ControlPanel panel(database.location());
        QString error;
        QVERIFY2(startAndWaitUntilOpen(panel, &error), qPrintable(error));
        MainWindow *window = panel.window();
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        const QStringList pages{
            QStringLiteral("welcome"),    QStringLiteral("dashboard"),     QStringLiteral("messages"),
            QStringLiteral("mappings"),   QStringLiteral("endpoints"),     QStringLiteral("stores"),
            QStringLiteral("parameters"), QStringLiteral("notifications"), QStringLiteral("compose")};
        auto *navigation = window->findChild<QListWidget *>(QStringLiteral("navigation"));
        QVERIFY(navigation);
        QCOMPARE(navigation->count(), pages.size());
        for (int i = 0; i < pages.size(); ++i) {
            QTest::keyClick(window, Qt::Key(Qt::Key_1 + i), Qt::ControlModifier);
            QCOMPARE(window->currentPage()->objectName(), pages.at(i));
        }
    }

    // Each view has an icon: the theme's, or the bundled SVG where the theme has none (the offscreen
    // platform has no theme at all), which needs the SVG icon engine (libqt6svg6).
    void everyViewHasAnIconEvenWithoutATheme()
    {
        TestDatabase database;
        ControlPanel panel(database.location());
        QString error;
        QVERIFY2(startAndWaitUntilOpen(panel, &error), qPrintable(error));
        auto *navigation = panel.window()->findChild<QListWidget *>(QStringLiteral("navigation"));
        QVERIFY(navigation);
        for (int i = 0; i < navigation->count(); ++i) {
            const QListWidgetItem *item = navigation->item(i);
            QVERIFY2(!item->icon().isNull(), qPrintable(item->text()));
            const QImage image = item->icon().pixmap(QSize(20, 20)).toImage();
            QVERIFY2(!image.isNull(), qPrintable(item->text()));
            bool drawn = false; // not a blank square: the SVG was rendered
            for (int y = 0; y < image.height() && !drawn; ++y) {
                for (int x = 0; x < image.width() && !drawn; ++x)
                    drawn = qAlpha(image.pixel(x, y)) > 0;
            }
            QVERIFY2(drawn, qPrintable(item->text()));
        }
    }

    void secondEngineMakesAControlPanelOnly()
    {
        if (TestDatabase::usePostgres())
            QSKIP("several engines share a PostgreSQL database by design");
        TestDatabase database;
        ControlPanel first(database.location());
        ControlPanel second(database.location());
        QString error;
        QVERIFY2(startAndWaitUntilOpen(first, &error), qPrintable(error));
        QVERIFY2(startAndWaitUntilOpen(second, &error), qPrintable(error));
        QVERIFY(first.context().engine->runsEngine());
        QVERIFY(!second.context().engine->runsEngine());
        QVERIFY2(second.context().engine->status().startsWith(QStringLiteral("Control panel only")),
                 qPrintable(second.context().engine->status()));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
