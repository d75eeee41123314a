#pragma once

#include "model/Store.h"
#include "storage/StoreRepository.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QUrl>

#include <memory>

// One record of an index page, ready for SpreeTranslator: its place in the bookmark's order (the store's
// id and updated_at) and the Spree record(s) it stands for, each with the store's own form of it.
struct PolledRecord
{
    struct Form
    {
        QJsonObject record;   // in API v1's shape, which SpreeTranslator reads
        QJsonObject original; // as the store sent it: payload.original
    };
    QString id;
    QString updatedAt;
    qint64 updatedAtMs = 0;
    // Usually one; the Admin API v3 lists no shipments, so its shipments come as an order's fulfillments.
    QList<Form> forms;
};

// What differs between Spree's APIs for a poll: the index URL and query, the auth header, how a page lists
// its records and says there are more, and whether a record needs a GET of its own. The poller keeps the
// schedule, the bookmark, the commit and the heartbeat, the same for every API.
class StoreApiClient
{
public:
    struct Page
    {
        QList<PolledRecord> records;
        bool morePages = false;
        QString error; // why the page is not what this API answers, for "store NAME: …"
    };

    static std::unique_ptr<StoreApiClient> forApi(const QString &api);
    // The store's URL + `segments`, each percent-encoded, and the query `items`: a "+" in a time stays a
    // "+" and "/" inside a segment stays inside it. The brackets of "q[…]" and "filter[…]" may stay.
    static QUrl url(const QUrl &storeUrl, const QStringList &segments,
                    const QList<QPair<QString, QString>> &items = {});

    virtual ~StoreApiClient() = default;

    virtual QUrl pageUrl(const Store &store, const QString &collection, const Bookmark &bookmark,
                         int page) const = 0;
    virtual Page readPage(const QString &collection, int page, const QJsonObject &body) const = 0;
    // The Spree ids of these APIs are opaque ("or_…"): ties at the bookmark are told by Bookmark::seenIds.
    virtual bool opaqueIds() const { return true; }
    // API v1's order index holds summaries: a record that needs its own GET gives its URL here.
    virtual QUrl detailUrl(const Store &store, const QString &collection, const PolledRecord &record) const;
    virtual void mergeDetail(PolledRecord *record, const QJsonObject &detail) const;

    // What the API answers with: Prism, following Spree's spec, refuses a JSON:API index to Accept:
    // application/json (406).
    virtual QByteArray accept() const { return QByteArrayLiteral("application/json"); }
    virtual QByteArray authHeader() const = 0;
    // The header's value for the store's credential: the API key, or an OAuth access token.
    virtual QByteArray authValue(const QString &credential) const { return credential.toUtf8(); }
    // What the credential is called in the store's configuration, for error messages.
    virtual QString credentialName() const { return QStringLiteral("api_key"); }
};
