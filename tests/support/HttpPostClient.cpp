#include "HttpPostClient.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

namespace {

QByteArray requestBytes(const HttpPost &post)
{
    const QByteArray host = post.url.host().toLatin1() + ':' + QByteArray::number(post.url.port(80));
    QByteArray bytes =
        "POST " + post.url.path(QUrl::FullyEncoded).toLatin1() + " HTTP/1.1\r\nHost: " + host +
        "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(post.body.size()) +
        "\r\nConnection: close\r\n";
    for (const auto &[name, value] : post.headers)
        bytes += name + ": " + value + "\r\n";
    return bytes + "\r\n" + post.body;
}

// "HTTP/1.1 201 Created\r\n...\r\n\r\nBODY"; the server closed the connection after it.
HttpPostResult readAnswer(const QByteArray &answer)
{
    HttpPostResult result;
    const qsizetype headerEnd = answer.indexOf("\r\n\r\n");
    if (!answer.startsWith("HTTP/1.") || headerEnd < 0)
        return result;
    result.status = answer.mid(9, 3).toInt();
    result.rawBody = answer.mid(headerEnd + 4);
    result.body = QJsonDocument::fromJson(result.rawBody).object();
    return result;
}

bool allInState(const std::vector<std::unique_ptr<QTcpSocket>> &sockets, QAbstractSocket::SocketState state)
{
    return std::all_of(sockets.begin(), sockets.end(),
                       [state](const auto &s) { return s->state() == state; });
}

} // namespace

HttpPostResult HttpPostClient::post(const QUrl &url, const QByteArray &body, const HttpHeaders &headers,
                                    int timeoutMs)
{
    return postAll({HttpPost{url, body, headers}}, timeoutMs).first();
}

QList<HttpPostResult> HttpPostClient::postAll(const QList<HttpPost> &posts, int timeoutMs)
{
    std::vector<QByteArray> answers(posts.size()); // before the sockets, which write into it until they go
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (qsizetype i = 0; i < posts.size(); ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        // Read as it comes: the server may close the connection right after writing its answer.
        QObject::connect(socket.get(), &QTcpSocket::readyRead, socket.get(),
                         [&answers, i, s = socket.get()] { answers[size_t(i)] += s->readAll(); });
        socket->connectToHost(QHostAddress(posts[i].url.host()), quint16(posts[i].url.port(80)));
        sockets.push_back(std::move(socket));
    }
    // A refused connection ends unconnected; the others must be open before any request is written. What
    // is not answered in time comes back with status 0, for the test to report.
    if (!QTest::qWaitFor(
            [&] {
                return std::none_of(sockets.begin(), sockets.end(), [](const auto &s) {
                    return s->state() == QAbstractSocket::HostLookupState ||
                           s->state() == QAbstractSocket::ConnectingState;
                });
            },
            timeoutMs))
        qWarning("HttpPostClient: not every connection was open after %d ms", timeoutMs);
    for (size_t i = 0; i < sockets.size(); ++i) {
        if (sockets[i]->state() == QAbstractSocket::ConnectedState)
            sockets[i]->write(requestBytes(posts[qsizetype(i)]));
    }
    if (!QTest::qWaitFor([&] { return allInState(sockets, QAbstractSocket::UnconnectedState); }, timeoutMs))
        qWarning("HttpPostClient: not every request was answered after %d ms", timeoutMs);
    QList<HttpPostResult> results;
    for (size_t i = 0; i < sockets.size(); ++i) {
        answers[i] += sockets[i]->readAll();
        results.append(readAnswer(answers[i]));
    }
    return results;
}
