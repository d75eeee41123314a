#include "storage/ActivitySummary.h"

#include "storage/Database.h"
#include "storage/EndpointHealthQuery.h"
#include "storage/NotificationLog.h"
#include "storage/StoreRepository.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSqlQuery>

namespace {

bool loadStates(const Database &db, qint64 todayMs, ActivitySummary *out, QString *error)
{
    QSqlQuery query = db.prepare(QStringLiteral("SELECT state, COUNT(*) FROM deliveries GROUP BY state"));
    if (!db.exec(query, error))
        return false;
    while (query.next())
        out->deliveriesByState.insert(query.value(0).toString(), query.value(1).toLongLong());
    return EndpointHealthQuery(db).deliveredSince(todayMs, &out->deliveredToday, error);
}

} // namespace

int ActivitySummary::storesDown() const
{
    int down = 0;
    for (const QJsonValue &store : stores)
        down += store.toObject().value(QStringLiteral("heartbeat")).toString() == QLatin1String("down");
    return down;
}

bool ActivitySummary::load(const Database &db, qint64 nowMs, ActivitySummary *out, QString *error)
{
    *out = {};
    const qint64 todayMs = QDateTime::fromMSecsSinceEpoch(nowMs).date().startOfDay().toMSecsSinceEpoch();
    QList<Notification> errors;
    if (!loadStates(db, todayMs, out, error) || !StoreRepository(db).describe(&out->stores, error) ||
        !NotificationLog(db).list(QStringLiteral("error"), {}, 8, &errors, error))
        return false;
    for (const Notification &entry : std::as_const(errors))
        out->latestErrors.append({entry.subject, entry.description, entry.reference, entry.lastAtMs});
    return true;
}

bool ActivitySummary::isEmpty(const Database &db, bool *empty, QString *error)
{
    QSqlQuery query =
        db.prepare(QStringLiteral("SELECT (SELECT COUNT(*) FROM endpoints WHERE removed_at IS NULL) +"
                                  " (SELECT COUNT(*) FROM stores) + (SELECT COUNT(*) FROM messages)"));
    if (!db.exec(query, error))
        return false;
    *empty = query.next() && query.value(0).toLongLong() == 0;
    return true;
}
