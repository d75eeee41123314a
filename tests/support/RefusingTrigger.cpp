#include "RefusingTrigger.h"

#include "storage/Database.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace {

bool execAll(const Database &db, const QStringList &statements, QString *error)
{
    for (const QString &sql : statements) {
        QSqlQuery query(db.connection());
        if (!query.exec(sql)) {
            *error = sql + QStringLiteral(": ") + query.lastError().text();
            return false;
        }
    }
    return true;
}

bool isPostgres(const Database &db)
{
    return db.dialect().driverName() == QLatin1String("QPSQL");
}

} // namespace

bool RefusingTrigger::install(const Database &db, const QString &table, const QString &condition,
                              QString *error)
{
    const QString when = condition.isEmpty() ? QStringLiteral("TRUE") : condition;
    if (isPostgres(db))
        return execAll(
            db,
            {QStringLiteral("CREATE FUNCTION refuse_%1() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                            " IF %2 THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$")
                 .arg(table, when),
             QStringLiteral("CREATE TRIGGER refuse_%1 BEFORE INSERT OR UPDATE ON %1 FOR EACH ROW"
                            " EXECUTE FUNCTION refuse_%1()")
                 .arg(table)},
            error);
    // SQLite: one trigger per event.
    QStringList statements;
    for (const QString &event : {QStringLiteral("INSERT"), QStringLiteral("UPDATE")})
        statements << QStringLiteral("CREATE TRIGGER refuse_%1_%2 BEFORE %2 ON %1 FOR EACH ROW WHEN %3"
                                     " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
                          .arg(table, event, when);
    return execAll(db, statements, error);
}

bool RefusingTrigger::remove(const Database &db, const QString &table, QString *error)
{
    if (isPostgres(db))
        return execAll(db,
                       {QStringLiteral("DROP TRIGGER refuse_%1 ON %1").arg(table),
                        QStringLiteral("DROP FUNCTION refuse_%1()").arg(table)},
                       error);
    return execAll(db,
                   {QStringLiteral("DROP TRIGGER refuse_%1_INSERT").arg(table),
                    QStringLiteral("DROP TRIGGER refuse_%1_UPDATE").arg(table)},
                   error);
}
