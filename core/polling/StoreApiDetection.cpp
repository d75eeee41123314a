#include "polling/StoreApiDetection.h"

#include "http/HttpExchange.h"
#include "http/HttpStatus.h"
#include "polling/AdminV3Pages.h"
#include "polling/OAuthTokenSource.h"
#include "polling/StoreApiClient.h"
#include "polling/StoreConnectionCheck.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace {

// What a page says about the records there are, if it says so.
QString visible(const QString &api, const QJsonObject &page, const QString &collection)
{
    QJsonValue count;
    if (api == Store::kApiPlatformV2)
        count = page.value(QStringLiteral("meta"))[QStringLiteral("total_count")];
    else if (api == Store::kApiAdminV3)
        count = page.value(QStringLiteral("meta"))[QStringLiteral("count")];
    else
        count = page.value(QStringLiteral("total_count"));
    return count.isDouble() ? QStringLiteral("%1 %2 visible").arg(count.toInteger()).arg(collection)
                            : QStringLiteral("its %1 are visible").arg(collection);
}

bool hasList(const QString &api, const QJsonObject &page, const QString &collection)
{
    return api == Store::kApiV1 ? page.value(collection).isArray()
                                : page.value(QStringLiteral("data")).isArray();
}

} // namespace

StoreApiDetection::StoreApiDetection(QNetworkAccessManager *network, Store store, QString apiKey,
                                     QString clientSecret, Callback done)
    : network_(network)
    , store_(std::move(store))
    , apiKey_(std::move(apiKey))
    , clientSecret_(std::move(clientSecret))
    , done_(std::move(done))
{}

QStringList StoreApiDetection::probeOrder(const QString &configured)
{
    QStringList order{configured};
    for (const QString &api : {Store::kApiAdminV3, Store::kApiPlatformV2, Store::kApiV1}) {
        if (api != configured)
            order.append(api);
    }
    return order;
}

void StoreApiDetection::start()
{
    pending_ = probeOrder(store_.api);
    probe();
}

QString StoreApiDetection::collection() const
{
    return StoreConnectionCheck::probedCollection(store_);
}

QUrl StoreApiDetection::probeUrl(const QString &api) const
{
    if (api == Store::kApiPlatformV2)
        return StoreApiClient::url(
            store_.url,
            {QStringLiteral("api"), QStringLiteral("v2"), QStringLiteral("platform"), collection()},
            {{QStringLiteral("sort"), QStringLiteral("updated_at")},
             {QStringLiteral("page"), QStringLiteral("1")},
             {QStringLiteral("per_page"), QStringLiteral("1")}});
    if (api == Store::kApiAdminV3)
        return StoreApiClient::url(store_.url,
                                   {QStringLiteral("api"), QStringLiteral("v3"), QStringLiteral("admin"),
                                    AdminV3Pages::resource(collection())},
                                   {{QStringLiteral("sort"), QStringLiteral("updated_at")},
                                    {QStringLiteral("page"), QStringLiteral("1")},
                                    {QStringLiteral("limit"), QStringLiteral("1")}});
    return StoreConnectionCheck::probeUrl(store_);
}

void StoreApiDetection::probe()
{
    if (pending_.isEmpty()) {
        Finding none;
        none.status = 404;
        none.summary =
            QStringLiteral("no Spree API answered at %1: API v1, the Platform API v2 and the Admin API v3 "
                           "all answered 404; check the store's URL")
                .arg(store_.url.toString());
        return found(none);
    }
    current_ = pending_.takeFirst();
    if (current_ == Store::kApiV1)
        return get(probeUrl(current_), "X-Spree-Token", apiKey_.toUtf8());
    if (current_ == Store::kApiAdminV3)
        return get(probeUrl(current_), "X-Spree-Api-Key", apiKey_.toUtf8());
    if (store_.clientId.isEmpty() || clientSecret_.isEmpty())
        return get(probeUrl(current_), {}, {}); // a 401 still tells that the API is there
    auto *tokens = new OAuthTokenSource(network_, store_.url, store_.clientId, clientSecret_,
                                        store_.timeoutSeconds, this);
    tokens->fetch([this](const QString &token, const QString &error) {
        if (error.isEmpty())
            return get(probeUrl(current_), "Authorization", "Bearer " + token.toUtf8());
        if (error.contains(QStringLiteral("HTTP 404")))
            return probe(); // no token endpoint: not this API
        Finding finding;
        finding.api = current_;
        finding.status = error.contains(QStringLiteral("HTTP 401")) ? 401 : 0;
        finding.summary = QStringLiteral("speaks the Platform API v2, but %1").arg(error);
        found(finding);
    });
}

void StoreApiDetection::get(const QUrl &url, const QByteArray &header, const QByteArray &value)
{
    HttpExchange::Request request;
    request.url = url;
    request.get = true;
    request.timeoutMs = qint64(store_.timeoutSeconds * 1000);
    request.peer = HttpExchange::Request::Peer::Store;
    request.headers = {
        {"Accept", StoreApiClient::forApi(current_)->accept()},
        {"User-Agent", QByteArrayLiteral("Integrator/") + QByteArrayLiteral(INTEGRATOR_VERSION)}};
    if (!header.isEmpty() && !value.isEmpty() && value != "Bearer ") {
        request.headers.append({header, value});
        request.secretHeaders = {header};
    }
    auto *exchange = new HttpExchange(network_, request, this);
    connect(exchange, &HttpExchange::finished, this, [this, exchange](const Attempt &attempt) {
        exchange->deleteLater();
        onAnswer(attempt);
    });
    exchange->start();
}

void StoreApiDetection::onAnswer(const Attempt &attempt)
{
    if (attempt.error.isEmpty() && attempt.status == 404)
        return probe();
    Finding finding;
    finding.api = current_;
    finding.status = attempt.status;
    const QString title = Store::apiTitle(current_);
    if (current_ == Store::kApiV1 && current_ == store_.api) {
        // API v1 configured: its check says what it always said.
        const StoreConnectionCheck::Result result = StoreConnectionCheck::interpret(attempt, store_);
        finding.ok = result.ok;
        finding.summary = result.summary;
        return found(finding);
    }
    if (!attempt.error.isEmpty()) {
        finding.api.clear();
        finding.summary = attempt.error;
        return found(finding);
    }
    if (attempt.status == 401 || attempt.status == 403) {
        finding.summary =
            current_ == Store::kApiPlatformV2 && (store_.clientId.isEmpty() || clientSecret_.isEmpty())
                ? QStringLiteral("speaks the %1, which needs the client_id and client_secret of an OAuth "
                                 "application (Spree admin: Apps, or Settings > Developers)")
                      .arg(title)
                : QStringLiteral("speaks the %1, but the store refused the %2 (HTTP %3); check it")
                      .arg(title, StoreApiClient::forApi(current_)->credentialName())
                      .arg(attempt.status);
        return found(finding);
    }
    QJsonParseError parseError;
    const QJsonObject page = QJsonDocument::fromJson(attempt.responseBody, &parseError).object();
    if (attempt.status != 200 || parseError.error != QJsonParseError::NoError ||
        !hasList(current_, page, collection())) {
        const QString reason = QString::fromLatin1(HttpStatus::reasonPhrase(attempt.status));
        finding.summary =
            QStringLiteral("the %1 answered HTTP %2%3 without a list of %4; is this a Spree store?")
                .arg(title)
                .arg(attempt.status)
                .arg(reason.isEmpty() ? QString() : QLatin1Char(' ') + reason, collection());
        return found(finding);
    }
    finding.ok = true;
    finding.summary =
        QStringLiteral("OK: speaks the %1%2, %3 (HTTP 200 in %4 ms)")
            .arg(title, current_ == Store::kApiPlatformV2 ? QStringLiteral(" (OAuth ok)") : QString(),
                 visible(current_, page, collection()))
            .arg(attempt.durationMs);
    found(finding);
}

void StoreApiDetection::found(Finding finding)
{
    if (!finding.api.isEmpty() && finding.api != store_.api) {
        // It answers, but not through the API the store is set to: polling would fail until that changes.
        finding.ok = false;
        finding.summary = QStringLiteral("%1; the configured api is \"%2\": set \"api\": \"%3\"")
                              .arg(finding.summary.startsWith(QLatin1String("OK: ")) ? finding.summary.mid(4)
                                                                                     : finding.summary,
                                   store_.api, finding.api);
    }
    done_(finding);
    deleteLater();
}
