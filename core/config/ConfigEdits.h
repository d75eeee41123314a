#pragma once

#include "model/Endpoint.h"
#include "model/Mapping.h"
#include "model/Parameter.h"
#include "model/Store.h"

class CredentialStore;
class Database;

// The edits a person makes to the configuration one item at a time (the control panel's forms; the
// command line can use them too). Each validates like an import, writes in one transaction and puts
// its secret, sealed, under the key the item's struct defines; a secret never reaches the database in
// plain text. Calls block on the database (and the keychain, for a first master key): run them off the
// GUI thread.
class ConfigEdits
{
public:
    ConfigEdits(const Database &db, CredentialStore &credentials);

    // Insert or update by name. The person edits url, maxInFlight and allowSelfSigned; the secret
    // bookkeeping (token, signing secrets) is kept from the stored endpoint. An empty token keeps the
    // stored one.
    bool saveEndpoint(Endpoint *endpoint, const QString &token, QString *error) const;
    // Seals a saved endpoint's "user:password"; an empty one keeps what is there.
    bool saveEndpointBasicAuth(Endpoint *endpoint, const QString &userAndPassword, QString *error) const;
    // Insert or update by name; an empty apiKey keeps the stored one.
    bool saveStore(Store *store, const QString &apiKey, QString *error) const;
    // An empty apiKey or clientSecret keeps the stored one.
    bool saveStore(Store *store, const QString &apiKey, const QString &clientSecret, QString *error) const;
    // Seals the secret that verifies the store's Spree webhooks; an empty one keeps what is there.
    bool saveStoreWebhookSecret(Store *store, const QString &secret, QString *error) const;
    // A secret value is sealed; a secret with an empty value keeps the stored secret.
    bool saveParameter(const Parameter &parameter, QString *error) const;
    // The parameter and, when it was secret, its keychain entry.
    bool removeParameter(const QString &name, QString *error) const;
    // Adds a mapping to the endpoint named in mapping->endpoint; refuses a name already taken, so one
    // click never replaces a mapping someone edited.
    bool createMapping(Mapping *mapping, QString *error) const;

    // Removals: one transaction each, then the item's keychain entries (a missing one is fine). False,
    // with *error, when nothing was removed. Secrets the keychain would not delete are named in
    // *warning; the item is removed all the same (a later save of the name overwrites them).
    // ConfigRepository::removeMapping: the mapping's history stays; saving the name restores it.
    bool removeMapping(const QString &name, QString *error) const;
    // ConfigRepository::removeEndpoint (refused while mappings use it), then the token and the signing
    // secrets.
    bool removeEndpoint(const QString &name, QString *error, QString *warning) const;
    // StoreRepository::removeStore, then the API key and the push token.
    bool removeStore(const QString &name, QString *error, QString *warning) const;

private:
    bool writeSecret(const QString &key, const QString &secret, QString *error) const;
    void removeSecrets(const QStringList &keys, QString *warning) const;

    const Database &db_;
    CredentialStore &credentials_;
};
