#include "storage/ActivitySummary.h"

#include "storage/Database.h"
#include "storage/NotificationLog.h"
#include "storage/StoreRepository.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSqlQuery>

namespace {

constexpr qint64 kHourMs = 3600 * 1000;

bool loadStates(const Database &db, qint64 todayMs, ActivitySummary *out, QString *error)
{
    QSqlQuery query = db.prepare(QStringLiteral("SELECT state, COUNT(*) FROM deliveries GROUP BY state"));
    if (!db.exec(query, error))
        return false;
    while (query.next())
        out->deliveriesByState.insert(query.value(0).toString(), query.value(1).toLongLong());
    QSqlQuery today = db.prepare(
        QStringLiteral("SELECT COUNT(*) FROM attempts WHERE started_at >= ? AND outcome = 'delivered'"));
    today.bindValue(0, todayMs);
    if (!db.exec(today, error))
        return false;
    out->deliveredToday = today.next() ? today.value(0).toLongLong() : 0;
    return true;
}

bool loadLastDay(const Database &db, qint64 nowMs, ActivitySummary *out, QString *error)
{
    const qint64 first = (nowMs / kHourMs - 23) * kHourMs;
    for (int i = 0; i < 24; ++i)
        out->lastDay.append({first + i * kHourMs, 0, 0});
    QSqlQuery query =
        db.prepare(QStringLiteral("SELECT (started_at - ?) / %1, outcome, COUNT(*) FROM attempts"
                                  " WHERE started_at >= ? GROUP BY 1, 2")
                       .arg(kHourMs));
    query.bindValue(0, first);
    query.bindValue(1, first);
    if (!db.exec(query, error))
        return false;
    while (query.next()) {
        const int hour = query.value(0).toInt();
        if (hour < 0 || hour >= 24)
            continue;
        const bool failed = query.value(1).toString() == QLatin1String("failed");
        (failed ? out->lastDay[hour].failed : out->lastDay[hour].delivered) += query.value(2).toInt();
    }
    return true;
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
    if (!loadStates(db, todayMs, out, error) || !loadLastDay(db, nowMs, out, error) ||
        !StoreRepository(db).describe(&out->stores, error) ||
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
