#include "DatabaseLocation.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

DatabaseLocation DatabaseLocation::defaultSqlite()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return sqlite(dir + QStringLiteral("/integrator.sqlite"));
}

DatabaseLocation DatabaseLocation::sqlite(const QString &path)
{
    DatabaseLocation location;
    location.sqlitePath = QFileInfo(path).absoluteFilePath();
    return location;
}

QString DatabaseLocation::key() const
{
    const QByteArray hash = QCryptographicHash::hash(sqlitePath.toUtf8(), QCryptographicHash::Sha1).toHex();
    return QString::fromLatin1(hash.left(16));
}
