#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

class Database;

// The sealed_secrets table and the database's master key id (meta 'secrets_key_id'). Rows hold only
// sealed text (SecretBox); nothing here ever sees a secret in plain text.
class SealedSecretRepository
{
public:
    struct Row
    {
        QString scope;
        QString keyId;
        QByteArray sealed;
    };

    explicit SealedSecretRepository(const Database &db);

    // nullopt with *error empty when there is no such secret.
    std::optional<Row> find(const QString &scope, QString *error) const;
    // Refused (false, *error) unless row.keyId is the database's key.
    bool save(const Row &row, QString *error) const;
    bool remove(const QString &scope, QString *error) const;
    bool all(QList<Row> *rows, QString *error) const;
    // The id of the key this database's secrets are sealed with; empty before the first one.
    bool keyId(QString *id, QString *error) const;
    bool setKeyId(const QString &id, QString *error) const;
    // Records id as the database's key unless another process recorded one first; *winner is the key
    // the database has afterwards.
    bool claimKeyId(const QString &id, QString *winner, QString *error) const;

private:
    const Database &db_;
};
