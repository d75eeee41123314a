#include "DemoHttpConnection.h"

#include "http/HttpStatus.h"

#include <QHash>
#include <QTcpSocket>

#include <utility>

namespace {

// The API takes no request bodies, but a client may still send one; it is read past up to this size.
constexpr qint64 MaxBodyBytes = 64 * 1024 * 1024;

QByteArray format(const DemoHttpResponse &response, bool keepAlive)
{
    QByteArray out;
    out.reserve(200 + response.body.size());
    out.append("HTTP/1.1 ").append(QByteArray::number(response.status)).append(' ');
    out.append(HttpStatus::reasonPhrase(response.status)).append("\r\n");
    out.append("Content-Type: ").append(response.contentType).append("\r\n");
    for (const auto &header : response.headers)
        out.append(header.first).append(": ").append(header.second).append("\r\n");
    out.append("Content-Length: ").append(QByteArray::number(response.body.size())).append("\r\n");
    if (!keepAlive)
        out.append("Connection: close\r\n");
    out.append("\r\n").append(response.body);
    return out;
}

} // namespace

QByteArray DemoHttpRequest::path() const
{
    const qsizetype query = target.indexOf('?');
    return query < 0 ? target : target.left(query);
}

QByteArray DemoHttpRequest::query() const
{
    const qsizetype query = target.indexOf('?');
    return query < 0 ? QByteArray() : target.mid(query + 1);
}

DemoHttpConnection::DemoHttpConnection(QTcpSocket *socket, Handler handler, QObject *parent)
    : QObject(parent)
    , socket_(socket)
    , handler_(std::move(handler))
    , reader_(MaxBodyBytes)
{
    socket_->setParent(this);
    socket_->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(socket_, &QIODevice::readyRead, this, &DemoHttpConnection::readIncoming);
    connect(socket_, &QAbstractSocket::disconnected, this, &QObject::deleteLater);
}

void DemoHttpConnection::start()
{
    readIncoming();
}

// Deferred deletion: close() may come from a slot that runs while this connection is answering.
void DemoHttpConnection::drop()
{
    if (dropped_)
        return;
    dropped_ = true;
    finished_ = true;
    socket_->disconnect(this);
    socket_->abort();
    deleteLater();
}

void DemoHttpConnection::readIncoming()
{
    reader_.append(socket_->readAll());
    // A hanging exchange reads no further request: its client is still waiting for the first answer.
    while (serving() && !hanging_) {
        const HttpRequestReader::State state = reader_.next();
        if (state == HttpRequestReader::State::Incomplete)
            break;
        if (state == HttpRequestReader::State::Failed) {
            refuse(reader_.failureStatus());
            break;
        }
        const HttpRequest parsed = reader_.takeRequest();
        DemoHttpRequest request;
        request.method = parsed.method;
        request.target = parsed.target;
        request.headers = parsed.joinedHeaders();
        request.body = parsed.body;
        const DemoHttpResponse response = handler_(request);
        hanging_ = response.hang;
        if (hanging_)
            break;
        respond(response, parsed.keepAlive());
        Q_EMIT answered(QUrl::fromEncoded(request.target), response.status);
    }
}

// What follows a malformed head cannot be framed, so the connection ends with this answer.
void DemoHttpConnection::refuse(int status)
{
    DemoHttpResponse response;
    response.status = status;
    response.contentType = QByteArrayLiteral("text/plain");
    response.body = HttpStatus::reasonPhrase(status);
    respond(response, false);
}

void DemoHttpConnection::respond(const DemoHttpResponse &response, bool keepAlive)
{
    if (!serving())
        return;
    socket_->write(format(response, keepAlive));
    if (keepAlive)
        return;
    finished_ = true;
    socket_->disconnectFromHost();
}

// A client that left is only deleted later, so a read may still come in between.
bool DemoHttpConnection::serving() const
{
    return !finished_ && socket_->state() == QAbstractSocket::ConnectedState;
}
