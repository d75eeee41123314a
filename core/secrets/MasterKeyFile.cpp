#include "secrets/MasterKeyFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

std::optional<MasterKeyFile::Choice> MasterKeyFile::choose(const QString &optionPath)
{
    if (!optionPath.isEmpty())
        return Choice{optionPath, QStringLiteral("key file %1 (--master-key-file)").arg(optionPath)};
    const QString fromEnvironment = qEnvironmentVariable("INTEGRATOR_MASTER_KEY_FILE");
    if (!fromEnvironment.isEmpty())
        return Choice{fromEnvironment,
                      QStringLiteral("key file %1 (INTEGRATOR_MASTER_KEY_FILE)").arg(fromEnvironment)};
    const QString credentials = qEnvironmentVariable("CREDENTIALS_DIRECTORY");
    const QString systemdPath = QDir(credentials).filePath(QStringLiteral("integrator-master-key"));
    if (!credentials.isEmpty() && QFileInfo::exists(systemdPath))
        return Choice{systemdPath, QStringLiteral("systemd credential integrator-master-key")};
    return std::nullopt;
}

std::optional<MasterKey> MasterKeyFile::read(const QString &path, QString *error)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        *error = QStringLiteral("the master key file %1 does not exist").arg(path);
        return std::nullopt;
    }
    constexpr auto othersMay = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther |
                               QFile::WriteOther | QFile::ExeOther;
    if (info.permissions() & othersMay) {
        *error = QStringLiteral("the master key file %1 can be read by others than its owner; "
                                "refused: run chmod 600 %1")
                     .arg(path);
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the master key file %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QString reason;
    std::optional<MasterKey> key = MasterKey::parse(file.read(4096), &reason);
    if (!key)
        *error = QStringLiteral("%1 holds no usable key: %2").arg(path, reason);
    return key;
}
