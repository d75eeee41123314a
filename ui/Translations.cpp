#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QtGlobal>
#include <QTranslator>

#include <memory>

namespace {

const QString kSourceLanguage = QStringLiteral("en");

struct Installed
{
    std::unique_ptr<QTranslator> application;
    std::unique_ptr<QTranslator> qt;
    QString language = kSourceLanguage;
};

Installed &installed()
{
    static Installed state;
    return state;
}

QString primaryLanguage(const QString &name)
{
    return name.section(QLatin1Char('_'), 0, 0);
}

} // namespace

QStringList Translations::languages()
{
    return {kSourceLanguage, QStringLiteral("de"), QStringLiteral("pt_BR")};
}

QString Translations::nativeName(const QString &language)
{
    if (language == QLatin1String("de"))
        return QStringLiteral("Deutsch");
    if (language == QLatin1String("pt_BR"))
        return QStringLiteral("Português (Brasil)");
    if (language == kSourceLanguage)
        return QStringLiteral("English");
    return language;
}

QString Translations::settingKey()
{
    return QStringLiteral("language");
}

QString Translations::configuredLanguage()
{
    const QString language = QSettings().value(settingKey()).toString();
    return languages().contains(language) ? language : QString();
}

void Translations::setConfiguredLanguage(const QString &language)
{
    QSettings().setValue(settingKey(), languages().contains(language) ? language : QString());
}

QString Translations::resolve(const QString &setting, const QStringList &uiLanguages)
{
    const QStringList available = languages();
    if (available.contains(setting))
        return setting;
    for (QString preferred : uiLanguages) {
        preferred.replace(QLatin1Char('-'), QLatin1Char('_'));
        for (const QString &language : available) {
            if (preferred.compare(language, Qt::CaseInsensitive) == 0)
                return language;
        }
        for (const QString &language : available) {
            if (primaryLanguage(preferred).compare(primaryLanguage(language), Qt::CaseInsensitive) == 0)
                return language;
        }
    }
    return kSourceLanguage;
}

QString Translations::install(const QString &setting)
{
    Installed &state = installed();
    for (auto *translator : {state.application.get(), state.qt.get()}) {
        if (translator)
            QCoreApplication::removeTranslator(translator);
    }
    state.application.reset();
    state.qt.reset();
    state.language = kSourceLanguage;

    const QString language = resolve(setting, QLocale().uiLanguages());
    auto application = std::make_unique<QTranslator>();
    if (language == kSourceLanguage) {
        // English needs only its plural forms ("1 message", "2 messages"); the sources say "message(s)".
        if (application->load(QStringLiteral("integrator_en"), QStringLiteral(":/i18n"))) {
            QCoreApplication::installTranslator(application.get());
            state.application = std::move(application);
        }
        return state.language;
    }
    if (!application->load(QStringLiteral("integrator_") + language, QStringLiteral(":/i18n"))) {
        qWarning("Translations: no translation for %s is built in; the control panel stays in English",
                 qUtf8Printable(language));
        return state.language;
    }
    QCoreApplication::installTranslator(application.get());
    state.application = std::move(application);
    state.language = language;

    // Qt's own strings (the buttons of standard dialogs, context menus of text fields) come with the Qt
    // installation (Debian: qt6-translations-l10n); without them those stay in English.
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(QStringLiteral("qtbase_") + language, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        state.qt = std::move(qt);
    }
    return state.language;
}

QString Translations::installConfigured()
{
    return install(configuredLanguage());
}

QString Translations::current()
{
    return installed().language;
}
