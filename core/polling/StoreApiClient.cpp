#include "polling/StoreApiClient.h"

#include "polling/AdminV3Pages.h"
#include "polling/PlatformV2Pages.h"
#include "polling/SpreeV1Pages.h"

std::unique_ptr<StoreApiClient> StoreApiClient::forApi(const QString &api)
{
    if (api == Store::kApiPlatformV2)
        return std::make_unique<PlatformV2Pages>();
    if (api == Store::kApiAdminV3)
        return std::make_unique<AdminV3Pages>();
    return std::make_unique<SpreeV1Pages>();
}

QUrl StoreApiClient::url(const QUrl &storeUrl, const QStringList &segments,
                         const QList<QPair<QString, QString>> &items)
{
    QUrl url = storeUrl;
    QByteArray path = storeUrl.path(QUrl::FullyEncoded).toLatin1();
    if (path.endsWith('/'))
        path.chop(1);
    for (const QString &segment : segments)
        path += '/' + QUrl::toPercentEncoding(segment);
    url.setPath(QString::fromLatin1(path), QUrl::TolerantMode); // already encoded: %2F stays in its segment
    // QUrlQuery leaves a "+" as it is, which Rails reads as a space ("…T10:00:00+02:00"): every key and
    // value is encoded here.
    QByteArrayList query;
    for (const auto &[key, value] : items)
        query.append(QUrl::toPercentEncoding(key, "[]") + '=' + QUrl::toPercentEncoding(value));
    url.setQuery(query.isEmpty() ? QString() : QString::fromLatin1(query.join('&')), QUrl::TolerantMode);
    return url;
}

QUrl StoreApiClient::detailUrl(const Store &, const QString &, const PolledRecord &) const
{
    return {};
}

void StoreApiClient::mergeDetail(PolledRecord *, const QJsonObject &) const
{}
