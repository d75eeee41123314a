#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

struct HttpPost
{
    QUrl url; // http://127.0.0.1:PORT/PATH
    QByteArray body;
    HttpHeaders headers; // beside Host, Content-Type (application/json), Content-Length and Connection
};

struct HttpPostResult
{
    int status = 0; // 0: no answer came (refused, closed early, timed out)
    QByteArray rawBody;
    QJsonObject body; // rawBody read as JSON; empty unless it is an object
    QString error() const { return body.value(QStringLiteral("error")).toString(); }
};

// POSTs JSON bodies over plain HTTP/1.1, each on a connection of its own that the server closes after its
// answer, as Spree's webhook jobs and the hub-era clients do. Waiting spins the event loop, so servers
// living in the test's thread keep answering meanwhile.
class HttpPostClient
{
public:
    static HttpPostResult post(const QUrl &url, const QByteArray &body, const HttpHeaders &headers = {},
                               int timeoutMs = 30000);
    // Opens every connection first and only then writes the requests, so they are all in flight at once;
    // the results come in the order of `posts`.
    static QList<HttpPostResult> postAll(const QList<HttpPost> &posts, int timeoutMs = 120000);
};
