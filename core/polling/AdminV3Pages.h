#pragma once

#include "polling/StoreApiClient.h"

// Spree's Admin API v3 (5.5 and later): /api/v3/admin/{orders,customers,products} with q[updated_at_gt],
// sort=updated_at, page and limit, expand= for associations, X-Spree-Api-Key, and prefixed ids. It lists no
// shipments: they are read as the fulfillments of orders (a shipment's change also touches its order).
class AdminV3Pages : public StoreApiClient
{
public:
    static constexpr int kMaxLimit = 100;
    static QString resource(const QString &collection); // users -> customers, shipments -> orders
    static QString expand(const QString &collection);

    QUrl pageUrl(const Store &store, const QString &collection, const Bookmark &bookmark,
                 int page) const override;
    Page readPage(const QString &collection, int page, const QJsonObject &body) const override;
    QByteArray authHeader() const override { return QByteArrayLiteral("X-Spree-Api-Key"); }
};
