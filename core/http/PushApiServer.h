#pragma once

#include "http/HttpRequestReader.h"
#include "model/Message.h"
#include "storage/DatabaseLocation.h"
#include "webhooks/HubPushBody.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QVariantList>

#include <memory>

class CredentialStore;
class Database;
class MessageRepository;
class QTcpServer;
class QTcpSocket;
class QTimer;
struct Store;

// The push API of `integrator run --listen HOST:PORT`: POST /api/stores/STORE/messages with the store's
// push_token in X-Augury-Token (or X-Hub-Store and X-Hub-Access-Token) accepts messages as
// `integrator push` does, and the hub-era bodies of collections ({"orders": [...]}); clients sending
// X-Hub-* headers are answered 202, as they expect. POST /api/stores/STORE/spree-webhooks accepts
// Spree's signed webhooks (SpreeWebhookVerifier), each event id once. An answer is sent only once what
// it accepted is committed. Requests that arrive together are committed in one transaction, so many
// concurrent pushes cost few disk syncs.
//
// Everything happens on the thread this object lives on; it opens its own database connection there
// in listen(), and must be destroyed on that thread too.
class PushApiServer : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 kMaxBodyBytes = 1024 * 1024;
    static constexpr int kIdleTimeoutMs = 60 * 1000;
    // Open connections at once; one more is answered 503 and closed, so a flood of idle connections
    // cannot use up the process's file descriptors.
    static constexpr int kDefaultConnectionLimit = 256;

    PushApiServer(DatabaseLocation location, CredentialStore *credentials, QObject *parent = nullptr);
    ~PushApiServer() override;

    // Opens its own database connection (named uniquely) and listens; false with a one-line reason.
    bool listen(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const;
    QHostAddress serverAddress() const;
    // "127.0.0.1:8080", "[::1]:8080", "localhost:8080". A port is required; port 0 picks a free one.
    static bool parseListenAddress(const QString &text, QHostAddress *address, quint16 *port, QString *error);
    void setConnectionLimit(int limit) { connectionLimit_ = limit; }

Q_SIGNALS:
    void messagesAccepted(int count); // after each commit that stored new messages

private:
    void refuseOverLimit(QTcpSocket *socket);

    int connectionLimit_ = kDefaultConnectionLimit;
    struct Connection
    {
        HttpRequestReader reader{kMaxBodyBytes};
        QTimer *idleTimer = nullptr;
        bool busy = false;    // a push of this connection waits for its commit; later requests wait too
        bool closing = false; // answered with Connection: close; what else arrives is ignored
    };
    struct SecretAccess
    {
        QByteArray secret;
        QString refusal;          // why the store accepts nothing with it; empty when it does
        bool unavailable = false; // the refusal is the keychain's failure, not the configuration's
    };
    struct StoreAccess
    {
        SecretAccess push;    // push_token, for /messages
        SecretAccess webhook; // webhook_secret, for /spree-webhooks
    };
    enum class Resource
    {
        Messages,
        SpreeWebhooks
    };
    struct Push
    {
        QPointer<QTcpSocket> socket;
        HttpRequest request;
        QString store;
        Resource resource = Resource::Messages;
        QList<Message> messages;
        bool single = false;                   // the body was one message, so the answer is one message too
        QList<HubPushBody::Object> hubObjects; // a hub-era body; messages are made at the commit
        QString source;                        // the message's source: push:STORE, or the body's origin
        QString eventId;                       // a Spree webhook's event id
        bool duplicate = false;                // that event was accepted before; nothing new was stored
    };

    void acceptConnections();
    void adopt(QTcpSocket *socket);
    void drop(QTcpSocket *socket);
    void onIdle(QTcpSocket *socket);
    void serve(QTcpSocket *socket);
    void route(QTcpSocket *socket, HttpRequest request);
    void respond(QTcpSocket *socket, int status, const QJsonObject &body, bool close,
                 const QByteArray &extraHeaders = {});
    void finish(const Push &push, int status, const QJsonObject &body);

    void scheduleFlush();
    void flush();
    bool reopenIfFailed(QString *error);
    bool refreshStores(QString *error);
    SecretAccess secretAccess(const Store &store, const QString &key, bool configured,
                              const QString &what) const;
    int authorize(const Push &push, QString *reason) const;
    int authorizePush(const Push &push, const SecretAccess &access, QString *reason) const;
    int readBody(Push *push, QString *reason) const;
    void commit(QList<Push> *pushes);
    void answer(const Push &push);
    bool storeMessagesRetrying(QList<Push> *pushes, int *stored, QString *error);
    bool storeMessages(QList<Push> *pushes, bool alone, int *stored, QString *error);
    bool takeBatchLock(bool alone, QString *error) const;
    bool claimSpreeEvents(QList<Push> *pushes, qint64 now, QString *error) const;
    bool claimHubObjects(QList<Push> *pushes, qint64 now, QString *error) const;
    bool firstTime(const QString &table, const QStringList &columns, const QVariantList &values, bool *first,
                   QString *error) const;

    DatabaseLocation location_;
    CredentialStore *credentials_;
    QTcpServer *server_;
    QTimer *flushTimer_;
    std::unique_ptr<Database> db_;
    std::unique_ptr<MessageRepository> messageStore_;
    QHash<QTcpSocket *, Connection> connections_;
    QList<Push> pending_;
    bool flushing_ = false;
    QHash<QString, StoreAccess> stores_;
    qint64 storesVersion_ = -1;
    bool storesStale_ = true;
    bool databaseFailed_ = false; // the last batch found the database unreachable
    QElapsedTimer lastReopen_;
    static constexpr qint64 kReopenIntervalMs = 1000;
    // Attempts at a batch that lost a conflict with another worker's (a deadlock) before its pushes hear 503.
    static constexpr int kConflictAttempts = 3;
};
