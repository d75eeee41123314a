#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

// One message as the seeds define it: a colon-notation type, a unique id and a JSON object payload.
// parentId and hops trace messages that endpoints produced in their responses.
struct Message
{
    QString type;
    QString id;
    QJsonObject payload;
    QString parentId;
    int hops = 0;

    QJsonObject toJson() const;

    // Empty when the type is colon notation of lowercase letters, digits and underscores
    // ("order:new", "notification:info"); otherwise a one-line reason.
    static QString typeError(const QString &type);
    // Builds a message from {"message", "message_id"?, "payload"}; assigns an id when absent.
    // On bad input returns false and sets a one-line reason.
    static bool fromJson(const QJsonObject &object, Message *out, QString *error);
};

// Reads what `integrator push` and endpoint responses carry: one message, an array of messages,
// or {"messages": [...]}. All or nothing: one bad message refuses the whole input.
struct MessageBatch
{
    QList<Message> messages;
    QString error;

    static MessageBatch parse(const QByteArray &json);
    static MessageBatch fromJsonArray(const QJsonArray &array);
};
