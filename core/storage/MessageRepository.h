#pragma once

#include "model/Mapping.h"
#include "model/Message.h"
#include "model/MessageRouter.h"

#include <QList>
#include <QSqlQuery>
#include <QStringList>

class Database;

// Accepting a message: the message row and one delivery per subscribed mapping are written
// together, so a message is never stored without its routing, nor routed twice.
class MessageRepository
{
public:
    explicit MessageRepository(const Database &db);

    // Inside the caller's WriteTransaction. A message_id that is already stored is left as it is
    // (pushing the same message twice is harmless). `accepted` receives the ids newly stored.
    bool insert(const QList<Message> &messages, const QString &source, const QList<Mapping> &mappings,
                QStringList *accepted, QString *error);
    // Loads the mappings, opens a transaction, inserts, commits.
    bool accept(const QList<Message> &messages, const QString &source, QStringList *accepted, QString *error);

    // Creates deliveries for mappings that subscribe to an already stored message but have none yet
    // (mappings added after it arrived). Inside the caller's transaction.
    bool routeAgain(qint64 messageRow, const Message &message, const QList<Mapping> &mappings, int *created,
                    QString *error);

private:
    bool insertDelivery(qint64 messageRow, const Message &message, const Route &route,
                        QList<const Mapping *> *skipped, QString *error);
    void countOnCommit(const QString &source, int stored, const QList<const Mapping *> &skipped);
    bool claimIdentity(const Route &route, const QString &messageId, QString *holder, QString *error);

    const Database &db_;
    QSqlQuery insertMessage_;
    QSqlQuery insertDelivery_;
    QSqlQuery insertIdentity_;
};
