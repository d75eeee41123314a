// The rules of "Consuming Messages", each against a real HTTP endpoint on 127.0.0.1.
#include "EngineHarness.h"
#include "ScriptedEndpoint.h"
#include "storage/ConfigRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTest>

#include <functional>

namespace {

const QString kToken = QStringLiteral("tok_0123456789abcdefghijklmnopqrstuv");

QJsonObject configWith(const ScriptedEndpoint &endpoint, const QList<QJsonObject> &mappings,
                       const QJsonArray &parameters = {})
{
    QJsonArray mappingArray;
    for (const QJsonObject &mapping : mappings)
        mappingArray.append(mapping);
    return {
        {QStringLiteral("endpoints"), QJsonArray{testEndpoint(QStringLiteral("ep"), endpoint.url(), kToken)}},
        {QStringLiteral("mappings"), mappingArray},
        {QStringLiteral("parameters"), parameters}};
}

QJsonArray attemptLog(const QJsonObject &delivery)
{
    return delivery.value(QStringLiteral("attempt_log")).toArray();
}

QString messageIdOf(const RecordedRequest &request)
{
    return request.json().value(QStringLiteral("message_id")).toString();
}

// Every answer sets the parameter shipper.batch to 8; `beforeAnswer` runs first.
void answerWithNewBatchSize(ScriptedEndpoint *endpoint, const std::function<void()> &beforeAnswer = {})
{
    endpoint->setHandler([beforeAnswer](const RecordedRequest &request) {
        if (beforeAnswer)
            beforeAnswer();
        return ScriptedResponse::json(
            200, {{QStringLiteral("message_id"), messageIdOf(request)},
                  {QStringLiteral("parameters"),
                   QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("shipper.batch")},
                                          {QStringLiteral("value"), 8}}}}});
    });
}

} // namespace

class TestDispatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void syncResponseWithChildrenNotificationsParametersAndExtras();
    void requestCarriesHeadersAndOriginalMessage();
    void asyncWithRelativeUpdateUrlPollsUntilSync();
    void asyncWithAbsoluteUpdateUrl();
    void updateUrlOnAnotherOriginIsRefused();
    void storedUpdateUrlOnAnotherOriginIsNotPolled();
    void updateUrlOnAListedOriginIsPolled();
    void failureWith500JsonBodyIsKept();
    void notFoundIsAFailure();
    void nonJson200IsAFailure();
    void redirectIsNotFollowed();
    void timeoutIsAFailure();
    void connectionRefusedIsAFailure();
    void garbageAndOversizedBodiesAreFailures();
    void scheduleGivesGrowingGapsThenParks();
    void retryAfterIsHonoured();
    void retriesNotAllowedParksAtOnce();
    void everyFilterOperatorRoutesOrSkips();
    void identifiersDeduplicatePerMapping();
    void parametersAreInjectedAndUpdatedByResponses();
    void parametersResponseDoesNotReloadTheConfiguration();
    void hopLimitStopsLoops();
    void perEndpointConcurrencyIsLimited();
};

void TestDispatcher::syncResponseWithChildrenNotificationsParametersAndExtras()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    endpoint.setHandler([](const RecordedRequest &request) {
        const QString id = messageIdOf(request);
        return ScriptedResponse::json(
            200,
            {{QStringLiteral("message_id"), id},
             {QStringLiteral("messages"),
              QJsonArray{QJsonObject{{QStringLiteral("message"), QStringLiteral("order:confirmation:sent")},
                                     {QStringLiteral("payload"), QJsonObject{{QStringLiteral("to"), 1}}}}}},
             {QStringLiteral("notifications"),
              QJsonArray{QJsonObject{{QStringLiteral("level"), QStringLiteral("info")},
                                     {QStringLiteral("subject"), QStringLiteral("Mail sent")},
                                     {QStringLiteral("description"), QStringLiteral("to buyer")}}}},
             {QStringLiteral("events"),
              QJsonArray{QJsonObject{{QStringLiteral("level"), QStringLiteral("warn")},
                                     {QStringLiteral("subject"), QStringLiteral("Slow SMTP")}}}},
             {QStringLiteral("parameters"),
              QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("mailer.last_order")},
                                     {QStringLiteral("value"), QStringLiteral("R100")}}}},
             {QStringLiteral("order_number"), QStringLiteral("R100")}});
    });
    EngineHarness harness;
    QVERIFY2(harness.isValid(), qPrintable(harness.error()));
    QCOMPARE(harness.importConfig(
                 configWith(endpoint, {testMapping(QStringLiteral("mail"), QStringLiteral("ep"),
                                                   QStringLiteral("/mail"), {QStringLiteral("order:new")})})),
             QString());
    const QString id = harness.push(QStringLiteral("order:new"), {{QStringLiteral("order"), QJsonObject{}}});
    QVERIFY(harness.runUntilIdle());

    const QJsonObject message = harness.show(id);
    const QJsonObject delivery = harness.delivery(id, QStringLiteral("mail"));
    QCOMPARE(delivery[QStringLiteral("state")].toString(), QStringLiteral("delivered"));
    QCOMPARE(attemptLog(delivery).size(), 1);
    QCOMPARE(attemptLog(delivery)[0][QStringLiteral("extra")][QStringLiteral("order_number")].toString(),
             QStringLiteral("R100"));

    const QJsonArray children = message[QStringLiteral("children")].toArray();
    QCOMPARE(children.size(), 1);
    const QJsonObject child = harness.show(children[0][QStringLiteral("message_id")].toString());
    QCOMPARE(child[QStringLiteral("message")].toString(), QStringLiteral("order:confirmation:sent"));
    QCOMPARE(child[QStringLiteral("parent_id")].toString(), id);
    QCOMPARE(child[QStringLiteral("hops")].toInt(), 1);

    const QJsonArray notifications = message[QStringLiteral("notifications")].toArray();
    QCOMPARE(notifications.size(), 2);
    QStringList subjects;
    for (const QJsonValue &n : notifications) {
        subjects << n[QStringLiteral("level")].toString() + QLatin1Char(':') +
                        n[QStringLiteral("subject")].toString();
        QCOMPARE(n[QStringLiteral("source")].toString(), QStringLiteral("mail"));
    }
    subjects.sort();
    QCOMPARE(subjects, (QStringList{QStringLiteral("info:Mail sent"), QStringLiteral("warn:Slow SMTP")}));

    QList<Parameter> parameters;
    QString error;
    QVERIFY(ConfigRepository(harness.db()).loadParameters(&parameters, &error));
    QCOMPARE(parameters.size(), 1);
    QCOMPARE(parameters[0].name, QStringLiteral("mailer.last_order"));
    QCOMPARE(parameters[0].value.toString(), QStringLiteral("R100"));
}

void TestDispatcher::requestCarriesHeadersAndOriginalMessage()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    EngineHarness harness;
    QCOMPARE(harness.importConfig(
                 configWith(endpoint, {testMapping(QStringLiteral("m"), QStringLiteral("ep"),
                                                   QStringLiteral("/svc"), {QStringLiteral("order:*")})})),
             QString());
    const QJsonObject payload{
        {QStringLiteral("order"), QJsonObject{{QStringLiteral("number"), QStringLiteral("R1")}}}};
    const QString id = harness.push(QStringLiteral("order:updated"), payload);
    QVERIFY(harness.runUntilIdle());
    QCOMPARE(endpoint.requestCount(), 1);
    const RecordedRequest request = endpoint.requests().first();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.path(), QByteArray("/svc"));
    QCOMPARE(request.headers.value("content-type"), QByteArray("application/json"));
    QVERIFY(request.headers.value("user-agent").startsWith("Integrator/"));
    QCOMPARE(request.headers.value("x-hub-token"), kToken.toUtf8());
    QCOMPARE(request.headers.value("x-augury-token"), kToken.toUtf8());
    QVERIFY(!request.headers.value("x-hub-store").isEmpty());
    const QJsonObject body = request.json();
    QCOMPARE(body[QStringLiteral("message")].toString(), QStringLiteral("order:updated"));
    QCOMPARE(body[QStringLiteral("message_id")].toString(), id);
    QCOMPARE(body[QStringLiteral("payload")].toObject(), payload);
    // The stored request headers mask the token.
    const QJsonObject stored =
        attemptLog(harness.delivery(id, QStringLiteral("m")))[0][QStringLiteral("request_headers")]
            .toObject();
    QVERIFY(!stored[QStringLiteral("X-Hub-Token")].toString().contains(kToken));
}

void TestDispatcher::asyncWithRelativeUpdateUrlPollsUntilSync()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    int polls = 0;
    endpoint.setHandler([&polls](const RecordedRequest &request) {
        const QString id = messageIdOf(request);
        if (request.path() == "/jobs/poll/7" && ++polls >= 3)
            return ScriptedResponse::json(
                200, {{QStringLiteral("message_id"), id}, {QStringLiteral("done"), true}});
        return ScriptedResponse::json(200, {{QStringLiteral("message_id"), id},
                                            {QStringLiteral("delay"), 0.05},
                                            {QStringLiteral("update_url"), QStringLiteral("poll/7")}});
    });
    EngineHarness harness;
    QCOMPARE(harness.importConfig(configWith(
                 endpoint, {testMapping(QStringLiteral("slow"), QStringLiteral("ep"),
                                        QStringLiteral("/jobs/start"), {QStringLiteral("order:new")})})),
             QString());
    const QString id = harness.push(QStringLiteral("order:new"), {{QStringLiteral("n"), 1}});
    QVERIFY(harness.runUntilIdle());
    const QJsonObject delivery = harness.delivery(id, QStringLiteral("slow"));
    QCOMPARE(delivery[QStringLiteral("state")].toString(), QStringLiteral("delivered"));
    const QJsonArray log = attemptLog(delivery);
    QCOMPARE(log.size(), 4);
    QCOMPARE(log[0][QStringLiteral("outcome")].toString(), QStringLiteral("async"));
    QCOMPARE(log[0][QStringLiteral("kind")].toString(), QStringLiteral("post"));
    for (int i = 1; i < 4; ++i) {
        QCOMPARE(log[i][QStringLiteral("kind")].toString(), QStringLiteral("update"));
        // "poll/7" resolves against the service URL /jobs/start.
        QCOMPARE(QUrl(log[i][QStringLiteral("url")].toString()).path(), QStringLiteral("/jobs/poll/7"));
    }
    QCOMPARE(log[3][QStringLiteral("outcome")].toString(), QStringLiteral("delivered"));
    const QList<RecordedRequest> updates = endpoint.requestsTo("/jobs/poll/7");
    QCOMPARE(updates.size(), 3);
    for (const RecordedRequest &update : updates) {
        QCOMPARE(update.method, QByteArray("POST"));
        QCOMPARE(messageIdOf(update), id); // each poll carries the original message
        QCOMPARE(update.json()[QStringLiteral("payload")][QStringLiteral("n")].toInt(), 1);
    }
}

void TestDispatcher::asyncWithAbsoluteUpdateUrl()
{
    // An absolute update_url on the endpoint's own origin (scheme, host and port) is polled.
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    const QString updateUrl = endpoint.url(QStringLiteral("/status")).toString();
    endpoint.setHandler([updateUrl](const RecordedRequest &request) {
        if (request.path() == "/status")
            return ScriptedResponse::json(200, {{QStringLiteral("message_id"), messageIdOf(request)}});
        return ScriptedResponse::json(200, {{QStringLiteral("message_id"), messageIdOf(request)},
                                            {QStringLiteral("delay"), 0},
                                            {QStringLiteral("update_url"), updateUrl}});
    });
    EngineHarness harness;
    QCOMPARE(harness.importConfig(
                 configWith(endpoint, {testMapping(QStringLiteral("m"), QStringLiteral("ep"),
                                                   QStringLiteral("/"), {QStringLiteral("order:new")})})),
             QString());
    const QString id = harness.push(QStringLiteral("order:new"));
    QVERIFY(harness.runUntilIdle());
    QCOMPARE(endpoint.requestCount(), 2);
    QCOMPARE(endpoint.requestsTo("/status").size(), 1);
    QCOMPARE(messageIdOf(endpoint.requestsTo("/status").first()), id);
    QCOMPARE(endpoint.requestsTo("/status").first().headers.value("x-hub-token"), kToken.toUtf8());
    QCOMPARE(harness.delivery(id, QStringLiteral("m"))[QStringLiteral("state")].toString(),
             QStringLiteral("delivered"));
}

// The token, the signature and the secret parameters go with every poll, so an update_url on another
// origin is refused: that host receives nothing, the attempt says why, and the retries are the POST.
void TestDispatcher::updateUrlOnAnotherOriginIsRefused()
{
    ScriptedEndpoint endpoint;
    ScriptedEndpoint other;
    QVERIFY(endpoint.listen());
    QVERIFY(other.listen());
    const QString updateUrl = other.url(QStringLiteral("/ok")).toString();
    endpoint.setHandler([updateUrl](const RecordedRequest &request) {
        return ScriptedResponse::json(200, {{QStringLiteral("message_id"), messageIdOf(request)},
                                            {QStringLiteral("delay"), 0},
                                            {QStringLiteral("update_url"), updateUrl}});
    });
    QJsonObject mapping = testMapping(QStringLiteral("m"), QStringLiteral("ep"), QStringLiteral("/jobs"),
                                      {QStringLiteral("order:new")});
    mapping.insert(QStringLiteral("parameters"), QJsonArray{QStringLiteral("shipper.api_key")});
    const QJsonArray parameters{QJsonObject{{QStringLiteral("name"), QStringLiteral("shipper.api_key")},
                                            {QStringLiteral("value"), QStringLiteral("sk_live_secret_value")},
                                            {QStringLiteral("secret"), true}}};
    EngineHarness harness;
    QCOMPARE(harness.importConfig(configWith(endpoint, {mapping}, parameters)), QString());
    const QString id = harness.push(QStringLiteral("order:new"));
    QVERIFY(harness.runUntilIdle());

    QCOMPARE(other.requestCount(), 0);
    // The first try and the two retries of the schedule: each the original POST, none a poll.
    const QList<RecordedRequest> posts = endpoint.requestsTo("/jobs");
    QCOMPARE(endpoint.requestCount(), 3);
    QCOMPARE(posts.size(), 3);
    const QString reason =
        QStringLiteral("update_url %1 is on another origin than the endpoint %2; refused so "
                       "the token is not sent there")
            .arg(updateUrl, endpoint.url().toString());
    const QJsonObject delivery = harness.delivery(id, QStringLiteral("m"));
    QCOMPARE(delivery[QStringLiteral("state")].toString(), QStringLiteral("parked"));
    QCOMPARE(delivery[QStringLiteral("last_error")].toString(), reason);
    QCOMPARE(delivery[QStringLiteral("update_url")], QJsonValue());
    const QJsonArray log = attemptLog(delivery);
    QCOMPARE(log.size(), 3);
    for (const QJsonValue &attempt : log) {
        QCOMPARE(attempt[QStringLiteral("kind")].toString(), QStringLiteral("post"));
        QCOMPARE(attempt[QStringLiteral("outcome")].toString(), QStringLiteral("failed"));
        QCOMPARE(attempt[QStringLiteral("error")].toString(), reason);
        QCOMPARE(QUrl(attempt[QStringLiteral("url")].toString()).port(), endpoint.port());
    }
}

// An update_url stored before the check existed, or before the endpoint moved to another origin, is not
// polled either: the poll is refused before anything is sent, and the delivery starts over with a POST to
// the endpoint's URL.
void TestDispatcher::storedUpdateUrlOnAnotherOriginIsNotPolled()
{
    ScriptedEndpoint oldHost;
    ScriptedEndpoint newHost;
    QVERIFY(oldHost.listen());
    QVERIFY(newHost.listen());
    oldHost.setHandler([](const RecordedRequest &request) {
        return ScriptedResponse::json(200, {{QStringLiteral("message_id"), messageIdOf(request)},
                                            {QStringLiteral("delay"), 3600},
                                            {QStringLiteral("update_url"), QStringLiteral("/poll")}});
    });
    const QJsonObject mapping = testMapping(QStringLiteral("m"), QStringLiteral("ep"), QStringLiteral("/"),
                                            {QStringLiteral("order:new")});
    EngineHarness harness;
    QCOMPARE(harness.importConfig(configWith(oldHost, {mapping})), QString());
    QVERIFY(harness.start());
    const QString id = harness.push(QStringLiteral("order:new"));
    QTRY_COMPARE(harness.delivery(id, QStringLiteral("m"))[QStringLiteral("state")].toString(),
                 QStringLiteral("waiting"));
    const QString storedUrl = oldHost.url(QStringLiteral("/poll")).toString();
    QCOMPARE(harness.delivery(id, QStringLiteral("m"))[QStringLiteral("update_url")].toString(), storedUrl);

    // The endpoint moves; the poll is made due now rather than in an hour.
    QCOMPARE(harness.importConfig(configWith(newHost, {mapping})), QString());
    QSqlQuery due =
        harness.db().prepare(QStringLiteral("UPDATE deliveries SET due_at = 0 WHERE state = 'waiting'"));
    QString error;
    QVERIFY2(harness.db().exec(due, &error), qPrintable(error));
    harness.engine().wake();
    QVERIFY(harness.runUntilIdle());

    QCOMPARE(oldHost.requestCount(), 1); // the first POST only, no poll
    QCOMPARE(newHost.requestsTo("/").size(), 1);
    QCOMPARE(newHost.requestsTo("/").first().headers.value("x-hub-token"), kToken.toUtf8());
    const QJsonObject delivery = harness.delivery(id, QStringLiteral("m"));
    QCOMPARE(delivery[QStringLiteral("state")].toString(), QStringLiteral("delivered"));
    const QJsonArray log = attemptLog(delivery);
    QCOMPARE(log.size(), 3);
    QCOMPARE(log[1][QStringLiteral("kind")].toString(), QStringLiteral("update"));
    QCOMPARE(log[1][QStringLiteral("outcome")].toString(), QStringLiteral("failed"));
    QCOMPARE(log[1][QStringLiteral("status")].toInt(), 0);
    QCOMPARE(
        log[1][QStringLiteral("error")].toString(),
        QStringLiteral("update_url %1 is on another origin than the endpoint %2; refused so the token is "
                       "not sent there")
            .arg(storedUrl, newHost.url().toString()));
    QCOMPARE(log[2][QStringLiteral("kind")].toString(), QStringLiteral("post"));
    QCOMPARE(log[2][QStringLiteral("outcome")].toString(), QStringLiteral("delivered"));
}

// update_origins names the status service an endpoint hands its polls to: an update_url there is polled
// with the token, while one on any other origin is still refused and that host receives nothing.
void TestDispatcher::updateUrlOnAListedOriginIsPolled()
{
    ScriptedEndpoint endpoint;
    ScriptedEndpoint status;
    ScriptedEndpoint other;
    QVERIFY(endpoint.listen());
    QVERIFY(status.listen());
    QVERIFY(other.listen());
    const QString listedUrl = status.url(QStringLiteral("/jobs/7")).toString();
    const QString refusedUrl = other.url(QStringLiteral("/jobs/8")).toString();
    endpoint.setHandler([listedUrl, refusedUrl](const RecordedRequest &request) {
        const bool listed = request.json()[QStringLiteral("payload")][QStringLiteral("listed")].toBool();
        return ScriptedResponse::json(200, {{QStringLiteral("message_id"), messageIdOf(request)},
                                            {QStringLiteral("delay"), 0},
                                            {QStringLiteral("update_url"), listed ? listedUrl : refusedUrl}});
    });
    status.setHandler([](const RecordedRequest &request) {
        return ScriptedResponse::json(200, {{QStringLiteral("message_id"), messageIdOf(request)}});
    });
    QJsonObject config =
        configWith(endpoint, {testMapping(QStringLiteral("m"), QStringLiteral("ep"), QStringLiteral("/jobs"),
                                          {QStringLiteral("order:new")})});
    QJsonObject withOrigins = config.value(QStringLiteral("endpoints")).toArray().at(0).toObject();
    withOrigins.insert(QStringLiteral("update_origins"), QJsonArray{status.url().toString()});
    config.insert(QStringLiteral("endpoints"), QJsonArray{withOrigins});
    EngineHarness harness;
    QCOMPARE(harness.importConfig(config), QString());
    const QString listed = harness.push(QStringLiteral("order:new"), {{QStringLiteral("listed"), true}});
    const QString refused = harness.push(QStringLiteral("order:new"), {{QStringLiteral("listed"), false}});
    QVERIFY(harness.runUntilIdle());

    QCOMPARE(status.requestsTo("/jobs/7").size(), 1);
    QCOMPARE(messageIdOf(status.requestsTo("/jobs/7").first()), listed);
    QCOMPARE(status.requestsTo("/jobs/7").first().headers.value("x-hub-token"), kToken.toUtf8());
    QCOMPARE(harness.delivery(listed, QStringLiteral("m"))[QStringLiteral("state")].toString(),
             QStringLiteral("delivered"));

    QCOMPARE(other.requestCount(), 0);
    const QJsonObject delivery = harness.delivery(refused, QStringLiteral("m"));
    QCOMPARE(delivery[QStringLiteral("state")].toString(), QStringLiteral("parked"));
    QCOMPARE(delivery[QStringLiteral("last_error")].toString(),
             QStringLiteral("update_url %1 is on another origin than the endpoint %2 and not in its "
                            "update_origins; refused so the token is not sent to %3")
                 .arg(refusedUrl, endpoint.url().toString(), other.url().toString()));
}

void TestDispatcher::failureWith500JsonBodyIsKept()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    endpoint.setHandler([](const RecordedRequest &) {
        return ScriptedResponse::json(
            500,
            {{QStringLiteral("error"), QStringLiteral("SMTP relay refused the message")},
             {QStringLiteral("notifications"),
              QJsonArray{QJsonObject{{QStringLiteral("level"), QStringLiteral("error")},
                                     {QStringLiteral("subject"), QStringLiteral("Relay down")},
                                     {QStringLiteral("description"), QStringLiteral("smtp.example")}}}}});
    });
    EngineHarness harness;
    QCOMPARE(harness.importConfig(configWith(
                 endpoint,
                 {testMapping(QStringLiteral("m"), QStringLiteral("ep"), QStringLiteral("/x"),
                              {QStringLiteral("order:new")}, {{QStringLiteral("retries_allowed"), false}})})),
             QString());
    const QString id = harness.push(QStringLiteral("order:new"));
    QVERIFY(harness.runUntilIdle());
    const QJsonObject delivery = harness.delivery(id, QStringLiteral("m"));
    QCOMPARE(delivery[QStringLiteral("state")].toString(), QStringLiteral("parked"));
    QCOMPARE(delivery[QStringLiteral("last_status")].toInt(), 500);
    QVERIFY(delivery[QStringLiteral("last_error")].toString().contains(
        QStringLiteral("SMTP relay refused the message")));
    const QJsonObject attempt = attemptLog(delivery)[0].toObject();
    QVERIFY(
        attempt[QStringLiteral("response_body")].toString().contains(QStringLiteral("\"SMTP relay refused")));
    QCOMPARE(attempt[QStringLiteral("status")].toInt(), 500);
    // Notifications in a failure's body are honoured, and the parked delivery adds its own error.
    QStringList subjects;
    for (const QJsonValue &n : harness.show(id)[QStringLiteral("notifications")].toArray())
        subjects << n[QStringLiteral("subject")].toString();
    QVERIFY(subjects.contains(QStringLiteral("Relay down")));
    QVERIFY(subjects.contains(QStringLiteral("Delivery parked: m")));
}

void TestDispatcher::notFoundIsAFailure()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    endpoint.setHandler([](const RecordedRequest &) { return ScriptedResponse::text(404, "no such route"); });
    EngineHarness harness;
    QCOMPARE(harness.importConfig(configWith(
                 endpoint, {testMapping(QStringLiteral("m"), QStringLiteral("ep"), QStringLiteral("/missing"),
                                        {QStringLiteral("order:new")})})),
             QString());
    const QString id = harness.push(QStringLiteral("order:new"));
    QVERIFY(harness.runUntilIdle());
    const QJsonObject delivery = harness.delivery(id, QStringLiteral("m"));
    QCOMPARE(delivery[QStringLiteral("state")].toString(), QStringLiteral("parked"));
    QCOMPARE(delivery[QStringLiteral("attempts")].toInt(), 3); // 1 + the two retries of the test schedule
    QCOMPARE(delivery[QStringLiteral("last_status")].toInt(), 404);
    QVERIFY(delivery[QStringLiteral("last_error")].toString().startsWith(QStringLiteral("HTTP 404")));
    QCOMPARE(endpoint.requestCount(), 3);
}

void TestDispatcher::nonJson200IsAFailure()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    endpoint.setHandler(
        [](const RecordedRequest &) { return ScriptedResponse::text(200, "<html>OK</html>", "text/html"); });
    EngineHarness harness;
    QCOMPARE(harness.importConfig(configWith(
                 endpoint,
                 {testMapping(QStringLiteral("m"), QStringLiteral("ep"), QStringLiteral("/"),
                              {QStringLiteral("order:new")}, {{QStringLiteral("retries_allowed"), false}})})),
             QString());
    const QString id = harness.push(QStringLiteral("order:new"));
    QVERIFY(harness.runUntilIdle());
    const QJsonObject delivery = harness.delivery(id, QStringLiteral("m"));
    QCOMPARE(delivery[QStringLiteral("state")].toString(), QStringLiteral("parked"));
    QCOMPARE(delivery[QStringLiteral("last_status")].toInt(), 200);
    QVERIFY2(delivery[QStringLiteral("last_error")].toString().contains(QStringLiteral("not JSON")),
             qPrintable(delivery[QStringLiteral("last_error")].toString()));
}

void TestDispatcher::redirectIsNotFollowed()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    endpoint.setHandler([&endpoint](const RecordedRequest &) {
        ScriptedResponse response;
        response.status = 302;
        response.headers = {{"Location", endpoint.url(QStringLiteral("/elsewhere")).toString().toUtf8()}};
        return response;
    });
    EngineHarness harness;
    QCOMPARE(harness.importConfig(configWith(
                 endpoint,
                 {testMapping(QStringLiteral("m"), QStringLiteral("ep"), QStringLiteral("/"),
                              {QStringLiteral("order:new")}, {{QStringLiteral("retries_allowed"), false}})})),
             QString());
    const QString id = harness.push(QStringLiteral("order:new"));
    QVERIFY(harness.runUntilIdle());
    const QJsonObject delivery = harness.delivery(id, QStringLiteral("m"));
    QCOMPARE(delivery[QStringLiteral("state")].toString(), QStringLiteral("parked"));
    QCOMPARE(delivery[QStringLiteral("last_status")].toInt(), 302);
    QVERIFY(delivery[QStringLiteral("last_error")].toString().contains(QStringLiteral("not followed")));
    QVERIFY(endpoint.requestsTo("/elsewhere").isEmpty());
}

void TestDispatcher::timeoutIsAFailure()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    endpoint.setHandler([](const RecordedRequest &) {
        ScriptedResponse response;
        response.hang = true;
        return response;
    });
    EngineHarness harness;
    QCOMPARE(harness.importConfig(
                 configWith(endpoint, {testMapping(QStringLiteral("m"), QStringLiteral("ep"),
                                                   QStringLiteral("/"), {QStringLiteral("order:new")},
                                                   {{QStringLiteral("retries_allowed"), false},
                                                    {QStringLiteral("timeout"), 0.3}})})),
             QString());
    const QString id = harness.push(QStringLiteral("order:new"));
    QVERIFY(harness.runUntilIdle());
    const QJsonObject delivery = harness.delivery(id, QStringLiteral("m"));
    QCOMPARE(delivery[QStringLiteral("state")].toString(), QStringLiteral("parked"));
    QVERIFY(delivery[QStringLiteral("last_status")].isNull());
    QVERIFY2(delivery[QStringLiteral("last_error")].toString().contains(QStringLiteral("within 0.3 s")),
             qPrintable(delivery[QStringLiteral("last_error")].toString()));
    QVERIFY(attemptLog(delivery)[0][QStringLiteral("duration_ms")].toInt() >= 250);
}

void TestDispatcher::connectionRefusedIsAFailure()
{
    QTcpServer reserve;
    QVERIFY(reserve.listen(QHostAddress::LocalHost));
    const quint16 port = reserve.serverPort();
    reserve.close(); // nothing listens there now
    EngineHarness harness;
    const QJsonObject config{
        {QStringLiteral("endpoints"),
         QJsonArray{
             testEndpoint(QStringLiteral("ep"), QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)))}},
        {QStringLiteral("mappings"),
         QJsonArray{testMapping(QStringLiteral("m"), QStringLiteral("ep"), QStringLiteral("/"),
                                {QStringLiteral("order:new")})}}};
    QCOMPARE(harness.importConfig(config), QString());
    const QString id = harness.push(QStringLiteral("order:new"));
    QVERIFY(harness.runUntilIdle());
    const QJsonObject delivery = harness.delivery(id, QStringLiteral("m"));
    QCOMPARE(delivery[QStringLiteral("state")].toString(), QStringLiteral("parked"));
    QCOMPARE(delivery[QStringLiteral("attempts")].toInt(), 3);
    QVERIFY2(delivery[QStringLiteral("last_error")].toString().contains(QStringLiteral("connection refused")),
             qPrintable(delivery[QStringLiteral("last_error")].toString()));
}

void TestDispatcher::garbageAndOversizedBodiesAreFailures()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    endpoint.setHandler([](const RecordedRequest &request) {
        ScriptedResponse response;
        if (request.path() == "/garbage")
            response.raw = QByteArrayLiteral("\x01\x02 this is not HTTP at all\r\n\r\n");
        else
            response.streamBytes = 200LL * 1024 * 1024; // 200 MiB that must not be read whole
        return response;
    });
    EngineHarness harness;
    const QJsonObject noRetry{{QStringLiteral("retries_allowed"), false}};
    QCOMPARE(harness.importConfig(configWith(
                 endpoint, {testMapping(QStringLiteral("garbage"), QStringLiteral("ep"),
                                        QStringLiteral("/garbage"), {QStringLiteral("order:new")}, noRetry),
                            testMapping(QStringLiteral("huge"), QStringLiteral("ep"), QStringLiteral("/huge"),
                                        {QStringLiteral("order:new")}, noRetry)})),
             QString());
    const QString id = harness.push(QStringLiteral("order:new"));
    QVERIFY(harness.runUntilIdle(60000));
    const QJsonObject garbage = harness.delivery(id, QStringLiteral("garbage"));
    QCOMPARE(garbage[QStringLiteral("state")].toString(), QStringLiteral("parked"));
    QVERIFY(!garbage[QStringLiteral("last_error")].toString().isEmpty());
    const QJsonObject huge = harness.delivery(id, QStringLiteral("huge"));
    QCOMPARE(huge[QStringLiteral("state")].toString(), QStringLiteral("parked"));
    QVERIFY2(huge[QStringLiteral("last_error")].toString().contains(QStringLiteral("larger than 1 MiB")),
             qPrintable(huge[QStringLiteral("last_error")].toString()));
    const QJsonObject attempt = attemptLog(huge)[0].toObject();
    QVERIFY(attempt[QStringLiteral("response_truncated")].toBool());
    QCOMPARE(attempt[QStringLiteral("response_body")].toString().size(), 1024 * 1024);
}

void TestDispatcher::scheduleGivesGrowingGapsThenParks()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    endpoint.setHandler([](const RecordedRequest &) { return ScriptedResponse::text(503, "busy"); });
    EngineHarness harness;
    const QJsonArray schedule{0.1, 0.3, 0.9};
    QCOMPARE(harness.importConfig(
                 configWith(endpoint, {testMapping(QStringLiteral("m"), QStringLiteral("ep"),
                                                   QStringLiteral("/"), {QStringLiteral("order:new")},
                                                   {{QStringLiteral("retry_schedule"), schedule}})})),
             QString());
    const QString id = harness.push(QStringLiteral("order:new"));
    QVERIFY(harness.runUntilIdle());
    const QList<RecordedRequest> requests = endpoint.requests();
    QCOMPARE(requests.size(), 4); // the first try and one per scheduled delay
    QList<qint64> gaps;
    for (int i = 1; i < requests.size(); ++i)
        gaps << requests[i].receivedAtMs - requests[i - 1].receivedAtMs;
    for (int i = 0; i < gaps.size(); ++i) {
        // Jitter is ±20 %: never sooner than 80 % of the delay (less a timer's coarseness).
        QVERIFY2(gaps[i] >= qint64(schedule[i].toDouble() * 1000 * 0.75),
                 qPrintable(QStringLiteral("gap %1 was %2 ms").arg(i).arg(gaps[i])));
    }
    QVERIFY2(gaps[0] < gaps[1] && gaps[1] < gaps[2],
             qPrintable(QStringLiteral("gaps %1 %2 %3").arg(gaps[0]).arg(gaps[1]).arg(gaps[2])));
    const QJsonObject delivery = harness.delivery(id, QStringLiteral("m"));
    QCOMPARE(delivery[QStringLiteral("state")].toString(), QStringLiteral("parked"));
    QCOMPARE(delivery[QStringLiteral("attempts")].toInt(), 4);
    QVERIFY(delivery[QStringLiteral("reason")].toString().contains(QStringLiteral("4 attempts")));
}

void TestDispatcher::retryAfterIsHonoured()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    endpoint.setHandler([](const RecordedRequest &request) {
        if (request.path() == "/limited")
            return ScriptedResponse::text(429, "slow down", "text/plain");
        return ScriptedResponse::json(200, {{QStringLiteral("message_id"), messageIdOf(request)}});
    });
    // Every 429 asks for one second; the schedule alone would retry after 50 ms.
    endpoint.setHandler([](const RecordedRequest &request) {
        Q_UNUSED(request);
        ScriptedResponse response = ScriptedResponse::text(429, "slow down");
        response.headers = {{"Retry-After", "1"}};
        return response;
    });
    EngineHarness harness;
    QCOMPARE(harness.importConfig(
                 configWith(endpoint, {testMapping(QStringLiteral("m"), QStringLiteral("ep"),
                                                   QStringLiteral("/limited"), {QStringLiteral("order:new")},
                                                   {{QStringLiteral("retry_schedule"), QJsonArray{0.05}}})})),
             QString());
    harness.push(QStringLiteral("order:new"));
    QVERIFY(harness.runUntilIdle());
    const QList<RecordedRequest> requests = endpoint.requests();
    QCOMPARE(requests.size(), 2);
    QVERIFY2(
        requests[1].receivedAtMs - requests[0].receivedAtMs >= 950,
        qPrintable(
            QStringLiteral("retried after %1 ms").arg(requests[1].receivedAtMs - requests[0].receivedAtMs)));
}

void TestDispatcher::retriesNotAllowedParksAtOnce()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    endpoint.setHandler([](const RecordedRequest &) { return ScriptedResponse::text(500, "down"); });
    EngineHarness harness;
    QCOMPARE(harness.importConfig(configWith(
                 endpoint,
                 {testMapping(QStringLiteral("m"), QStringLiteral("ep"), QStringLiteral("/"),
                              {QStringLiteral("order:new")}, {{QStringLiteral("retries_allowed"), false}})})),
             QString());
    const QString id = harness.push(QStringLiteral("order:new"));
    QVERIFY(harness.runUntilIdle());
    QCOMPARE(endpoint.requestCount(), 1);
    const QJsonObject delivery = harness.delivery(id, QStringLiteral("m"));
    QCOMPARE(delivery[QStringLiteral("state")].toString(), QStringLiteral("parked"));
    QVERIFY(delivery[QStringLiteral("reason")].toString().contains(QStringLiteral("does not allow retries")));
}

void TestDispatcher::everyFilterOperatorRoutesOrSkips()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    struct Case
    {
        const char *op;
        const char *path;
        QJsonValue value;
        const char *matchRule;
    };
    const QList<Case> cases{
        {"eq", "payload.order.status", QStringLiteral("complete"), "all"},
        {"neq", "payload.order.status", QStringLiteral("canceled"), "all"},
        {"gt", "payload.order.total", 100, "all"},
        {"lt", "payload.order.item_count", QStringLiteral("5"), "all"},
        {"begin", "payload.order.number", QStringLiteral("R10"), "all"},
        {"contains", "payload.order.email", QStringLiteral("@example"), "all"},
        {"end", "payload.order.email", QStringLiteral(".com"), "all"},
        {"present", "payload.order.shipments.*.number", QJsonValue(), "all"},
        {"empty", "payload.order.coupon", QJsonValue(), "all"},
        {"match", "payload.order.line_items.*.sku", QStringLiteral("^SKU-[0-9]+$"), "all"},
        {"eq", "payload.order.line_items.*.sku", QStringLiteral("SKU-2"), "any"},
    };
    QList<QJsonObject> mappings;
    for (int i = 0; i < cases.size(); ++i) {
        QJsonObject filter{{QStringLiteral("path"), QString::fromLatin1(cases[i].path)},
                           {QStringLiteral("operator"), QString::fromLatin1(cases[i].op)},
                           {QStringLiteral("match_rule"), QString::fromLatin1(cases[i].matchRule)}};
        if (!cases[i].value.isNull())
            filter.insert(QStringLiteral("value"), cases[i].value);
        QJsonObject mapping = testMapping(QStringLiteral("f%1").arg(i), QStringLiteral("ep"),
                                          QStringLiteral("/f%1").arg(i), {QStringLiteral("order:new")});
        mapping.insert(QStringLiteral("filters"), QJsonArray{filter});
        mappings << mapping;
    }
    EngineHarness harness;
    QCOMPARE(harness.importConfig(configWith(endpoint, mappings)), QString());
    auto order = [](const QString &status, double total, const QString &number, const QString &email,
                    const QJsonArray &shipments, const QJsonValue &coupon, const QStringList &skus) {
        QJsonArray items;
        for (const QString &sku : skus)
            items.append(QJsonObject{{QStringLiteral("sku"), sku}});
        return QJsonObject{
            {QStringLiteral("order"), QJsonObject{{QStringLiteral("status"), status},
                                                  {QStringLiteral("total"), total},
                                                  {QStringLiteral("number"), number},
                                                  {QStringLiteral("email"), email},
                                                  {QStringLiteral("shipments"), shipments},
                                                  {QStringLiteral("coupon"), coupon},
                                                  {QStringLiteral("line_items"), items},
                                                  {QStringLiteral("item_count"), total > 100 ? 2 : 9}}}};
    };
    const QString passing = harness.push(
        QStringLiteral("order:new"),
        order(QStringLiteral("complete"), 250, QStringLiteral("R104"), QStringLiteral("a@example.com"),
              QJsonArray{QJsonObject{{QStringLiteral("number"), QStringLiteral("H1")}}}, QString(),
              {QStringLiteral("SKU-1"), QStringLiteral("SKU-2")}));
    const QString failing =
        harness.push(QStringLiteral("order:new"),
                     order(QStringLiteral("canceled"), 50, QStringLiteral("X1"), QStringLiteral("a@shop.org"),
                           QJsonArray{QJsonObject{{QStringLiteral("number"), QString()}}},
                           QStringLiteral("SAVE10"), {QStringLiteral("SKU-1"), QStringLiteral("sku-x")}));
    QVERIFY(harness.runUntilIdle());
    for (int i = 0; i < cases.size(); ++i) {
        const QString mapping = QStringLiteral("f%1").arg(i);
        const QByteArray path = QStringLiteral("/f%1").arg(i).toUtf8();
        QCOMPARE(harness.delivery(passing, mapping)[QStringLiteral("state")].toString(),
                 QStringLiteral("delivered"));
        const QJsonObject skipped = harness.delivery(failing, mapping);
        QVERIFY2(skipped[QStringLiteral("state")].toString() == QLatin1String("skipped"), cases[i].op);
        QVERIFY(
            skipped[QStringLiteral("reason")].toString().startsWith(QStringLiteral("filter did not match")));
        const QList<RecordedRequest> received = endpoint.requestsTo(path);
        QCOMPARE(received.size(), 1);
        QCOMPARE(messageIdOf(received[0]), passing);
    }
}

void TestDispatcher::identifiersDeduplicatePerMapping()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    QJsonObject unique = testMapping(QStringLiteral("ship"), QStringLiteral("ep"), QStringLiteral("/ship"),
                                     {QStringLiteral("shipment:ready")});
    unique.insert(
        QStringLiteral("identifiers"),
        QJsonObject{{QStringLiteral("order_number"), QStringLiteral("payload.shipment.order_number")},
                    {QStringLiteral("shipment_number"), QStringLiteral("payload.shipment.number")}});
    const QJsonObject every = testMapping(QStringLiteral("audit"), QStringLiteral("ep"),
                                          QStringLiteral("/audit"), {QStringLiteral("shipment:ready")});
    EngineHarness harness;
    QCOMPARE(harness.importConfig(configWith(endpoint, {unique, every})), QString());
    auto shipment = [](const QString &order, const QString &number) {
        return QJsonObject{{QStringLiteral("shipment"), QJsonObject{{QStringLiteral("order_number"), order},
                                                                    {QStringLiteral("number"), number}}}};
    };
    const QString first =
        harness.push(QStringLiteral("shipment:ready"), shipment(QStringLiteral("R1"), QStringLiteral("H1")));
    const QString again =
        harness.push(QStringLiteral("shipment:ready"), shipment(QStringLiteral("R1"), QStringLiteral("H1")));
    const QString other =
        harness.push(QStringLiteral("shipment:ready"), shipment(QStringLiteral("R1"), QStringLiteral("H2")));
    QVERIFY(harness.runUntilIdle());
    QCOMPARE(endpoint.requestsTo("/ship").size(), 2);
    QCOMPARE(endpoint.requestsTo("/audit").size(), 3); // identifiers are per mapping
    QCOMPARE(harness.delivery(first, QStringLiteral("ship"))[QStringLiteral("state")].toString(),
             QStringLiteral("delivered"));
    QCOMPARE(harness.delivery(other, QStringLiteral("ship"))[QStringLiteral("state")].toString(),
             QStringLiteral("delivered"));
    const QJsonObject duplicate = harness.delivery(again, QStringLiteral("ship"));
    QCOMPARE(duplicate[QStringLiteral("state")].toString(), QStringLiteral("skipped"));
    QVERIFY2(duplicate[QStringLiteral("reason")].toString().contains(first),
             qPrintable(duplicate[QStringLiteral("reason")].toString()));
}

void TestDispatcher::parametersAreInjectedAndUpdatedByResponses()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    answerWithNewBatchSize(&endpoint);
    QJsonObject mapping = testMapping(QStringLiteral("m"), QStringLiteral("ep"), QStringLiteral("/"),
                                      {QStringLiteral("order:new")});
    mapping.insert(QStringLiteral("parameters"),
                   QJsonArray{QStringLiteral("shipper.batch"), QStringLiteral("shipper.api_key")});
    const QJsonArray parameters{
        QJsonObject{{QStringLiteral("name"), QStringLiteral("shipper.batch")}, {QStringLiteral("value"), 5}},
        QJsonObject{{QStringLiteral("name"), QStringLiteral("shipper.api_key")},
                    {QStringLiteral("value"), QStringLiteral("sk_live_secret_value")},
                    {QStringLiteral("secret"), true}},
        QJsonObject{{QStringLiteral("name"), QStringLiteral("unused.value")},
                    {QStringLiteral("value"), true}}};
    EngineHarness harness;
    QCOMPARE(harness.importConfig(configWith(endpoint, {mapping}, parameters)), QString());
    const QString first = harness.push(QStringLiteral("order:new"), {{QStringLiteral("order"), 1}});
    QVERIFY(harness.runUntilIdle());
    const QString second = harness.push(QStringLiteral("order:new"), {{QStringLiteral("order"), 2}});
    QVERIFY(harness.runUntilIdle());
    const QList<RecordedRequest> requests = endpoint.requests();
    QCOMPARE(requests.size(), 2);
    auto injected = [](const RecordedRequest &request) {
        QJsonObject values;
        for (const QJsonValue &p :
             request.json()[QStringLiteral("payload")][QStringLiteral("parameters")].toArray())
            values.insert(p[QStringLiteral("name")].toString(), p[QStringLiteral("value")]);
        return values;
    };
    QCOMPARE(injected(requests[0]),
             (QJsonObject{{QStringLiteral("shipper.batch"), 5},
                          {QStringLiteral("shipper.api_key"), QStringLiteral("sk_live_secret_value")}}));
    QCOMPARE(injected(requests[1]),
             (QJsonObject{{QStringLiteral("shipper.batch"), 8},
                          {QStringLiteral("shipper.api_key"), QStringLiteral("sk_live_secret_value")}}));
    // Injection happens at send time: the stored message has no parameters.
    QVERIFY(
        !harness.show(first)[QStringLiteral("payload")].toObject().contains(QStringLiteral("parameters")));
    QVERIFY(
        !harness.show(second)[QStringLiteral("payload")].toObject().contains(QStringLiteral("parameters")));
}

// A saved parameter bumps config_version for other engines, but this dispatcher's cache already has the
// value: it does not reload every endpoint and read every secret from the keychain again. A token changed
// in the keychain behind its back (no version bump) shows whether it did.
void TestDispatcher::parametersResponseDoesNotReloadTheConfiguration()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    EngineHarness harness;
    // Changed while the first request is out, before its answer is recorded: a reload would read it.
    bool changed = false;
    answerWithNewBatchSize(&endpoint, [&harness, &changed] {
        QString error;
        if (!changed)
            changed =
                harness.credentials().write(harness.db(), Endpoint::tokenKeyFor(QStringLiteral("ep")),
                                            QStringLiteral("tok_changed_without_a_version_bump"), &error);
    });
    QJsonObject mapping = testMapping(QStringLiteral("m"), QStringLiteral("ep"), QStringLiteral("/"),
                                      {QStringLiteral("order:new")});
    mapping.insert(QStringLiteral("parameters"), QJsonArray{QStringLiteral("shipper.batch")});
    const QJsonArray parameters{
        QJsonObject{{QStringLiteral("name"), QStringLiteral("shipper.batch")}, {QStringLiteral("value"), 5}}};
    QCOMPARE(harness.importConfig(configWith(endpoint, {mapping}, parameters)), QString());
    harness.push(QStringLiteral("order:new"), {{QStringLiteral("order"), 1}});
    QVERIFY(harness.runUntilIdle());
    QVERIFY(changed);
    harness.push(QStringLiteral("order:new"), {{QStringLiteral("order"), 2}});
    QVERIFY(harness.runUntilIdle());
    const QList<RecordedRequest> requests = endpoint.requests();
    QCOMPARE(requests.size(), 2);
    const QJsonArray injected =
        requests[1].json()[QStringLiteral("payload")][QStringLiteral("parameters")].toArray();
    QCOMPARE(injected.first()[QStringLiteral("value")].toInt(), 8);      // the cache has the new value
    QCOMPARE(requests[1].headers.value("x-hub-token"), kToken.toUtf8()); // and no secret was read again
}

void TestDispatcher::hopLimitStopsLoops()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    // An endpoint that answers every message with another message of the same type: a loop.
    endpoint.setHandler([](const RecordedRequest &request) {
        return ScriptedResponse::json(
            200, {{QStringLiteral("message_id"), messageIdOf(request)},
                  {QStringLiteral("messages"),
                   QJsonArray{QJsonObject{{QStringLiteral("message"), QStringLiteral("ping:again")},
                                          {QStringLiteral("payload"), QJsonObject{}}}}}});
    });
    EngineHarness harness;
    QCOMPARE(harness.importConfig(
                 configWith(endpoint, {testMapping(QStringLiteral("loop"), QStringLiteral("ep"),
                                                   QStringLiteral("/"), {QStringLiteral("ping:*")})})),
             QString());
    const QString first = harness.push(QStringLiteral("ping:start"));
    QVERIFY(harness.runUntilIdle(60000));
    // The first message and 16 generations of children are delivered; the 17th is refused.
    QCOMPARE(endpoint.requestCount(), 17);
    QCOMPARE(harness.messages().size(), 17);
    bool reported = false;
    for (const QJsonValue &message : harness.messages(QStringLiteral("ping:again"))) {
        for (const QJsonValue &n :
             harness.show(message[QStringLiteral("message_id")].toString())[QStringLiteral("notifications")]
                 .toArray())
            reported =
                reported || n[QStringLiteral("subject")].toString().contains(QStringLiteral("hop limit"));
    }
    QVERIFY(reported);
    QVERIFY(!first.isEmpty());
}

void TestDispatcher::perEndpointConcurrencyIsLimited()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    endpoint.setHandler([](const RecordedRequest &request) {
        ScriptedResponse response =
            ScriptedResponse::json(200, {{QStringLiteral("message_id"), messageIdOf(request)}});
        response.delayMs = 80;
        return response;
    });
    QJsonObject config =
        configWith(endpoint, {testMapping(QStringLiteral("m"), QStringLiteral("ep"), QStringLiteral("/"),
                                          {QStringLiteral("order:new")})});
    QJsonObject limited = testEndpoint(QStringLiteral("ep"), endpoint.url());
    limited.insert(QStringLiteral("max_in_flight"), 2);
    config.insert(QStringLiteral("endpoints"), QJsonArray{limited});
    EngineHarness harness;
    QCOMPARE(harness.importConfig(config), QString());
    QList<Message> batch;
    for (int i = 0; i < 10; ++i) {
        Message message;
        QString error;
        QVERIFY(Message::fromJson(QJsonObject{{QStringLiteral("message"), QStringLiteral("order:new")}},
                                  &message, &error));
        batch << message;
    }
    harness.pushAll(batch);
    QVERIFY(harness.runUntilIdle());
    const QList<RecordedRequest> requests = endpoint.requests();
    QCOMPARE(requests.size(), 10);
    // Each request is answered 80 ms after it arrives; at no arrival may two others still be open.
    int maxOpen = 0;
    for (const RecordedRequest &a : requests) {
        int open = 0;
        for (const RecordedRequest &b : requests)
            open += (b.receivedAtMs <= a.receivedAtMs && a.receivedAtMs < b.receivedAtMs + 80) ? 1 : 0;
        maxOpen = qMax(maxOpen, open);
    }
    QVERIFY2(maxOpen <= 2, qPrintable(QStringLiteral("%1 requests open at once").arg(maxOpen)));
    QVERIFY(maxOpen == 2); // and the limit is used, not serialised to one
}

QTEST_GUILESS_MAIN(TestDispatcher)
#include "tst_dispatcher.moc"
