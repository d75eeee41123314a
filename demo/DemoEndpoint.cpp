#include "DemoEndpoint.h"

#include "http/HttpRequestReader.h"
#include "http/HttpStatus.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>

#include <memory>

// What the endpoint writes is the wire data of a foreign web app, shown as the endpoint's answer in the
// attempt log: plain English, not the program's own (translated) text.

namespace {

constexpr qint64 kMaxBodyBytes = 16 * 1024 * 1024;
// The first attempt of every n-th distinct message fails; the first message of each such service is one
// of them, so the retries show at once.
constexpr int kFailEvery = 3;

QString text(const QJsonObject &object, const QString &key, const QString &fallback)
{
    const QJsonValue value = object.value(key);
    if (value.isString() && !value.toString().isEmpty())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toDouble());
    return fallback;
}

QByteArray format(int status, const QJsonObject &body, bool keepAlive)
{
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    QByteArray out;
    out.append("HTTP/1.1 ").append(QByteArray::number(status)).append(' ');
    out.append(HttpStatus::reasonPhrase(status)).append("\r\n");
    out.append("Content-Type: application/json\r\n");
    out.append("Content-Length: ").append(QByteArray::number(json.size())).append("\r\n");
    if (!keepAlive)
        out.append("Connection: close\r\n");
    out.append("\r\n").append(json);
    return out;
}

QJsonObject errorBody(const QString &error)
{
    return {{QStringLiteral("error"), error}};
}

} // namespace

const QString DemoEndpoint::kOrderConfirmation = QStringLiteral("/order_confirmation");
const QString DemoEndpoint::kShipments = QStringLiteral("/shipments");
const QString DemoEndpoint::kCrm = QStringLiteral("/crm");
const QString DemoEndpoint::kInventory = QStringLiteral("/inventory");

DemoEndpoint::DemoEndpoint(QObject *parent)
    : QObject(parent)
    , server_(new QTcpServer(this))
{
    connect(server_, &QTcpServer::newConnection, this, &DemoEndpoint::acceptConnections);
}

DemoEndpoint::~DemoEndpoint()
{
    close();
}

bool DemoEndpoint::listen(QString *error)
{
    return listen(QHostAddress::LocalHost, 0, error);
}

bool DemoEndpoint::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (server_->listen(address, port))
        return true;
    *error = server_->errorString();
    return false;
}

QUrl DemoEndpoint::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server_->serverPort()));
}

void DemoEndpoint::close()
{
    server_->close();
    const auto sockets = findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly);
    for (QTcpSocket *socket : sockets) {
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
}

void DemoEndpoint::setToken(const QString &token)
{
    token_ = token.toUtf8();
}

void DemoEndpoint::setFailingAttempts(int attempts)
{
    failingAttempts_ = attempts;
}

QStringList DemoEndpoint::services() const
{
    return {kOrderConfirmation, kShipments, kCrm, kInventory};
}

void DemoEndpoint::acceptConnections()
{
    while (QTcpSocket *socket = server_->nextPendingConnection())
        serve(socket);
}

// One connection: requests are read as their bytes arrive and answered in order (keep-alive).
void DemoEndpoint::serve(QTcpSocket *socket)
{
    socket->setParent(this);
    auto reader = std::make_shared<HttpRequestReader>(kMaxBodyBytes);
    connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    const auto readIncoming = [this, socket, reader] {
        reader->append(socket->readAll());
        while (socket->state() == QAbstractSocket::ConnectedState) {
            if (reader->takeContinueRequest())
                socket->write("HTTP/1.1 100 Continue\r\n\r\n");
            const HttpRequestReader::State state = reader->next();
            if (state == HttpRequestReader::State::Incomplete)
                return;
            if (state == HttpRequestReader::State::Failed) {
                socket->write(format(reader->failureStatus(), errorBody(reader->failureReason()), false));
                socket->disconnectFromHost();
                return;
            }
            const HttpRequest request = reader->takeRequest();
            const Answer answered = answer(request.method, QString::fromUtf8(request.path()),
                                           request.header(QByteArrayLiteral("x-hub-token")), request.body);
            // A messageReceived slot may have closed the endpoint, and with it this connection.
            if (socket->state() != QAbstractSocket::ConnectedState)
                return;
            socket->write(format(answered.status, answered.body, request.keepAlive()));
            if (!request.keepAlive()) {
                socket->disconnectFromHost();
                return;
            }
        }
    };
    connect(socket, &QIODevice::readyRead, this, readIncoming);
    readIncoming();
}

DemoEndpoint::Answer DemoEndpoint::answer(const QByteArray &method, const QString &path,
                                          const QByteArray &token, const QByteArray &body)
{
    ++requests_;
    if (!services().contains(path))
        return {404, errorBody(QStringLiteral("no service at %1; this endpoint offers %2")
                                   .arg(path, services().join(QStringLiteral(", "))))};
    if (method != "POST")
        return {405, errorBody(QStringLiteral("%1 takes POST requests only").arg(path))};
    if (!token_.isEmpty() && token != token_)
        return {401,
                errorBody(QStringLiteral("the X-Hub-Token header does not match this endpoint's token"))};
    const QJsonObject message = QJsonDocument::fromJson(body).object();
    const QString messageId = message.value(QStringLiteral("message_id")).toString();
    if (messageId.isEmpty())
        return {400, errorBody(QStringLiteral("expected a JSON message with a \"message_id\""))};
    if (failsThisAttempt(path, messageId)) {
        if (path == kInventory)
            return {500, errorBody(QStringLiteral("inventory system offline: the warehouse database refused "
                                                  "the connection"))};
        return {500, errorBody(QStringLiteral("temporarily unavailable: the service is busy, try again"))};
    }
    Answer accepted = accept(path, message);
    accepted.body.insert(QStringLiteral("message_id"), messageId);
    ++received_;
    Q_EMIT messageReceived(path, message);
    return accepted;
}

bool DemoEndpoint::failsThisAttempt(const QString &path, const QString &messageId)
{
    const QString key = path + QLatin1Char(' ') + messageId;
    const int attempt = ++attempts_[key];
    if (path == kInventory)
        return failingAttempts_ < 0 || attempt <= failingAttempts_;
    if (path == kCrm)
        return false;
    if (attempt == 1)
        ++distinctMessages_[path];
    return flaky_ && attempt == 1 && distinctMessages_.value(path) % kFailEvery == 1;
}

// 200 and what the service did, as a real one would report it.
DemoEndpoint::Answer DemoEndpoint::accept(const QString &path, const QJsonObject &message)
{
    const QJsonObject payload = message.value(QStringLiteral("payload")).toObject();
    if (path == kOrderConfirmation) {
        const QJsonObject order = payload.value(QStringLiteral("order")).toObject();
        return {200,
                {{QStringLiteral("message"),
                  QStringLiteral("Confirmation of order %1 mailed to %2")
                      .arg(text(order, QStringLiteral("number"), QStringLiteral("(no number)")),
                           text(order, QStringLiteral("email"), QStringLiteral("(no email)")))}}};
    }
    if (path == kShipments) {
        const QJsonObject shipment = payload.value(QStringLiteral("shipment")).toObject();
        const QString number = text(shipment, QStringLiteral("number"), QStringLiteral("(no number)"));
        const bool shipped =
            message.value(QStringLiteral("message")).toString() == QLatin1String("shipment:confirm");
        return {200,
                {{QStringLiteral("message"),
                  shipped ? QStringLiteral("Shipment %1 marked delivered to the carrier").arg(number)
                          : QStringLiteral("Shipment %1 of order %2 booked for picking")
                                .arg(number, text(shipment, QStringLiteral("order_number"),
                                                  QStringLiteral("(no order)")))}}};
    }
    if (path == kCrm) {
        const QJsonObject user = payload.value(QStringLiteral("user")).toObject();
        const QString email = text(user, QStringLiteral("email"), QStringLiteral("(no email)"));
        const QJsonObject notification{
            {QStringLiteral("level"), QStringLiteral("info")},
            {QStringLiteral("subject"), QStringLiteral("New contact in the CRM: %1").arg(email)},
            {QStringLiteral("description"),
             QStringLiteral("The demo CRM created a contact for %1 and added it to the newsletter list.")
                 .arg(email)}};
        return {200,
                {{QStringLiteral("message"), QStringLiteral("Contact %1 created").arg(email)},
                 {QStringLiteral("notifications"), QJsonArray{notification}}}};
    }
    const QJsonObject product = payload.value(QStringLiteral("product")).toObject();
    return {200,
            {{QStringLiteral("message"),
              QStringLiteral("Stock of %1 synchronised")
                  .arg(text(product, QStringLiteral("name"), QStringLiteral("(no name)")))}}};
}
