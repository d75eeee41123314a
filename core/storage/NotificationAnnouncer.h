#pragma once

#include "model/Mapping.h"
#include "storage/NotificationLog.h"

#include <QJsonObject>
#include <QList>

class Database;

// A change people must hear about (a store down, an endpoint paused) is a notification and also a
// notification:LEVEL message that mappings can route anywhere (a chat service, a pager).
namespace NotificationAnnouncer {
// Inside the caller's WriteTransaction. The message's payload is {level, subject, description, source}
// and the keys of `about` ({"store": name}, {"endpoint": name}).
bool announce(const Database &db, const Notification &notification, const QJsonObject &about,
              const QList<Mapping> &mappings, QString *error);
} // namespace NotificationAnnouncer
