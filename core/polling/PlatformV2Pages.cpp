#include "polling/PlatformV2Pages.h"

#include "polling/JsonApiDocument.h"
#include "polling/PlatformV2Records.h"

#include <QDateTime>

QString cursorBefore(const Bookmark &bookmark)
{
    return QDateTime::fromMSecsSinceEpoch(bookmark.updatedAtMs - 1, Qt::UTC).toString(Qt::ISODateWithMs);
}

QString PlatformV2Pages::includes(const QString &collection)
{
    const QString address = QStringLiteral("%1,%1.country,%1.state");
    if (collection == QLatin1String("orders"))
        return QStringList{
            QStringLiteral("line_items,line_items.variant,all_adjustments"),
            address.arg(QStringLiteral("bill_address")), address.arg(QStringLiteral("ship_address")),
            QStringLiteral("payments,payments.payment_method"),
            QStringLiteral("shipments,shipments.stock_location,shipments.selected_shipping_rate,"
                           "shipments.inventory_units,shipments.inventory_units.variant")}
            .join(QLatin1Char(','));
    if (collection == QLatin1String("shipments"))
        return QStringLiteral(
                   "order,stock_location,selected_shipping_rate,inventory_units,inventory_units.variant,") +
               address.arg(QStringLiteral("address"));
    if (collection == QLatin1String("users"))
        return address.arg(QStringLiteral("bill_address")) + QLatin1Char(',') +
               address.arg(QStringLiteral("ship_address"));
    return {};
}

QUrl PlatformV2Pages::pageUrl(const Store &store, const QString &collection, const Bookmark &bookmark,
                              int page) const
{
    QList<QPair<QString, QString>> query;
    if (bookmark.isSet())
        query.append({QStringLiteral("filter[updated_at_gt]"), cursorBefore(bookmark)});
    if (collection == QLatin1String("orders")) // the orders list holds carts too
        query.append({QStringLiteral("filter[completed_at_not_null]"), QStringLiteral("1")});
    query.append({QStringLiteral("sort"), QStringLiteral("updated_at")});
    query.append({QStringLiteral("page"), QString::number(page)});
    query.append({QStringLiteral("per_page"), QString::number(qMin(store.pageSize, kMaxPerPage))});
    if (const QString include = includes(collection); !include.isEmpty())
        query.append({QStringLiteral("include"), include});
    return url(store.url,
               {QStringLiteral("api"), QStringLiteral("v2"), QStringLiteral("platform"), collection}, query);
}

QJsonObject PlatformV2Pages::record(const JsonApiDocument &document, const QString &collection,
                                    const QJsonObject &resource)
{
    if (collection == QLatin1String("orders"))
        return PlatformV2Records::order(document, resource);
    if (collection == QLatin1String("shipments"))
        return PlatformV2Records::shipment(document, resource);
    if (collection == QLatin1String("users"))
        return PlatformV2Records::user(document, resource);
    return PlatformV2Records::product(resource);
}

StoreApiClient::Page PlatformV2Pages::readPage(const QString &collection, int number,
                                               const QJsonObject &body) const
{
    Page page;
    const JsonApiDocument document(body);
    if (!document.hasDataList()) {
        page.error = QStringLiteral("has no JSON:API \"data\" list; is this Spree's Platform API v2?");
        return page;
    }
    for (const QJsonObject &resource : document.data()) {
        PolledRecord polled;
        polled.id = resource.value(QStringLiteral("id")).toString();
        polled.updatedAt =
            resource.value(QStringLiteral("attributes"))[QStringLiteral("updated_at")].toString();
        polled.updatedAtMs = QDateTime::fromString(polled.updatedAt, Qt::ISODateWithMs).toMSecsSinceEpoch();
        // A store whose Ransack ignores filter[completed_at_not_null] lists carts: they move the
        // bookmark but are not orders yet.
        const bool cart =
            collection == QLatin1String("orders") &&
            resource.value(QStringLiteral("attributes"))[QStringLiteral("completed_at")].isNull();
        if (!cart)
            polled.forms.append({record(document, collection, resource), resource});
        page.records.append(polled);
    }
    // Spree's meta has no current page, and its links.next repeats the last page on the last page.
    page.morePages = number < document.meta().value(QStringLiteral("total_pages")).toInt(1);
    return page;
}
