#include "config/ConfigEdits.h"

#include "secrets/CredentialStore.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "storage/StoreRepository.h"

namespace {

template<typename Item> const Item *findByName(const QList<Item> &items, const QString &name)
{
    for (const Item &item : items) {
        if (item.name == name)
            return &item;
    }
    return nullptr;
}

} // namespace

ConfigEdits::ConfigEdits(const Database &db, CredentialStore &credentials)
    : db_(db)
    , credentials_(credentials)
{}

// Secrets are written before the row that references them: a desktop's first secret makes a master key
// in the keychain, which may prompt the person, and that must not hold the database's write lock. A row
// that then fails to save leaves an unreferenced secret that the next save under the same name
// overwrites.
bool ConfigEdits::writeSecret(const QString &key, const QString &secret, QString *error) const
{
    return secret.isEmpty() || credentials_.write(db_, key, secret, error);
}

bool ConfigEdits::saveEndpoint(Endpoint *endpoint, const QString &token, QString *error) const
{
    Endpoint validated;
    if (!Endpoint::fromConfig(endpoint->toConfig(), &validated, error))
        return false;
    QList<Endpoint> existing;
    if (!ConfigRepository(db_).loadEndpoints(&existing, error))
        return false;
    const Endpoint *before = findByName(existing, endpoint->name);
    endpoint->hasToken = !token.isEmpty() || (before && before->hasToken);
    endpoint->hasSigningSecret = before && before->hasSigningSecret;
    endpoint->hasBasicAuth = before && before->hasBasicAuth;
    endpoint->previousSigningUntilMs = before ? before->previousSigningUntilMs : 0;
    endpoint->signingGraceHours = before ? before->signingGraceHours : endpoint->signingGraceHours;
    if (!writeSecret(endpoint->tokenKey(), token, error))
        return false;
    WriteTransaction transaction(db_);
    return transaction.begin(error) && ConfigRepository(db_).saveEndpoint(endpoint, error) &&
           transaction.commit(error);
}

bool ConfigEdits::saveEndpointBasicAuth(Endpoint *endpoint, const QString &userAndPassword,
                                        QString *error) const
{
    if (userAndPassword.isEmpty())
        return true;
    if (const QString reason = Endpoint::basicAuthError(userAndPassword); !reason.isEmpty()) {
        *error = reason;
        return false;
    }
    if (!writeSecret(Endpoint::basicAuthKeyFor(endpoint->name), userAndPassword, error))
        return false;
    endpoint->hasBasicAuth = true;
    WriteTransaction transaction(db_);
    return transaction.begin(error) && ConfigRepository(db_).saveEndpoint(endpoint, error) &&
           transaction.commit(error);
}

bool ConfigEdits::saveStore(Store *store, const QString &apiKey, QString *error) const
{
    return saveStore(store, apiKey, QString(), error);
}

bool ConfigEdits::saveStore(Store *store, const QString &apiKey, const QString &clientSecret,
                            QString *error) const
{
    Store validated;
    if (!Store::fromConfig(store->toConfig(), &validated, error))
        return false;
    StoreRepository repository(db_);
    QList<Store> existing;
    if (!repository.loadStores(&existing, error))
        return false;
    const Store *before = findByName(existing, store->name);
    store->hasApiKey = !apiKey.isEmpty() || (before && before->hasApiKey);
    store->hasPushToken = before && before->hasPushToken;
    store->hasClientSecret = !clientSecret.isEmpty() || (before && before->hasClientSecret);
    store->hasWebhookSecret = before && before->hasWebhookSecret;
    if (!writeSecret(Store::apiKeyKeyFor(store->name), apiKey, error) ||
        !writeSecret(Store::clientSecretKeyFor(store->name), clientSecret, error))
        return false;
    WriteTransaction transaction(db_);
    return transaction.begin(error) && repository.saveStore(store, error) && transaction.commit(error);
}

bool ConfigEdits::saveStoreWebhookSecret(Store *store, const QString &secret, QString *error) const
{
    if (secret.isEmpty())
        return true; // an empty field keeps the secret that is there
    if (!writeSecret(Store::webhookSecretKeyFor(store->name), secret, error))
        return false;
    store->hasWebhookSecret = true;
    WriteTransaction transaction(db_);
    return transaction.begin(error) && StoreRepository(db_).saveStore(store, error) &&
           transaction.commit(error);
}

bool ConfigEdits::saveParameter(const Parameter &parameter, QString *error) const
{
    Parameter validated;
    QJsonObject config = parameter.toConfig();
    config.insert(QStringLiteral("value"), parameter.value);
    if (!Parameter::fromConfig(config, &validated, error))
        return false;
    QList<Parameter> existing;
    if (!ConfigRepository(db_).loadParameters(&existing, error))
        return false;
    const Parameter *before = findByName(existing, parameter.name);
    if (parameter.secret && parameter.value.toString().isEmpty() && !(before && before->secret)) {
        *error = QStringLiteral("secret parameter \"%1\" needs a value").arg(parameter.name);
        return false;
    }
    if (parameter.secret && !writeSecret(parameter.secretKey(), parameter.value.toString(), error))
        return false;
    WriteTransaction transaction(db_);
    if (!transaction.begin(error) || !ConfigRepository(db_).saveParameter(validated, error) ||
        !transaction.commit(error))
        return false;
    // No longer secret: the sealed copy must not outlive it.
    return parameter.secret || !(before && before->secret) ||
           credentials_.remove(db_, parameter.secretKey(), error);
}

bool ConfigEdits::removeParameter(const QString &name, QString *error) const
{
    WriteTransaction transaction(db_);
    QList<Parameter> existing;
    if (!transaction.begin(error) || !ConfigRepository(db_).loadParameters(&existing, error))
        return false;
    const Parameter *before = findByName(existing, name);
    if (!before) {
        *error = QStringLiteral("there is no parameter \"%1\"").arg(name);
        return false;
    }
    const bool secret = before->secret;
    QSqlQuery query = db_.prepare(QStringLiteral("DELETE FROM parameters WHERE name = ?"));
    query.bindValue(0, name);
    if (!db_.exec(query, error) || !ConfigRepository(db_).bumpVersion(error) || !transaction.commit(error))
        return false;
    return !secret || credentials_.remove(db_, Parameter::secretKeyFor(name), error);
}

bool ConfigEdits::createMapping(Mapping *mapping, QString *error) const
{
    ConfigRepository repository(db_);
    WriteTransaction transaction(db_);
    QList<Endpoint> endpoints;
    QList<Mapping> mappings;
    if (!transaction.begin(error) || !repository.loadEndpoints(&endpoints, error) ||
        !repository.loadMappings(&mappings, error))
        return false;
    const Endpoint *endpoint = findByName(endpoints, mapping->endpoint);
    if (!endpoint) {
        *error = QStringLiteral("endpoint \"%1\" is not saved yet; save it first").arg(mapping->endpoint);
        return false;
    }
    if (findByName(mappings, mapping->name)) {
        *error = QStringLiteral("a mapping named \"%1\" already exists").arg(mapping->name);
        return false;
    }
    mapping->endpointId = endpoint->id;
    return repository.saveMapping(mapping, error) && transaction.commit(error);
}

bool ConfigEdits::removeMapping(const QString &name, QString *error) const
{
    WriteTransaction transaction(db_);
    return transaction.begin(error) && ConfigRepository(db_).removeMapping(name, error) &&
           transaction.commit(error);
}

// The row goes first: a refused removal must not have taken the secrets already.
bool ConfigEdits::removeEndpoint(const QString &name, QString *error, QString *warning) const
{
    WriteTransaction transaction(db_);
    if (!transaction.begin(error) || !ConfigRepository(db_).removeEndpoint(name, error) ||
        !transaction.commit(error))
        return false;
    removeSecrets({Endpoint::tokenKeyFor(name), Endpoint::signingKeyFor(name),
                   Endpoint::previousSigningKeyFor(name), Endpoint::basicAuthKeyFor(name)},
                  warning);
    return true;
}

bool ConfigEdits::removeStore(const QString &name, QString *error, QString *warning) const
{
    WriteTransaction transaction(db_);
    if (!transaction.begin(error) || !StoreRepository(db_).removeStore(name, error) ||
        !transaction.commit(error))
        return false;
    removeSecrets({Store::apiKeyKeyFor(name), Store::clientSecretKeyFor(name), Store::pushTokenKeyFor(name),
                   Store::webhookSecretKeyFor(name)},
                  warning);
    return true;
}

void ConfigEdits::removeSecrets(const QStringList &keys, QString *warning) const
{
    QStringList reasons;
    for (const QString &key : keys) {
        QString reason;
        if (!credentials_.remove(db_, key, &reason))
            reasons << reason;
    }
    if (!reasons.isEmpty() && warning)
        *warning = reasons.join(QStringLiteral("; "));
}
