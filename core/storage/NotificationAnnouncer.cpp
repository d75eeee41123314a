#include "storage/NotificationAnnouncer.h"

#include "storage/MessageRepository.h"
#include "utils/ObjectId.h"

bool NotificationAnnouncer::announce(const Database &db, const Notification &notification,
                                     const QJsonObject &about, const QList<Mapping> &mappings, QString *error)
{
    Message message;
    message.type = QStringLiteral("notification:%1").arg(notification.level);
    message.id = ObjectId::generate();
    message.payload = {{QStringLiteral("level"), notification.level},
                       {QStringLiteral("subject"), notification.subject},
                       {QStringLiteral("description"), notification.description},
                       {QStringLiteral("source"), notification.source}};
    for (auto it = about.begin(); it != about.end(); ++it)
        message.payload.insert(it.key(), it.value());
    return NotificationLog(db).record(notification, error) &&
           MessageRepository(db).insert({message}, notification.source, mappings, nullptr, error);
}
