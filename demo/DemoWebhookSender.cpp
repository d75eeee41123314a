#include "DemoWebhookSender.h"

#include "utils/Clock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace {

QJsonObject sampleObject(const QString &kind, const QString &number)
{
    if (kind == QLatin1String("order") || kind == QLatin1String("shipment"))
        return {{QStringLiteral("number"), number},
                {QStringLiteral("email"), QStringLiteral("buyer@example.com")},
                {QStringLiteral("state"), QStringLiteral("complete")},
                {QStringLiteral("total"), QStringLiteral("42.00")},
                {QStringLiteral("currency"), QStringLiteral("USD")},
                {QStringLiteral("updated_at"), QStringLiteral("2026-07-01T10:00:00.000Z")}};
    return {{QStringLiteral("email"), QStringLiteral("%1@example.com").arg(number.toLower())},
            {QStringLiteral("name"), number}};
}

} // namespace

DemoWebhookSender::DemoWebhookSender(QObject *parent)
    : QObject(parent)
    , network_(new QNetworkAccessManager(this))
{}

QByteArray DemoWebhookSender::sampleEvent(Scheme scheme, const QString &eventName, const QString &eventId,
                                          const QString &number)
{
    const QString kind = eventName.section(u'.', 0, 0);
    const QJsonObject object = sampleObject(kind, number);
    QJsonObject event;
    if (scheme == Scheme::Legacy) {
        bool numeric = false;
        const qint64 id = eventId.toLongLong(&numeric);
        event = {{QStringLiteral("data"), QJsonObject{{QStringLiteral("id"), QStringLiteral("45")},
                                                      {QStringLiteral("type"), kind},
                                                      {QStringLiteral("attributes"), object},
                                                      {QStringLiteral("relationships"), QJsonObject{}}}},
                 {QStringLiteral("included"), QJsonArray{}},
                 {QStringLiteral("event_created_at"), QStringLiteral("2026-07-01T10:00:00.000Z")},
                 {QStringLiteral("event_id"), numeric ? QJsonValue(id) : QJsonValue(eventId)},
                 {QStringLiteral("event_type"), eventName}};
    } else {
        QJsonObject data = object;
        data.insert(QStringLiteral("id"), 123);
        event = {{QStringLiteral("id"), eventId},
                 {QStringLiteral("name"), eventName},
                 {QStringLiteral("created_at"), QStringLiteral("2026-07-01T10:00:00Z")},
                 {QStringLiteral("data"), data},
                 {QStringLiteral("metadata"),
                  QJsonObject{{QStringLiteral("spree_version"),
                               scheme == Scheme::Body ? QStringLiteral("5.3.0") : QStringLiteral("5.6.1")}}}};
    }
    return QJsonDocument(event).toJson(QJsonDocument::Compact);
}

void DemoWebhookSender::send(const QUrl &url, const QByteArray &secret, Scheme scheme, const QByteArray &body)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("Spree-Webhooks/1.0"));
    request.setTransferTimeout(30000);
    const QJsonObject event = QJsonDocument::fromJson(body).object();
    request.setRawHeader(
        "X-Spree-Webhook-Event",
        event.value(scheme == Scheme::Legacy ? QStringLiteral("event_type") : QStringLiteral("name"))
            .toString()
            .toUtf8());
    for (const auto &[name, value] :
         SpreeWebhookVerifier::signatureHeaders(scheme, secret, body, Clock::nowMs() / 1000))
        request.setRawHeader(name, value);
    QNetworkReply *reply = network_->post(request, body);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        Q_EMIT finished(status, reply->readAll(), status == 0 ? reply->errorString() : QString());
    });
}
