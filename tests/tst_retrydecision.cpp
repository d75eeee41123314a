// RetryDecision alone: each rule of what an answer does to its delivery, without a database or a socket.
#include "delivery/RetryDecision.h"

#include <QTest>

namespace {

constexpr qint64 kNow = 1'700'000'000'000;

ClaimedDelivery claimed(int attempts = 0, int failures = 0, const QString &updateUrl = QString())
{
    ClaimedDelivery delivery;
    delivery.id = 42;
    delivery.attempts = attempts;
    delivery.failures = failures;
    delivery.updateUrl = updateUrl;
    return delivery;
}

MappingOptions withSchedule(const QList<double> &seconds, bool retriesAllowed = true)
{
    MappingOptions options;
    options.retrySchedule = seconds;
    options.retriesAllowed = retriesAllowed;
    return options;
}

ResponseReading failure(const QString &error = QStringLiteral("HTTP 503"))
{
    ResponseReading reading;
    reading.kind = ResponseReading::Kind::Failed;
    reading.error = error;
    return reading;
}

} // namespace

class TestRetryDecision : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void deliveredKeepsTheExtras();
    void asyncWaitsForTheUpdateUrl();
    void failureWithScheduleRetriesAtItsDueTime();
    void retryAfterWinsOverTheSchedule();
    void exhaustedScheduleParks();
    void retriesNotAllowedParksAtOnce();
    void failedUpdatePollKeepsItsUpdateUrl();
    void refusedUpdateUrlRetriesTheOriginalPost();
};

void TestRetryDecision::deliveredKeepsTheExtras()
{
    ResponseReading reading;
    reading.kind = ResponseReading::Kind::Delivered;
    reading.extra = {{QStringLiteral("tracking"), QStringLiteral("T1")}};
    const DeliveryOutcome outcome =
        RetryDecision::decide(claimed(), MappingOptions(), reading, Attempt(), kNow);
    QCOMPARE(outcome.deliveryId, qint64(42));
    QCOMPARE(outcome.state, DeliveryState::Delivered);
    QVERIFY(!outcome.dueAtMs);
    QCOMPARE(outcome.failures, 0);
    QCOMPARE(outcome.attempt.kind, QStringLiteral("post"));
    QCOMPARE(outcome.attempt.outcome, QStringLiteral("delivered"));
    QCOMPARE(outcome.attempt.extra, reading.extra);
}

void TestRetryDecision::asyncWaitsForTheUpdateUrl()
{
    ResponseReading reading;
    reading.kind = ResponseReading::Kind::Async;
    reading.delayMs = 1500;
    reading.updateUrl = QUrl(QStringLiteral("http://127.0.0.1:9/status/7"));
    const DeliveryOutcome outcome =
        RetryDecision::decide(claimed(), MappingOptions(), reading, Attempt(), kNow);
    QCOMPARE(outcome.state, DeliveryState::Waiting);
    QCOMPARE(outcome.dueAtMs, std::optional<qint64>(kNow + 1500));
    QCOMPARE(outcome.updateUrl, QStringLiteral("http://127.0.0.1:9/status/7"));
    QCOMPARE(outcome.attempt.outcome, QStringLiteral("async"));
    QCOMPARE(outcome.failures, 0);
}

void TestRetryDecision::failureWithScheduleRetriesAtItsDueTime()
{
    const DeliveryOutcome outcome =
        RetryDecision::decide(claimed(2, 1), withSchedule({10, 20}), failure(), Attempt(), kNow);
    QCOMPARE(outcome.state, DeliveryState::Retrying);
    QCOMPARE(outcome.failures, 2);
    QCOMPARE(outcome.attempt.outcome, QStringLiteral("failed"));
    QCOMPARE(outcome.attempt.error, QStringLiteral("HTTP 503"));
    QVERIFY(outcome.dueAtMs);
    // The second delay of the schedule, ±20 % jitter.
    QVERIFY2(*outcome.dueAtMs >= kNow + 16000 && *outcome.dueAtMs <= kNow + 24000,
             qPrintable(QString::number(*outcome.dueAtMs - kNow)));
}

void TestRetryDecision::retryAfterWinsOverTheSchedule()
{
    ResponseReading reading = failure(QStringLiteral("HTTP 429"));
    reading.retryAfterMs = 90000;
    const DeliveryOutcome outcome =
        RetryDecision::decide(claimed(), withSchedule({1}), reading, Attempt(), kNow);
    QCOMPARE(outcome.state, DeliveryState::Retrying);
    QCOMPARE(outcome.dueAtMs, std::optional<qint64>(kNow + 90000));
}

void TestRetryDecision::exhaustedScheduleParks()
{
    const DeliveryOutcome outcome =
        RetryDecision::decide(claimed(2, 2), withSchedule({1, 2}), failure(), Attempt(), kNow);
    QCOMPARE(outcome.state, DeliveryState::Parked);
    QCOMPARE(outcome.failures, 3);
    QVERIFY(!outcome.dueAtMs);
    QCOMPARE(outcome.reason, QStringLiteral("gave up after 3 attempts"));
}

void TestRetryDecision::retriesNotAllowedParksAtOnce()
{
    const DeliveryOutcome outcome =
        RetryDecision::decide(claimed(), withSchedule({1, 2}, false), failure(), Attempt(), kNow);
    QCOMPARE(outcome.state, DeliveryState::Parked);
    QVERIFY(!outcome.dueAtMs);
    QCOMPARE(outcome.reason, QStringLiteral("failed and the mapping does not allow retries"));
}

void TestRetryDecision::failedUpdatePollKeepsItsUpdateUrl()
{
    const QString updateUrl = QStringLiteral("http://127.0.0.1:9/status/7");
    const DeliveryOutcome outcome =
        RetryDecision::decide(claimed(1, 0, updateUrl), withSchedule({5}), failure(), Attempt(), kNow);
    QCOMPARE(outcome.attempt.kind, QStringLiteral("update"));
    QCOMPARE(outcome.state, DeliveryState::Retrying);
    QCOMPARE(outcome.updateUrl, updateUrl);
}

void TestRetryDecision::refusedUpdateUrlRetriesTheOriginalPost()
{
    // An update_url on another origin is never polled: the retry is the POST, for a first answer and
    // for a poll whose answer (or whose stored update_url) named another origin.
    ResponseReading refused = failure(QStringLiteral("update_url http://x:1/ok is on another origin"));
    refused.restartFromPost = true;
    const DeliveryOutcome fromPost =
        RetryDecision::decide(claimed(), withSchedule({5}), refused, Attempt(), kNow);
    QCOMPARE(fromPost.attempt.kind, QStringLiteral("post"));
    QCOMPARE(fromPost.state, DeliveryState::Retrying);
    QCOMPARE(fromPost.updateUrl, QString());
    const DeliveryOutcome fromPoll =
        RetryDecision::decide(claimed(1, 0, QStringLiteral("http://127.0.0.1:9/status/7")), withSchedule({5}),
                              refused, Attempt(), kNow);
    QCOMPARE(fromPoll.attempt.kind, QStringLiteral("update"));
    QCOMPARE(fromPoll.state, DeliveryState::Retrying);
    QCOMPARE(fromPoll.updateUrl, QString());
    QCOMPARE(fromPoll.attempt.error, refused.error);
    // Past the schedule it parks as any failure does.
    const DeliveryOutcome parked =
        RetryDecision::decide(claimed(1, 1), withSchedule({5}), refused, Attempt(), kNow);
    QCOMPARE(parked.state, DeliveryState::Parked);
}

QTEST_APPLESS_MAIN(TestRetryDecision)
#include "tst_retrydecision.moc"
