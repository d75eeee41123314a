#include "http/PushApiServer.h"

#include "http/HttpStatus.h"
#include "secrets/CredentialStore.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "storage/MessageRepository.h"
#include "storage/StoreRepository.h"
#include "utils/Clock.h"
#include "webhooks/HubAccessToken.h"
#include "webhooks/SpreeWebhookEvent.h"
#include "webhooks/SpreeWebhookVerifier.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <atomic>
#include <map>
#include <set>
#include <tuple>
#include <utility>

namespace {

// Enough for a burst of clients connecting at once; the kernel caps it at net.core.somaxconn.
constexpr int kListenBacklog = 1024;
// What one connection may hold unread while its earlier push waits for the commit.
constexpr qint64 kSocketReadBuffer = 256 * 1024;

QJsonObject errorBody(const QString &reason)
{
    return {{QStringLiteral("error"), reason}};
}

// The store and resource of /api/stores/NAME/messages or /api/stores/NAME/spree-webhooks, the name
// percent-decoded; false for any other path.
bool parsePath(const QByteArray &path, QString *store, bool *webhooks)
{
    const QByteArray prefix = "/api/stores/";
    if (!path.startsWith(prefix))
        return false;
    for (const QByteArray &suffix : {QByteArray("/messages"), QByteArray("/spree-webhooks")}) {
        if (!path.endsWith(suffix) || path.size() <= prefix.size() + suffix.size())
            continue;
        const QByteArray name = path.mid(prefix.size(), path.size() - prefix.size() - suffix.size());
        if (name.contains('/'))
            return false;
        *store = QUrl::fromPercentEncoding(name);
        *webhooks = suffix == "/spree-webhooks";
        return true;
    }
    return false;
}

// The hub-era clients (spree_wombat) raise an error on anything but exactly 202.
bool fromHubClient(const HttpRequest &request)
{
    for (const auto &[name, value] : request.headers) {
        if (name.toLower().startsWith("x-hub-"))
            return true;
    }
    return false;
}

// Compares digests, so neither the length nor the first differing byte shows in the time taken.
bool sameSecret(const QByteArray &given, const QByteArray &expected)
{
    const QByteArray a = QCryptographicHash::hash(given, QCryptographicHash::Sha256);
    const QByteArray b = QCryptographicHash::hash(expected, QCryptographicHash::Sha256);
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return difference == 0 && !expected.isEmpty();
}

// MessageBatch accepts one message, an array or {"messages": [...]}; the answer mirrors the shape.
bool isSingleMessage(const QByteArray &body, const MessageBatch &batch)
{
    if (batch.messages.size() != 1 || body.trimmed().startsWith('['))
        return false;
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    return object.contains(QStringLiteral("message")) || !object.contains(QStringLiteral("messages"));
}

QString describeAddress(const QHostAddress &address, quint16 port)
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                             ? QStringLiteral("[%1]").arg(address.toString())
                             : address.toString();
    return QStringLiteral("%1:%2").arg(host).arg(port);
}

// "HOST:PORT" or "[IPV6]:PORT"; false when there is no port. An unbracketed IPv6 address is
// refused: its last group could not be told from a port.
bool splitHostPort(const QString &text, QString *host, QString *portText)
{
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(QStringLiteral("]:"));
        if (close < 0)
            return false;
        *host = text.mid(1, close - 1);
        *portText = text.mid(close + 2);
    } else {
        const qsizetype colon = text.lastIndexOf(u':');
        if (colon < 0 || text.left(colon).contains(u':'))
            return false;
        *host = text.left(colon);
        *portText = text.mid(colon + 1);
    }
    return !portText->isEmpty();
}

bool isAsciiDigits(const QString &text)
{
    for (const QChar c : text) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return !text.isEmpty() && text.size() <= 5;
}

} // namespace

PushApiServer::PushApiServer(DatabaseLocation location, CredentialStore *credentials, QObject *parent)
    : QObject(parent)
    , location_(std::move(location))
    , credentials_(credentials)
    , server_(new QTcpServer(this))
    , flushTimer_(new QTimer(this))
{
    flushTimer_->setSingleShot(true);
    flushTimer_->setInterval(0);
    connect(flushTimer_, &QTimer::timeout, this, &PushApiServer::flush);
    connect(server_, &QTcpServer::newConnection, this, &PushApiServer::acceptConnections);
}

PushApiServer::~PushApiServer()
{
    // The sockets die with server_, after this body: they must not call back into a half-destroyed
    // object.
    for (auto it = connections_.keyBegin(); it != connections_.keyEnd(); ++it)
        disconnect(*it, nullptr, this, nullptr);
    server_->close();
}

bool PushApiServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (server_->isListening()) {
        *error = QStringLiteral("the push API already listens on %1")
                     .arg(describeAddress(server_->serverAddress(), server_->serverPort()));
        return false;
    }
    if (!db_) {
        static std::atomic<int> serial{0};
        auto db = std::make_unique<Database>(
            location_, QStringLiteral("push-api-%1-%2").arg(quintptr(this), 0, 16).arg(++serial));
        if (!db->open(error))
            return false;
        db_ = std::move(db);
        messageStore_ = std::make_unique<MessageRepository>(*db_);
    }
    server_->setListenBacklogSize(kListenBacklog);
    if (!server_->listen(address, port)) {
        *error = QStringLiteral("the push API cannot listen on %1: %2")
                     .arg(describeAddress(address, port), server_->errorString());
        return false;
    }
    return true;
}

quint16 PushApiServer::port() const
{
    return server_->serverPort();
}

QHostAddress PushApiServer::serverAddress() const
{
    return server_->serverAddress();
}

bool PushApiServer::parseListenAddress(const QString &text, QHostAddress *address, quint16 *port,
                                       QString *error)
{
    const QString usage = QStringLiteral("expected HOST:PORT, such as 127.0.0.1:8080 or [::1]:8080");
    QString host;
    QString portText;
    const bool bracketed = text.startsWith(u'[');
    if (!splitHostPort(text, &host, &portText)) {
        *error = QStringLiteral("listen address \"%1\" has no port (%2)").arg(text, usage);
        return false;
    }
    if (!isAsciiDigits(portText) || portText.toUInt() > 65535) {
        *error = QStringLiteral("listen address \"%1\": port \"%2\" is not a number from 0 to 65535")
                     .arg(text, portText);
        return false;
    }
    QHostAddress parsed;
    if (!bracketed && host.compare(QStringLiteral("localhost"), Qt::CaseInsensitive) == 0)
        parsed = QHostAddress(QHostAddress::LocalHost);
    else
        parsed.setAddress(host);
    const auto expected = bracketed ? QAbstractSocket::IPv6Protocol : QAbstractSocket::IPv4Protocol;
    if (parsed.isNull() || parsed.protocol() != expected) {
        *error = QStringLiteral("listen address \"%1\": \"%2\" is not an IP address or localhost (%3)")
                     .arg(text, host, usage);
        return false;
    }
    *address = parsed;
    *port = quint16(portText.toUInt());
    return true;
}

void PushApiServer::acceptConnections()
{
    while (server_->hasPendingConnections()) {
        QTcpSocket *socket = server_->nextPendingConnection();
        if (connections_.size() >= connectionLimit_)
            refuseOverLimit(socket);
        else
            adopt(socket);
    }
}

void PushApiServer::refuseOverLimit(QTcpSocket *socket)
{
    const QByteArray body =
        QJsonDocument(
            errorBody(QStringLiteral("too many open connections (%1); try again").arg(connectionLimit_)))
            .toJson(QJsonDocument::Compact);
    socket->write("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: " +
                  QByteArray::number(body.size()) + "\r\nRetry-After: 1\r\nConnection: close\r\n\r\n" + body);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    socket->disconnectFromHost(); // after the answer is written
}

void PushApiServer::adopt(QTcpSocket *socket)
{
    socket->setReadBufferSize(kSocketReadBuffer);
    Connection connection;
    connection.idleTimer = new QTimer(socket);
    connection.idleTimer->setSingleShot(true);
    connection.idleTimer->start(kIdleTimeoutMs);
    connections_.insert(socket, connection);
    connect(connection.idleTimer, &QTimer::timeout, this, [this, socket] { onIdle(socket); });
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] { drop(socket); });
    serve(socket);
}

void PushApiServer::drop(QTcpSocket *socket)
{
    connections_.remove(socket);
    socket->deleteLater();
}

void PushApiServer::onIdle(QTcpSocket *socket)
{
    const auto it = connections_.find(socket);
    if (it == connections_.end())
        return;
    // A push waiting for its commit is not idle; its answer restarts the clock.
    if (it->busy)
        it->idleTimer->start(kIdleTimeoutMs);
    else
        socket->disconnectFromHost();
}

// Reads and answers requests until one has to wait for a commit or more bytes are needed. Looks the
// connection up afresh each turn: an answer that closes the socket may drop it at once.
void PushApiServer::serve(QTcpSocket *socket)
{
    for (;;) {
        const auto it = connections_.find(socket);
        if (it == connections_.end() || it->busy || it->closing)
            return;
        it->idleTimer->start(kIdleTimeoutMs);
        const HttpRequestReader::State state = it->reader.next();
        if (state == HttpRequestReader::State::Failed) {
            respond(socket, it->reader.failureStatus(), errorBody(it->reader.failureReason()), true);
            return;
        }
        if (state == HttpRequestReader::State::Complete) {
            route(socket, it->reader.takeRequest());
            continue;
        }
        if (it->reader.takeContinueRequest())
            socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        if (socket->bytesAvailable() == 0)
            return;
        it->reader.append(socket->readAll());
    }
}

void PushApiServer::route(QTcpSocket *socket, HttpRequest request)
{
    QString store;
    bool webhooks = false;
    const bool known = parsePath(request.path(), &store, &webhooks);
    // A HEAD answer must not carry a body; closing after it keeps the stream framed without one.
    const bool close = !request.keepAlive() || request.method == "HEAD";
    if (!known || store.isEmpty()) {
        respond(socket, 404,
                errorBody(QStringLiteral("no such resource %1; push to /api/stores/STORE/messages or "
                                         "/api/stores/STORE/spree-webhooks")
                              .arg(QString::fromUtf8(request.path()))),
                close);
    } else if (request.method != "POST") {
        respond(socket, 405,
                errorBody(QStringLiteral("method %1 is not allowed here; use POST")
                              .arg(QString::fromLatin1(request.method))),
                close, "Allow: POST\r\n");
    } else if (!request.hasContentLength) {
        // Without a length the body's end is unknown, so the connection cannot go on either.
        respond(socket, 411, errorBody(QStringLiteral("a push needs a Content-Length header")), true);
    } else {
        connections_[socket].busy = true;
        Push push;
        push.socket = socket;
        push.request = std::move(request);
        push.store = store;
        push.resource = webhooks ? Resource::SpreeWebhooks : Resource::Messages;
        push.source = QStringLiteral("push:%1").arg(store);
        pending_.append(std::move(push));
        scheduleFlush();
    }
}

void PushApiServer::respond(QTcpSocket *socket, int status, const QJsonObject &body, bool close,
                            const QByteArray &extraHeaders)
{
    const QByteArray payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
    QByteArray response =
        "HTTP/1.1 " + QByteArray::number(status) + ' ' + HttpStatus::reasonPhrase(status) +
        "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(payload.size()) +
        "\r\n";
    if (close)
        response += "Connection: close\r\n";
    response += extraHeaders + "\r\n" + payload;
    socket->write(response);
    if (!close)
        return;
    if (const auto it = connections_.find(socket); it != connections_.end())
        it->closing = true;
    socket->disconnectFromHost(); // after the answer is written; may drop the connection at once
}

void PushApiServer::finish(const Push &push, int status, const QJsonObject &body)
{
    QTcpSocket *socket = push.socket.data();
    const auto it = connections_.find(socket);
    if (!socket || it == connections_.end())
        return; // the client went away; its messages, if committed, stay committed
    it->busy = false;
    // A 503 is temporary (the master key or the database is not there yet): say when to come back.
    respond(socket, status, body, !push.request.keepAlive(),
            status == 503 ? "Retry-After: 30\r\n" : QByteArray());
}

void PushApiServer::scheduleFlush()
{
    if (!flushTimer_->isActive())
        flushTimer_->start();
}

// Runs once the requests of this event-loop turn are in, so they share one transaction.
void PushApiServer::flush()
{
    // Guards against re-entry should anything below spin the event loop; pushes arriving meanwhile
    // wait for the next flush.
    if (flushing_)
        return;
    flushing_ = true;
    QString storesError;
    const bool storesReady = reopenIfFailed(&storesError) && refreshStores(&storesError);
    databaseFailed_ = !storesReady;
    QList<Push> batch;
    batch.swap(pending_);
    QList<QPointer<QTcpSocket>> sockets;
    QList<Push> accepted;
    for (Push &push : batch) {
        sockets.append(push.socket);
        QString reason = storesError;
        int status = storesReady ? authorize(push, &reason) : 503;
        if (status == 0)
            status = readBody(&push, &reason);
        if (status == 0)
            accepted.append(std::move(push));
        else
            finish(push, status, errorBody(reason));
    }
    commit(&accepted);
    flushing_ = false;
    for (const QPointer<QTcpSocket> &socket : std::as_const(sockets))
        serve(socket.data());
    if (!pending_.isEmpty())
        scheduleFlush();
}

// After a failure the connection is opened anew before the next batch: a PostgreSQL restart leaves the
// old one dead for good. At most once a second, so a database that is down costs little per push.
bool PushApiServer::reopenIfFailed(QString *error)
{
    if (!databaseFailed_)
        return true;
    if (lastReopen_.isValid() && !lastReopen_.hasExpired(kReopenIntervalMs)) {
        *error = QStringLiteral("the database is unreachable; the push API tries again shortly");
        return false;
    }
    lastReopen_.start();
    messageStore_.reset(); // its prepared statements belong to the old connection
    QString reason;
    const bool reopened = db_->reopen(&reason);
    messageStore_ = std::make_unique<MessageRepository>(*db_);
    if (!reopened) {
        *error = QStringLiteral("the database is unreachable: %1").arg(reason);
        return false;
    }
    storesStale_ = true;
    return true;
}

// Reloads stores and push tokens when the configuration changed, so tokens are unsealed once per
// change rather than once per request.
bool PushApiServer::refreshStores(QString *error)
{
    qint64 version = 0;
    if (!ConfigRepository(*db_).version(&version, error))
        return false;
    if (version == storesVersion_ && !storesStale_)
        return true;
    QList<Store> stores;
    if (!StoreRepository(*db_).loadStores(&stores, error))
        return false;
    QHash<QString, StoreAccess> access;
    for (const Store &store : std::as_const(stores)) {
        const StoreAccess entry{secretAccess(store, Store::pushTokenKeyFor(store.name), store.hasPushToken,
                                             QStringLiteral("push_token")),
                                secretAccess(store, Store::webhookSecretKeyFor(store.name),
                                             store.hasWebhookSecret, QStringLiteral("webhook_secret"))};
        access.insert(store.name, entry);
    }
    // A secret the keychain could not give is asked for again with the next push: the master key may
    // have come.
    bool stale = false;
    for (const StoreAccess &entry : std::as_const(access))
        stale = stale || entry.push.unavailable || entry.webhook.unavailable;
    stores_ = access;
    storesVersion_ = version;
    storesStale_ = stale;
    return true;
}

PushApiServer::SecretAccess PushApiServer::secretAccess(const Store &store, const QString &key,
                                                        bool configured, const QString &what) const
{
    SecretAccess entry;
    QString readError;
    const std::optional<QString> secret =
        configured ? credentials_->read(*db_, key, &readError) : std::nullopt;
    const QString accepts = what == QLatin1String("push_token") ? QStringLiteral("accepts no pushes")
                                                                : QStringLiteral("accepts no Spree webhooks");
    if (secret && !secret->isEmpty()) {
        entry.secret = secret->toUtf8();
    } else if (!readError.isEmpty()) {
        entry.refusal = QStringLiteral("store %1 %2 for now: %3").arg(store.name, accepts, readError);
        entry.unavailable = true;
    } else if (configured) {
        entry.refusal = QStringLiteral("store %1 %2: its %3 is not in the database; import it again")
                            .arg(store.name, accepts, what);
    } else if (what == QLatin1String("push_token")) {
        entry.refusal = QStringLiteral("store %1 %2: it has no push_token").arg(store.name, accepts);
    } else {
        entry.refusal = QStringLiteral("store %1 %2: it has no webhook_secret; set it to the secret key "
                                       "of the webhook in Spree (config import or the Stores view)")
                            .arg(store.name, accepts);
    }
    return entry;
}

// 0 when the request is signed or carries its store's token; otherwise the status to refuse it with.
int PushApiServer::authorize(const Push &push, QString *reason) const
{
    const auto store = stores_.constFind(push.store);
    if (store == stores_.cend()) {
        *reason = QStringLiteral("no store named %1").arg(push.store);
        return 404;
    }
    const SecretAccess &access = push.resource == Resource::SpreeWebhooks ? store->webhook : store->push;
    if (!access.refusal.isEmpty()) {
        *reason = access.refusal;
        return access.unavailable ? 503 : 401;
    }
    if (push.resource == Resource::Messages)
        return authorizePush(push, access, reason);
    const SpreeWebhookVerifier::Result verified =
        SpreeWebhookVerifier::verify(push.request, access.secret, Clock::nowMs());
    if (verified.accepted)
        return 0;
    *reason = QStringLiteral("store %1: %2").arg(push.store, verified.refusal);
    return 401;
}

int PushApiServer::authorizePush(const Push &push, const SecretAccess &access, QString *reason) const
{
    const HttpRequest &request = push.request;
    if (request.hasHeader("x-augury-token")) {
        if (sameSecret(request.header("x-augury-token"), access.secret))
            return 0;
        *reason = QStringLiteral("X-Augury-Token is not the push_token of store %1").arg(push.store);
        return 401;
    }
    if (request.hasHeader("x-hub-access-token")) {
        const bool sameStore = QString::fromUtf8(request.header("x-hub-store")) == push.store;
        if (sameStore && HubAccessToken::matches(request, access.secret))
            return 0;
        *reason =
            sameStore
                ? QStringLiteral("X-Hub-Access-Token is neither the push_token of store %1 nor "
                                 "its HMAC-SHA1 of the body")
                      .arg(push.store)
                : QStringLiteral("X-Hub-Store must name store %1, the store of the path").arg(push.store);
        return 401;
    }
    *reason = QStringLiteral("a push to store %1 needs its push_token in X-Augury-Token (or X-Hub-Store with "
                             "X-Hub-Access-Token)")
                  .arg(push.store);
    return 401;
}

// 0 when the body holds messages (or a webhook event, or hub-era collections); otherwise 400 and the
// one-line reason.
int PushApiServer::readBody(Push *push, QString *reason) const
{
    if (push->resource == Resource::SpreeWebhooks) {
        SpreeWebhookEvent event;
        if (!SpreeWebhookEvent::parse(push->request.body, &event, reason))
            return 400;
        push->eventId = event.eventId;
        push->messages = {event.message};
        push->single = true;
        push->source = QStringLiteral("spree-webhook:%1").arg(push->store);
        return 0;
    }
    const QJsonObject object = QJsonDocument::fromJson(push->request.body).object();
    if (HubPushBody::looksLikeHubBody(object)) {
        HubPushBody hub;
        if (!HubPushBody::parse(object, &hub, reason))
            return 400;
        push->hubObjects = hub.objects;
        if (!hub.origin.isEmpty())
            push->source = hub.origin;
        return 0;
    }
    const MessageBatch batch = MessageBatch::parse(push->request.body);
    if (!batch.error.isEmpty()) {
        *reason = batch.error;
        return 400;
    }
    push->messages = batch.messages;
    push->single = isSingleMessage(push->request.body, batch);
    if (const QString origin = object.value(QStringLiteral("origin")).toString().simplified().left(100);
        !origin.isEmpty())
        push->source = origin;
    return 0;
}

// Durability first: each client hears its answer only after the transaction holding its messages
// committed.
void PushApiServer::commit(QList<Push> *pushes)
{
    if (pushes->isEmpty())
        return;
    int stored = 0;
    QString error;
    if (!storeMessagesRetrying(pushes, &stored, &error)) {
        for (const Push &push : std::as_const(*pushes))
            finish(push, 503, errorBody(QStringLiteral("the messages were not stored: %1").arg(error)));
        return;
    }
    for (const Push &push : std::as_const(*pushes))
        answer(push);
    if (stored > 0)
        Q_EMIT messagesAccepted(stored);
}

void PushApiServer::answer(const Push &push)
{
    if (push.duplicate) {
        finish(push, 200,
               {{QStringLiteral("status"), QStringLiteral("duplicate")},
                {QStringLiteral("event_id"), push.eventId}});
        return;
    }
    QJsonArray messages;
    for (const Message &message : push.messages)
        messages.append(message.toJson());
    const int status = fromHubClient(push.request) ? 202 : 201;
    finish(push, status,
           push.single ? messages.first().toObject() : QJsonObject{{QStringLiteral("messages"), messages}});
}

// Workers' batches that insert the same message ids or identifier values in different orders can deadlock
// (the keys come in arrival order, which no worker can sort without changing which copy is the first);
// PostgreSQL then aborts one of them. Such a batch is rolled back whole and stored again from the start,
// alone: run again beside the batch it met, in the same order, it would meet it again (the test saw three
// deadlocks in a row). Only a writer outside the push API can still conflict with it, hence a few
// attempts. A failure of any other kind ends the batch at once, and the connection is opened anew before
// the next.
bool PushApiServer::storeMessagesRetrying(QList<Push> *pushes, int *stored, QString *error)
{
    for (int attempt = 1;; ++attempt) {
        QString failure;
        if (storeMessages(pushes, attempt > 1, stored, &failure))
            return true;
        const bool conflict = db_->lastFailureWasConflict();
        failure = failure.simplified();
        if (!conflict) {
            databaseFailed_ = true;
            *error = failure;
            return false;
        }
        if (attempt == kConflictAttempts) {
            *error = QStringLiteral("they conflicted with other workers' writes %1 times in a row (%2); "
                                    "send them again")
                         .arg(kConflictAttempts)
                         .arg(failure);
            return false;
        }
        qWarning("Integrator: the push API stores a batch of %d requests again (attempt %d of %d): it "
                 "conflicted with another worker's writes: %s",
                 int(pushes->size()), attempt + 1, kConflictAttempts, qPrintable(failure));
    }
}

// One attempt. Everything it decides (which copy is first, the hub objects' messages) is decided anew
// here, from the database: nothing of a rolled back attempt is kept.
bool PushApiServer::storeMessages(QList<Push> *pushes, bool alone, int *stored, QString *error)
{
    QList<Mapping> mappings;
    QStringList accepted;
    WriteTransaction transaction(*db_);
    if (!transaction.begin(error) || !takeBatchLock(alone, error) ||
        !ConfigRepository(*db_).loadMappings(&mappings, error))
        return false;
    const qint64 now = Clock::nowMs();
    // Events before objects, each in key order: see claimSpreeEvents.
    if (!claimSpreeEvents(pushes, now, error) || !claimHubObjects(pushes, now, error))
        return false;
    for (const Push &push : std::as_const(*pushes)) {
        if (!push.duplicate && !messageStore_->insert(push.messages, push.source, mappings, &accepted, error))
            return false;
    }
    if (!transaction.commit(error))
        return false;
    *stored = int(accepted.size());
    return true;
}

// Before any key is claimed: see SqlDialect::pushBatchLockStatement.
bool PushApiServer::takeBatchLock(bool alone, QString *error) const
{
    const QString statement = db_->dialect().pushBatchLockStatement(alone);
    if (statement.isEmpty())
        return true;
    QSqlQuery query = db_->prepare(statement);
    return db_->exec(query, error);
}

// Each event id is claimed once per batch, by the first push in arrival order that carries it; a later copy
// in the same batch is a duplicate as much as one another worker committed first.
//
// Several workers' batches claim overlapping keys at once, and on PostgreSQL an insert of a key another
// open transaction holds waits for it. Claimed in arrival order, two batches could each hold a key the
// other waits for: a deadlock, which PostgreSQL breaks by failing one batch (a 503 to every push in it,
// and Spree does not retry). Every worker claims in the same order instead, Spree events before hub
// objects and each by its key, so one batch always waits for the other to commit.
bool PushApiServer::claimSpreeEvents(QList<Push> *pushes, qint64 now, QString *error) const
{
    std::map<std::pair<QString, QString>, qsizetype> claims; // store and event id -> the first push with it
    for (qsizetype i = 0; i < pushes->size(); ++i) {
        Push &push = (*pushes)[i];
        push.duplicate = false;
        if (push.resource == Resource::SpreeWebhooks)
            push.duplicate = !claims.try_emplace({push.store, push.eventId}, i).second;
    }
    for (const auto &[key, index] : claims) {
        Push &push = (*pushes)[index];
        bool first = false;
        if (!firstTime(QStringLiteral("spree_webhook_events"),
                       {QStringLiteral("store"), QStringLiteral("event_id"), QStringLiteral("message_id"),
                        QStringLiteral("received_at")},
                       {key.first, key.second, push.messages.first().id, now}, &first, error))
            return false;
        push.duplicate = !first;
    }
    return true;
}

// An object the store never pushed before is :new in the first push of this batch that carries it (in
// arrival order), :updated everywhere else. Claimed in key order, as claimSpreeEvents explains.
bool PushApiServer::claimHubObjects(QList<Push> *pushes, qint64 now, QString *error) const
{
    using ObjectKey = std::tuple<QString, QString, QString>; // store, type, id
    std::set<ObjectKey> keys;
    for (const Push &push : std::as_const(*pushes)) {
        for (const HubPushBody::Object &object : push.hubObjects)
            keys.insert({push.store, object.type, object.id});
    }
    std::set<ObjectKey> unseen; // new to the store, and not yet given to a push as :new
    for (const ObjectKey &key : keys) {
        bool first = false;
        if (!firstTime(QStringLiteral("pushed_objects"),
                       {QStringLiteral("store"), QStringLiteral("type"), QStringLiteral("object_id"),
                        QStringLiteral("first_seen_at")},
                       {std::get<0>(key), std::get<1>(key), std::get<2>(key), now}, &first, error))
            return false;
        if (first)
            unseen.insert(key);
    }
    for (Push &push : *pushes) {
        if (push.hubObjects.isEmpty())
            continue;
        push.messages.clear(); // made anew: a retried batch must ask the database again
        for (const HubPushBody::Object &object : std::as_const(push.hubObjects)) {
            const bool first = unseen.erase({push.store, object.type, object.id}) > 0;
            Message message;
            const QJsonObject json{
                {QStringLiteral("message"),
                 object.type + (first ? QStringLiteral(":new") : QStringLiteral(":updated"))},
                {QStringLiteral("payload"), QJsonObject{{object.type, object.object}}}};
            if (!Message::fromJson(json, &message, error))
                return false;
            push.messages.append(message);
        }
    }
    return true;
}

// Inserts the row unless its primary key is taken; *first says whether it was new. On PostgreSQL a
// concurrent insert of the same key by another worker waits for that one's commit, so of two requests
// carrying one key exactly one sees it first.
bool PushApiServer::firstTime(const QString &table, const QStringList &columns, const QVariantList &values,
                              bool *first, QString *error) const
{
    QStringList marks;
    for (qsizetype i = 0; i < columns.size(); ++i)
        marks << QStringLiteral("?");
    QSqlQuery query =
        db_->prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES (%3) ON CONFLICT DO NOTHING")
                         .arg(table, columns.join(QStringLiteral(", ")), marks.join(QStringLiteral(", "))));
    for (qsizetype i = 0; i < values.size(); ++i)
        query.bindValue(int(i), values.at(i));
    if (!db_->exec(query, error))
        return false;
    *first = query.numRowsAffected() > 0;
    return true;
}
