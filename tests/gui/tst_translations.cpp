#include "ControlPanel.h"
#include "MainWindow.h"
#include "PanelStart.h"
#include "TestDatabase.h"
#include "Translations.h"

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>

// The control panel in another language: the translators go in through the same call the program makes at
// startup (Translations::installConfigured() reads the "language" setting), then a real main window shows
// German or Brazilian Portuguese. "" follows the default locale; "en" keeps the source strings.
class TestTranslations : public QObject
{
    Q_OBJECT

    static QStringList navigationTexts(MainWindow *window)
    {
        QStringList texts;
        auto *navigation = window->findChild<QListWidget *>(QStringLiteral("navigation"));
        for (int i = 0; navigation && i < navigation->count(); ++i)
            texts << navigation->item(i)->text();
        return texts;
    }

    static QStringList menuTitles(MainWindow *window)
    {
        QStringList titles;
        const QList<QAction *> actions = window->menuBar()->actions();
        for (const QAction *action : actions)
            titles << action->text();
        return titles;
    }

    static QString installWithSetting(const QString &value)
    {
        QSettings().setValue(Translations::settingKey(), value);
        return Translations::installConfigured();
    }

    // The window of a started control panel on a scratch database, or a failed QVERIFY.
    static void startPanel(ControlPanel &panel)
    {
        QString error;
        QVERIFY2(startAndWaitUntilOpen(panel, &error), qPrintable(error));
        QVERIFY(panel.window());
    }

private Q_SLOTS:
    void englishHasItsPluralForms()
    {
        QCOMPARE(Translations::install(QStringLiteral("en")), QStringLiteral("en"));
        QCOMPARE(QCoreApplication::translate("MessagesPage", "%n message(s)", nullptr, 1),
                 QStringLiteral("1 message"));
        QCOMPARE(QCoreApplication::translate("MessagesPage", "%n message(s)", nullptr, 3),
                 QStringLiteral("3 messages"));
        QCOMPARE(QCoreApplication::translate("MessagesPage", "Replayed %n deliver(y/ies)", nullptr, 2),
                 QStringLiteral("Replayed 2 deliveries"));
    }

    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void cleanup()
    {
        Translations::install(QStringLiteral("en"));
        QLocale::setDefault(QLocale::system());
        QSettings().remove(Translations::settingKey());
    }

    void resolvesSettingAndPreferredLanguages_data()
    {
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QStringList>("uiLanguages");
        QTest::addColumn<QString>("expected");
        const QStringList german{QStringLiteral("de-DE"), QStringLiteral("de")};
        QTest::newRow("system, German") << QString() << german << QStringLiteral("de");
        QTest::newRow("system, Austrian German")
            << QString() << QStringList{QStringLiteral("de-AT")} << QStringLiteral("de");
        QTest::newRow("system, Brazilian")
            << QString() << QStringList{QStringLiteral("pt-BR")} << QStringLiteral("pt_BR");
        QTest::newRow("system, Portugal falls back to Brazilian")
            << QString() << QStringList{QStringLiteral("pt-PT")} << QStringLiteral("pt_BR");
        QTest::newRow("system, French then German")
            << QString() << QStringList{QStringLiteral("fr-FR"), QStringLiteral("fr"), QStringLiteral("de")}
            << QStringLiteral("de");
        QTest::newRow("system, English first")
            << QString() << QStringList{QStringLiteral("en-US"), QStringLiteral("de")}
            << QStringLiteral("en");
        QTest::newRow("system, nothing translated")
            << QString() << QStringList{QStringLiteral("ja-JP")} << QStringLiteral("en");
        QTest::newRow("setting wins over the system")
            << QStringLiteral("pt_BR") << german << QStringLiteral("pt_BR");
        QTest::newRow("English setting on a German system")
            << QStringLiteral("en") << german << QStringLiteral("en");
        QTest::newRow("unknown setting follows the system")
            << QStringLiteral("xx") << german << QStringLiteral("de");
    }

    void resolvesSettingAndPreferredLanguages()
    {
        QFETCH(QString, setting);
        QFETCH(QStringList, uiLanguages);
        QFETCH(QString, expected);
        QCOMPARE(Translations::resolve(setting, uiLanguages), expected);
    }

    void germanControlPanel()
    {
        QCOMPARE(installWithSetting(QStringLiteral("de")), QStringLiteral("de"));
        QCOMPARE(Translations::current(), QStringLiteral("de"));
        TestDatabase database;
        QVERIFY2(database.isValid(), qPrintable(database.error()));
        ControlPanel panel(database.location());
        startPanel(panel);
        MainWindow *window = panel.window();
        QCOMPARE(
            navigationTexts(window),
            (QStringList{QStringLiteral("Willkommen"), QStringLiteral("Übersicht"),
                         QStringLiteral("Nachrichten"), QStringLiteral("Zuordnungen"),
                         QStringLiteral("Endpunkte"), QStringLiteral("Shops"), QStringLiteral("Parameter"),
                         QStringLiteral("Benachrichtigungen"), QStringLiteral("Verfassen")}));
        QCOMPARE(
            menuTitles(window),
            (QStringList{QStringLiteral("&Datei"), QStringLiteral("&Bearbeiten"), QStringLiteral("&Gehe zu"),
                         QStringLiteral("&Einstellungen"), QStringLiteral("&Hilfe")}));
        auto *language = window->findChild<QMenu *>(QStringLiteral("languageMenu"));
        QVERIFY(language);
        QCOMPARE(language->title(), QStringLiteral("&Sprache"));
        // Shortcuts stay as they are: the translated key sequence still parses.
        const QList<QAction *> fileActions = window->menuBar()->actions().first()->menu()->actions();
        QCOMPARE(fileActions.first()->text(), QStringLiteral("Konfiguration &importieren..."));
        QCOMPARE(fileActions.first()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_I));
        QTRY_COMPARE(window->currentPage()->objectName(), QStringLiteral("welcome"));
    }

    void germanStandardDialogsWhenQtShipsThem()
    {
        const QString qtTranslations = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
        if (!QDir(qtTranslations).exists(QStringLiteral("qtbase_de.qm")))
            QSKIP("no qtbase_de.qm in the Qt installation (Debian: qt6-translations-l10n)");
        QCOMPARE(installWithSetting(QStringLiteral("de")), QStringLiteral("de"));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Abbrechen"));
    }

    void brazilianControlPanel()
    {
        QCOMPARE(installWithSetting(QStringLiteral("pt_BR")), QStringLiteral("pt_BR"));
        TestDatabase database;
        QVERIFY2(database.isValid(), qPrintable(database.error()));
        ControlPanel panel(database.location());
        startPanel(panel);
        MainWindow *window = panel.window();
        QCOMPARE(
            navigationTexts(window),
            (QStringList{QStringLiteral("Boas-vindas"), QStringLiteral("Painel"), QStringLiteral("Mensagens"),
                         QStringLiteral("Mapeamentos"), QStringLiteral("Endpoints"), QStringLiteral("Lojas"),
                         QStringLiteral("Parâmetros"), QStringLiteral("Notificações"),
                         QStringLiteral("Compor")}));
        QCOMPARE(menuTitles(window),
                 (QStringList{QStringLiteral("&Arquivo"), QStringLiteral("&Editar"), QStringLiteral("&Ir"),
                              QStringLiteral("&Configurações"), QStringLiteral("Aj&uda")}));
    }

    void systemLanguageIsFollowed()
    {
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        QCOMPARE(installWithSetting(QString()), QStringLiteral("de"));
        QCOMPARE(QCoreApplication::translate("MainWindow", "&File"), QStringLiteral("&Datei"));

        QLocale::setDefault(QLocale(QLocale::Portuguese, QLocale::Brazil));
        QCOMPARE(installWithSetting(QString()), QStringLiteral("pt_BR"));
        QCOMPARE(QCoreApplication::translate("MainWindow", "&File"), QStringLiteral("&Arquivo"));

        QLocale::setDefault(QLocale(QLocale::French, QLocale::France));
        QCOMPARE(installWithSetting(QString()), QStringLiteral("en"));
        QCOMPARE(QCoreApplication::translate("MainWindow", "&File"), QStringLiteral("&File"));
    }

    void englishSettingOnAGermanSystem()
    {
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        QCOMPARE(installWithSetting(QStringLiteral("de")), QStringLiteral("de"));
        // Switching back removes the German translators installed just before.
        QCOMPARE(installWithSetting(QStringLiteral("en")), QStringLiteral("en"));
        TestDatabase database;
        QVERIFY2(database.isValid(), qPrintable(database.error()));
        ControlPanel panel(database.location());
        startPanel(panel);
        MainWindow *window = panel.window();
        const QStringList navigation = navigationTexts(window);
        QCOMPARE(navigation.size(), 9);
        QCOMPARE(navigation.at(2), QStringLiteral("Messages"));
        QCOMPARE(navigation.at(3), QStringLiteral("Mappings"));
        QCOMPARE(menuTitles(window).first(), QStringLiteral("&File"));
    }

    void languageMenuStoresTheChoiceForTheNextStart()
    {
        QCOMPARE(installWithSetting(QStringLiteral("de")), QStringLiteral("de"));
        TestDatabase database;
        QVERIFY2(database.isValid(), qPrintable(database.error()));
        ControlPanel panel(database.location());
        startPanel(panel);
        MainWindow *window = panel.window();
        auto *german = window->findChild<QAction *>(QStringLiteral("language_de"));
        auto *brazilian = window->findChild<QAction *>(QStringLiteral("language_pt_BR"));
        auto *system = window->findChild<QAction *>(QStringLiteral("language_system"));
        QVERIFY(german && brazilian && system);
        QVERIFY(german->isChecked());
        QCOMPARE(brazilian->text(), QStringLiteral("Português (Brasil)"));
        QCOMPARE(system->text(), QStringLiteral("Systemsprache"));

        brazilian->trigger();
        QVERIFY(brazilian->isChecked());
        QCOMPARE(QSettings().value(Translations::settingKey()).toString(), QStringLiteral("pt_BR"));
        QCOMPARE(Translations::configuredLanguage(), QStringLiteral("pt_BR"));
        QVERIFY2(window->statusBar()->currentMessage().contains(QStringLiteral("Neustart")),
                 qPrintable(window->statusBar()->currentMessage()));
        // Nothing changes before the restart: the window keeps its German.
        QCOMPARE(Translations::current(), QStringLiteral("de"));
        QCOMPARE(navigationTexts(window).at(2), QStringLiteral("Nachrichten"));

        system->trigger();
        QCOMPARE(QSettings().value(Translations::settingKey()).toString(), QString());
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
