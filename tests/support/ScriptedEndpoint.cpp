#include "ScriptedEndpoint.h"

#include "http/HttpRequestReader.h"
#include "http/HttpStatus.h"

#include <QDateTime>
#include <QHash>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <utility>

namespace {

constexpr qint64 StreamChunk = 64 * 1024;
// Enough queued to keep loopback busy between bytesWritten signals, small enough that a gigabyte body
// never sits in memory.
constexpr qint64 StreamHighWater = 4 * StreamChunk;
// Tests may send large request bodies; only a runaway client is refused (413).
constexpr qint64 MaxRequestBodyBytes = 64 * 1024 * 1024;

bool hasHeader(const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &name)
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// Status line and headers; the body follows when inlineBody, so a plain answer is a single write.
QByteArray formatResponse(const ScriptedResponse &response, bool keepAlive, bool inlineBody)
{
    const qint64 length = response.streamBytes > 0 ? response.streamBytes : response.body.size();
    QByteArray out;
    out.reserve(160 + (inlineBody ? response.body.size() : 0));
    out.append("HTTP/1.1 ").append(QByteArray::number(response.status)).append(' ');
    out.append(HttpStatus::reasonPhrase(response.status)).append("\r\n");
    for (const auto &header : response.headers)
        out.append(header.first).append(": ").append(header.second).append("\r\n");
    if (!hasHeader(response.headers, QByteArrayLiteral("Content-Length")))
        out.append("Content-Length: ").append(QByteArray::number(length)).append("\r\n");
    if (!keepAlive)
        out.append("Connection: close\r\n");
    out.append("\r\n");
    if (inlineBody)
        out.append(response.body);
    return out;
}

} // namespace

// One accepted socket: parses requests as bytes arrive and answers them strictly in order, reading no
// further request while an answer is pending (delayed, hanging or streaming).
class ScriptedEndpointConnection : public QObject
{
    Q_OBJECT
public:
    ScriptedEndpointConnection(QTcpSocket *socket, ScriptedEndpoint *endpoint);
    void drop();

private:
    void readIncoming();
    void serveBuffered();
    void refuse(int status);
    void respond(const ScriptedResponse &response);
    void answer(const ScriptedResponse &response);
    void answerDelayed();
    void pumpStream();
    void continueStream();
    void endExchange();
    bool connected() const;

    QTcpSocket *socket_;
    ScriptedEndpoint *endpoint_;
    QTimer *delay_;
    HttpRequestReader reader_;
    bool keepAlive_ = true; // of the request being answered
    bool busy_ = false;
    bool streaming_ = false;
    bool dropped_ = false;
    qint64 streamLeft_ = 0;
    ScriptedResponse pending_;
    qsizetype answering_ = -1; // the request being answered, as ScriptedEndpoint::requests() numbers it
};

ScriptedEndpointConnection::ScriptedEndpointConnection(QTcpSocket *socket, ScriptedEndpoint *endpoint)
    : QObject(endpoint)
    , socket_(socket)
    , endpoint_(endpoint)
    , delay_(new QTimer(this))
    , reader_(MaxRequestBodyBytes)
{
    socket_->setParent(this);
    // Pipelined answers and stream chunks must not wait for the client's delayed ACKs.
    socket_->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    delay_->setSingleShot(true);
    delay_->setTimerType(Qt::PreciseTimer); // tests assert the answer comes no earlier than delayMs
    connect(delay_, &QTimer::timeout, this, &ScriptedEndpointConnection::answerDelayed);
    connect(socket_, &QIODevice::readyRead, this, &ScriptedEndpointConnection::readIncoming);
    connect(socket_, &QIODevice::bytesWritten, this, &ScriptedEndpointConnection::continueStream);
    connect(socket_, &QAbstractSocket::disconnected, this, &QObject::deleteLater);
    readIncoming();
}

// Deferred deletion: close() may be called by a handler running inside this connection.
void ScriptedEndpointConnection::drop()
{
    if (dropped_)
        return;
    dropped_ = true;
    delay_->stop();
    socket_->disconnect(this);
    socket_->abort();
    deleteLater();
}

void ScriptedEndpointConnection::readIncoming()
{
    reader_.append(socket_->readAll());
    serveBuffered();
}

void ScriptedEndpointConnection::serveBuffered()
{
    while (!busy_ && connected()) {
        const HttpRequestReader::State state = reader_.next();
        if (state == HttpRequestReader::State::Incomplete)
            break;
        if (state == HttpRequestReader::State::Failed) {
            refuse(reader_.failureStatus());
            break;
        }
        HttpRequest parsed = reader_.takeRequest();
        keepAlive_ = parsed.keepAlive();
        RecordedRequest request;
        request.method = std::move(parsed.method);
        request.target = std::move(parsed.target);
        request.headers = parsed.joinedHeaders();
        request.body = std::move(parsed.body);
        respond(endpoint_->dispatch(request, &answering_));
    }
}

// The framing of what follows a malformed head is unknown, so the connection cannot continue.
void ScriptedEndpointConnection::refuse(int status)
{
    keepAlive_ = false;
    answer(ScriptedResponse::text(status, HttpStatus::reasonPhrase(status)));
}

void ScriptedEndpointConnection::respond(const ScriptedResponse &response)
{
    // The handler may have closed the endpoint, or a requestReceived slot may have.
    if (!connected())
        return;
    if (response.closeWithoutAnswer) {
        socket_->disconnectFromHost();
    } else if (response.hang) {
        busy_ = true;
    } else if (response.delayMs > 0) {
        busy_ = true;
        pending_ = response;
        delay_->start(response.delayMs);
    } else {
        answer(response);
    }
}

void ScriptedEndpointConnection::answer(const ScriptedResponse &response)
{
    if (!response.raw.isEmpty()) {
        socket_->write(response.raw);
        socket_->disconnectFromHost();
        return;
    }
    const bool streamed = response.streamBytes > 0;
    socket_->write(formatResponse(response, keepAlive_, !streamed));
    endpoint_->noteAnswered(std::exchange(answering_, -1));
    if (!streamed) {
        endExchange();
        return;
    }
    busy_ = true;
    streaming_ = true;
    streamLeft_ = response.streamBytes;
    pumpStream();
}

// A client that left is only deleted later, so a timer or a write signal may still come in between.
bool ScriptedEndpointConnection::connected() const
{
    return socket_->state() == QAbstractSocket::ConnectedState;
}

void ScriptedEndpointConnection::answerDelayed()
{
    if (!connected())
        return;
    busy_ = false;
    answer(std::exchange(pending_, {}));
    serveBuffered();
}

void ScriptedEndpointConnection::pumpStream()
{
    static const QByteArray filler(StreamChunk, 'x');
    while (streamLeft_ > 0 && socket_->bytesToWrite() < StreamHighWater) {
        const qint64 size = qMin(streamLeft_, StreamChunk);
        socket_->write(filler.constData(), size);
        streamLeft_ -= size;
    }
}

// Driven by bytesWritten, which always follows the head write, so a stream finishes here even when
// pumpStream() queued all of it at once.
void ScriptedEndpointConnection::continueStream()
{
    if (!streaming_ || !connected())
        return;
    pumpStream();
    if (streamLeft_ > 0)
        return;
    streaming_ = false;
    busy_ = false;
    endExchange();
    serveBuffered();
}

void ScriptedEndpointConnection::endExchange()
{
    if (!keepAlive_)
        socket_->disconnectFromHost();
}

QByteArray RecordedRequest::path() const
{
    const qsizetype query = target.indexOf('?');
    return query < 0 ? target : target.left(query);
}

QJsonObject RecordedRequest::json() const
{
    return QJsonDocument::fromJson(body).object();
}

ScriptedResponse ScriptedResponse::json(int status, const QJsonObject &body,
                                        QList<QPair<QByteArray, QByteArray>> headers)
{
    if (!hasHeader(headers, QByteArrayLiteral("Content-Type")))
        headers.prepend({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    ScriptedResponse response;
    response.status = status;
    response.headers = std::move(headers);
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

ScriptedResponse ScriptedResponse::text(int status, const QByteArray &body, const QByteArray &contentType)
{
    ScriptedResponse response;
    response.status = status;
    response.headers = {{QByteArrayLiteral("Content-Type"), contentType}};
    response.body = body;
    return response;
}

ScriptedEndpoint::ScriptedEndpoint(QObject *parent)
    : QObject(parent)
    , server_(new QTcpServer(this))
{
    connect(server_, &QTcpServer::newConnection, this, &ScriptedEndpoint::acceptConnections);
}

ScriptedEndpoint::~ScriptedEndpoint()
{
    close();
}

bool ScriptedEndpoint::listen(quint16 port)
{
    if (server_->listen(QHostAddress::LocalHost, port))
        return true;
    // A bare false would leave the failing test without a reason.
    qWarning("ScriptedEndpoint: cannot listen on 127.0.0.1:%u: %s", unsigned(port),
             qPrintable(server_->errorString()));
    return false;
}

bool ScriptedEndpoint::listenTls(const QSslCertificate &certificate, const QSslKey &key, quint16 port)
{
    auto *server = new QSslServer(this);
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(certificate);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    server->setSslConfiguration(configuration);
    // A socket becomes pending only once its handshake is done.
    connect(server, &QTcpServer::pendingConnectionAvailable, this, &ScriptedEndpoint::acceptConnections);
    delete server_;
    server_ = server;
    tls_ = true;
    return listen(port);
}

quint16 ScriptedEndpoint::port() const
{
    return server_->serverPort();
}

QUrl ScriptedEndpoint::url(const QString &path) const
{
    return QUrl(
        QStringLiteral("%1://127.0.0.1:%2%3")
            .arg(tls_ ? QStringLiteral("https") : QStringLiteral("http"), QString::number(port()), path));
}

void ScriptedEndpoint::setHandler(Handler handler)
{
    handler_ = std::move(handler);
}

void ScriptedEndpoint::setRecordBodies(bool record)
{
    QMutexLocker locker(&mutex_);
    recordBodies_ = record;
}

QList<RecordedRequest> ScriptedEndpoint::requests() const
{
    QMutexLocker locker(&mutex_);
    return requests_;
}

int ScriptedEndpoint::requestCount() const
{
    QMutexLocker locker(&mutex_);
    return requestCount_;
}

QList<RecordedRequest> ScriptedEndpoint::requestsTo(const QByteArray &path) const
{
    QList<RecordedRequest> matching;
    QMutexLocker locker(&mutex_);
    for (const RecordedRequest &request : requests_) {
        if (request.path() == path)
            matching.append(request);
    }
    return matching;
}

void ScriptedEndpoint::clear()
{
    QMutexLocker locker(&mutex_);
    requests_.clear();
    requestCount_ = 0;
}

void ScriptedEndpoint::close()
{
    server_->close();
    const auto connections = findChildren<ScriptedEndpointConnection *>(Qt::FindDirectChildrenOnly);
    for (ScriptedEndpointConnection *connection : connections)
        connection->drop();
}

void ScriptedEndpoint::acceptConnections()
{
    while (QTcpSocket *socket = server_->nextPendingConnection())
        new ScriptedEndpointConnection(socket, this);
}

ScriptedResponse ScriptedEndpoint::dispatch(RecordedRequest &request, qsizetype *index)
{
    request.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
    {
        QMutexLocker locker(&mutex_);
        ++requestCount_;
        *index = recordBodies_ ? requests_.size() : -1;
        if (recordBodies_)
            requests_.append(request);
    }
    Q_EMIT requestReceived(request);
    if (handler_)
        return handler_(request);
    return ScriptedResponse::json(
        200, {{QStringLiteral("message_id"), request.json().value(QStringLiteral("message_id"))}});
}

// Tests that check that requests did not overlap need when each one's answer left.
void ScriptedEndpoint::noteAnswered(qsizetype index)
{
    QMutexLocker locker(&mutex_);
    if (index >= 0 && index < requests_.size()) // clear() may have emptied the list meanwhile
        requests_[index].answeredAtMs = QDateTime::currentMSecsSinceEpoch();
}

#include "ScriptedEndpoint.moc"
