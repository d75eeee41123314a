#include "storage/MessageLog.h"

#include "model/DeliveryState.h"
#include "storage/Database.h"

#include <limits>
#include <QHash>
#include <QSqlQuery>
#include <QVariantList>

const QStringList MessageLog::kFailedStates = DeliveryStates::names(DeliveryStates::failed());

namespace {

// Most urgent first: the summary of a message is its most urgent delivery.
const QStringList kUrgency = DeliveryStates::names(DeliveryStates::byUrgency());

QString escapeLike(QString text)
{
    text.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    text.replace(QLatin1Char('%'), QLatin1String("\\%"));
    text.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return text;
}

} // namespace

bool MessageLog::Filter::operator==(const Filter &other) const
{
    return states == other.states && type == other.type && mapping == other.mapping &&
           endpoint == other.endpoint && fromMs == other.fromMs && toMs == other.toMs && text == other.text;
}

QString MessageLog::Row::summaryState() const
{
    int best = int(kUrgency.size());
    for (const Delivery &delivery : deliveries) {
        const int rank = int(kUrgency.indexOf(delivery.state));
        if (rank >= 0 && rank < best)
            best = rank;
    }
    return best < kUrgency.size() ? kUrgency.at(best) : QStringLiteral("unrouted");
}

int MessageLog::Row::attempts() const
{
    int total = 0;
    for (const Delivery &delivery : deliveries)
        total += delivery.attempts;
    return total;
}

QString MessageLog::Row::lastError() const
{
    for (const Delivery &delivery : deliveries) {
        if (!delivery.lastError.isEmpty() &&
            DeliveryStates::fromName(delivery.state) != DeliveryState::Delivered)
            return delivery.lastError;
    }
    return {};
}

MessageLog::MessageLog(const Database &db)
    : db_(db)
{}

bool MessageLog::page(const Filter &filter, std::optional<qint64> beforeRow, int limit, QList<Row> *out,
                      QString *error) const
{
    return matches(filter, beforeRow, limit, out, error) && attachDeliveries(out, error);
}

bool MessageLog::matches(const Filter &filter, std::optional<qint64> beforeRow, int limit, QList<Row> *out,
                         QString *error) const
{
    return select(filter, QStringLiteral("m.id < ?"), beforeRow.value_or(std::numeric_limits<qint64>::max()),
                  limit, out, error);
}

bool MessageLog::since(const Filter &filter, qint64 oldestRow, int limit, QList<Row> *out,
                       QString *error) const
{
    return select(filter, QStringLiteral("m.id >= ?"), oldestRow, limit, out, error) &&
           attachDeliveries(out, error);
}

void MessageLog::conditions(const Filter &filter, QStringList *whereOut, QVariantList *valuesOut)
{
    QStringList &where = *whereOut;
    QVariantList &values = *valuesOut;
    // A prefix compares the type's start as it is: LIKE would ignore case on SQLite and not on
    // PostgreSQL, and mappings match case and all (Mapping::subscribes).
    const QString anyType = QStringLiteral("*:*");
    if (!filter.type.isEmpty() && filter.type != anyType) {
        if (filter.type.endsWith(QLatin1String(":*"))) {
            const QString prefix = filter.type.chopped(1);
            where << QStringLiteral("substr(m.type, 1, %1) = ?").arg(prefix.size());
            values << prefix;
        } else {
            where << QStringLiteral("m.type = ?");
            values << filter.type;
        }
    }
    if (filter.fromMs) {
        where << QStringLiteral("m.created_at >= ?");
        values << *filter.fromMs;
    }
    if (filter.toMs) {
        where << QStringLiteral("m.created_at < ?");
        values << *filter.toMs;
    }
    // The delivery conditions hold together for one delivery: "parked for the mailer", not "parked
    // somewhere and routed to the mailer". As an IN list, not a correlated EXISTS: SQLite would probe
    // the state index once per message, which over a million messages takes minutes.
    QStringList delivery;
    if (!filter.states.isEmpty()) {
        QStringList marks;
        for (const QString &state : filter.states) {
            marks << QStringLiteral("?");
            values << state;
        }
        delivery << QStringLiteral("d.state IN (%1)").arg(marks.join(QLatin1Char(',')));
    }
    if (!filter.mapping.isEmpty()) {
        delivery << QStringLiteral("d.mapping_id IN (SELECT id FROM mappings WHERE name = ?)");
        values << filter.mapping;
    }
    if (!filter.endpoint.isEmpty()) {
        delivery << QStringLiteral("d.endpoint_id IN (SELECT id FROM endpoints WHERE name = ?)");
        values << filter.endpoint;
    }
    if (!delivery.isEmpty())
        where << QStringLiteral("m.id IN (SELECT d.message_row FROM deliveries d WHERE %1)")
                     .arg(delivery.join(QLatin1String(" AND ")));
    if (!filter.text.trimmed().isEmpty()) {
        const QString text = escapeLike(filter.text.trimmed());
        where << QStringLiteral("(m.message_id LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM deliveries t"
                                " WHERE t.message_row = m.id AND t.identity LIKE ? ESCAPE '\\'))");
        values << QString(text.toLower() + QLatin1Char('%'))
               << QString(QLatin1Char('%') + text + QLatin1Char('%'));
    }
}

bool MessageLog::count(const Filter &filter, qint64 *out, QString *error) const
{
    QStringList where{QStringLiteral("1 = 1")};
    QVariantList values;
    conditions(filter, &where, &values);
    QSqlQuery query = db_.prepare(
        QStringLiteral("SELECT COUNT(*) FROM messages m WHERE %1").arg(where.join(QLatin1String(" AND "))));
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    if (!db_.exec(query, error))
        return false;
    *out = query.next() ? query.value(0).toLongLong() : 0;
    return true;
}

bool MessageLog::select(const Filter &filter, const QString &keyset, qint64 key, int limit, QList<Row> *out,
                        QString *error) const
{
    QStringList where{keyset};
    QVariantList values{key};
    conditions(filter, &where, &values);
    QSqlQuery query = db_.prepare(QStringLiteral("SELECT m.id, m.message_id, m.type, m.parent_id, m.source, "
                                                 "m.created_at, m.erased_at, m.hops FROM messages m"
                                                 " WHERE %1 ORDER BY m.id DESC LIMIT %2")
                                      .arg(where.join(QLatin1String(" AND ")))
                                      .arg(limit));
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    if (!db_.exec(query, error))
        return false;
    out->clear();
    while (query.next()) {
        Row row;
        row.row = query.value(0).toLongLong();
        row.messageId = query.value(1).toString();
        row.type = query.value(2).toString();
        row.parentId = query.value(3).toString();
        row.source = query.value(4).toString();
        row.createdAtMs = query.value(5).toLongLong();
        if (!query.value(6).isNull())
            row.erasedAtMs = query.value(6).toLongLong();
        row.hops = query.value(7).toInt();
        out->append(row);
    }
    return true;
}

bool MessageLog::attachDeliveries(QList<Row> *rows, QString *error) const
{
    if (rows->isEmpty())
        return true;
    QStringList ids;
    QHash<qint64, int> index;
    for (int i = 0; i < rows->size(); ++i) {
        ids << QString::number(rows->at(i).row);
        index.insert(rows->at(i).row, i);
    }
    QSqlQuery query = db_.prepare(
        QStringLiteral(
            "SELECT d.message_row, mp.name, e.name, d.state, d.attempts, d.last_status, d.last_error"
            " FROM deliveries d JOIN mappings mp ON mp.id = d.mapping_id"
            " LEFT JOIN endpoints e ON e.id = d.endpoint_id WHERE d.message_row IN (%1) ORDER BY d.id")
            .arg(ids.join(QLatin1Char(','))));
    if (!db_.exec(query, error))
        return false;
    while (query.next()) {
        Delivery delivery;
        delivery.mapping = query.value(1).toString();
        delivery.endpoint = query.value(2).toString();
        delivery.state = query.value(3).toString();
        delivery.attempts = query.value(4).toInt();
        if (!query.value(5).isNull())
            delivery.lastStatus = query.value(5).toInt();
        delivery.lastError = query.value(6).toString();
        (*rows)[index.value(query.value(0).toLongLong())].deliveries.append(delivery);
    }
    return true;
}
