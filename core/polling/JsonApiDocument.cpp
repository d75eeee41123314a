#include "polling/JsonApiDocument.h"

namespace {

QString identity(const QJsonObject &resource)
{
    return resource.value(QStringLiteral("type")).toString() + QLatin1Char('/') +
           resource.value(QStringLiteral("id")).toString();
}

QJsonValue relationshipData(const QJsonObject &resource, const QString &relationship)
{
    return resource.value(QStringLiteral("relationships"))
        .toObject()
        .value(relationship)
        .toObject()
        .value(QStringLiteral("data"));
}

} // namespace

JsonApiDocument::JsonApiDocument(const QJsonObject &document)
    : document_(document)
{
    for (const QJsonValue &value : document.value(QStringLiteral("included")).toArray())
        included_.insert(identity(value.toObject()), value.toObject());
    // A primary resource may be what another one refers to (an order's shipments listed as data).
    for (const QJsonObject &resource : data())
        included_.insert(identity(resource), resource);
}

bool JsonApiDocument::hasDataList() const
{
    return document_.value(QStringLiteral("data")).isArray();
}

QList<QJsonObject> JsonApiDocument::data() const
{
    QList<QJsonObject> resources;
    for (const QJsonValue &value : document_.value(QStringLiteral("data")).toArray())
        resources.append(value.toObject());
    return resources;
}

QJsonObject JsonApiDocument::flat(const QJsonObject &resource)
{
    QJsonObject object = resource.value(QStringLiteral("attributes")).toObject();
    object.insert(QStringLiteral("id"), resource.value(QStringLiteral("id")));
    return object;
}

QJsonObject JsonApiDocument::find(const QJsonValue &identifier) const
{
    return identifier.isObject() ? included_.value(identity(identifier.toObject())) : QJsonObject();
}

QJsonObject JsonApiDocument::one(const QJsonObject &resource, const QString &relationship) const
{
    return find(relationshipData(resource, relationship));
}

QList<QJsonObject> JsonApiDocument::many(const QJsonObject &resource, const QString &relationship) const
{
    QList<QJsonObject> resources;
    for (const QJsonValue &identifier : relationshipData(resource, relationship).toArray()) {
        const QJsonObject found = find(identifier);
        if (!found.isEmpty())
            resources.append(found);
    }
    return resources;
}

QJsonObject JsonApiDocument::meta() const
{
    return document_.value(QStringLiteral("meta")).toObject();
}
