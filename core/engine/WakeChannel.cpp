#include "engine/WakeChannel.h"

#include <QLocalServer>
#include <QLocalSocket>

WakeChannel::WakeChannel(const DatabaseLocation &location, QObject *parent)
    : QObject(parent)
    , location_(location)
{}

QString WakeChannel::serverName(const DatabaseLocation &location)
{
    return QStringLiteral("integrator-%1").arg(location.key());
}

bool WakeChannel::listen(QString *error)
{
    server_ = new QLocalServer(this);
    server_->setSocketOptions(QLocalServer::UserAccessOption);
    // The engine lock is held, so a leftover socket file belongs to a dead engine.
    QLocalServer::removeServer(serverName(location_));
    if (!server_->listen(serverName(location_))) {
        *error = server_->errorString();
        return false;
    }
    connect(server_, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = server_->nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QLocalSocket::readyRead, socket, [socket] { socket->readAll(); });
            Q_EMIT woken();
        }
    });
    return true;
}

void WakeChannel::notify(const DatabaseLocation &location)
{
    if (location.isPostgres())
        return; // the writing transaction's NOTIFY wakes every engine

    QLocalSocket socket;
    socket.connectToServer(serverName(location));
    if (socket.waitForConnected(200)) {
        socket.write("w");
        socket.waitForBytesWritten(200);
        socket.disconnectFromServer();
    }
}
