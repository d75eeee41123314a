#include "model/Message.h"

#include "utils/ObjectId.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

QJsonObject Message::toJson() const
{
    QJsonObject object{{QStringLiteral("message"), type},
                       {QStringLiteral("message_id"), id},
                       {QStringLiteral("payload"), payload}};
    if (!parentId.isEmpty())
        object.insert(QStringLiteral("parent_id"), parentId);
    return object;
}

QString Message::typeError(const QString &type)
{
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(QStringLiteral("[a-z0-9_]+(:[a-z0-9_]+)+")));
    if (type.isEmpty())
        return QStringLiteral("message type is empty");
    if (type.size() > 200)
        return QStringLiteral("message type is longer than 200 characters");
    if (!pattern.match(type).hasMatch())
        return QStringLiteral("message type \"%1\" is not colon notation of lowercase letters, digits and "
                              "underscores, such as order:new")
            .arg(type);
    return {};
}

bool Message::fromJson(const QJsonObject &object, Message *out, QString *error)
{
    const QJsonValue type = object.value(QStringLiteral("message"));
    if (!type.isString()) {
        *error = QStringLiteral("\"message\" (the message type) is missing or not a string");
        return false;
    }
    if (const QString reason = typeError(type.toString()); !reason.isEmpty()) {
        *error = reason;
        return false;
    }
    const QJsonValue payload = object.value(QStringLiteral("payload"));
    if (!payload.isObject() && !payload.isUndefined()) {
        *error = QStringLiteral("\"payload\" of a %1 message must be a JSON object").arg(type.toString());
        return false;
    }
    const QJsonValue id = object.value(QStringLiteral("message_id"));
    if (!id.isUndefined() && !id.isNull() && !(id.isString() && ObjectId::isValid(id.toString()))) {
        *error = QStringLiteral("\"message_id\" must be 24 lowercase hex digits (a BSON ObjectId)");
        return false;
    }
    out->type = type.toString();
    out->id = id.isString() ? id.toString() : ObjectId::generate();
    out->payload = payload.toObject();
    return true;
}

MessageBatch MessageBatch::fromJsonArray(const QJsonArray &array)
{
    MessageBatch batch;
    if (array.isEmpty())
        batch.error = QStringLiteral("the input holds no message");
    for (int i = 0; i < array.size(); ++i) {
        Message message;
        QString error;
        if (!array.at(i).isObject())
            error = QStringLiteral("is not a JSON object");
        else if (Message::fromJson(array.at(i).toObject(), &message, &error))
            batch.messages.append(message);
        if (!error.isEmpty()) {
            batch.messages.clear();
            batch.error = array.size() == 1 ? error : QStringLiteral("message %1: %2").arg(i + 1).arg(error);
            return batch;
        }
    }
    return batch;
}

MessageBatch MessageBatch::parse(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        MessageBatch batch;
        batch.error = QStringLiteral("malformed JSON at offset %1: %2")
                          .arg(parseError.offset)
                          .arg(parseError.errorString());
        return batch;
    }
    if (document.isArray())
        return fromJsonArray(document.array());
    const QJsonObject object = document.object();
    if (object.contains(QStringLiteral("messages")) && !object.contains(QStringLiteral("message"))) {
        if (!object.value(QStringLiteral("messages")).isArray()) {
            MessageBatch batch;
            batch.error = QStringLiteral("\"messages\" must be an array of messages");
            return batch;
        }
        return fromJsonArray(object.value(QStringLiteral("messages")).toArray());
    }
    return fromJsonArray(QJsonArray{object});
}
