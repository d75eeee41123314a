#pragma once

#include "http/HttpExchange.h"
#include "model/Endpoint.h"
#include "model/Message.h"
#include "model/Parameter.h"

#include <QHash>
#include <QList>
#include <QStringList>

// Builds the request an endpoint receives. The dispatcher and the endpoint test message both use it, so
// a test message carries exactly the headers, token and signature that real traffic carries.
class DeliveryRequestBuilder
{
public:
    struct Parts
    {
        const Endpoint *endpoint = nullptr; // its self-signed flag
        QUrl url;                           // the service URL, or an update_url
        QString messageId;                  // signed as webhook-id
        QByteArray body;
        qint64 timeoutMs = 0;
        QString token;                 // empty: no token headers
        QString basicAuth;             // "user:password"; empty: no Authorization header
        QList<QByteArray> signingKeys; // decoded signing secrets, the newest first; empty: unsigned
    };

    explicit DeliveryRequestBuilder(QString storeId = QStringLiteral("integrator"));

    // The endpoint's URL with the service path appended ("/hub" + "/orders" is "/hub/orders").
    static QUrl serviceUrl(const QUrl &endpointUrl, const QString &path);
    // The message envelope; the payload gets the mapping's parameters that have a value.
    static QByteArray body(const Message &message, const QStringList &parameterNames,
                           const QHash<QString, Parameter> &parameters);
    HttpExchange::Request build(const Parts &parts) const;

private:
    static void addToken(const QString &token, HttpExchange::Request *request);
    static void addBasicAuth(const QString &userAndPassword, HttpExchange::Request *request);
    static void sign(const Parts &parts, HttpExchange::Request *request);

    QString storeId_;
};
