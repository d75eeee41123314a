#pragma once

#include "polling/StoreApiClient.h"

// Spree's API v1 (up to 4.4): /api/<collection> with ransack's q[updated_at_gteq] and q[s], Kaminari's
// page and per_page, X-Spree-Token, and a GET of each order's detail (the index holds summaries).
class SpreeV1Pages : public StoreApiClient
{
public:
    QUrl pageUrl(const Store &store, const QString &collection, const Bookmark &bookmark,
                 int page) const override;
    Page readPage(const QString &collection, int page, const QJsonObject &body) const override;
    bool opaqueIds() const override { return false; }
    QUrl detailUrl(const Store &store, const QString &collection, const PolledRecord &record) const override;
    void mergeDetail(PolledRecord *record, const QJsonObject &detail) const override;
    QByteArray authHeader() const override { return QByteArrayLiteral("X-Spree-Token"); }
};
