#include "metrics/MetricsServer.h"

#include "http/HttpStatus.h"
#include "metrics/DatabaseGaugeReader.h"
#include "metrics/MetricsRegistry.h"
#include "metrics/MetricsTextFormat.h"
#include "storage/Database.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <atomic>

namespace {

// A request line and headers fit many times over; more unread bytes mean a client that does not wait
// for its answers.
constexpr qint64 kSocketReadBuffer = 64 * 1024;
constexpr const char *kTextType = "text/plain; charset=utf-8";

QString describeAddress(const QHostAddress &address, quint16 port)
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                             ? QStringLiteral("[%1]").arg(address.toString())
                             : address.toString();
    return QStringLiteral("%1:%2").arg(host).arg(port);
}

} // namespace

MetricsServer::MetricsServer(DatabaseLocation location, QObject *parent)
    : QObject(parent)
    , location_(std::move(location))
    , server_(new QTcpServer(this))
{
    connect(server_, &QTcpServer::newConnection, this, &MetricsServer::acceptConnections);
}

MetricsServer::~MetricsServer()
{
    // The sockets die with server_, after this body: they must not call back into a half-destroyed
    // object.
    for (auto it = connections_.keyBegin(); it != connections_.keyEnd(); ++it)
        disconnect(*it, nullptr, this, nullptr);
    server_->close();
}

bool MetricsServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (!db_) {
        static std::atomic<int> serial{0};
        auto db = std::make_unique<Database>(
            location_, QStringLiteral("metrics-%1-%2").arg(quintptr(this), 0, 16).arg(++serial));
        if (!db->open(error))
            return false;
        db_ = std::move(db);
    }
    if (!server_->listen(address, port)) {
        *error = QStringLiteral("cannot serve metrics on %1: %2")
                     .arg(describeAddress(address, port), server_->errorString());
        return false;
    }
    return true;
}

quint16 MetricsServer::port() const
{
    return server_->serverPort();
}

void MetricsServer::acceptConnections()
{
    while (server_->hasPendingConnections()) {
        QTcpSocket *socket = server_->nextPendingConnection();
        if (connections_.size() >= kMaxConnections) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        adopt(socket);
    }
}

void MetricsServer::adopt(QTcpSocket *socket)
{
    socket->setReadBufferSize(kSocketReadBuffer);
    Connection connection;
    connection.idleTimer = new QTimer(socket);
    connection.idleTimer->setSingleShot(true);
    connection.idleTimer->start(kIdleTimeoutMs);
    connections_.insert(socket, connection);
    connect(connection.idleTimer, &QTimer::timeout, socket, &QTcpSocket::disconnectFromHost);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] { drop(socket); });
    serve(socket);
}

void MetricsServer::drop(QTcpSocket *socket)
{
    connections_.remove(socket);
    socket->deleteLater();
}

// Answers every complete request, in order. Looks the connection up afresh each turn: an answer that
// closes the socket may drop it at once.
void MetricsServer::serve(QTcpSocket *socket)
{
    for (;;) {
        const auto it = connections_.find(socket);
        if (it == connections_.end() || it->closing)
            return;
        it->idleTimer->start(kIdleTimeoutMs);
        const HttpRequestReader::State state = it->reader.next();
        if (state == HttpRequestReader::State::Failed) {
            respond(socket, it->reader.failureStatus(), kTextType, it->reader.failureReason().toUtf8() + '\n',
                    true);
            return;
        }
        if (state == HttpRequestReader::State::Complete) {
            route(socket, it->reader.takeRequest());
            continue;
        }
        if (socket->bytesAvailable() == 0)
            return;
        it->reader.append(socket->readAll());
    }
}

void MetricsServer::route(QTcpSocket *socket, const HttpRequest &request)
{
    // A HEAD answer must not carry a body; closing after it keeps the stream framed without one.
    const bool close = !request.keepAlive() || request.method == "HEAD";
    if (request.path() != "/metrics") {
        respond(socket, 404, kTextType, "only /metrics is served here\n", close);
        return;
    }
    if (request.method != "GET") {
        respond(socket, 405, kTextType, "use GET\n", close, "Allow: GET\r\n");
        return;
    }
    QByteArray text;
    QString error;
    if (!scrape(&text, &error)) {
        respond(socket, 503, kTextType, "cannot read the database: " + error.toUtf8() + '\n', close);
        return;
    }
    respond(socket, 200, MetricsTextFormat::kContentType, text, close);
}

void MetricsServer::respond(QTcpSocket *socket, int status, const QByteArray &contentType,
                            const QByteArray &body, bool close, const QByteArray &extraHeaders)
{
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + HttpStatus::reasonPhrase(status) +
                          "\r\nContent-Type: " + contentType +
                          "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    if (close)
        response += "Connection: close\r\n";
    response += extraHeaders + "\r\n" + body;
    socket->write(response);
    if (!close)
        return;
    if (const auto it = connections_.find(socket); it != connections_.end())
        it->closing = true;
    socket->disconnectFromHost(); // after the answer is written; may drop the connection at once
}

// The counters are taken before the gauges are read: each counted outcome was committed before it was
// counted, so the queue gauges of the same scrape already reflect it.
bool MetricsServer::scrape(QByteArray *text, QString *error) const
{
    const MetricsSnapshot counters = MetricsRegistry::global().snapshot();
    DatabaseGauges gauges;
    if (!DatabaseGaugeReader(*db_).read(&gauges, error))
        return false;
    *text = MetricsTextFormat::render(counters, gauges, QStringLiteral(INTEGRATOR_VERSION));
    return true;
}
