#include "delivery/EndpointTestMessage.h"

#include "delivery/DeliveryRequestBuilder.h"
#include "delivery/ResponseReading.h"
#include "delivery/WebhookSigner.h"
#include "http/HttpExchange.h"
#include "http/HttpStatus.h"
#include "secrets/CredentialStore.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "utils/Clock.h"
#include "utils/ObjectId.h"

#include <QDateTime>
#include <QJsonDocument>

namespace {

HttpExchange::Request exchangeRequest(const EndpointTestMessage::Request &request, const QByteArray &body)
{
    DeliveryRequestBuilder::Parts parts;
    parts.endpoint = &request.endpoint;
    parts.url = DeliveryRequestBuilder::serviceUrl(request.endpoint.url, request.path);
    parts.messageId = request.message.id;
    parts.body = body;
    parts.timeoutMs = request.timeoutMs;
    parts.token = request.token;
    parts.basicAuth = request.basicAuth;
    parts.signingKeys = request.signingKeys;
    return DeliveryRequestBuilder().build(parts);
}

bool missingSecret(const QString &key, QString *error)
{
    if (error->isEmpty())
        *error = QStringLiteral("the database holds no secret %1; type it again and save").arg(key);
    return false;
}

bool addSigningKey(const Database &db, CredentialStore &credentials, const QString &key,
                   EndpointTestMessage::Request *request, QString *error)
{
    const std::optional<QString> secret = credentials.read(db, key, error);
    QByteArray decoded;
    if (!secret)
        return missingSecret(key, error);
    if (!WebhookSigner::decodeSecret(*secret, &decoded, error))
        return false;
    request->signingKeys.append(decoded);
    return true;
}

} // namespace

namespace EndpointTestMessage {

Message notificationMessage()
{
    Message message;
    message.type = QStringLiteral("notification:info");
    message.payload = {{QStringLiteral("subject"), QStringLiteral("Test message from Integrator")},
                       {QStringLiteral("description"),
                        QStringLiteral("Sent by a person to check this service; it needs no action.")}};
    return message;
}

bool loadSecrets(const Database &db, CredentialStore &credentials, Request *request, QString *error)
{
    QList<Endpoint> endpoints;
    if (!ConfigRepository(db).loadEndpoints(&endpoints, error))
        return false;
    for (const Endpoint &stored : std::as_const(endpoints)) {
        if (stored.name != request->endpoint.name)
            continue;
        if (request->token.isEmpty() && stored.hasToken) {
            request->token = credentials.read(db, stored.tokenKey(), error).value_or(QString());
            if (request->token.isEmpty())
                return missingSecret(stored.tokenKey(), error);
        }
        if (stored.hasBasicAuth) {
            request->basicAuth =
                credentials.read(db, Endpoint::basicAuthKeyFor(stored.name), error).value_or(QString());
            if (request->basicAuth.isEmpty())
                return missingSecret(Endpoint::basicAuthKeyFor(stored.name), error);
        }
        if (stored.hasSigningSecret)
            return addSigningKey(db, credentials, Endpoint::signingKeyFor(stored.name), request, error) &&
                   (stored.previousSigningUntilMs <= Clock::nowMs() ||
                    addSigningKey(db, credentials, Endpoint::previousSigningKeyFor(stored.name), request,
                                  error));
    }
    return true;
}

void send(QNetworkAccessManager *network, Request request, Callback done)
{
    if (request.message.id.isEmpty())
        request.message.id = ObjectId::generate();
    const QByteArray body = QJsonDocument(request.message.toJson()).toJson(QJsonDocument::Compact);
    const HttpExchange::Request http = exchangeRequest(request, body);
    auto *exchange = new HttpExchange(network, http);
    const QUrl url = http.url;
    QObject::connect(exchange, &HttpExchange::finished, exchange,
                     [exchange, url, done = std::move(done)](const Attempt &attempt) {
                         exchange->deleteLater();
                         done(interpret(attempt, url));
                     });
    exchange->start();
}

Result interpret(const Attempt &attempt, const QUrl &url)
{
    Result result;
    result.status = attempt.status;
    const ResponseReading reading = ResponseReading::read(attempt, url, Clock::nowMs());
    if (reading.kind == ResponseReading::Kind::Failed) {
        result.summary = reading.error;
        return result;
    }
    result.delivered = true;
    const QString status = QStringLiteral("HTTP %1 %2 in %3 ms")
                               .arg(attempt.status)
                               .arg(QString::fromLatin1(HttpStatus::reasonPhrase(attempt.status)))
                               .arg(attempt.durationMs);
    if (reading.kind == ResponseReading::Kind::Async)
        result.summary =
            QStringLiteral("%1: accepted asynchronously; updates at %2 (not followed for a test)")
                .arg(status, reading.updateUrl.toString());
    else if (!reading.messages.isEmpty())
        result.summary =
            QStringLiteral("%1: delivered; the %2 message(s) in the answer were not accepted (test)")
                .arg(status)
                .arg(reading.messages.size());
    else
        result.summary = QStringLiteral("%1: delivered").arg(status);
    return result;
}

} // namespace EndpointTestMessage
