#include "storage/MessageQuery.h"

#include "model/DeliveryState.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "storage/NotificationLog.h"
#include "storage/OrderingRule.h"
#include "utils/Timestamps.h"

#include <QJsonDocument>

const QStringList MessageQuery::kStates = DeliveryStates::names(DeliveryStates::all());

namespace {

QJsonValue jsonOrNull(const QVariant &value)
{
    return value.isNull() ? QJsonValue() : QJsonValue::fromVariant(value);
}

QJsonObject parseObject(const QVariant &text)
{
    return QJsonDocument::fromJson(text.toString().toUtf8()).object();
}

QString joinIds(const QList<qint64> &ids)
{
    QStringList parts;
    for (qint64 id : ids)
        parts << QString::number(id);
    return parts.join(QLatin1Char(','));
}

} // namespace

MessageQuery::MessageQuery(const Database &db)
    : db_(db)
{}

bool MessageQuery::mappingId(const QString &name, qint64 *id, QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral("SELECT id FROM mappings WHERE name = ?"));
    query.bindValue(0, name);
    if (!db_.exec(query, error))
        return false;
    if (!query.next()) {
        *error = QStringLiteral("no mapping named \"%1\"").arg(name);
        return false;
    }
    *id = query.value(0).toLongLong();
    return true;
}

bool MessageQuery::endpointExists(const QString &name, QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral("SELECT 1 FROM endpoints WHERE name = ?"));
    query.bindValue(0, name);
    if (!db_.exec(query, error))
        return false;
    if (!query.next()) {
        *error = QStringLiteral("no endpoint named \"%1\"").arg(name);
        return false;
    }
    return true;
}

bool MessageQuery::list(const MessageLog::Filter &filter, int limit, QJsonArray *out, QString *error) const
{
    qint64 mapping = 0;
    if ((!filter.mapping.isEmpty() && !mappingId(filter.mapping, &mapping, error)) ||
        (!filter.endpoint.isEmpty() && !endpointExists(filter.endpoint, error)))
        return false;
    QList<MessageLog::Row> matches;
    if (!MessageLog(db_).matches(filter, std::nullopt, limit, &matches, error))
        return false;
    QList<qint64> rows;
    for (const MessageLog::Row &match : std::as_const(matches))
        rows.append(match.row);
    QHash<qint64, QJsonArray> deliveries;
    if (!deliveriesOf(rows, false, &deliveries, error))
        return false;
    for (const MessageLog::Row &match : std::as_const(matches))
        out->append(
            QJsonObject{{QStringLiteral("message_id"), match.messageId},
                        {QStringLiteral("message"), match.type},
                        {QStringLiteral("created_at"), Timestamps::iso(match.createdAtMs)},
                        {QStringLiteral("parent_id"),
                         match.parentId.isEmpty() ? QJsonValue() : QJsonValue(match.parentId)},
                        {QStringLiteral("hops"), match.hops},
                        {QStringLiteral("erased_at"),
                         match.erasedAtMs ? QJsonValue(Timestamps::iso(*match.erasedAtMs)) : QJsonValue()},
                        {QStringLiteral("deliveries"), deliveries.value(match.row)}});
    return true;
}

bool MessageQuery::deliveriesOf(const QList<qint64> &rows, bool withAttempts, QHash<qint64, QJsonArray> *out,
                                QString *error) const
{
    if (rows.isEmpty())
        return true;
    QSqlQuery query = db_.prepare(
        QStringLiteral("SELECT d.message_row, d.id, mp.name, e.name, d.state, d.reason, d.attempts, d.due_at,"
                       " d.last_status, d.last_error, d.update_url, d.ordering_key, f.state, f.paused_reason,"
                       " f.secrets_wait FROM deliveries d"
                       " JOIN mappings mp ON mp.id = d.mapping_id JOIN endpoints e ON e.id = d.endpoint_id"
                       " LEFT JOIN endpoint_flow f ON f.endpoint_id = d.endpoint_id"
                       " WHERE d.message_row IN (%1) ORDER BY d.id")
            .arg(joinIds(rows)));
    if (!db_.exec(query, error))
        return false;
    QList<qint64> messageRows, ids;
    QList<QJsonObject> deliveries;
    while (query.next()) {
        QJsonObject delivery{{QStringLiteral("mapping"), query.value(2).toString()},
                             {QStringLiteral("endpoint"), query.value(3).toString()},
                             {QStringLiteral("state"), query.value(4).toString()},
                             {QStringLiteral("reason"), jsonOrNull(query.value(5))},
                             {QStringLiteral("attempts"), query.value(6).toInt()},
                             {QStringLiteral("next_attempt_at"), Timestamps::isoOrNull(query.value(7))},
                             {QStringLiteral("last_status"), jsonOrNull(query.value(8))},
                             {QStringLiteral("last_error"), jsonOrNull(query.value(9))},
                             {QStringLiteral("ordering_key"), jsonOrNull(query.value(11))},
                             {QStringLiteral("waits_for"), QJsonValue()},
                             {QStringLiteral("endpoint_paused"), pausedReasonOf(query)},
                             {QStringLiteral("secrets_wait"), secretsWaitOf(query)}};
        if (withAttempts) {
            QJsonArray attempts;
            if (!attemptsOf(query.value(1).toLongLong(), &attempts, error))
                return false;
            delivery.insert(QStringLiteral("update_url"), jsonOrNull(query.value(10)));
            delivery.insert(QStringLiteral("attempt_log"), attempts);
        }
        messageRows.append(query.value(0).toLongLong());
        ids.append(query.value(1).toLongLong());
        deliveries.append(delivery);
    }
    if (!addWaits(ids, &deliveries, error))
        return false;
    for (int i = 0; i < deliveries.size(); ++i)
        (*out)[messageRows.at(i)].append(deliveries.at(i));
    return true;
}

// Fills "waits_for" of the deliveries that could go but for their ordering key. The mappings are read
// only when there is such a delivery: their on_park decides whether a parked one holds the key.
bool MessageQuery::addWaits(const QList<qint64> &deliveryIds, QList<QJsonObject> *deliveries,
                            QString *error) const
{
    std::optional<OrderingRule> rule;
    for (int i = 0; i < deliveries->size(); ++i) {
        QJsonObject &delivery = (*deliveries)[i];
        const QString state = delivery.value(QStringLiteral("state")).toString();
        if (delivery.value(QStringLiteral("ordering_key")).isNull() ||
            !QStringList{QStringLiteral("pending"), QStringLiteral("waiting"), QStringLiteral("retrying")}
                 .contains(state))
            continue;
        if (!rule) {
            QList<Mapping> mappings;
            if (!ConfigRepository(db_).loadMappings(&mappings, error))
                return false;
            rule = OrderingRule(mappings);
        }
        QJsonValue waitsFor;
        if (!this->waitsFor(deliveryIds.at(i), *rule, &waitsFor, error))
            return false;
        delivery.insert(QStringLiteral("waits_for"), waitsFor);
    }
    return true;
}

// The earliest delivery of the key that holds this one back: the head that everything behind it waits for.
bool MessageQuery::waitsFor(qint64 deliveryId, const OrderingRule &rule, QJsonValue *out,
                            QString *error) const
{
    QSqlQuery query = db_.prepare(
        QStringLiteral(
            "SELECT m.message_id, b.state FROM deliveries d JOIN deliveries b ON %1"
            " JOIN messages m ON m.id = b.message_row WHERE d.id = ? ORDER BY b.message_row LIMIT 1")
            .arg(rule.holdsBack(QStringLiteral("b"), QStringLiteral("d"))));
    query.bindValue(0, deliveryId);
    if (!db_.exec(query, error))
        return false;
    if (query.next())
        *out = QJsonObject{{QStringLiteral("message_id"), query.value(0).toString()},
                           {QStringLiteral("state"), query.value(1).toString()}};
    return true;
}

// Why a delivery that could go waits for its endpoint: the reason it is paused, or null.
QJsonValue MessageQuery::pausedReasonOf(const QSqlQuery &query)
{
    const QString state = query.value(4).toString();
    const QString endpointState = query.value(12).toString();
    const bool waiting = state == QLatin1String("pending") || state == QLatin1String("retrying") ||
                         state == QLatin1String("waiting");
    if (!waiting || endpointState.isEmpty() || endpointState == QLatin1String("active"))
        return QJsonValue();
    return query.value(13).toString();
}

// The line an engine that cannot open the endpoint's secrets left: shown while the delivery waits.
QJsonValue MessageQuery::secretsWaitOf(const QSqlQuery &query)
{
    const QString state = query.value(4).toString();
    const bool waiting = state == QLatin1String("pending") || state == QLatin1String("retrying") ||
                         state == QLatin1String("waiting");
    if (!waiting || query.value(14).isNull())
        return QJsonValue();
    return query.value(14).toString();
}

QString MessageQuery::waitText(const QJsonObject &delivery)
{
    const QJsonObject waitsFor = delivery.value(QStringLiteral("waits_for")).toObject();
    const QJsonValue secretsWait = delivery.value(QStringLiteral("secrets_wait"));
    if (waitsFor.isEmpty() && secretsWait.isString())
        return QStringLiteral("not sent to endpoint %1: %2")
            .arg(delivery.value(QStringLiteral("endpoint")).toString(), secretsWait.toString());
    const QJsonValue paused = delivery.value(QStringLiteral("endpoint_paused"));
    if (waitsFor.isEmpty() && paused.isString())
        return QStringLiteral("waits for endpoint %1 to resume (%2)")
            .arg(delivery.value(QStringLiteral("endpoint")).toString(), paused.toString());
    if (waitsFor.isEmpty())
        return {};
    return QStringLiteral("waits for message %1 (ordering key %2), %3")
        .arg(waitsFor.value(QStringLiteral("message_id")).toString(),
             delivery.value(QStringLiteral("ordering_key")).toString(),
             waitsFor.value(QStringLiteral("state")).toString());
}

bool MessageQuery::attemptsOf(qint64 deliveryId, QJsonArray *out, QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral(
        "SELECT kind, url, request_headers, status, response_headers, response_body, response_truncated, "
        "outcome,"
        " error, extra, started_at, duration_ms FROM attempts WHERE delivery_id = ? ORDER BY id"));
    query.bindValue(0, deliveryId);
    if (!db_.exec(query, error))
        return false;
    int number = 0;
    while (query.next()) {
        out->append(
            QJsonObject{{QStringLiteral("number"), ++number},
                        {QStringLiteral("kind"), query.value(0).toString()},
                        {QStringLiteral("url"), query.value(1).toString()},
                        {QStringLiteral("request_headers"), parseObject(query.value(2))},
                        {QStringLiteral("status"), jsonOrNull(query.value(3))},
                        {QStringLiteral("response_headers"), parseObject(query.value(4))},
                        {QStringLiteral("response_body"), QString::fromUtf8(query.value(5).toByteArray())},
                        {QStringLiteral("response_truncated"), query.value(6).toInt() != 0},
                        {QStringLiteral("outcome"), query.value(7).toString()},
                        {QStringLiteral("error"), jsonOrNull(query.value(8))},
                        {QStringLiteral("extra"),
                         query.value(9).isNull() ? QJsonValue() : QJsonValue(parseObject(query.value(9)))},
                        {QStringLiteral("started_at"), Timestamps::iso(query.value(10).toLongLong())},
                        {QStringLiteral("duration_ms"), query.value(11).toLongLong()}});
    }
    return true;
}

bool MessageQuery::childrenOf(const QString &messageId, QJsonArray *out, QString *error) const
{
    QSqlQuery query =
        db_.prepare(QStringLiteral("SELECT message_id, type FROM messages WHERE parent_id = ? ORDER BY id"));
    query.bindValue(0, messageId);
    if (!db_.exec(query, error))
        return false;
    while (query.next())
        out->append(QJsonObject{{QStringLiteral("message_id"), query.value(0).toString()},
                                {QStringLiteral("message"), query.value(1).toString()}});
    return true;
}

bool MessageQuery::find(const QString &messageId, qint64 *row, Message *message, QString *error) const
{
    QSqlQuery query = db_.prepare(
        QStringLiteral("SELECT id, type, payload, parent_id, hops FROM messages WHERE message_id = ?"));
    query.bindValue(0, messageId);
    if (!db_.exec(query, error))
        return false;
    if (!query.next()) {
        *error = QStringLiteral("no message with id %1").arg(messageId);
        return false;
    }
    *row = query.value(0).toLongLong();
    message->id = messageId;
    message->type = query.value(1).toString();
    message->payload = parseObject(query.value(2));
    message->parentId = query.value(3).toString();
    message->hops = query.value(4).toInt();
    return true;
}

bool MessageQuery::show(const QString &messageId, QJsonObject *out, QString *error) const
{
    QJsonArray listed;
    qint64 row = 0;
    Message message;
    if (!find(messageId, &row, &message, error))
        return false;
    QSqlQuery query =
        db_.prepare(QStringLiteral("SELECT created_at, source, erased_at FROM messages WHERE id = ?"));
    query.bindValue(0, row);
    if (!db_.exec(query, error) || !query.next())
        return false;
    QHash<qint64, QJsonArray> deliveries;
    QJsonArray children, notifications;
    QList<Notification> entries;
    if (!deliveriesOf({row}, true, &deliveries, error) || !childrenOf(messageId, &children, error) ||
        !NotificationLog(db_).list(QString(), messageId, 1000, &entries, error))
        return false;
    for (const Notification &entry : std::as_const(entries))
        notifications.append(entry.toJson());
    *out = QJsonObject{{QStringLiteral("message_id"), message.id},
                       {QStringLiteral("message"), message.type},
                       {QStringLiteral("created_at"), Timestamps::iso(query.value(0).toLongLong())},
                       {QStringLiteral("source"), query.value(1).toString()},
                       {QStringLiteral("parent_id"),
                        message.parentId.isEmpty() ? QJsonValue() : QJsonValue(message.parentId)},
                       {QStringLiteral("hops"), message.hops},
                       {QStringLiteral("erased_at"), Timestamps::isoOrNull(query.value(2))},
                       {QStringLiteral("payload"), message.payload},
                       {QStringLiteral("deliveries"), deliveries.value(row)},
                       {QStringLiteral("children"), children},
                       {QStringLiteral("notifications"), notifications}};
    return true;
}

bool MessageQuery::erasedAt(qint64 row, std::optional<qint64> *out, QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral("SELECT erased_at FROM messages WHERE id = ?"));
    query.bindValue(0, row);
    if (!db_.exec(query, error))
        return false;
    *out = query.next() && !query.value(0).isNull() ? std::optional<qint64>(query.value(0).toLongLong())
                                                    : std::nullopt;
    return true;
}
