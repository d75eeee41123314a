#include "polling/StoreConnectionCheck.h"

#include "http/HttpExchange.h"
#include "http/HttpStatus.h"
#include "polling/StoreApiDetection.h"
#include "polling/StorePoller.h"
#include "secrets/CredentialStore.h"
#include "storage/StoreRepository.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

QString failure(const Attempt &attempt, const Store &store)
{
    if (!attempt.error.isEmpty())
        return attempt.error;
    if (attempt.status == 401 || attempt.status == 403)
        return QStringLiteral("the store refused the API key (HTTP %1); check the key").arg(attempt.status);
    if (attempt.status == 404)
        return QStringLiteral("%1 not found (HTTP 404); check the store's URL").arg(attempt.url);
    const QString reason = QString::fromLatin1(HttpStatus::reasonPhrase(attempt.status));
    const QString body = QString::fromUtf8(attempt.responseBody.left(160)).simplified();
    return QStringLiteral("HTTP %1%2 reading %3%4")
        .arg(attempt.status)
        .arg(reason.isEmpty() ? QString() : QLatin1Char(' ') + reason)
        .arg(StoreConnectionCheck::probedCollection(store))
        .arg(body.isEmpty() ? QString() : QStringLiteral(": ") + body);
}

} // namespace

namespace StoreConnectionCheck {

QString probedCollection(const Store &store)
{
    if (store.collections.isEmpty() || store.collections.contains(QStringLiteral("orders")))
        return QStringLiteral("orders");
    return store.collections.firstKey();
}

QUrl probeUrl(const Store &store)
{
    return StorePoller::apiUrl(store.url, {probedCollection(store)},
                               {{QStringLiteral("q[s]"), QStringLiteral("updated_at asc")},
                                {QStringLiteral("page"), QStringLiteral("1")},
                                {QStringLiteral("per_page"), QStringLiteral("1")}});
}

bool loadApiKey(const Database &db, CredentialStore &credentials, const QString &storeName, QString *apiKey,
                QString *error)
{
    if (!apiKey->isEmpty())
        return true;
    QList<Store> stores;
    if (!StoreRepository(db).loadStores(&stores, error))
        return false;
    for (const Store &store : std::as_const(stores)) {
        if (store.name != storeName || !store.hasApiKey)
            continue;
        *apiKey = credentials.read(db, Store::apiKeyKeyFor(store.name), error).value_or(QString());
        if (apiKey->isEmpty() && error->isEmpty())
            *error = QStringLiteral("the database holds no API key for store %1; type it again and save")
                         .arg(store.name);
        return !apiKey->isEmpty();
    }
    return true;
}

void start(QNetworkAccessManager *network, const Store &store, const QString &apiKey, Callback done)
{
    start(network, store, apiKey, QString(), std::move(done));
}

void start(QNetworkAccessManager *network, const Store &store, const QString &apiKey,
           const QString &clientSecret, Callback done)
{
    auto *detection =
        new StoreApiDetection(network, store, apiKey, clientSecret,
                              [done = std::move(done)](const StoreApiDetection::Finding &finding) {
                                  Result result;
                                  result.ok = finding.ok;
                                  result.status = finding.status;
                                  result.summary = finding.summary;
                                  result.detectedApi = finding.api;
                                  done(result);
                              });
    detection->start();
}

bool loadClientSecret(const Database &db, CredentialStore &credentials, const QString &storeName,
                      QString *clientSecret, QString *error)
{
    if (!clientSecret->isEmpty())
        return true;
    QList<Store> stores;
    if (!StoreRepository(db).loadStores(&stores, error))
        return false;
    for (const Store &store : std::as_const(stores)) {
        if (store.name == storeName && store.hasClientSecret)
            *clientSecret =
                credentials.read(db, Store::clientSecretKeyFor(store.name), error).value_or(QString());
    }
    return error->isEmpty();
}

Result interpret(const Attempt &attempt, const Store &store)
{
    Result result;
    result.status = attempt.status;
    if (!attempt.error.isEmpty() || attempt.status != 200) {
        result.summary = failure(attempt, store);
        return result;
    }
    const QString collection = probedCollection(store);
    QJsonParseError parseError;
    const QJsonObject page = QJsonDocument::fromJson(attempt.responseBody, &parseError).object();
    if (parseError.error != QJsonParseError::NoError) {
        result.summary = QStringLiteral("HTTP 200 but the answer is not JSON (%1); is this a Spree API?")
                             .arg(parseError.errorString());
        return result;
    }
    if (!page.value(collection).isArray()) {
        result.summary = QStringLiteral("HTTP 200 but the answer has no \"%1\" list; is this a Spree API?")
                             .arg(collection);
        return result;
    }
    result.ok = true;
    const QJsonValue total = page.value(QStringLiteral("total_count"));
    result.summary = total.isDouble()
                         ? QStringLiteral("OK: %1 %2 in the store (HTTP 200 in %3 ms)")
                               .arg(total.toInteger())
                               .arg(collection)
                               .arg(attempt.durationMs)
                         : QStringLiteral("OK: the store answered with its %1 (HTTP 200 in %2 ms)")
                               .arg(collection)
                               .arg(attempt.durationMs);
    return result;
}

} // namespace StoreConnectionCheck
