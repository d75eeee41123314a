#pragma once

#include "storage/DatabaseLocation.h"

#include <QObject>

class QLocalServer;

// Lets a process that wrote new work (a CLI push, a replay) wake the engine running on the same
// database at once, without the engine polling the database. Losing a wake-up only delays work until
// the engine's next due time or restart, never loses it.
class WakeChannel : public QObject
{
    Q_OBJECT
public:
    explicit WakeChannel(const DatabaseLocation &location, QObject *parent = nullptr);
    bool listen(QString *error);
    static void notify(const DatabaseLocation &location);
    static QString serverName(const DatabaseLocation &location);

Q_SIGNALS:
    void woken();

private:
    DatabaseLocation location_;
    QLocalServer *server_ = nullptr;
};
