#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

// What the store-side clients of the hub era (the hub gem, spree_wombat) push: collections of objects
// keyed by plural type, {"orders": [{...}], "shipments": [...]}, perhaps with a top-level "origin".
// Each object needs an "id"; the message type (order:new or order:updated) is decided later, by whether
// the store pushed that object before.
struct HubPushBody
{
    struct Object
    {
        QString type; // singular: orders -> order, other plurals lose their trailing s
        QString id;
        QJsonObject object;
    };
    QList<Object> objects;
    QString origin; // the top-level "origin", empty when absent

    // True for a JSON object without "message" or "messages" that holds at least one array: the
    // shape of a hub-era push rather than of Integrator's own messages.
    static bool looksLikeHubBody(const QJsonObject &body);
    // False and a one-line reason when a collection is not a list of objects with ids.
    static bool parse(const QJsonObject &body, HubPushBody *out, QString *error);
    static QString singular(const QString &collection);
};
