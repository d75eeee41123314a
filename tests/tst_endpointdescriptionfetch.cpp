// GET endpoint.json from a real loopback server: a description is read; every bad answer (an error
// status, garbage, silence, a huge body, nobody listening) ends in one line, within the timeout.
#include "http/EndpointDescriptionFetch.h"
#include "ScriptedEndpoint.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QTest>

#include <optional>

class TestEndpointDescriptionFetch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void readsTheDescription();
    void badAnswersSayWhyInOneLine_data();
    void badAnswersSayWhyInOneLine();
    void silenceEndsAtTheTimeout();
    void hugeBodyIsCut();
    void nobodyListening();

private:
    EndpointDescriptionFetch::Result fetch(const QUrl &url,
                                           qint64 timeoutMs = EndpointDescriptionFetch::kTimeoutMs);

    QNetworkAccessManager network_;
    std::unique_ptr<ScriptedEndpoint> server_;
};

void TestEndpointDescriptionFetch::init()
{
    server_ = std::make_unique<ScriptedEndpoint>();
    QVERIFY(server_->listen());
}

EndpointDescriptionFetch::Result TestEndpointDescriptionFetch::fetch(const QUrl &url, qint64 timeoutMs)
{
    Endpoint endpoint;
    endpoint.name = QStringLiteral("mailer");
    endpoint.url = url;
    std::optional<EndpointDescriptionFetch::Result> result;
    EndpointDescriptionFetch::start(
        &network_, endpoint, [&result](const EndpointDescriptionFetch::Result &answer) { result = answer; },
        timeoutMs);
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, int(timeoutMs) + 10000))
        qFatal("the fetch never finished");
    return *result;
}

void TestEndpointDescriptionFetch::readsTheDescription()
{
    const QJsonObject description{
        {QStringLiteral("name"), QStringLiteral("mailer")},
        {QStringLiteral("services"),
         QJsonArray{QJsonObject{
             {QStringLiteral("path"), QStringLiteral("/order_confirmation")},
             {QStringLiteral("recommends"),
              QJsonObject{{QStringLiteral("messages"), QJsonArray{QStringLiteral("order:new")}}}}}}}};
    server_->setHandler(
        [description](const RecordedRequest &) { return ScriptedResponse::json(200, description); });
    const EndpointDescriptionFetch::Result result = fetch(server_->url(QStringLiteral("/hooks/")));
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.description.services.size(), 1);
    QCOMPARE(result.description.services.first().path, QStringLiteral("/order_confirmation"));
    const QList<RecordedRequest> requests = server_->requests();
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().method, QByteArray("GET"));
    QCOMPARE(requests.first().target, QByteArray("/hooks/endpoint.json"));
    // endpoint.json is public: the token is not sent for it.
    QVERIFY(!requests.first().headers.contains("x-hub-token"));
}

void TestEndpointDescriptionFetch::badAnswersSayWhyInOneLine_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    QTest::newRow("500") << 500 << QByteArray(R"({"error": "boom"})")
                         << QStringLiteral("answered HTTP 500 Internal Server Error");
    QTest::newRow("404") << 404 << QByteArray("<html>\n<h1>Not Found</h1>\n</html>")
                         << QStringLiteral("answered HTTP 404 Not Found");
    QTest::newRow("redirect") << 301 << QByteArray() << QStringLiteral("answered HTTP 301");
    QTest::newRow("garbage") << 200 << QByteArray("\x01\x02garbage\n\n{") << QStringLiteral("not JSON");
    QTest::newRow("html") << 200 << QByteArray("<html>\n<body>hello</body>\n</html>")
                          << QStringLiteral("not JSON");
    QTest::newRow("no services") << 200 << QByteArray(R"({"name": "mailer"})")
                                 << QStringLiteral("no \"services\" list");
}

void TestEndpointDescriptionFetch::badAnswersSayWhyInOneLine()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    server_->setHandler([status, body](const RecordedRequest &) {
        return ScriptedResponse::text(status, body, QByteArrayLiteral("application/json"));
    });
    const EndpointDescriptionFetch::Result result = fetch(server_->url());
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(expected), qPrintable(result.error));
    QVERIFY2(!result.error.contains(QLatin1Char('\n')), qPrintable(result.error));
}

void TestEndpointDescriptionFetch::silenceEndsAtTheTimeout()
{
    server_->setHandler([](const RecordedRequest &) {
        ScriptedResponse response;
        response.hang = true;
        return response;
    });
    QElapsedTimer clock;
    clock.start();
    const EndpointDescriptionFetch::Result result = fetch(server_->url(), 400);
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(QStringLiteral("no answer")) &&
                 result.error.contains(QStringLiteral("0.4 s")),
             qPrintable(result.error));
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
}

void TestEndpointDescriptionFetch::hugeBodyIsCut()
{
    server_->setHandler([](const RecordedRequest &) {
        ScriptedResponse response;
        response.streamBytes = 8 * 1024 * 1024;
        return response;
    });
    const EndpointDescriptionFetch::Result result = fetch(server_->url());
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(QStringLiteral("larger than 256 KiB")), qPrintable(result.error));
}

void TestEndpointDescriptionFetch::nobodyListening()
{
    const QUrl url = server_->url();
    server_->close();
    const EndpointDescriptionFetch::Result result = fetch(url);
    QVERIFY(!result.ok);
    QVERIFY2(result.error.contains(QStringLiteral("connection refused")), qPrintable(result.error));
}

QTEST_GUILESS_MAIN(TestEndpointDescriptionFetch)
#include "tst_endpointdescriptionfetch.moc"
