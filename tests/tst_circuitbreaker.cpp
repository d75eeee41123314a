// The circuit breaker end to end: a real engine, a real loopback endpoint that fails and recovers, and
// the shared endpoint_flow row every engine obeys.
#include "delivery/EndpointPauseControl.h"
#include "EngineHarness.h"
#include "ScriptedEndpoint.h"
#include "storage/MessageQuery.h"
#include "storage/NotificationLog.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

namespace {

QString messageIdOf(const RecordedRequest &request)
{
    return request.json().value(QStringLiteral("message_id")).toString();
}

} // namespace

class TestCircuitBreaker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void pausesAfterFailuresProbesAndResumesWithNothingParked();
    void pausesAtOnceOnGone();
    void neverPausesWithPauseAfterZero();
    void personPausesAndResumes();

private:
    QString configure(const QJsonObject &endpointOptions, const QJsonObject &mappingOptions = {});
    QString flowState();
    int scalar(const QString &sql);
    bool hasNotification(const QString &subject);

    std::unique_ptr<EngineHarness> harness_;
    std::unique_ptr<ScriptedEndpoint> endpoint_;
    int status_ = 200;
};

void TestCircuitBreaker::init()
{
    harness_ = std::make_unique<EngineHarness>();
    QVERIFY2(harness_->isValid(), qPrintable(harness_->error()));
    endpoint_ = std::make_unique<ScriptedEndpoint>();
    QVERIFY(endpoint_->listen());
    status_ = 200;
    endpoint_->setHandler([this](const RecordedRequest &request) {
        return ScriptedResponse::json(status_, {{QStringLiteral("message_id"), messageIdOf(request)}});
    });
}

void TestCircuitBreaker::cleanup()
{
    harness_.reset();
    endpoint_.reset();
}

QString TestCircuitBreaker::configure(const QJsonObject &endpointOptions, const QJsonObject &mappingOptions)
{
    QJsonObject endpoint = testEndpoint(QStringLiteral("erp"), endpoint_->url());
    for (auto it = endpointOptions.begin(); it != endpointOptions.end(); ++it)
        endpoint.insert(it.key(), it.value());
    return harness_->importConfig(
        {{QStringLiteral("endpoints"), QJsonArray{endpoint}},
         {QStringLiteral("mappings"),
          QJsonArray{testMapping(QStringLiteral("orders"), QStringLiteral("erp"), QStringLiteral("/orders"),
                                 {QStringLiteral("order:*")}, mappingOptions),
                     // Announcements are messages mappings can route: this one sends them to a pager.
                     testMapping(QStringLiteral("pager"), QStringLiteral("erp"), QStringLiteral("/pager"),
                                 {QStringLiteral("notification:*")})}}});
}

QString TestCircuitBreaker::flowState()
{
    QSqlQuery query(harness_->db().connection());
    if (!query.exec(
            QStringLiteral("SELECT f.state FROM endpoint_flow f JOIN endpoints e ON e.id = f.endpoint_id"
                           " WHERE e.name = 'erp'")) ||
        !query.next())
        return QStringLiteral("active");
    return query.value(0).toString();
}

int TestCircuitBreaker::scalar(const QString &sql)
{
    QSqlQuery query(harness_->db().connection());
    if (!query.exec(sql) || !query.next())
        return -1;
    return query.value(0).toInt();
}

bool TestCircuitBreaker::hasNotification(const QString &subject)
{
    QList<Notification> notifications;
    QString error;
    if (!NotificationLog(harness_->db()).list({}, {}, 100, &notifications, &error))
        return false;
    return std::any_of(notifications.cbegin(), notifications.cend(),
                       [&subject](const Notification &n) { return n.subject == subject; });
}

void TestCircuitBreaker::pausesAfterFailuresProbesAndResumesWithNothingParked()
{
    // Three retries only: without the pause, 20 messages failing for a while would park.
    QCOMPARE(configure({{QStringLiteral("pause_after"), 3},
                        {QStringLiteral("probe_interval"), 0.2},
                        {QStringLiteral("max_in_flight"), 2}},
                       {{QStringLiteral("retry_schedule"), QJsonArray{0.05, 0.05, 0.05}}}),
             QString());
    status_ = 503;
    QStringList ids;
    for (int i = 0; i < 20; ++i)
        ids << harness_->push(QStringLiteral("order:new"), {{QStringLiteral("n"), i}});
    QVERIFY(harness_->start());
    QTRY_COMPARE_WITH_TIMEOUT(flowState(), QStringLiteral("paused"), 20000);
    QVERIFY(hasNotification(QStringLiteral("Endpoint paused: erp")));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM messages WHERE type = 'notification:error'")), 1);
    // Probes fail and the interval doubles: 0.2 s, then 0.4 s, 0.8 s...
    QTRY_VERIFY_WITH_TIMEOUT(scalar(QStringLiteral("SELECT probe_interval_ms FROM endpoint_flow")) >= 800,
                             20000);
    // While paused, nothing used up its retries: no delivery parked, and the probes went one at a time
    // to a single delivery each.
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'parked'")), 0);
    QVERIFY(scalar(QStringLiteral("SELECT MAX(failures) FROM deliveries")) <= 3);
    status_ = 200;
    QVERIFY(harness_->runUntilIdle(30000));
    QCOMPARE(flowState(), QStringLiteral("active"));
    QVERIFY(hasNotification(QStringLiteral("Endpoint resumed: erp")));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM messages WHERE type = 'notification:info'")), 1);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state <> 'delivered'")), 0);
    // Every order arrived, and the pager got both announcements.
    QSet<QString> delivered;
    for (const RecordedRequest &request : endpoint_->requestsTo("/orders"))
        delivered.insert(messageIdOf(request));
    for (const QString &id : std::as_const(ids))
        QVERIFY2(delivered.contains(id), qPrintable(id));
    QTRY_VERIFY(endpoint_->requestsTo("/pager").size() >= 2);
}

void TestCircuitBreaker::pausesAtOnceOnGone()
{
    // No probe within the test: a person resumes the endpoint instead.
    QCOMPARE(configure({{QStringLiteral("max_in_flight"), 1}}), QString());
    status_ = 410;
    for (int i = 0; i < 5; ++i)
        harness_->push(QStringLiteral("order:new"), {{QStringLiteral("n"), i}});
    QVERIFY(harness_->start());
    QTRY_COMPARE_WITH_TIMEOUT(flowState(), QStringLiteral("paused"), 20000);
    QSqlQuery query(harness_->db().connection());
    QVERIFY(query.exec(
        QStringLiteral("SELECT paused_reason, paused_by, consecutive_failures FROM endpoint_flow")));
    QVERIFY(query.next());
    QVERIFY2(query.value(0).toString().contains(QStringLiteral("410")),
             qPrintable(query.value(0).toString()));
    QCOMPARE(query.value(1).toString(), QStringLiteral("breaker"));
    // Far below pause_after's default of 20: the first answer paused it. A second request may have gone
    // out as the first came back (one slot, and one delivery claimed and ready behind it).
    QVERIFY2(query.value(2).toInt() <= 2, qPrintable(query.value(2).toString()));
    query.finish(); // an unfinished SELECT would keep this connection's SQLite snapshot open
    QSignalSpy caughtUp(&harness_->engine(), &Engine::caughtUp);
    QVERIFY(caughtUp.wait(20000));
    QVERIFY(endpoint_->requestsTo("/orders").size() <= 2);
    status_ = 200;
    bool changed = false;
    QString error;
    QVERIFY2(EndpointPauseControl::resume(harness_->db(), QStringLiteral("erp"), &changed, &error),
             qPrintable(error));
    QVERIFY(changed);
    harness_->engine().wake();
    QVERIFY(harness_->runUntilIdle(30000));
    QCOMPARE(flowState(), QStringLiteral("active"));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state <> 'delivered'")), 0);
}

void TestCircuitBreaker::neverPausesWithPauseAfterZero()
{
    QCOMPARE(configure({{QStringLiteral("pause_after"), 0}},
                       {{QStringLiteral("retry_schedule"), QJsonArray{0.01, 0.01, 0.01, 0.01}}}),
             QString());
    status_ = 500;
    for (int i = 0; i < 10; ++i)
        harness_->push(QStringLiteral("order:new"), {{QStringLiteral("n"), i}});
    // 50 failed attempts in a row, and each delivery used up its retries as before.
    QVERIFY(harness_->runUntilIdle(30000));
    QCOMPARE(flowState(), QStringLiteral("active"));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'parked'")), 10);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM attempts")), 50);
}

void TestCircuitBreaker::personPausesAndResumes()
{
    QCOMPARE(configure({}), QString());
    bool changed = false;
    QString error;
    QVERIFY2(EndpointPauseControl::pause(harness_->db(), QStringLiteral("erp"), &changed, &error),
             qPrintable(error));
    QVERIFY(changed);
    QVERIFY(EndpointPauseControl::pause(harness_->db(), QStringLiteral("erp"), &changed, &error));
    QVERIFY(!changed); // already paused: nothing written twice
    QVERIFY(!EndpointPauseControl::pause(harness_->db(), QStringLiteral("nope"), &changed, &error));
    QVERIFY2(error.contains(QStringLiteral("no endpoint is named \"nope\"")), qPrintable(error));
    QStringList ids;
    for (int i = 0; i < 5; ++i)
        ids << harness_->push(QStringLiteral("order:new"), {{QStringLiteral("n"), i}});
    QSignalSpy caughtUp(&harness_->engine(), &Engine::caughtUp);
    QVERIFY(harness_->start());
    // Everything the engine may send now is sent: nothing, while a person holds the endpoint.
    QVERIFY(caughtUp.wait(20000));
    QCOMPARE(endpoint_->requestCount(), 0);
    // `show` says what the delivery waits for.
    const QJsonObject waiting = harness_->delivery(ids.first(), QStringLiteral("orders"));
    QCOMPARE(waiting.value(QStringLiteral("endpoint_paused")).toString(),
             QStringLiteral("paused by a person"));
    QCOMPARE(MessageQuery::waitText(waiting),
             QStringLiteral("waits for endpoint erp to resume (paused by a person)"));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'pending'")), 6);
    QVERIFY2(EndpointPauseControl::resume(harness_->db(), QStringLiteral("erp"), &changed, &error),
             qPrintable(error));
    QVERIFY(changed);
    harness_->engine().wake(); // on SQLite the resume's NOTIFY wakes no one; the CLI and panel wake too
    QVERIFY(harness_->runUntilIdle(30000));
    QCOMPARE(endpoint_->requestsTo("/orders").size(), 5);
    QVERIFY(harness_->delivery(ids.first(), QStringLiteral("orders"))
                .value(QStringLiteral("endpoint_paused"))
                .isNull());
    // The pager got the pause (held like the orders) and the resume.
    QCOMPARE(endpoint_->requestsTo("/pager").size(), 2);
    QVERIFY(hasNotification(QStringLiteral("Endpoint paused: erp")));
    QVERIFY(hasNotification(QStringLiteral("Endpoint resumed: erp")));
}

QTEST_GUILESS_MAIN(TestCircuitBreaker)
#include "tst_circuitbreaker.moc"
