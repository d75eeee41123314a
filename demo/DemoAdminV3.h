#pragma once

#include "DemoIndexQuery.h"
#include "DemoStore.h"

#include <QJsonObject>
#include <QSet>
#include <QString>

// The demo store's records as Spree's Admin API v3 renders them: plain JSON with prefixed ids ("or_…", which
// do not sort like the records), associations only where expand= names them, carts as "draft" orders.
class DemoAdminV3
{
public:
    explicit DemoAdminV3(const DemoStore &store, const QString &expand);

    // "or_" and a scrambled form of the id: unique, but in no useful order.
    static QString prefixedId(const char *prefix, int id);
    QJsonObject page(DemoStore::Collection collection, const DemoIndexQuery::Page &page) const;

private:
    QJsonObject order(const QJsonObject &order) const;
    QJsonObject fulfillment(const QJsonObject &shipment, const QJsonObject &order) const;
    QJsonObject customer(const QJsonObject &user) const;
    static QJsonObject product(const QJsonObject &product);
    static QJsonValue address(const QJsonValue &address);

    const DemoStore &store_;
    QSet<QString> expand_;
};
