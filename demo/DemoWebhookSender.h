#pragma once

#include "webhooks/SpreeWebhookVerifier.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;

// Posts Spree-style webhook events, signed as a Spree store of the chosen era signs them, to a URL
// (Integrator's /api/stores/STORE/spree-webhooks): for the tests, and for a newcomer who wants to see the
// webhook path without a Spree store (`integrator sample-webhook`). Lives in the thread that created it.
class DemoWebhookSender : public QObject
{
    Q_OBJECT
public:
    using Scheme = SpreeWebhookVerifier::Scheme;

    explicit DemoWebhookSender(QObject *parent = nullptr);

    // A body as Spree sends it for `eventName` about an order (or user, product, shipment) numbered
    // `number`: JSON:API with event_id/event_type for the legacy scheme, {id, name, data} otherwise.
    static QByteArray sampleEvent(Scheme scheme, const QString &eventName, const QString &eventId,
                                  const QString &number);
    // Posts `body` signed with `secret` at the Clock's time; finished() tells the answer.
    void send(const QUrl &url, const QByteArray &secret, Scheme scheme, const QByteArray &body);

Q_SIGNALS:
    // status 0 when no HTTP answer came (refused connection, timeout); error says why then.
    void finished(int status, const QByteArray &body, const QString &error);

private:
    QNetworkAccessManager *network_;
};
