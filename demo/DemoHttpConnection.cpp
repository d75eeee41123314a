#include "DemoHttpConnection.h"

#include <QHash>
#include <QTcpSocket>

#include <utility>

namespace {

// A client that sends more than this without ending its head is not an API client.
constexpr qsizetype MaxHeadBytes = 64 * 1024;

QByteArray reasonPhrase(int status)
{
    static const QHash<int, QByteArray> phrases = {
        {200, QByteArrayLiteral("OK")},
        {400, QByteArrayLiteral("Bad Request")},
        {401, QByteArrayLiteral("Unauthorized")},
        {403, QByteArrayLiteral("Forbidden")},
        {404, QByteArrayLiteral("Not Found")},
        {405, QByteArrayLiteral("Method Not Allowed")},
        {408, QByteArrayLiteral("Request Timeout")},
        {422, QByteArrayLiteral("Unprocessable Content")},
        {429, QByteArrayLiteral("Too Many Requests")},
        {431, QByteArrayLiteral("Request Header Fields Too Large")},
        {500, QByteArrayLiteral("Internal Server Error")},
        {501, QByteArrayLiteral("Not Implemented")},
        {502, QByteArrayLiteral("Bad Gateway")},
        {503, QByteArrayLiteral("Service Unavailable")},
        {504, QByteArrayLiteral("Gateway Timeout")},
    };
    return phrases.value(status);
}

QByteArray format(const DemoHttpResponse &response, bool keepAlive)
{
    QByteArray out;
    out.reserve(200 + response.body.size());
    out.append("HTTP/1.1 ").append(QByteArray::number(response.status)).append(' ');
    out.append(reasonPhrase(response.status)).append("\r\n");
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
    buffer_.append(socket_->readAll());
    // A hanging exchange reads no further request: its client is still waiting for the first answer.
    while (serving() && !hanging_) {
        DemoHttpRequest request;
        int refusal = 0;
        if (takeRequest(&request, &refusal)) {
            const bool keepAlive = keepAlive_;
            const DemoHttpResponse response = handler_(request);
            hanging_ = response.hang;
            if (hanging_)
                break;
            respond(response, keepAlive);
            Q_EMIT answered(QUrl::fromEncoded(request.target), response.status);
        } else if (refusal != 0) {
            // What follows a malformed head cannot be framed, so the connection ends with this answer.
            DemoHttpResponse response;
            response.status = refusal;
            response.contentType = QByteArrayLiteral("text/plain");
            response.body = reasonPhrase(refusal);
            respond(response, false);
        } else {
            break;
        }
    }
}

bool DemoHttpConnection::takeRequest(DemoHttpRequest *request, int *refusal)
{
    if (bodyLength_ < 0 && !readHead(refusal))
        return false;
    if (buffer_.size() < bodyLength_)
        return false;
    buffer_.remove(0, bodyLength_);
    bodyLength_ = -1;
    *request = std::exchange(pending_, {});
    return true;
}

bool DemoHttpConnection::readHead(int *refusal)
{
    // HTTP lets a client send empty lines between requests.
    while (buffer_.startsWith("\r\n"))
        buffer_.remove(0, 2);
    const qsizetype end = buffer_.indexOf("\r\n\r\n");
    if (end < 0) {
        if (buffer_.size() > MaxHeadBytes)
            *refusal = 431;
        return false;
    }
    const QByteArray head = buffer_.left(end);
    buffer_.remove(0, end + 4);
    *refusal = parseHead(head);
    return *refusal == 0;
}

int DemoHttpConnection::parseHead(const QByteArray &head)
{
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> parts = lines.first().trimmed().split(' ');
    if (parts.size() != 3 || !parts.at(2).startsWith("HTTP/1.") || !parts.at(1).startsWith('/'))
        return 400;
    pending_.method = parts.at(0);
    pending_.target = parts.at(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        if (!parseHeaderLine(lines.at(i)))
            return 400;
    }
    return readFraming(parts.at(2) == "HTTP/1.0");
}

bool DemoHttpConnection::parseHeaderLine(const QByteArray &line)
{
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return false;
    QByteArray &value = pending_.headers[line.left(colon).trimmed().toLower()];
    value.append(value.isEmpty() ? "" : ", ").append(line.mid(colon + 1).trimmed());
    return true;
}

int DemoHttpConnection::readFraming(bool http10)
{
    if (pending_.headers.contains(QByteArrayLiteral("transfer-encoding")))
        return 501; // chunked request bodies: a GET-only API has no use for them
    bool ok = true;
    bodyLength_ =
        pending_.headers.value(QByteArrayLiteral("content-length"), QByteArrayLiteral("0")).toLongLong(&ok);
    if (!ok || bodyLength_ < 0) {
        bodyLength_ = -1;
        return 400;
    }
    const QByteArray connection = pending_.headers.value(QByteArrayLiteral("connection")).toLower();
    keepAlive_ = http10 ? connection.contains("keep-alive") : !connection.contains("close");
    return 0;
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
