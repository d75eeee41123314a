#include "storage/DatabaseLocation.h"

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

bool DatabaseLocation::postgres(const QString &url, DatabaseLocation *out, QString *error)
{
    const QUrl parsed(url, QUrl::StrictMode);
    const bool scheme =
        parsed.scheme() == QLatin1String("postgresql") || parsed.scheme() == QLatin1String("postgres");
    const QString database = parsed.path().mid(1);
    if (!parsed.isValid() || !scheme || parsed.host().isEmpty() || database.isEmpty() ||
        database.contains(u'/')) {
        *error = QStringLiteral("\"%1\" is not a PostgreSQL URL such as "
                                "postgresql://integrator@db.example.com:5432/integrator")
                     .arg(parsed.toString(QUrl::RemovePassword));
        return false;
    }
    out->sqlitePath.clear();
    out->postgresUrl = parsed;
    return true;
}

QString DatabaseLocation::describe() const
{
    return isPostgres() ? postgresUrl.toString(QUrl::RemovePassword) : sqlitePath;
}

QString DatabaseLocation::passwordKey() const
{
    return QStringLiteral("database/%1/password")
        .arg(postgresUrl.toString(QUrl::RemovePassword | QUrl::RemoveScheme).mid(2));
}

bool DatabaseLocation::needsPassword() const
{
    return isPostgres() && postgresUrl.password().isEmpty() && qEnvironmentVariableIsEmpty("PGPASSWORD");
}

QString DatabaseLocation::key() const
{
    const QByteArray hash = QCryptographicHash::hash(describe().toUtf8(), QCryptographicHash::Sha1).toHex();
    return QString::fromLatin1(hash.left(16));
}
