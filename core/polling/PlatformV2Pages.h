#pragma once

#include "polling/JsonApiDocument.h"
#include "polling/StoreApiClient.h"

// Spree's Platform API v2 (4.5 to 5.3; later with the spree_legacy_api_v2 gem): /api/v2/platform/<collection>
// with filter[updated_at_gt], sort=updated_at, page and per_page, include= for what the hub form needs, an
// OAuth bearer token (OAuthTokenSource), and JSON:API answers.
class PlatformV2Pages : public StoreApiClient
{
public:
    static constexpr int kMaxPerPage = 500; // Spree falls back to 25 above it
    static QString includes(const QString &collection);

    QUrl pageUrl(const Store &store, const QString &collection, const Bookmark &bookmark,
                 int page) const override;
    Page readPage(const QString &collection, int page, const QJsonObject &body) const override;
    QByteArray accept() const override { return QByteArrayLiteral("application/vnd.api+json"); }
    QByteArray authHeader() const override { return QByteArrayLiteral("Authorization"); }
    QByteArray authValue(const QString &token) const override { return "Bearer " + token.toUtf8(); }
    QString credentialName() const override { return QStringLiteral("client_id and client_secret"); }

private:
    // The resource in API v1's shape, which SpreeTranslator reads.
    static QJsonObject record(const JsonApiDocument &document, const QString &collection,
                              const QJsonObject &resource);
};

// "updated_at greater than" one millisecond before the bookmark: the records at the bookmark's own time are
// read again, and Bookmark::seenIds tells which of them were handled (Spree renders times in milliseconds).
QString cursorBefore(const Bookmark &bookmark);
