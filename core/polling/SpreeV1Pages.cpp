#include "polling/SpreeV1Pages.h"

#include <QDateTime>
#include <QJsonArray>

QUrl SpreeV1Pages::pageUrl(const Store &store, const QString &collection, const Bookmark &bookmark,
                           int page) const
{
    QList<QPair<QString, QString>> query;
    if (bookmark.isSet())
        query.append({QStringLiteral("q[updated_at_gteq]"), bookmark.updatedAt});
    query.append({QStringLiteral("q[s]"), QStringLiteral("updated_at asc")});
    query.append({QStringLiteral("page"), QString::number(page)});
    query.append({QStringLiteral("per_page"), QString::number(store.pageSize)});
    return url(store.url, {QStringLiteral("api"), collection}, query);
}

StoreApiClient::Page SpreeV1Pages::readPage(const QString &collection, int number,
                                            const QJsonObject &body) const
{
    Page page;
    if (!body.value(collection).isArray()) {
        page.error = QStringLiteral("has no \"%1\" list; is this a Spree API v1?").arg(collection);
        return page;
    }
    for (const QJsonValue &value : body.value(collection).toArray()) {
        const QJsonObject record = value.toObject();
        PolledRecord polled;
        polled.id = QString::number(qint64(record.value(QStringLiteral("id")).toDouble()));
        polled.updatedAt = record.value(QStringLiteral("updated_at")).toString();
        polled.updatedAtMs = QDateTime::fromString(polled.updatedAt, Qt::ISODateWithMs).toMSecsSinceEpoch();
        polled.forms.append({record, record});
        page.records.append(polled);
    }
    page.morePages = body.value(QStringLiteral("current_page")).toInt(number) <
                     body.value(QStringLiteral("pages")).toInt(1);
    return page;
}

QUrl SpreeV1Pages::detailUrl(const Store &store, const QString &collection, const PolledRecord &record) const
{
    if (collection != QLatin1String("orders") || record.forms.isEmpty())
        return {};
    return url(store.url, {QStringLiteral("api"), QStringLiteral("orders"),
                           record.forms.first().record.value(QStringLiteral("number")).toString()});
}

void SpreeV1Pages::mergeDetail(PolledRecord *record, const QJsonObject &detail) const
{
    // The bookmark follows the index's order, so keep the summary's updated_at and id.
    QJsonObject full = detail;
    const QJsonObject summary = record->forms.first().record;
    full.insert(QStringLiteral("updated_at"), summary.value(QStringLiteral("updated_at")));
    full.insert(QStringLiteral("id"), summary.value(QStringLiteral("id")));
    record->forms.first() = {full, full};
}
