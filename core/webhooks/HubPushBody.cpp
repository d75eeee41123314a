#include "webhooks/HubPushBody.h"

#include "model/Message.h"
#include "webhooks/PushedId.h"

#include <QJsonArray>

namespace {

const QString kOrigin = QStringLiteral("origin");

} // namespace

bool HubPushBody::looksLikeHubBody(const QJsonObject &body)
{
    if (body.contains(QStringLiteral("message")) || body.contains(QStringLiteral("messages")))
        return false;
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.value().isArray())
            return true;
    }
    return false;
}

QString HubPushBody::singular(const QString &collection)
{
    if (collection.endsWith(QLatin1String("ies")))
        return collection.chopped(3) + u'y'; // inventories -> inventory
    return collection.endsWith(u's') ? collection.chopped(1) : collection;
}

bool HubPushBody::parse(const QJsonObject &body, HubPushBody *out, QString *error)
{
    HubPushBody parsed;
    parsed.origin = body.value(kOrigin).toString().simplified().left(100);
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (it.key() == kOrigin || !it.value().isArray())
            continue;
        const QString type = singular(it.key());
        if (const QString reason = Message::typeError(type + QStringLiteral(":new")); !reason.isEmpty()) {
            *error = QStringLiteral("collection \"%1\" cannot name a message type: %2").arg(it.key(), reason);
            return false;
        }
        const QJsonArray items = it.value().toArray();
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QJsonObject object = items.at(i).toObject();
            const QString id = PushedId::text(object.value(QStringLiteral("id")));
            if (id.isEmpty() || id.size() > 200) {
                *error = QStringLiteral("%1[%2] has no \"id\" (a string or number of up to 200 characters); "
                                        "every pushed object needs one")
                             .arg(it.key())
                             .arg(i);
                return false;
            }
            parsed.objects.append({type, id, object});
        }
    }
    if (parsed.objects.isEmpty()) {
        *error = QStringLiteral("the body's collections are empty; nothing to accept");
        return false;
    }
    *out = parsed;
    return true;
}
