#include "storage/NotificationLog.h"

#include "storage/Database.h"
#include "storage/UniqueKeyHash.h"
#include "utils/Timestamps.h"

#include <QStringList>
#include <QVariantList>

QJsonObject Notification::toJson() const
{
    return {{QStringLiteral("level"), level},
            {QStringLiteral("subject"), subject},
            {QStringLiteral("description"), description},
            {QStringLiteral("source"), source},
            {QStringLiteral("reference"), reference},
            {QStringLiteral("occurrences"), occurrences},
            {QStringLiteral("first_at"), Timestamps::iso(firstAtMs)},
            {QStringLiteral("last_at"), Timestamps::iso(lastAtMs)}};
}

bool Notification::isLevel(const QString &level)
{
    return level == QLatin1String("info") || level == QLatin1String("warn") ||
           level == QLatin1String("error");
}

NotificationLog::NotificationLog(const Database &db)
    : db_(db)
    , upsert_(db.connection())
{
    upsert_.prepare(QStringLiteral(
        "INSERT INTO notifications (level, subject, description, source, reference, occurrences, first_at, "
        "last_at, key_hash)"
        " VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT (key_hash)"
        " DO UPDATE SET occurrences = notifications.occurrences + 1, last_at = excluded.last_at"));
}

bool NotificationLog::record(const Notification &notification, QString *error)
{
    const qint64 now = notification.lastAtMs ? notification.lastAtMs : Database::nowMs();
    // A null QString binds as SQL NULL, which the NOT NULL columns refuse: a notification without a
    // reference (an invalid parameter, a failed poll) has an empty one.
    const auto text = [](const QString &value) { return value.isNull() ? QStringLiteral("") : value; };
    upsert_.bindValue(0, text(notification.level));
    upsert_.bindValue(1, text(notification.subject));
    upsert_.bindValue(2, text(notification.description));
    upsert_.bindValue(3, text(notification.source));
    upsert_.bindValue(4, text(notification.reference));
    upsert_.bindValue(5, now);
    upsert_.bindValue(6, now);
    upsert_.bindValue(7,
                      UniqueKeyHash::of({notification.level, notification.subject, notification.description,
                                         notification.source, notification.reference}));
    return db_.exec(upsert_, error);
}

bool NotificationLog::list(const QString &level, const QString &reference, int limit,
                           QList<Notification> *out, QString *error) const
{
    QStringList where;
    QVariantList values;
    if (!level.isEmpty()) {
        where << QStringLiteral("level = ?");
        values << level;
    }
    if (!reference.isEmpty()) {
        where << QStringLiteral("reference = ?");
        values << reference;
    }
    values << limit;
    QSqlQuery query = db_.prepare(
        QStringLiteral("SELECT level, subject, description, source, reference, occurrences, first_at, last_at"
                       " FROM notifications%1 ORDER BY last_at DESC, id DESC LIMIT ?")
            .arg(where.isEmpty() ? QString()
                                 : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "))));
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    if (!db_.exec(query, error))
        return false;
    while (query.next()) {
        Notification n;
        n.level = query.value(0).toString();
        n.subject = query.value(1).toString();
        n.description = query.value(2).toString();
        n.source = query.value(3).toString();
        n.reference = query.value(4).toString();
        n.occurrences = query.value(5).toInt();
        n.firstAtMs = query.value(6).toLongLong();
        n.lastAtMs = query.value(7).toLongLong();
        out->append(n);
    }
    return true;
}
