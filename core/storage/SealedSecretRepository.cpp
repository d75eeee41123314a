#include "storage/SealedSecretRepository.h"

#include "storage/Database.h"

#include <QSqlQuery>

SealedSecretRepository::SealedSecretRepository(const Database &db)
    : db_(db)
{}

std::optional<SealedSecretRepository::Row> SealedSecretRepository::find(const QString &scope,
                                                                        QString *error) const
{
    QSqlQuery query =
        db_.prepare(QStringLiteral("SELECT key_id, sealed FROM sealed_secrets WHERE scope = ?"));
    query.addBindValue(scope);
    if (!db_.exec(query, error) || !query.next())
        return std::nullopt;
    Row row{scope, query.value(0).toString(), query.value(1).toString().toLatin1()};
    query.finish();
    return row;
}

bool SealedSecretRepository::save(const Row &row, QString *error) const
{
    // Only under the database's current key: a secret sealed by a process that has not seen a
    // rotation (or another process's first key) must not land beside the others under a stale key.
    QSqlQuery query = db_.prepare(QStringLiteral(
        "INSERT INTO sealed_secrets (scope, key_id, sealed, updated_at) SELECT ?, ?, ?, ?"
        " WHERE (SELECT value FROM meta WHERE key = 'secrets_key_id') = ?"
        " ON CONFLICT (scope) DO UPDATE SET key_id = excluded.key_id, sealed = excluded.sealed,"
        " updated_at = excluded.updated_at"));
    query.addBindValue(row.scope);
    query.addBindValue(row.keyId);
    query.addBindValue(QString::fromLatin1(row.sealed));
    query.addBindValue(Database::nowMs());
    query.addBindValue(row.keyId);
    if (!db_.exec(query, error))
        return false;
    if (query.numRowsAffected() == 1)
        return true;
    *error =
        QStringLiteral("secret %1 was not saved: the database's secrets are no longer sealed with key %2 "
                       "(rotated meanwhile?); try again")
            .arg(row.scope, row.keyId);
    return false;
}

bool SealedSecretRepository::remove(const QString &scope, QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral("DELETE FROM sealed_secrets WHERE scope = ?"));
    query.addBindValue(scope);
    return db_.exec(query, error);
}

bool SealedSecretRepository::all(QList<Row> *rows, QString *error) const
{
    QSqlQuery query =
        db_.prepare(QStringLiteral("SELECT scope, key_id, sealed FROM sealed_secrets ORDER BY scope"));
    if (!db_.exec(query, error))
        return false;
    rows->clear();
    while (query.next())
        rows->append(
            {query.value(0).toString(), query.value(1).toString(), query.value(2).toString().toLatin1()});
    return true;
}

bool SealedSecretRepository::keyId(QString *id, QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral("SELECT value FROM meta WHERE key = 'secrets_key_id'"));
    if (!db_.exec(query, error))
        return false;
    *id = query.next() ? query.value(0).toString() : QString();
    query.finish();
    return true;
}

bool SealedSecretRepository::setKeyId(const QString &id, QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES ('secrets_key_id', ?)"
                                                 " ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    query.addBindValue(id);
    return db_.exec(query, error);
}

bool SealedSecretRepository::claimKeyId(const QString &id, QString *winner, QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral(
        "INSERT INTO meta (key, value) VALUES ('secrets_key_id', ?) ON CONFLICT (key) DO NOTHING"));
    query.addBindValue(id);
    return db_.exec(query, error) && keyId(winner, error);
}
