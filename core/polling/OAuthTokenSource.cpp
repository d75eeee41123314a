#include "polling/OAuthTokenSource.h"

#include "http/HttpExchange.h"
#include "polling/StoreApiClient.h"
#include "utils/Clock.h"

#include <QJsonDocument>
#include <QJsonObject>

OAuthTokenSource::OAuthTokenSource(QNetworkAccessManager *network, const QUrl &storeUrl, QString clientId,
                                   QString clientSecret, double timeoutSeconds, QObject *parent)
    : QObject(parent)
    , network_(network)
    , tokenUrl_(StoreApiClient::url(storeUrl, {QStringLiteral("spree_oauth"), QStringLiteral("token")}))
    , clientId_(std::move(clientId))
    , clientSecret_(std::move(clientSecret))
    , timeoutSeconds_(timeoutSeconds)
{}

bool OAuthTokenSource::hasValidToken() const
{
    return !token_.isEmpty() && Clock::nowMs() < renewAtMs_;
}

bool OAuthTokenSource::isFor(const QUrl &storeUrl, const QString &clientId, const QString &clientSecret) const
{
    return tokenUrl_ ==
               StoreApiClient::url(storeUrl, {QStringLiteral("spree_oauth"), QStringLiteral("token")}) &&
           clientId_ == clientId && clientSecret_ == clientSecret;
}

void OAuthTokenSource::invalidate()
{
    token_.clear();
    renewAtMs_ = 0;
}

void OAuthTokenSource::fetch(Callback done)
{
    if (hasValidToken())
        return done(token_, QString());
    HttpExchange::Request request;
    request.url = tokenUrl_;
    request.timeoutMs = qint64(timeoutSeconds_ * 1000);
    request.peer = HttpExchange::Request::Peer::Store;
    request.headers = {
        {"Content-Type", "application/json"},
        {"Accept", "application/json"},
        {"User-Agent", QByteArrayLiteral("Integrator/") + QByteArrayLiteral(INTEGRATOR_VERSION)}};
    request.body =
        QJsonDocument(QJsonObject{{QStringLiteral("grant_type"), QStringLiteral("client_credentials")},
                                  {QStringLiteral("client_id"), clientId_},
                                  {QStringLiteral("client_secret"), clientSecret_},
                                  {QStringLiteral("scope"), scope()}})
            .toJson(QJsonDocument::Compact);
    auto *exchange = new HttpExchange(network_, request, this);
    connect(exchange, &HttpExchange::finished, this,
            [this, exchange, done = std::move(done)](const Attempt &attempt) {
                exchange->deleteLater();
                onAnswer(attempt.status, attempt.responseBody, attempt.error, done);
            });
    exchange->start();
}

void OAuthTokenSource::onAnswer(int status, const QByteArray &body, const QString &networkError,
                                const Callback &done)
{
    if (!networkError.isEmpty())
        return done({}, QStringLiteral("the token request failed: %1").arg(networkError));
    const QJsonObject answer = QJsonDocument::fromJson(body).object();
    if (status == 400 || status == 401 || status == 403) {
        // Doorkeeper says invalid_client for a wrong id or secret, invalid_scope when the app lacks "admin".
        const QString reason = answer.value(QStringLiteral("error")).toString();
        return done(
            {}, QStringLiteral("the token endpoint refused the OAuth client (HTTP %1%2); check client_id and "
                               "client_secret, and that the application has the %3 scope")
                    .arg(status)
                    .arg(reason.isEmpty() ? QString() : QStringLiteral(", ") + reason)
                    .arg(scope()));
    }
    const QString token = answer.value(QStringLiteral("access_token")).toString();
    if (status != 200 || token.isEmpty())
        return done({}, QStringLiteral("the token endpoint answered HTTP %1 without an access_token: %2")
                            .arg(status)
                            .arg(QString::fromUtf8(body.left(160)).simplified()));
    // Renewed a tenth of its life early (at most a minute), so no request goes out with a token about to
    // lapse.
    const qint64 lifetimeMs = qint64(answer.value(QStringLiteral("expires_in")).toDouble(7200) * 1000);
    token_ = token;
    renewAtMs_ = Clock::nowMs() + lifetimeMs - qMin(kMaxRenewMarginMs, lifetimeMs / 10);
    ++fetched_;
    done(token_, QString());
}
