#include "delivery/ResponseReading.h"
#include "model/Attempt.h"
#include "model/Endpoint.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

Q_DECLARE_METATYPE(ResponseReading::Kind)

namespace {

const QUrl kServiceUrl(QStringLiteral("http://h/jobs/start"));
constexpr qint64 kNowMs = 1445412480000; // Wed, 21 Oct 2015 07:28:00 GMT

Attempt answer(int status, const QByteArray &body, const QJsonObject &headers = {})
{
    Attempt attempt;
    attempt.url = kServiceUrl.toString();
    attempt.status = status;
    attempt.responseBody = body;
    attempt.responseHeaders = headers;
    return attempt;
}

QJsonArray arrayFrom(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isArray())
        qFatal("test JSON %s is not an array", json.constData());
    return document.array();
}

QJsonObject objectFrom(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        qFatal("test JSON %s is not an object", json.constData());
    return document.object();
}

QByteArray compact(const QJsonArray &array)
{
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

} // namespace

class TestResponseReading : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void deliveredCopiesMessagesParametersAndExtra();
    void deliveredWithEmptyObject();
    void objectFormParametersReadLikeTheList();
    void summaryIsReadAndKeptWithTheAttempt();
    void notificationsAndEventsAreNormalised();
    void asyncResolvesRelativeUpdateUrl();
    void asyncKeepsAbsoluteUpdateUrl();
    void asyncRefusesAnotherOrigin_data();
    void asyncRefusesAnotherOrigin();
    void pollOfAStoredUpdateUrlOnAnotherOriginRestarts();
    void asyncFractionalDelay();
    void asyncRefuses_data();
    void asyncRefuses();
    void failures_data();
    void failures();
    void failureBodyNotificationsAreRead();
    void redirectIsNotFollowed();
    void retryAfter_data();
    void retryAfter();
    void transportErrorWins();
};

void TestResponseReading::deliveredCopiesMessagesParametersAndExtra()
{
    const QByteArray body = R"({
        "message_id": "5f1a2b3c4d5e6f7a8b9c0d1e",
        "messages": [{"message": "order:confirmed", "payload": {"n": 1}}, {"message": "x:y"}],
        "parameters": [{"name": "last_poll", "value": "2015-10-21"}],
        "notifications": [],
        "events": [],
        "summary": "ok",
        "count": 3,
        "nested": {"a": [1, 2]}
    })";
    const ResponseReading reading = ResponseReading::read(answer(200, body), kServiceUrl, kNowMs);

    QCOMPARE(reading.kind, ResponseReading::Kind::Delivered);
    QCOMPARE(reading.error, QString());
    QCOMPARE(reading.messages, arrayFrom(R"([{"message": "order:confirmed", "payload": {"n": 1}},
        {"message": "x:y"}])"));
    QCOMPARE(reading.parameters, arrayFrom(R"([{"name": "last_poll", "value": "2015-10-21"}])"));
    QCOMPARE(reading.extra, objectFrom(R"({"summary": "ok", "count": 3, "nested": {"a": [1, 2]}})"));
    for (const char *known : {"message_id", "messages", "notifications", "events", "parameters"})
        QVERIFY2(!reading.extra.contains(QString::fromLatin1(known)), known);
    QVERIFY(reading.notifications.isEmpty());
    QVERIFY(!reading.retryAfterMs);
    QVERIFY(reading.updateUrl.isEmpty());
}

void TestResponseReading::deliveredWithEmptyObject()
{
    const ResponseReading reading = ResponseReading::read(answer(200, "{}"), kServiceUrl, kNowMs);
    QCOMPARE(reading.kind, ResponseReading::Kind::Delivered);
    QCOMPARE(reading.error, QString());
    QVERIFY(reading.messages.isEmpty());
    QVERIFY(reading.parameters.isEmpty());
    QVERIFY(reading.extra.isEmpty());
}

// The later endpoint framework's answer: parameters as {"name": value}, beside a summary.
void TestResponseReading::objectFormParametersReadLikeTheList()
{
    const QByteArray body = R"({
        "parameters": {"last_poll": "2015-10-21", "batch.size": 50, "enabled": true, "lookup": [{"a": 1}]},
        "summary": "3 orders imported"
    })";
    const ResponseReading reading = ResponseReading::read(answer(200, body), kServiceUrl, kNowMs);

    QCOMPARE(reading.kind, ResponseReading::Kind::Delivered);
    QCOMPARE(reading.parameters, arrayFrom(R"([{"name": "batch.size", "value": 50},
        {"name": "enabled", "value": true}, {"name": "last_poll", "value": "2015-10-21"},
        {"name": "lookup", "value": [{"a": 1}]}])"));
    QVERIFY(!reading.extra.contains(QStringLiteral("parameters")));
}

void TestResponseReading::summaryIsReadAndKeptWithTheAttempt()
{
    const ResponseReading reading = ResponseReading::read(
        answer(200, R"({"summary": "  Order R1\n sent to the ERP  ", "parameters": []})"), kServiceUrl,
        kNowMs);
    QCOMPARE(reading.summary, QStringLiteral("Order R1 sent to the ERP"));
    // `extra` is what is stored with the attempt, and what `show` and the control panel read it from.
    QCOMPARE(reading.extra.value(QStringLiteral("summary")).toString(),
             QStringLiteral("  Order R1\n sent to the ERP  "));
    QVERIFY(reading.parameters.isEmpty());

    const ResponseReading none = ResponseReading::read(answer(200, R"({"summary": 7})"), kServiceUrl, kNowMs);
    QCOMPARE(none.summary, QString());
}

void TestResponseReading::notificationsAndEventsAreNormalised()
{
    const QByteArray body = R"({
        "notifications": [
            {"level": "warning", "subject": "low stock", "description": "SKU A-1"},
            {"level": "bogus", "subject": "odd level"},
            {"level": "error", "description": "only a description"},
            {"subject": "no level"},
            {"level": "info"},
            {"level": "warn", "subject": "", "description": ""},
            "not an object"
        ],
        "events": [
            {"level": "WARN", "subject": "from events", "description": "d", "extra": 1},
            {"level": "info", "unrelated": "x"}
        ]
    })";
    const QJsonArray expected = arrayFrom(R"([
        {"level": "warn", "subject": "low stock", "description": "SKU A-1"},
        {"level": "info", "subject": "odd level", "description": ""},
        {"level": "error", "subject": "", "description": "only a description"},
        {"level": "info", "subject": "no level", "description": ""},
        {"level": "warn", "subject": "from events", "description": "d"}
    ])");
    const ResponseReading reading = ResponseReading::read(answer(200, body), kServiceUrl, kNowMs);
    QCOMPARE(reading.kind, ResponseReading::Kind::Delivered);
    QVERIFY2(reading.notifications == expected, compact(reading.notifications).constData());
}

void TestResponseReading::asyncResolvesRelativeUpdateUrl()
{
    const QByteArray body =
        R"({"message_id": "5f1a2b3c4d5e6f7a8b9c0d1e", "delay": 2, "update_url": "poll/1"})";
    const ResponseReading reading = ResponseReading::read(answer(200, body), kServiceUrl, kNowMs);
    QCOMPARE(reading.kind, ResponseReading::Kind::Async);
    QCOMPARE(reading.error, QString());
    QCOMPARE(reading.delayMs, qint64(2000));
    QCOMPARE(reading.updateUrl, QUrl(QStringLiteral("http://h/jobs/poll/1")));

    const QByteArray rooted =
        R"({"message_id": "5f1a2b3c4d5e6f7a8b9c0d1e", "delay": 0, "update_url": "/poll/2"})";
    const ResponseReading fromRoot = ResponseReading::read(answer(200, rooted), kServiceUrl, kNowMs);
    QCOMPARE(fromRoot.kind, ResponseReading::Kind::Async);
    QCOMPARE(fromRoot.delayMs, qint64(0));
    QCOMPARE(fromRoot.updateUrl, QUrl(QStringLiteral("http://h/poll/2")));
}

void TestResponseReading::asyncKeepsAbsoluteUpdateUrl()
{
    // Same origin: scheme, host and port; the default port written out, or the host in capitals, too.
    for (const QString &given :
         {QStringLiteral("http://h/status?id=9"), QStringLiteral("http://h:80/status?id=9"),
          QStringLiteral("HTTP://H/status?id=9")}) {
        const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("message_id"), QStringLiteral("a")},
                                                          {QStringLiteral("delay"), 30},
                                                          {QStringLiteral("update_url"), given}})
                                    .toJson();
        const ResponseReading reading = ResponseReading::read(answer(200, body), kServiceUrl, kNowMs);
        QCOMPARE(reading.kind, ResponseReading::Kind::Async);
        QCOMPARE(reading.delayMs, qint64(30000));
        QCOMPARE(reading.updateUrl.path(), QStringLiteral("/status"));
        QVERIFY(!reading.restartFromPost);
    }
}

void TestResponseReading::asyncRefusesAnotherOrigin_data()
{
    QTest::addColumn<QString>("serviceUrl");
    QTest::addColumn<QString>("updateUrl");
    QTest::addColumn<QString>("refused"); // as the error names it

    const QString local = QStringLiteral("http://127.0.0.1:9001/jobs/start");
    QTest::newRow("other host") << local << QStringLiteral("http://other-host/poll")
                                << QStringLiteral("http://other-host/poll");
    QTest::newRow("other port") << local << QStringLiteral("http://127.0.0.1:9002/poll")
                                << QStringLiteral("http://127.0.0.1:9002/poll");
    QTest::newRow("default port of the other")
        << local << QStringLiteral("http://127.0.0.1/poll") << QStringLiteral("http://127.0.0.1/poll");
    QTest::newRow("other scheme") << local << QStringLiteral("https://127.0.0.1:9001/poll")
                                  << QStringLiteral("https://127.0.0.1:9001/poll");
    QTest::newRow("localhost is another host name") << local << QStringLiteral("http://localhost:9001/poll")
                                                    << QStringLiteral("http://localhost:9001/poll");
    QTest::newRow("scheme-relative") << local << QStringLiteral("//x:1/ok")
                                     << QStringLiteral("http://x:1/ok");
    QTest::newRow("https endpoint, http poll")
        << QStringLiteral("https://h/jobs") << QStringLiteral("http://h/poll")
        << QStringLiteral("http://h/poll");
}

void TestResponseReading::asyncRefusesAnotherOrigin()
{
    QFETCH(QString, serviceUrl);
    QFETCH(QString, updateUrl);
    QFETCH(QString, refused);

    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("message_id"), QStringLiteral("a")},
                                                      {QStringLiteral("delay"), 0},
                                                      {QStringLiteral("update_url"), updateUrl}})
                                .toJson();
    Attempt attempt = answer(200, body);
    attempt.url = serviceUrl;
    const ResponseReading reading = ResponseReading::read(attempt, QUrl(serviceUrl), kNowMs);
    QCOMPARE(reading.kind, ResponseReading::Kind::Failed);
    QVERIFY(reading.updateUrl.isEmpty());
    QVERIFY(reading.restartFromPost); // the retry is the original POST, never the refused URL
    QCOMPARE(reading.error, QStringLiteral("update_url %1 is on another origin than the endpoint %2; refused "
                                           "so the token is not sent there")
                                .arg(refused, Endpoint::origin(QUrl(serviceUrl))));
}

void TestResponseReading::pollOfAStoredUpdateUrlOnAnotherOriginRestarts()
{
    // HttpExchange refused a poll of an update_url stored before the check existed (or before the
    // endpoint moved): the attempt's URL is not the endpoint's origin, and the next try is a POST.
    Attempt attempt = answer(0, QByteArray());
    attempt.url = QStringLiteral("http://old-host:9001/poll");
    attempt.error = Endpoint::crossOriginError(QUrl(attempt.url), kServiceUrl);
    ResponseReading reading = ResponseReading::read(attempt, kServiceUrl, kNowMs);
    QCOMPARE(reading.kind, ResponseReading::Kind::Failed);
    QCOMPARE(reading.error, attempt.error);
    QVERIFY(reading.restartFromPost);

    // A failed poll on the endpoint's own origin polls again.
    attempt.url = QStringLiteral("http://h/poll");
    attempt.error = QStringLiteral("connection refused by http://h: is the endpoint running?");
    reading = ResponseReading::read(attempt, kServiceUrl, kNowMs);
    QCOMPARE(reading.kind, ResponseReading::Kind::Failed);
    QVERIFY(!reading.restartFromPost);
}

void TestResponseReading::asyncFractionalDelay()
{
    const QByteArray body = R"({"message_id": "5f1a2b3c4d5e6f7a8b9c0d1e", "delay": 0.25, "update_url": "u"})";
    const ResponseReading reading = ResponseReading::read(answer(200, body), kServiceUrl, kNowMs);
    QCOMPARE(reading.kind, ResponseReading::Kind::Async);
    QCOMPARE(reading.delayMs, qint64(250));
    QCOMPARE(reading.updateUrl, QUrl(QStringLiteral("http://h/jobs/u")));
}

void TestResponseReading::asyncRefuses_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("ftp update_url") << QByteArray(
                                           R"({"message_id": "a", "delay": 2, "update_url": "ftp://x"})")
                                    << QStringLiteral("update_url");
    QTest::newRow("update_url with a password")
        << QByteArray(R"({"message_id": "a", "delay": 2, "update_url": "http://u:pw@h/poll"})")
        << QStringLiteral("user name or password");
    QTest::newRow("update_url not a string")
        << QByteArray(R"({"message_id": "a", "delay": 2, "update_url": 5})") << QStringLiteral("update_url");
    QTest::newRow("negative delay") << QByteArray(
                                           R"({"message_id": "a", "delay": -1, "update_url": "poll/1"})")
                                    << QStringLiteral("delay");
    QTest::newRow("missing delay") << QByteArray(R"({"message_id": "a", "update_url": "poll/1"})")
                                   << QStringLiteral("delay");
    QTest::newRow("delay as text") << QByteArray(
                                          R"({"message_id": "a", "delay": "2", "update_url": "poll/1"})")
                                   << QStringLiteral("delay");
    QTest::newRow("delay over a week")
        << QByteArray(R"({"message_id": "a", "delay": 604801, "update_url": "poll/1"})")
        << QStringLiteral("delay");
}

void TestResponseReading::asyncRefuses()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, mentions);

    const ResponseReading reading = ResponseReading::read(answer(200, body), kServiceUrl, kNowMs);
    QCOMPARE(reading.kind, ResponseReading::Kind::Failed);
    QVERIFY2(reading.error.contains(mentions), qPrintable(reading.error));
    QVERIFY2(!reading.error.contains(QStringLiteral("pw")), qPrintable(reading.error));
}

void TestResponseReading::failures_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("startsWith");
    QTest::addColumn<QString>("contains");

    QTest::newRow("200 not JSON") << 200 << QByteArray("<html>hello</html>") << QStringLiteral("HTTP 200")
                                  << QStringLiteral("not JSON");
    QTest::newRow("200 truncated JSON")
        << 200 << QByteArray(R"({"messages": [)") << QStringLiteral("HTTP 200") << QStringLiteral("not JSON");
    QTest::newRow("200 empty body") << 200 << QByteArray() << QStringLiteral("HTTP 200")
                                    << QStringLiteral("empty body");
    QTest::newRow("404 text") << 404 << QByteArray("Not Found") << QStringLiteral("HTTP 404")
                              << QStringLiteral("Not Found");
    QTest::newRow("404 empty") << 404 << QByteArray() << QStringLiteral("HTTP 404") << QStringLiteral("404");
    QTest::newRow("500 JSON error") << 500 << QByteArray(R"({"error": "boom"})") << QStringLiteral("HTTP 500")
                                    << QStringLiteral("endpoint reported: boom");
    QTest::newRow("422 JSON message")
        << 422 << QByteArray(R"({"message": "bad order"})") << QStringLiteral("HTTP 422")
        << QStringLiteral("endpoint reported: bad order");
    QTest::newRow("201 is not success")
        << 201 << QByteArray("{}") << QStringLiteral("HTTP 201") << QStringLiteral("201");
}

void TestResponseReading::failures()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, startsWith);
    QFETCH(QString, contains);

    const ResponseReading reading = ResponseReading::read(answer(status, body), kServiceUrl, kNowMs);
    QCOMPARE(reading.kind, ResponseReading::Kind::Failed);
    QVERIFY2(reading.error.startsWith(startsWith), qPrintable(reading.error));
    QVERIFY2(reading.error.contains(contains), qPrintable(reading.error));
    QVERIFY(!reading.retryAfterMs);
    QVERIFY(reading.messages.isEmpty());
}

void TestResponseReading::failureBodyNotificationsAreRead()
{
    const QByteArray body = R"({"error": "boom", "messages": [{"message": "order:new"}],
        "notifications": [{"level": "error", "subject": "database down", "description": "retry later"}]})";
    const ResponseReading reading = ResponseReading::read(answer(500, body), kServiceUrl, kNowMs);
    QCOMPARE(reading.kind, ResponseReading::Kind::Failed);
    QVERIFY2(reading.error.contains(QStringLiteral("endpoint reported: boom")), qPrintable(reading.error));
    QVERIFY2(
        reading.notifications ==
            arrayFrom(R"([{"level": "error", "subject": "database down", "description": "retry later"}])"),
        compact(reading.notifications).constData());
    QVERIFY(reading.messages.isEmpty());
}

void TestResponseReading::redirectIsNotFollowed()
{
    const QJsonObject headers{{QStringLiteral("location"), QStringLiteral("http://h/elsewhere")}};
    const ResponseReading reading =
        ResponseReading::read(answer(302, QByteArray(), headers), kServiceUrl, kNowMs);
    QCOMPARE(reading.kind, ResponseReading::Kind::Failed);
    QVERIFY2(reading.error.startsWith(QStringLiteral("HTTP 302")), qPrintable(reading.error));
    QVERIFY2(reading.error.contains(QStringLiteral("not followed")), qPrintable(reading.error));
    QVERIFY2(reading.error.contains(QStringLiteral("http://h/elsewhere")), qPrintable(reading.error));
}

void TestResponseReading::retryAfter_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<bool>("honoured");
    QTest::addColumn<qint64>("expectedMs");

    QTest::newRow("503 seconds") << 503 << QByteArray("3") << true << qint64(3000);
    QTest::newRow("429 seconds") << 429 << QByteArray("120") << true << qint64(120000);
    QTest::newRow("503 date") << 503 << QByteArray("Wed, 21 Oct 2015 07:29:30 GMT") << true << qint64(90000);
    QTest::newRow("503 unreadable") << 503 << QByteArray("soon") << false << qint64(0);
    QTest::newRow("503 without header") << 503 << QByteArray() << false << qint64(0);
    QTest::newRow("500 ignores it") << 500 << QByteArray("3") << false << qint64(0);
    QTest::newRow("502 ignores it") << 502 << QByteArray("3") << false << qint64(0);
    QTest::newRow("404 ignores it") << 404 << QByteArray("3") << false << qint64(0);
    QTest::newRow("200 ignores it") << 200 << QByteArray("3") << false << qint64(0);
}

void TestResponseReading::retryAfter()
{
    QFETCH(int, status);
    QFETCH(QByteArray, retryAfter);
    QFETCH(bool, honoured);
    QFETCH(qint64, expectedMs);

    Attempt attempt = answer(status, status == 200 ? QByteArray("{}") : QByteArray("busy"));
    attempt.retryAfter = retryAfter;
    const ResponseReading reading = ResponseReading::read(attempt, kServiceUrl, kNowMs);
    QCOMPARE(reading.kind, status == 200 ? ResponseReading::Kind::Delivered : ResponseReading::Kind::Failed);
    QCOMPARE(reading.retryAfterMs.has_value(), honoured);
    if (honoured)
        QCOMPARE(*reading.retryAfterMs, expectedMs);
}

void TestResponseReading::transportErrorWins()
{
    const QString error = QStringLiteral("Connection refused");
    Attempt attempt = answer(0, QByteArray());
    attempt.error = error;
    ResponseReading reading = ResponseReading::read(attempt, kServiceUrl, kNowMs);
    QCOMPARE(reading.kind, ResponseReading::Kind::Failed);
    QCOMPARE(reading.error, error);

    // Even a body that would otherwise read as success does not override the transport failure.
    attempt = answer(200, R"({"messages": []})");
    attempt.error = QStringLiteral("timed out after 180 s");
    reading = ResponseReading::read(attempt, kServiceUrl, kNowMs);
    QCOMPARE(reading.kind, ResponseReading::Kind::Failed);
    QCOMPARE(reading.error, QStringLiteral("timed out after 180 s"));
}

QTEST_APPLESS_MAIN(TestResponseReading)

#include "tst_responsereading.moc"
