#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>

// One HTTP/1.x request as it arrived. Header names are lowercased; values are trimmed.
struct HttpRequest
{
    QByteArray method;
    QByteArray target; // as sent: percent-encoded path, then any query
    int minorVersion = 1;
    QList<QPair<QByteArray, QByteArray>> headers;
    bool hasContentLength = false;
    QByteArray body;

    QByteArray header(const QByteArray &lowercaseName) const; // the first value; empty when absent
    bool hasHeader(const QByteArray &lowercaseName) const;
    QMap<QByteArray, QByteArray> joinedHeaders() const; // repeated headers joined by ", "
    QByteArray path() const;                            // the target without its query
    bool keepAlive() const;
};

// Reads requests from the bytes of one connection, as they trickle in: a request line, headers and
// a Content-Length body. Requests that follow one another (keep-alive, pipelining) are read in turn.
// The limits are checked as soon as the headers are in, so an oversized body is refused unread.
class HttpRequestReader
{
public:
    enum class State
    {
        Incomplete, // more bytes needed
        Complete,   // takeRequest() returns it
        Failed,     // failureStatus() and failureReason() say why; the connection cannot go on
    };

    static constexpr int kMaxHeaderBytes = 64 * 1024;

    explicit HttpRequestReader(qint64 maxBodyBytes);

    void append(const QByteArray &data);
    State next();
    HttpRequest takeRequest();
    // True once per request whose client waits for "100 Continue" before sending the body.
    bool takeContinueRequest();

    int failureStatus() const { return failureStatus_; }
    QString failureReason() const { return failureReason_; }

private:
    State fail(int status, const QString &reason);
    State readHead();
    bool parseRequestLine(const QByteArray &line);
    bool parseHeaderLine(const QByteArray &line);
    bool applyFraming();

    qint64 maxBodyBytes_;
    QByteArray buffer_;
    qsizetype scannedTo_ = 0; // where the search for the end of the headers resumes
    bool headRead_ = false;
    bool continueWanted_ = false;
    qint64 contentLength_ = 0;
    HttpRequest request_;
    int failureStatus_ = 0;
    QString failureReason_;
};
