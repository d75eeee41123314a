#include "webhooks/SpreeWebhookEvent.h"

#include "polling/SpreeTranslator.h"
#include "webhooks/PushedId.h"
#include "webhooks/SpreeEventMapping.h"

#include <QJsonDocument>

namespace {

// A JSON:API resource's attributes with its id beside them, as API v1 records had them.
QJsonObject flattened(const QJsonObject &data)
{
    if (!data.value(QStringLiteral("attributes")).isObject())
        return data;
    QJsonObject flat = data.value(QStringLiteral("attributes")).toObject();
    flat.insert(QStringLiteral("id"), data.value(QStringLiteral("id")));
    return flat;
}

// An order whose completed_at is there and null; the 5.4+ order data has no completed_at at all.
bool isCart(const QJsonObject &event)
{
    const QJsonObject object = flattened(event.value(QStringLiteral("data")).toObject());
    return object.contains(QStringLiteral("completed_at")) &&
           object.value(QStringLiteral("completed_at")).isNull();
}

QJsonObject payloadOf(const QString &name, const QString &type, const QJsonObject &event)
{
    const QJsonObject object = flattened(event.value(QStringLiteral("data")).toObject());
    QJsonObject payload{{QStringLiteral("spree_event"), event}};
    const QString key = SpreeEventMapping::hubKey(name);
    if (key.isEmpty())
        return payload;
    QJsonObject hub = SpreeTranslator::hubForm(key + u's', object);
    // 5.4+ orders carry no state; the event itself says a canceled order is canceled.
    if (type == QLatin1String("order:canceled") && hub.value(QStringLiteral("status")).toString().isEmpty())
        hub.insert(QStringLiteral("status"), QStringLiteral("canceled"));
    payload.insert(key, hub);
    payload.insert(QStringLiteral("original"), object);
    return payload;
}

} // namespace

bool SpreeWebhookEvent::parse(const QByteArray &body, SpreeWebhookEvent *out, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = QStringLiteral("the webhook body is not a JSON object");
        return false;
    }
    const QJsonObject event = document.object();
    const bool legacy = event.contains(QStringLiteral("event_type"));
    SpreeWebhookEvent parsed;
    parsed.eventId = PushedId::text(event.value(legacy ? QStringLiteral("event_id") : QStringLiteral("id")));
    parsed.name = event.value(legacy ? QStringLiteral("event_type") : QStringLiteral("name")).toString();
    if (parsed.eventId.isEmpty() || parsed.name.isEmpty()) {
        *error =
            QStringLiteral("the webhook has no event id and name (\"id\" and \"name\", or \"event_id\" and "
                           "\"event_type\"); is this a Spree webhook?");
        return false;
    }
    if (parsed.eventId.size() > 200) {
        *error = QStringLiteral("the webhook's event id is longer than 200 characters");
        return false;
    }
    QString type = SpreeEventMapping::messageType(parsed.name);
    // The legacy order.update fires for carts too, and a cart is not an order yet: kept, not routed as
    // order:updated.
    if (type == QLatin1String("order:updated") && isCart(event))
        type = SpreeEventMapping::keptType(parsed.name);
    const QJsonObject message{{QStringLiteral("message"), type},
                              {QStringLiteral("payload"), payloadOf(parsed.name, type, event)}};
    if (!Message::fromJson(message, &parsed.message, error))
        return false;
    *out = parsed;
    return true;
}
