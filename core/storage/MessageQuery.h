#pragma once

#include "model/Message.h"
#include "storage/MessageLog.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlQuery>
#include <QStringList>

#include <optional>

class Database;
class OrderingRule;

// Read side of the message log, in the stable JSON shapes the README documents (`messages --json`,
// `show --json`). The control panel reads the same shapes. Which messages list() returns is
// MessageLog's query, the one the control panel's Messages view pages through.
class MessageQuery
{
public:
    static const QStringList kStates;

    explicit MessageQuery(const Database &db);

    // The newest `limit` messages that `filter` matches, each with its deliveries. A mapping or
    // endpoint name that does not exist is an error naming it, not an empty list.
    bool list(const MessageLog::Filter &filter, int limit, QJsonArray *out, QString *error) const;
    bool show(const QString &messageId, QJsonObject *out, QString *error) const;
    // Finds a stored message; a missing one is an error naming the id.
    bool find(const QString &messageId, qint64 *row, Message *message, QString *error) const;
    bool mappingId(const QString &name, qint64 *id, QString *error) const;
    // When the message's personal data was erased (MessageEraser); nullopt when it was not.
    bool erasedAt(qint64 row, std::optional<qint64> *out, QString *error) const;
    bool endpointExists(const QString &name, QString *error) const;
    // "waits for message ID (ordering key KEY), STATE" for a delivery of list() or show() that its
    // ordering key holds back; empty otherwise.
    static QString waitText(const QJsonObject &delivery);

private:
    bool deliveriesOf(const QList<qint64> &rows, bool withAttempts, QHash<qint64, QJsonArray> *out,
                      QString *error) const;
    bool addWaits(const QList<qint64> &deliveryIds, QList<QJsonObject> *deliveries, QString *error) const;
    static QJsonValue pausedReasonOf(const QSqlQuery &query);
    static QJsonValue secretsWaitOf(const QSqlQuery &query);
    bool waitsFor(qint64 deliveryId, const OrderingRule &rule, QJsonValue *out, QString *error) const;
    bool attemptsOf(qint64 deliveryId, QJsonArray *out, QString *error) const;
    bool childrenOf(const QString &messageId, QJsonArray *out, QString *error) const;

    const Database &db_;
};
