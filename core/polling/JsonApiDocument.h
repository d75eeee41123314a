#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

// A JSON:API document (the Platform API v2's answers): its primary resources and the `included` ones they
// refer to, resolved by type and id. A relationship whose resource was not included reads as nothing.
class JsonApiDocument
{
public:
    explicit JsonApiDocument(const QJsonObject &document);

    bool hasDataList() const;
    QList<QJsonObject> data() const;
    // A resource's attributes with its id, as one flat object: {"id": "45", "number": …}.
    static QJsonObject flat(const QJsonObject &resource);
    // The included resource a to-one relationship points to; empty when absent or not included.
    QJsonObject one(const QJsonObject &resource, const QString &relationship) const;
    // The included resources of a to-many relationship, in its order; those not included are left out.
    QList<QJsonObject> many(const QJsonObject &resource, const QString &relationship) const;
    QJsonObject meta() const;

private:
    QJsonObject find(const QJsonValue &identifier) const;

    QJsonObject document_;
    QHash<QString, QJsonObject> included_; // "type/id"
};
