#include "secrets/DatabasePasswords.h"

#include "secrets/CredentialStore.h"
#include "secrets/SecretBox.h"

#include <QSettings>

DatabasePasswords::DatabasePasswords(CredentialStore &credentials)
    : credentials_(credentials)
{}

QString DatabasePasswords::settingsKey(const DatabaseLocation &location)
{
    // Base64url: the location's key has slashes, which QSettings would read as groups.
    return QStringLiteral("databasePasswords/") +
           QString::fromLatin1(location.passwordKey().toUtf8().toBase64(QByteArray::Base64UrlEncoding |
                                                                        QByteArray::OmitTrailingEquals));
}

bool DatabasePasswords::save(const DatabaseLocation &location, const QString &password, QString *error) const
{
    credentials_.createKeyIfNone();
    const std::optional<MasterKey> key = credentials_.masterKey();
    if (!key) {
        *error = QStringLiteral("there is no master key to seal it with (%1)").arg(credentials_.keyProblem());
        return false;
    }
    QSettings settings;
    settings.setValue(settingsKey(location), SecretBox::seal(*key, location.passwordKey(), password));
    settings.sync();
    if (settings.status() != QSettings::NoError) {
        *error = QStringLiteral("cannot write %1").arg(settings.fileName());
        return false;
    }
    return true;
}

std::optional<QString> DatabasePasswords::read(const DatabaseLocation &location, QString *error) const
{
    const QByteArray sealed = QSettings().value(settingsKey(location)).toByteArray();
    if (sealed.isEmpty())
        return std::nullopt;
    const std::optional<MasterKey> key = credentials_.masterKey();
    std::optional<QString> password =
        key ? SecretBox::open(*key, location.passwordKey(), sealed) : std::nullopt;
    if (!password)
        *error = QStringLiteral("the saved password of %1 does not open with %2; set it again with "
                                "`integrator --database URL database-password set`")
                     .arg(location.describe(), key ? QStringLiteral("master key %1").arg(key->id())
                                                   : QStringLiteral("no master key"));
    return password;
}
