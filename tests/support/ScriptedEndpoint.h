#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QMutex>
#include <QObject>
#include <QPair>
#include <QUrl>

#include <functional>

class QTcpServer;
class QSslCertificate;
class QSslKey;
class ScriptedEndpointConnection;

struct RecordedRequest
{
    QByteArray method;
    QByteArray target;                    // path plus query, as sent, e.g. "/orders?x=1"
    QMap<QByteArray, QByteArray> headers; // names lowercased; repeated headers joined by ", "
    QByteArray body;
    qint64 receivedAtMs = 0; // when the request was complete
    qint64 answeredAtMs = 0; // when the answer was written; 0 if not (yet), or for a hang or a close

    QByteArray path() const;
    QJsonObject json() const; // empty unless the body is a JSON object
};
Q_DECLARE_METATYPE(RecordedRequest)

struct ScriptedResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers; // Content-Length is added unless given here
    QByteArray body;
    int delayMs = 0;
    bool hang = false;               // never answer; the connection stays open until the client gives up
    bool closeWithoutAnswer = false; // close the connection as soon as the request is read
    QByteArray raw;                  // written verbatim, then the connection closes (its framing is unknown)
    qint64 streamBytes = 0;          // > 0: a body of that many filler bytes, produced as the socket drains

    static ScriptedResponse json(int status, const QJsonObject &body,
                                 QList<QPair<QByteArray, QByteArray>> headers = {});
    static ScriptedResponse text(int status, const QByteArray &body,
                                 const QByteArray &contentType = QByteArrayLiteral("text/plain"));
};

// A loopback HTTP/1.1 server whose answers each test scripts. Keep-alive and pipelining safe, parses
// incrementally and streams large bodies, so benchmarks can drive it hard too. Lives in one thread:
// listen(), setHandler() and close() belong there; the handler runs there; requests() and
// requestCount() may be called from anywhere.
class ScriptedEndpoint : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<ScriptedResponse(const RecordedRequest &)>;

    explicit ScriptedEndpoint(QObject *parent = nullptr);
    ~ScriptedEndpoint() override;

    bool listen(quint16 port = 0); // 127.0.0.1 only
    // HTTPS with the given certificate instead of plain HTTP; url() then starts with https://.
    bool listenTls(const QSslCertificate &certificate, const QSslKey &key, quint16 port = 0);
    quint16 port() const;
    QUrl url(const QString &path = {}) const;

    // Without a handler: 200 {"message_id": <the request's message_id>}, as a webhook would answer.
    void setHandler(Handler handler);
    // Off: requests are still counted but not kept, so long benchmarks do not grow the server.
    void setRecordBodies(bool record);

    QList<RecordedRequest> requests() const;
    int requestCount() const;
    QList<RecordedRequest> requestsTo(const QByteArray &path) const;
    void clear();
    void close(); // stops listening and drops every connection, answered or not

Q_SIGNALS:
    void requestReceived(const RecordedRequest &request);

private:
    friend class ScriptedEndpointConnection;

    void acceptConnections();
    // Returns the answer, and in *index where requests() keeps the request (-1 when it keeps none).
    ScriptedResponse dispatch(RecordedRequest &request, qsizetype *index);
    void noteAnswered(qsizetype index);

    QTcpServer *server_;
    bool tls_ = false;
    Handler handler_;
    mutable QMutex mutex_; // guards the fields below
    QList<RecordedRequest> requests_;
    int requestCount_ = 0;
    bool recordBodies_ = true;
};
