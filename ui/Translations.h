#pragma once

#include <QString>
#include <QStringList>

// The control panel's languages. English is the source language; German and Brazilian Portuguese come as
// .qm files embedded under :/i18n (built from translations/*.ts). The QSettings key "language" holds the
// user's choice: "" follows the system, or one of languages(). A change takes effect at the next start,
// because install() must run before any widget is built.
namespace Translations {

// Every language the control panel speaks: "en", "de", "pt_BR".
QStringList languages();
// The language's own name, as a language menu lists it ("Deutsch").
QString nativeName(const QString &language);

// The QSettings key and its value; an unknown value counts as "" (follow the system).
QString settingKey();
QString configuredLanguage();
void setConfiguredLanguage(const QString &language);

// The language shown for a setting: the setting itself when it is one of languages(), otherwise the first
// of the preferred UI languages ("de-AT", "pt-BR", as QLocale::uiLanguages() lists them) that has a
// translation, by exact name and then by language alone; English when none has.
QString resolve(const QString &setting, const QStringList &uiLanguages);

// Installs the application's translator, and Qt's own (qtbase_*.qm from the Qt installation, when it is
// there, for the standard dialogs), for `setting`; "" follows the default locale, which is the system's
// unless QLocale::setDefault() changed it. Replaces what an earlier call installed, so "en" removes every
// other language and installs only English plural forms ("1 message" for "%n message(s)"). Returns the
// language in effect. Call it after QApplication exists, before widgets are built.
QString install(const QString &setting);
// install(configuredLanguage()): what the program does at startup.
QString installConfigured();
// The language the last install() put into effect ("en" before any).
QString current();

} // namespace Translations
