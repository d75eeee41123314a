#include "config/ConfigFile.h"

#include "delivery/WebhookSigner.h"
#include "secrets/CredentialStore.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "storage/RetentionSettings.h"
#include "storage/StoreRepository.h"
#include "utils/ConfigKeys.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

namespace {

struct Parsed
{
    QList<Endpoint> endpoints;
    QHash<QString, QString> tokens;         // endpoint name -> token
    QHash<QString, QString> basicAuths;     // endpoint name -> "user:password"
    QHash<QString, QString> signingSecrets; // endpoint name -> new signing secret
    QHash<QString, QString> rotatedOut;     // endpoint name -> the signing secret being replaced
    QList<Store> stores;
    QHash<QString, QString> storeSecrets; // keychain key -> value (api keys, push tokens)
    QList<Mapping> mappings;
    QList<Parameter> parameters;
    QSet<QString> secretsKept; // secret parameters listed without a value: keep the keychain's
    RetentionPolicy retention; // the keys the file sets
};

const QStringList kTopLevelKeys{QStringLiteral("endpoints"), QStringLiteral("mappings"),
                                QStringLiteral("stores"), QStringLiteral("parameters"),
                                QStringLiteral("retention")};

bool readArray(const QJsonObject &root, const QString &key, QJsonArray *out, QString *error)
{
    const QJsonValue value = root.value(key);
    if (value.isUndefined())
        return true;
    if (!value.isArray()) {
        *error = QStringLiteral("\"%1\" must be a list").arg(key);
        return false;
    }
    *out = value.toArray();
    for (const QJsonValue &item : std::as_const(*out)) {
        if (!item.isObject()) {
            *error = QStringLiteral("every entry of \"%1\" must be an object").arg(key);
            return false;
        }
    }
    return true;
}

bool parseBasicAuth(const QJsonObject &object, const QString &endpoint, Parsed *parsed, QString *error)
{
    const QJsonValue value = object.value(QStringLiteral("basic_auth"));
    if (value.isUndefined())
        return true;
    if (const QString reason = value.isString() ? Endpoint::basicAuthError(value.toString())
                                                : QStringLiteral("\"basic_auth\" must be a string");
        !reason.isEmpty()) {
        *error = QStringLiteral("endpoint \"%1\": %2").arg(endpoint, reason);
        return false;
    }
    parsed->basicAuths.insert(endpoint, value.toString());
    return true;
}

bool parseEndpoints(const QJsonArray &array, Parsed *parsed, QString *error)
{
    for (const QJsonValue &item : array) {
        Endpoint endpoint;
        if (!Endpoint::fromConfig(item.toObject(), &endpoint, error))
            return false;
        const QJsonValue token = item.toObject().value(QStringLiteral("token"));
        if (!token.isUndefined() && !token.isString()) {
            *error = QStringLiteral("endpoint \"%1\": \"token\" must be a string").arg(endpoint.name);
            return false;
        }
        if (token.isString() && !token.toString().isEmpty())
            parsed->tokens.insert(endpoint.name, token.toString());
        if (!parseBasicAuth(item.toObject(), endpoint.name, parsed, error))
            return false;
        const QJsonValue signing = item.toObject().value(QStringLiteral("signing_secret"));
        QByteArray key;
        QString reason;
        if (!signing.isUndefined() && !WebhookSigner::decodeSecret(signing.toString(), &key, &reason)) {
            *error = QStringLiteral("endpoint \"%1\": %2").arg(endpoint.name, reason);
            return false;
        }
        if (signing.isString())
            parsed->signingSecrets.insert(endpoint.name, signing.toString());
        parsed->endpoints.append(endpoint);
    }
    return true;
}

bool parseParameters(const QJsonArray &array, Parsed *parsed, QString *error)
{
    for (const QJsonValue &item : array) {
        QJsonObject object = item.toObject();
        // Parameter::fromConfig also reads endpoints' answers, which may carry more: the file is checked
        // here.
        if (const QString unknown = Parameter::configKeyError(object); !unknown.isEmpty()) {
            *error = unknown;
            return false;
        }
        const bool secret = object.value(QStringLiteral("secret")).toBool();
        if (secret && !object.contains(QStringLiteral("value"))) {
            // An exported secret parameter: keep whatever the keychain holds.
            parsed->secretsKept.insert(object.value(QStringLiteral("name")).toString());
            object.insert(QStringLiteral("value"), QString());
        }
        Parameter parameter;
        if (!Parameter::fromConfig(object, &parameter, error))
            return false;
        parsed->parameters.append(parameter);
    }
    return true;
}

bool parseStores(const QJsonArray &array, Parsed *parsed, QString *error)
{
    for (const QJsonValue &item : array) {
        Store store;
        if (!Store::fromConfig(item.toObject(), &store, error))
            return false;
        const struct
        {
            QString key;
            QString scope;
            bool *has;
        } secrets[] = {
            {QStringLiteral("api_key"), Store::apiKeyKeyFor(store.name), &store.hasApiKey},
            {QStringLiteral("client_secret"), Store::clientSecretKeyFor(store.name), &store.hasClientSecret},
            {QStringLiteral("push_token"), Store::pushTokenKeyFor(store.name), &store.hasPushToken},
            {QStringLiteral("webhook_secret"), Store::webhookSecretKeyFor(store.name),
             &store.hasWebhookSecret}};
        for (const auto &secret : secrets) {
            const QJsonValue value = item.toObject().value(secret.key);
            if (!value.isUndefined() && !value.isString()) {
                *error = QStringLiteral("store \"%1\": \"%2\" must be a string").arg(store.name, secret.key);
                return false;
            }
            if (value.toString().isEmpty())
                continue;
            parsed->storeSecrets.insert(secret.scope, value.toString());
            *secret.has = true;
        }
        parsed->stores.append(store);
    }
    return true;
}

bool parse(const QByteArray &json, Parsed *parsed, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("malformed JSON at offset %1: %2")
                     .arg(parseError.offset)
                     .arg(parseError.errorString());
        return false;
    }
    if (!document.isObject()) {
        *error = QStringLiteral("the config must be a JSON object with endpoints, mappings and parameters");
        return false;
    }
    const QJsonObject root = document.object();
    if (const QString unknown = ConfigKeys::unknownKey(root, kTopLevelKeys); !unknown.isEmpty()) {
        *error = unknown;
        return false;
    }
    QJsonArray endpoints, mappings, parameters;
    if (!readArray(root, QStringLiteral("endpoints"), &endpoints, error) ||
        !readArray(root, QStringLiteral("mappings"), &mappings, error) ||
        !readArray(root, QStringLiteral("parameters"), &parameters, error) ||
        !parseEndpoints(endpoints, parsed, error) || !parseParameters(parameters, parsed, error))
        return false;
    QJsonArray stores;
    if (!readArray(root, QStringLiteral("stores"), &stores, error) || !parseStores(stores, parsed, error))
        return false;
    if (root.contains(QStringLiteral("retention")) &&
        !RetentionPolicy::fromConfig(root.value(QStringLiteral("retention")), &parsed->retention, error))
        return false;
    for (const QJsonValue &item : std::as_const(mappings)) {
        Mapping mapping;
        if (!Mapping::fromConfig(item.toObject(), &mapping, error))
            return false;
        parsed->mappings.append(mapping);
    }
    return true;
}

// A new signing secret for an endpoint that already has a different one starts a rotation: the old
// secret keeps signing beside the new one for the endpoint's grace period.
bool findRotations(const Database &db, CredentialStore &credentials, Parsed *parsed, QString *error)
{
    QList<Endpoint> existing;
    if (!ConfigRepository(db).loadEndpoints(&existing, error))
        return false;
    for (const Endpoint &endpoint : std::as_const(existing)) {
        const QString incoming = parsed->signingSecrets.value(endpoint.name);
        if (incoming.isEmpty() || !endpoint.hasSigningSecret)
            continue;
        QString reason;
        const std::optional<QString> current =
            credentials.read(db, Endpoint::signingKeyFor(endpoint.name), &reason);
        if (!reason.isEmpty()) {
            *error = reason;
            return false;
        }
        if (current && *current != incoming)
            parsed->rotatedOut.insert(endpoint.name, *current);
    }
    return true;
}

bool write(const Parsed &parsed, const Database &db, QString *error)
{
    ConfigRepository repository(db);
    QList<Endpoint> existing;
    if (!repository.loadEndpoints(&existing, error))
        return false;
    QHash<QString, Endpoint> byName;
    for (const Endpoint &endpoint : std::as_const(existing))
        byName.insert(endpoint.name, endpoint);
    for (Endpoint endpoint : parsed.endpoints) {
        const Endpoint before = byName.value(endpoint.name);
        endpoint.hasToken = parsed.tokens.contains(endpoint.name) || before.hasToken;
        endpoint.hasSigningSecret = parsed.signingSecrets.contains(endpoint.name) || before.hasSigningSecret;
        endpoint.hasBasicAuth = parsed.basicAuths.contains(endpoint.name) || before.hasBasicAuth;
        endpoint.previousSigningUntilMs =
            parsed.rotatedOut.contains(endpoint.name)
                ? Database::nowMs() + qint64(endpoint.signingGraceHours * 3600 * 1000)
                : before.previousSigningUntilMs;
        if (!repository.saveEndpoint(&endpoint, error))
            return false;
        byName.insert(endpoint.name, endpoint);
    }
    for (Mapping mapping : parsed.mappings) {
        if (!byName.contains(mapping.endpoint)) {
            *error = QStringLiteral(
                         "mapping \"%1\" names endpoint \"%2\", which is neither in the file nor configured")
                         .arg(mapping.name, mapping.endpoint);
            return false;
        }
        mapping.endpointId = byName.value(mapping.endpoint).id;
        if (!repository.saveMapping(&mapping, error))
            return false;
    }
    for (const Parameter &parameter : parsed.parameters) {
        if (!repository.saveParameter(parameter, error))
            return false;
    }
    StoreRepository stores(db);
    QList<Store> existingStores;
    if (!stores.loadStores(&existingStores, error))
        return false;
    for (Store store : parsed.stores) {
        for (const Store &before : std::as_const(existingStores)) {
            if (before.name == store.name) {
                store.hasApiKey = store.hasApiKey || before.hasApiKey;
                store.hasPushToken = store.hasPushToken || before.hasPushToken;
                store.hasClientSecret = store.hasClientSecret || before.hasClientSecret;
                store.hasWebhookSecret = store.hasWebhookSecret || before.hasWebhookSecret;
            }
        }
        if (!stores.saveStore(&store, error))
            return false;
    }
    return RetentionSettings(db).save(parsed.retention, error);
}

} // namespace

QString ConfigFile::ImportSummary::describe() const
{
    const QString where = secrets > 0 ? QStringLiteral("sealed in the database with master key %1").arg(keyId)
                                      : QStringLiteral("saved");
    return QStringLiteral(
               "imported %1 endpoint(s), %2 mapping(s), %3 store(s), %4 parameter(s); %5 secret(s) %6")
        .arg(endpoints)
        .arg(mappings)
        .arg(stores)
        .arg(parameters)
        .arg(secrets)
        .arg(where);
}

bool ConfigFile::validate(const QByteArray &json, QString *error)
{
    Parsed parsed;
    return parse(json, &parsed, error);
}

bool ConfigFile::import(const QByteArray &json, const Database &db, CredentialStore &credentials,
                        ImportSummary *summary, QString *error)
{
    Parsed parsed;
    if (!parse(json, &parsed, error) || !findRotations(db, credentials, &parsed, error))
        return false;
    WriteTransaction transaction(db);
    if (!transaction.begin(error) || !write(parsed, db, error))
        return false;
    // Secrets are written once the rest is known to be valid, before the commit makes them referenced.
    for (auto it = parsed.tokens.cbegin(); it != parsed.tokens.cend(); ++it) {
        if (!credentials.write(db, Endpoint::tokenKeyFor(it.key()), it.value(), error))
            return false;
        ++summary->secrets;
    }
    for (auto it = parsed.basicAuths.cbegin(); it != parsed.basicAuths.cend(); ++it) {
        if (!credentials.write(db, Endpoint::basicAuthKeyFor(it.key()), it.value(), error))
            return false;
        ++summary->secrets;
    }
    for (auto it = parsed.storeSecrets.cbegin(); it != parsed.storeSecrets.cend(); ++it) {
        if (!credentials.write(db, it.key(), it.value(), error))
            return false;
        ++summary->secrets;
    }
    for (auto it = parsed.rotatedOut.cbegin(); it != parsed.rotatedOut.cend(); ++it) {
        if (!credentials.write(db, Endpoint::previousSigningKeyFor(it.key()), it.value(), error))
            return false;
    }
    for (auto it = parsed.signingSecrets.cbegin(); it != parsed.signingSecrets.cend(); ++it) {
        if (!credentials.write(db, Endpoint::signingKeyFor(it.key()), it.value(), error))
            return false;
        ++summary->secrets;
    }
    for (const Endpoint &endpoint : std::as_const(parsed.endpoints)) {
        if (endpoint.allowSelfSigned)
            summary->warnings << QStringLiteral(
                                     "endpoint \"%1\" accepts self-signed TLS certificates: its identity "
                                     "is not verified")
                                     .arg(endpoint.name);
    }
    for (const Parameter &parameter : std::as_const(parsed.parameters)) {
        if (!parameter.secret || parsed.secretsKept.contains(parameter.name))
            continue;
        if (!credentials.write(db, parameter.secretKey(), parameter.value.toString(), error))
            return false;
        ++summary->secrets;
    }
    if (!transaction.commit(error))
        return false;
    if (const std::optional<MasterKey> key = credentials.masterKey())
        summary->keyId = key->id();
    summary->endpoints = int(parsed.endpoints.size());
    summary->mappings = int(parsed.mappings.size());
    summary->parameters = int(parsed.parameters.size());
    summary->stores = int(parsed.stores.size());
    return true;
}

bool ConfigFile::exportTo(const Database &db, QByteArray *json, QString *error)
{
    ConfigRepository repository(db);
    QList<Endpoint> endpoints;
    QList<Mapping> mappings;
    QList<Parameter> parameters;
    if (!repository.loadEndpoints(&endpoints, error) || !repository.loadMappings(&mappings, error) ||
        !repository.loadParameters(&parameters, error))
        return false;
    QList<Store> stores;
    if (!StoreRepository(db).loadStores(&stores, error))
        return false;
    RetentionPolicy retention;
    if (!RetentionSettings(db).load(&retention, error))
        return false;
    QJsonArray storeArray;
    for (const Store &store : std::as_const(stores))
        storeArray.append(store.toConfig());
    QJsonArray endpointArray, mappingArray, parameterArray;
    for (const Endpoint &endpoint : std::as_const(endpoints))
        endpointArray.append(endpoint.toConfig());
    for (const Mapping &mapping : std::as_const(mappings))
        mappingArray.append(mapping.toConfig());
    for (const Parameter &parameter : std::as_const(parameters))
        parameterArray.append(parameter.toConfig());
    QJsonObject root{{QStringLiteral("endpoints"), endpointArray},
                     {QStringLiteral("mappings"), mappingArray},
                     {QStringLiteral("stores"), storeArray},
                     {QStringLiteral("parameters"), parameterArray}};
    if (!retention.isEmpty()) // what was set; the defaults stay implicit
        root.insert(QStringLiteral("retention"), retention.toConfig());
    *json = QJsonDocument(root).toJson(QJsonDocument::Indented);
    return true;
}
