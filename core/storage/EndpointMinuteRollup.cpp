#include "storage/EndpointMinuteRollup.h"

#include "metrics/LatencyBuckets.h"
#include "storage/Database.h"

#include <QMap>
#include <QStringList>

struct EndpointMinuteRollup::Counts
{
    qint64 delivered = 0;
    qint64 waiting = 0;
    qint64 retrying = 0;
    qint64 parked = 0;
    QList<qint64> latency = QList<qint64>(LatencyBuckets::count(), 0);

    void add(const Attempt &attempt)
    {
        switch (attempt.state) {
        case DeliveryState::Delivered:
            ++delivered;
            break;
        case DeliveryState::Waiting:
            ++waiting;
            break;
        case DeliveryState::Parked:
            ++parked;
            break;
        default: // retrying; a state no outcome has counts as the failure it was
            ++retrying;
            break;
        }
        ++latency[LatencyBuckets::indexOf(attempt.durationMs)];
    }
};

namespace {

QString upsertStatement()
{
    QStringList columns{QStringLiteral("delivered"), QStringLiteral("waiting"), QStringLiteral("retrying"),
                        QStringLiteral("parked")};
    for (int bucket = 0; bucket < LatencyBuckets::count(); ++bucket)
        columns << QStringLiteral("latency_%1").arg(bucket);
    QStringList placeholders, sums;
    for (const QString &column : std::as_const(columns)) {
        placeholders << QStringLiteral("?");
        sums << QStringLiteral("%1 = endpoint_minutes.%1 + excluded.%1").arg(column);
    }
    return QStringLiteral("INSERT INTO endpoint_minutes (minute, endpoint_id, %1) VALUES (?, ?, %2)"
                          " ON CONFLICT (minute, endpoint_id) DO UPDATE SET %3")
        .arg(columns.join(QStringLiteral(", ")), placeholders.join(QStringLiteral(", ")),
             sums.join(QStringLiteral(", ")));
}

} // namespace

EndpointMinuteRollup::EndpointMinuteRollup(const Database &db)
    : db_(db)
{}

bool EndpointMinuteRollup::add(const QList<Attempt> &attempts, qint64 nowMs, QString *error)
{
    const qint64 minute = nowMs / kMinuteMs * kMinuteMs;
    QMap<qint64, Counts> byEndpoint; // ordered by id: the lock order
    for (const Attempt &attempt : attempts)
        byEndpoint[attempt.endpointId].add(attempt);
    for (auto it = byEndpoint.cbegin(); it != byEndpoint.cend(); ++it) {
        if (!upsert(minute, it.key(), it.value(), error))
            return false;
    }
    if (minute == prunedAtMinute_)
        return true;
    if (!pruneBefore(minute - kKeptMs, error))
        return false;
    prunedAtMinute_ = minute;
    return true;
}

bool EndpointMinuteRollup::upsert(qint64 minute, qint64 endpointId, const Counts &counts, QString *error)
{
    if (!upsert_)
        upsert_ = db_.prepare(upsertStatement());
    int column = 0;
    upsert_->bindValue(column++, minute);
    upsert_->bindValue(column++, endpointId);
    for (const qint64 value : {counts.delivered, counts.waiting, counts.retrying, counts.parked})
        upsert_->bindValue(column++, value);
    for (const qint64 value : counts.latency)
        upsert_->bindValue(column++, value);
    return db_.exec(*upsert_, error);
}

// A range of the key's leading column: only the rows of the minutes that fell out, the oldest first.
bool EndpointMinuteRollup::pruneBefore(qint64 minute, QString *error)
{
    QSqlQuery prune = db_.prepare(QStringLiteral("DELETE FROM endpoint_minutes WHERE minute < ?"));
    prune.bindValue(0, minute);
    return db_.exec(prune, error);
}
