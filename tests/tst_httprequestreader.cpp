#include "http/HttpRequestReader.h"

#include <QTest>

// HttpRequestReader on its own, byte by byte: how TCP splits a stream must not change what is read.
class TestHttpRequestReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pipelinedRequestsReadTheSameInAnyChunking_data();
    void pipelinedRequestsReadTheSameInAnyChunking();
    void emptyLineSplitBetweenReadsIsSkipped();
};

namespace {

constexpr qint64 kMaxBodyBytes = 1024;

// Feeds `bytes` in pieces of `chunk` bytes and collects "METHOD TARGET BODY" of each request read.
QStringList readInChunks(const QByteArray &bytes, qsizetype chunk, int *failureStatus)
{
    HttpRequestReader reader(kMaxBodyBytes);
    QStringList read;
    for (qsizetype at = 0; at < bytes.size(); at += chunk) {
        reader.append(bytes.mid(at, chunk));
        HttpRequestReader::State state;
        while ((state = reader.next()) == HttpRequestReader::State::Complete) {
            const HttpRequest request = reader.takeRequest();
            read << QString::fromLatin1(request.method + ' ' + request.target + ' ' + request.body);
        }
        if (state == HttpRequestReader::State::Failed)
            break;
    }
    *failureStatus = reader.failureStatus();
    return read;
}

} // namespace

void TestHttpRequestReader::pipelinedRequestsReadTheSameInAnyChunking_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("two requests") << QByteArray("POST /a HTTP/1.1\r\nContent-Length: 2\r\n\r\n[]"
                                                "GET /metrics HTTP/1.1\r\n\r\n")
                                  << QStringList{QStringLiteral("POST /a []"),
                                                 QStringLiteral("GET /metrics ")};
    QTest::newRow("empty lines between")
        << QByteArray("GET /metrics?x=1 HTTP/1.0\r\n\r\n\r\n\r\n"
                      "POST /b HTTP/1.1\r\nContent-Length: 0\r\n\r\n")
        << QStringList{QStringLiteral("GET /metrics?x=1 "), QStringLiteral("POST /b ")};
}

void TestHttpRequestReader::pipelinedRequestsReadTheSameInAnyChunking()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QStringList, expected);
    for (qsizetype chunk = 1; chunk <= bytes.size(); ++chunk) {
        int failureStatus = 0;
        QCOMPARE(readInChunks(bytes, chunk, &failureStatus), expected);
        QCOMPARE(failureStatus, 0);
    }
}

// Found by fuzz/fuzz_http_request: the empty line's CR ended one read and its LF began the next, and the
// request after it was refused with 400 as a malformed request line.
void TestHttpRequestReader::emptyLineSplitBetweenReadsIsSkipped()
{
    HttpRequestReader reader(kMaxBodyBytes);
    reader.append("GET /metrics HTTP/1.1\r\n\r\n\r");
    QCOMPARE(reader.next(), HttpRequestReader::State::Complete);
    QCOMPARE(reader.takeRequest().target, QByteArray("/metrics"));
    QCOMPARE(reader.next(), HttpRequestReader::State::Incomplete);
    reader.append("\nPOST /api/stores/shop/messages HTTP/1.1\r\nContent-Length: 2\r\n\r\n[]");
    QCOMPARE(reader.next(), HttpRequestReader::State::Complete);
    const HttpRequest request = reader.takeRequest();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.body, QByteArray("[]"));
    QCOMPARE(reader.failureStatus(), 0);
}

QTEST_GUILESS_MAIN(TestHttpRequestReader)
#include "tst_httprequestreader.moc"
