#include "secrets/MasterKeyRotation.h"

#include "secrets/SecretBox.h"
#include "storage/Database.h"
#include "storage/SealedSecretRepository.h"

bool MasterKeyRotation::rotate(const Database &db, const MasterKey &current, const MasterKey &next,
                               int *resealed, QString *error)
{
    *resealed = 0;
    WriteTransaction transaction(db);
    if (!transaction.begin(error))
        return false;
    SealedSecretRepository repository(db);
    QString databaseKeyId;
    QList<SealedSecretRepository::Row> rows;
    if (!repository.keyId(&databaseKeyId, error) || !repository.all(&rows, error))
        return false;
    if (!databaseKeyId.isEmpty() && databaseKeyId != current.id()) {
        *error = QStringLiteral("the secrets are sealed with key %1, not with this master key (%2)")
                     .arg(databaseKeyId, current.id());
        return false;
    }
    // The new id first: every row below is saved under it, and a writer that still holds the old key
    // is refused from here on (SealedSecretRepository::save).
    if (!repository.setKeyId(next.id(), error))
        return false;
    for (SealedSecretRepository::Row row : rows) {
        const std::optional<QString> secret = SecretBox::open(current, row.scope, row.sealed);
        if (!secret) {
            *error = QStringLiteral("secret %1 does not open with key %2; nothing was changed")
                         .arg(row.scope, current.id());
            return false;
        }
        row.keyId = next.id();
        row.sealed = SecretBox::seal(next, row.scope, *secret);
        if (!repository.save(row, error))
            return false;
        ++*resealed;
    }
    return transaction.commit(error);
}
