#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPair>
#include <QUrl>

#include "http/HttpRequestReader.h"

#include <functional>

class QTcpSocket;

struct DemoHttpRequest
{
    QByteArray method;
    QByteArray target;                    // path plus query, as sent, e.g. "/api/orders?page=2"
    QMap<QByteArray, QByteArray> headers; // names lowercased; repeated headers joined by ", "
    QByteArray body;                      // the OAuth token request's; the rest of the API takes none

    QByteArray path() const;
    QByteArray query() const; // still percent-encoded
};

struct DemoHttpResponse
{
    int status = 200;
    QByteArray contentType = QByteArrayLiteral("application/json; charset=utf-8");
    QList<QPair<QByteArray, QByteArray>> headers; // Content-Type and Content-Length are added
    QByteArray body;
    bool hang = false; // never answer: only the client's timeout or close() ends the exchange
};

// One accepted socket of the demo store. Reads HTTP/1.1 requests as their bytes arrive and answers them in
// order on the same keep-alive connection.
class DemoHttpConnection : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<DemoHttpResponse(const DemoHttpRequest &)>;

    DemoHttpConnection(QTcpSocket *socket, Handler handler, QObject *parent);
    void start(); // once answered() is connected: a request may already be waiting
    void drop();  // abort the socket, answered or not

Q_SIGNALS:
    void answered(const QUrl &target, int status);

private:
    void readIncoming();
    void refuse(int status);
    void respond(const DemoHttpResponse &response, bool keepAlive);
    bool serving() const;

    QTcpSocket *socket_;
    Handler handler_;
    HttpRequestReader reader_;
    bool hanging_ = false;
    bool finished_ = false; // dropped, or closing after a "Connection: close" answer
    bool dropped_ = false;
};
