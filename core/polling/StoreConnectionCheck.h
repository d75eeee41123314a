#pragma once

#include "model/Attempt.h"
#include "model/Store.h"

#include <functional>

class CredentialStore;
class Database;
class QNetworkAccessManager;

// One authenticated GET of a store's API, the request the poller makes first, to tell a person at once
// whether the URL and the credentials work, and which of Spree's APIs the store speaks when it is not the
// configured one (StoreApiDetection).
namespace StoreConnectionCheck {
struct Result
{
    bool ok = false;
    int status = 0;      // 0: no HTTP answer
    QString summary;     // one line: what answered, or why it failed
    QString detectedApi; // the API that answered ("v1", "platform_v2", "admin_v3"), or empty
};
using Callback = std::function<void(const Result &)>;

// The collection the check reads: orders when polled (it needs the admin key), else the first one.
QString probedCollection(const Store &store);
QUrl probeUrl(const Store &store);
// The stored API key of a saved store when none was typed (*apiKey empty); blocks on the database and
// the keychain. A store not saved yet, or saved without a key, is checked without one.
bool loadApiKey(const Database &db, CredentialStore &credentials, const QString &storeName, QString *apiKey,
                QString *error);
// The stored client secret of a saved store when none was typed; as loadApiKey.
bool loadClientSecret(const Database &db, CredentialStore &credentials, const QString &storeName,
                      QString *clientSecret, QString *error);
// Starts the GET; `done` runs on the network manager's thread.
void start(QNetworkAccessManager *network, const Store &store, const QString &apiKey, Callback done);
void start(QNetworkAccessManager *network, const Store &store, const QString &apiKey,
           const QString &clientSecret, Callback done);
Result interpret(const Attempt &attempt, const Store &store);
} // namespace StoreConnectionCheck
