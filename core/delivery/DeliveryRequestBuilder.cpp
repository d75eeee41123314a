#include "delivery/DeliveryRequestBuilder.h"

#include "delivery/WebhookSigner.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

DeliveryRequestBuilder::DeliveryRequestBuilder(QString storeId)
    : storeId_(std::move(storeId))
{}

QUrl DeliveryRequestBuilder::serviceUrl(const QUrl &endpointUrl, const QString &path)
{
    QUrl url = endpointUrl;
    QString base = url.path();
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + path);
    return url;
}

QByteArray DeliveryRequestBuilder::body(const Message &message, const QStringList &parameterNames,
                                        const QHash<QString, Parameter> &parameters)
{
    QJsonObject payload = message.payload;
    if (!parameterNames.isEmpty()) {
        // Injected at send time only, so secret values never reach the database.
        QJsonArray injected;
        for (const QString &name : parameterNames) {
            const auto it = parameters.constFind(name);
            if (it != parameters.cend() && !it->value.isUndefined())
                injected.append(
                    QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("value"), it->value}});
        }
        payload.insert(QStringLiteral("parameters"), injected);
    }
    const QJsonObject envelope{{QStringLiteral("message"), message.type},
                               {QStringLiteral("message_id"), message.id},
                               {QStringLiteral("payload"), payload}};
    return QJsonDocument(envelope).toJson(QJsonDocument::Compact);
}

HttpExchange::Request DeliveryRequestBuilder::build(const Parts &parts) const
{
    HttpExchange::Request request;
    request.url = parts.url;
    request.body = parts.body;
    request.timeoutMs = parts.timeoutMs;
    request.allowSelfSigned = parts.endpoint && parts.endpoint->allowSelfSigned;
    // The token, the signature and the parameters go to the endpoint's origin (or one its update_origins
    // name) only. An update_url is
    // checked when it is read (ResponseReading); this catches one stored before that check existed, or
    // before the endpoint's URL moved to another origin.
    if (parts.endpoint)
        request.refusal =
            Endpoint::crossOriginError(parts.url, parts.endpoint->url, parts.endpoint->updateOrigins);
    request.headers = {
        {"Content-Type", "application/json"},
        {"Accept", "application/json"},
        {"User-Agent", QByteArrayLiteral("Integrator/") + QByteArrayLiteral(INTEGRATOR_VERSION)},
        {"X-Hub-Store", storeId_.toUtf8()}};
    addToken(parts.token, &request);
    addBasicAuth(parts.basicAuth, &request);
    sign(parts, &request);
    return request;
}

void DeliveryRequestBuilder::addToken(const QString &token, HttpExchange::Request *request)
{
    if (token.isEmpty())
        return;
    // Both names: endpoints of either era read one of the two. Secret, so logs and curl copies hide them.
    request->headers.append({"X-Augury-Token", token.toUtf8()});
    request->headers.append({"X-Hub-Token", token.toUtf8()});
    request->secretHeaders = {"X-Augury-Token", "X-Hub-Token"};
}

// Sent with the first request rather than after a 401 challenge, as curl -u does: an endpoint behind
// HTTP authentication may not challenge at all.
void DeliveryRequestBuilder::addBasicAuth(const QString &userAndPassword, HttpExchange::Request *request)
{
    if (userAndPassword.isEmpty())
        return;
    request->headers.append({"Authorization", "Basic " + userAndPassword.toUtf8().toBase64()});
    request->secretHeaders.append("Authorization");
}

void DeliveryRequestBuilder::sign(const Parts &parts, HttpExchange::Request *request)
{
    if (parts.signingKeys.isEmpty())
        return;
    // Signed at every attempt: the timestamp is part of what endpoints check for replays.
    const qint64 timestamp = QDateTime::currentSecsSinceEpoch();
    request->headers.append({"webhook-id", parts.messageId.toUtf8()});
    request->headers.append({"webhook-timestamp", QByteArray::number(timestamp)});
    request->headers.append(
        {"webhook-signature",
         WebhookSigner::signatureHeader(parts.signingKeys, parts.messageId, timestamp, request->body)});
}
