#pragma once

#include "model/Message.h"

#include <QJsonObject>
#include <QList>

#include <optional>

// Turns Spree API v1 records (and those of the later APIs, brought to its shape) into hub-format messages,
// deciding from the record's last seen form whether it is new, changed or unchanged. Pure: the poller owns
// the I/O.
namespace SpreeTranslator {

struct Change
{
    QList<Message> messages;
    QJsonObject snapshot; // the hub form to remember for next time
};

QString recordKey(const QString &collection, const QJsonObject &record);
qint64 recordId(const QJsonObject &record);
QJsonObject hubForm(const QString &collection, const QJsonObject &record);
// The form without updated_at at any depth: what a change is compared on, so a bump of the times alone
// is no change.
QJsonObject withoutUpdatedAt(QJsonObject object);
// previous is the snapshot of the last poll that saw the record, or nullopt for a first sight.
Change detect(const QString &collection, const QJsonObject &record,
              const std::optional<QJsonObject> &previous);
// The same for a record read through another API and brought to API v1's shape: `original` is what that
// API sent, kept as payload.original.
Change detect(const QString &collection, const QJsonObject &record,
              const std::optional<QJsonObject> &previous, const QJsonObject &original);
// {"key": {"from": …, "to": …}} for every top-level field that changed, ignoring updated_at.
QJsonObject diff(const QJsonObject &before, const QJsonObject &after);

} // namespace SpreeTranslator
