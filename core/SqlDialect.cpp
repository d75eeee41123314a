#include "SqlDialect.h"

#include <QSqlError>
#include <QSqlQuery>

namespace {

class SqliteDialect final : public SqlDialect
{
public:
    QString driverName() const override { return QStringLiteral("QSQLITE"); }
    QString autoIdColumn() const override { return QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT"); }
    QString blobType() const override { return QStringLiteral("BLOB"); }
    QString beginWriteStatement() const override { return QStringLiteral("BEGIN IMMEDIATE"); }
    // One engine per SQLite file (an engine lock enforces it), so claims need no row locks.
    QString claimLockClause() const override { return {}; }

    bool configure(QSqlDatabase &db, QString *error) const override
    {
        // WAL lets readers (the CLI, later the GUI) run beside the engine's writes; NORMAL sync is
        // durable across process crashes, which is the promise we make.
        const char *pragmas[] = {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                                 "PRAGMA foreign_keys=ON", "PRAGMA temp_store=MEMORY"};
        for (const char *pragma : pragmas) {
            QSqlQuery query(db);
            if (!query.exec(QString::fromLatin1(pragma))) {
                *error = query.lastError().text();
                return false;
            }
        }
        return true;
    }
};

} // namespace

const SqlDialect &SqlDialect::sqlite()
{
    static const SqliteDialect dialect;
    return dialect;
}
