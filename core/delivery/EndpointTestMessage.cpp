#include "delivery/EndpointTestMessage.h"

#include "delivery/ResponseReading.h"
#include "delivery/WebhookSigner.h"
#include "http/HttpExchange.h"
#include "http/HttpStatus.h"
#include "secrets/CredentialStore.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "utils/ObjectId.h"

#include <QDateTime>
#include <QJsonDocument>

namespace {

HttpExchange::Request exchangeRequest(const EndpointTestMessage::Request &request, const QByteArray &body)
{
    HttpExchange::Request http;
    http.url = EndpointTestMessage::serviceUrl(request.endpoint.url, request.path);
    http.body = body;
    http.timeoutMs = request.timeoutMs;
    http.allowSelfSigned = request.endpoint.allowSelfSigned;
    http.headers = {{"Content-Type", "application/json"},
                    {"Accept", "application/json"},
                    {"User-Agent", QByteArrayLiteral("Integrator/") + QByteArrayLiteral(INTEGRATOR_VERSION)},
                    {"X-Hub-Store", "integrator"}};
    if (!request.token.isEmpty()) {
        // Both names, as the dispatcher sends them: endpoints of either era read one of the two.
        http.headers.append({"X-Augury-Token", request.token.toUtf8()});
        http.headers.append({"X-Hub-Token", request.token.toUtf8()});
        http.secretHeaders = {"X-Augury-Token", "X-Hub-Token"};
    }
    if (!request.signingKeys.isEmpty()) {
        const qint64 timestamp = QDateTime::currentSecsSinceEpoch();
        http.headers.append({"webhook-id", request.message.id.toUtf8()});
        http.headers.append({"webhook-timestamp", QByteArray::number(timestamp)});
        http.headers.append(
            {"webhook-signature",
             WebhookSigner::signatureHeader(request.signingKeys, request.message.id, timestamp, body)});
    }
    return http;
}

bool missingSecret(const QString &key, QString *error)
{
    if (error->isEmpty())
        *error = QStringLiteral("the keychain holds no secret %1; type it again and save").arg(key);
    return false;
}

bool addSigningKey(CredentialStore &credentials, const QString &key, EndpointTestMessage::Request *request,
                   QString *error)
{
    const std::optional<QString> secret = credentials.read(key, error);
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

QUrl serviceUrl(const QUrl &endpointUrl, const QString &path)
{
    QUrl url = endpointUrl;
    QString base = url.path();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + path);
    return url;
}

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
            request->token = credentials.read(stored.tokenKey(), error).value_or(QString());
            if (request->token.isEmpty())
                return missingSecret(stored.tokenKey(), error);
        }
        if (stored.hasSigningSecret)
            return addSigningKey(credentials, Endpoint::signingKeyFor(stored.name), request, error) &&
                   (stored.previousSigningUntilMs <= QDateTime::currentMSecsSinceEpoch() ||
                    addSigningKey(credentials, Endpoint::previousSigningKeyFor(stored.name), request, error));
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
    const ResponseReading reading = ResponseReading::read(attempt, url, QDateTime::currentMSecsSinceEpoch());
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
