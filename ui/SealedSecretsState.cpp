#include "SealedSecretsState.h"

#include "BackgroundWorker.h"

#include "storage/SealedSecretRepository.h"

SealedSecretsState SealedSecretsState::read(const Database &db)
{
    SealedSecretsState state;
    SealedSecretRepository repository(db);
    QList<SealedSecretRepository::Row> rows;
    if (repository.keyId(&state.databaseKeyId, &state.error) && repository.all(&rows, &state.error))
        state.sealedCount = int(rows.size());
    return state;
}

QString SealedSecretsState::shortId(const QString &keyId)
{
    constexpr int kDigits = 8;
    return keyId.size() > kDigits ? keyId.left(kDigits) + QChar(0x2026) : keyId;
}

QString SealedSecretsState::describeOrigin(const QString &origin)
{
    return origin == QLatin1String("keychain") ? tr("the keychain") : origin;
}

void SealedSecretsState::readThrough(BackgroundWorker *worker, QObject *context,
                                     std::function<void(const SealedSecretsState &)> done)
{
    auto state = std::make_shared<SealedSecretsState>();
    worker->post(
        context, [state](const Database &db) { *state = read(db); },
        [state, done = std::move(done)] { done(*state); });
}
