#include "secrets/KeychainSecretsMigration.h"

#include "secrets/CredentialStore.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "storage/SealedSecretRepository.h"
#include "storage/StoreRepository.h"

#include <QSqlQuery>

KeychainSecretsMigration::KeychainSecretsMigration(const Database &db, CredentialStore &credentials)
    : db_(db)
    , credentials_(credentials)
{}

bool KeychainSecretsMigration::scopesNamedByConfig(QStringList *scopes, QString *error) const
{
    QList<Endpoint> endpoints;
    QList<Parameter> parameters;
    QList<Store> stores;
    if (!ConfigRepository(db_).loadEndpoints(&endpoints, error) ||
        !ConfigRepository(db_).loadParameters(&parameters, error) ||
        !StoreRepository(db_).loadStores(&stores, error))
        return false;
    for (const Endpoint &endpoint : std::as_const(endpoints)) {
        if (endpoint.hasToken)
            scopes->append(endpoint.tokenKey());
        if (endpoint.hasSigningSecret)
            *scopes << Endpoint::signingKeyFor(endpoint.name)
                    << Endpoint::previousSigningKeyFor(endpoint.name);
    }
    for (const Parameter &parameter : std::as_const(parameters)) {
        if (parameter.secret)
            scopes->append(parameter.secretKey());
    }
    for (const Store &store : std::as_const(stores)) {
        if (store.hasApiKey)
            scopes->append(Store::apiKeyKeyFor(store.name));
        if (store.hasPushToken)
            scopes->append(Store::pushTokenKeyFor(store.name));
        if (store.hasWebhookSecret)
            scopes->append(Store::webhookSecretKeyFor(store.name));
    }
    return true;
}

bool KeychainSecretsMigration::done(bool *yes, QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral("SELECT value FROM meta WHERE key = 'secrets_migrated'"));
    if (!db_.exec(query, error))
        return false;
    *yes = query.next();
    query.finish();
    return true;
}

bool KeychainSecretsMigration::markDone(QString *error) const
{
    QSqlQuery query =
        db_.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES ('secrets_migrated', '1')"
                                   " ON CONFLICT (key) DO NOTHING"));
    return db_.exec(query, error);
}

bool KeychainSecretsMigration::run(int *moved, QString *error)
{
    *moved = 0;
    bool finished = false;
    if (!done(&finished, error))
        return false;
    if (finished || !credentials_.keychain().available())
        return true;
    QStringList scopes;
    if (!scopesNamedByConfig(&scopes, error))
        return false;
    SealedSecretRepository sealed(db_);
    for (const QString &scope : std::as_const(scopes)) {
        QString failure;
        const bool alreadySealed = sealed.find(scope, &failure).has_value();
        if (!failure.isEmpty()) {
            *error = failure;
            return false;
        }
        if (alreadySealed)
            continue;
        const KeychainAccess::Result held = credentials_.keychain().readNow(scope);
        if (held.status == KeychainAccess::Status::NotFound)
            continue;
        if (held.status != KeychainAccess::Status::Ok) {
            *error = QStringLiteral("cannot move secret %1 out of the keychain: %2").arg(scope, held.error);
            return false;
        }
        if (!credentials_.write(db_, scope, held.value, error))
            return false;
        credentials_.keychain().removeNow(scope); // sealed and committed first: a failure here loses nothing
        ++*moved;
    }
    return markDone(error);
}
