#include "polling/AdminV3Pages.h"

#include "polling/AdminV3Records.h"
#include "polling/PlatformV2Pages.h"

#include <QDateTime>
#include <QJsonArray>

QString AdminV3Pages::resource(const QString &collection)
{
    if (collection == QLatin1String("users"))
        return QStringLiteral("customers");
    if (collection == QLatin1String("shipments"))
        return QStringLiteral("orders");
    return collection;
}

QString AdminV3Pages::expand(const QString &collection)
{
    if (collection == QLatin1String("orders"))
        return QStringLiteral("items,items.variant,fulfillments,payments,billing_address,shipping_address");
    if (collection == QLatin1String("shipments"))
        return QStringLiteral("items,items.variant,fulfillments,shipping_address");
    if (collection == QLatin1String("users"))
        return QStringLiteral("default_billing_address,default_shipping_address");
    return {};
}

QUrl AdminV3Pages::pageUrl(const Store &store, const QString &collection, const Bookmark &bookmark,
                           int page) const
{
    QList<QPair<QString, QString>> query;
    if (bookmark.isSet())
        query.append({QStringLiteral("q[updated_at_gt]"), cursorBefore(bookmark)});
    if (resource(collection) == QLatin1String("orders")) // drafts (carts) are orders too
        query.append({QStringLiteral("q[completed_at_not_null]"), QStringLiteral("1")});
    query.append({QStringLiteral("sort"), QStringLiteral("updated_at")});
    query.append({QStringLiteral("page"), QString::number(page)});
    query.append({QStringLiteral("limit"), QString::number(qMin(store.pageSize, kMaxLimit))});
    if (const QString associations = expand(collection); !associations.isEmpty())
        query.append({QStringLiteral("expand"), associations});
    return url(store.url,
               {QStringLiteral("api"), QStringLiteral("v3"), QStringLiteral("admin"), resource(collection)},
               query);
}

StoreApiClient::Page AdminV3Pages::readPage(const QString &collection, int number,
                                            const QJsonObject &body) const
{
    Page page;
    if (!body.value(QStringLiteral("data")).isArray()) {
        page.error = QStringLiteral("has no \"data\" list; is this Spree's Admin API v3?");
        return page;
    }
    for (const QJsonValue &value : body.value(QStringLiteral("data")).toArray()) {
        const QJsonObject record = value.toObject();
        PolledRecord polled;
        polled.id = record.value(QStringLiteral("id")).toString();
        polled.updatedAt = record.value(QStringLiteral("updated_at")).toString();
        polled.updatedAtMs = QDateTime::fromString(polled.updatedAt, Qt::ISODateWithMs).toMSecsSinceEpoch();
        // A store whose Ransack ignores q[completed_at_not_null] lists drafts (carts): they move the
        // bookmark but are not orders yet, nor are their fulfillments shipments.
        if (resource(collection) == QLatin1String("orders") &&
            record.value(QStringLiteral("completed_at")).isNull()) {
            page.records.append(polled);
            continue;
        }
        if (collection == QLatin1String("shipments")) {
            const QJsonArray fulfillments = record.value(QStringLiteral("fulfillments")).toArray();
            const QJsonArray shipments = AdminV3Records::shipments(record);
            for (qsizetype i = 0; i < shipments.size(); ++i)
                polled.forms.append({shipments.at(i).toObject(), fulfillments.at(i).toObject()});
        } else if (collection == QLatin1String("orders")) {
            polled.forms.append({AdminV3Records::order(record), record});
        } else if (collection == QLatin1String("users")) {
            polled.forms.append({AdminV3Records::customer(record), record});
        } else {
            polled.forms.append({record, record});
        }
        page.records.append(polled);
    }
    const QJsonObject meta = body.value(QStringLiteral("meta")).toObject();
    page.morePages = number < meta.value(QStringLiteral("pages")).toInt(1);
    return page;
}
