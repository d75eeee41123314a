#pragma once

#include <QSqlDatabase>
#include <QString>

// Everything that differs between SQL engines lives here, so the rest of the store writes plain SQL.
class SqlDialect
{
public:
    virtual ~SqlDialect() = default;

    virtual QString driverName() const = 0;
    virtual QString autoIdColumn() const = 0; // a 64-bit auto-increment primary key
    virtual QString blobType() const = 0;
    // Starts a transaction that will write; SQLite must take the write lock up front.
    virtual QString beginWriteStatement() const = 0;
    virtual QString claimLockClause() const = 0; // appended to the claim SELECT
    virtual bool configure(QSqlDatabase &db, QString *error) const = 0;

    static const SqlDialect &sqlite();
};
