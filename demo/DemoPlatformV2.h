#pragma once

#include "DemoIndexQuery.h"
#include "DemoStore.h"

#include <QJsonObject>
#include <QSet>
#include <QString>

// The demo store's records as Spree's Platform API v2 renders them: JSON:API resources whose relationships
// point into `included`, filled only with the paths the request's include= names.
class DemoPlatformV2
{
public:
    DemoPlatformV2(const DemoStore &store, const QString &include);

    QJsonObject page(DemoStore::Collection collection, const DemoIndexQuery::Page &page,
                     const QString &path) const;

private:
    QJsonObject order(const QJsonObject &order, const QString &path) const;
    QJsonObject shipment(const QJsonObject &shipment, int orderId, const QJsonObject &shipTo,
                         const QString &path) const;
    QJsonObject user(const QJsonObject &user, const QString &path) const;
    static QJsonObject product(const QJsonObject &product);
    QJsonValue address(const QJsonValue &address, const QString &path) const;
    QJsonObject variant(const QJsonObject &variant, const QString &path) const;
    // Adds the resource to `included` when `path` was asked for, and returns its identifier.
    QJsonObject refer(const QString &path, const QJsonObject &resource) const;

    const DemoStore &store_;
    QSet<QString> include_;
    mutable QJsonArray included_;
    mutable QSet<QString> seen_;
};
