#include "TestDatabase.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

bool TestDatabase::usePostgres()
{
    return qgetenv("INTEGRATOR_TEST_BACKEND") == "postgres";
}

TestDatabase::TestDatabase()
{
    if (!usePostgres()) {
        location_ = DatabaseLocation::sqlite(dir_.filePath(QStringLiteral("integrator.sqlite")));
        return;
    }
    const QString server = qEnvironmentVariable("INTEGRATOR_TEST_POSTGRES");
    if (server.isEmpty()) {
        error_ =
            QStringLiteral("INTEGRATOR_TEST_POSTGRES is not set: run the tests with make test, which starts "
                           "a PostgreSQL server");
        return;
    }
    postgresName_ =
        QStringLiteral("integrator_test_%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(12));
    if (!runOnServer(QStringLiteral("CREATE DATABASE %1").arg(postgresName_)))
        return;
    QUrl url(server);
    url.setPath(QLatin1Char('/') + postgresName_);
    DatabaseLocation::postgres(url.toString(), &location_, &error_);
}

TestDatabase::~TestDatabase()
{
    if (!postgresName_.isEmpty())
        runOnServer(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(postgresName_));
}

bool TestDatabase::runOnServer(const QString &sql)
{
    const QUrl server(qEnvironmentVariable("INTEGRATOR_TEST_POSTGRES"));
    const QString connection =
        QStringLiteral("test-admin-%1").arg(QUuid::createUuid().toString(QUuid::Id128));
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        db.setHostName(server.host());
        db.setPort(server.port(5432));
        db.setUserName(server.userName());
        db.setDatabaseName(server.path().mid(1));
        if (db.open()) {
            QSqlQuery query(db);
            ok = query.exec(sql);
            if (!ok)
                error_ = query.lastError().text();
        } else {
            error_ = db.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

QStringList TestDatabase::cliArguments() const
{
    if (location_.isPostgres())
        return {QStringLiteral("--database"), location_.postgresUrl.toString()};
    return {QStringLiteral("--db"), location_.sqlitePath};
}
