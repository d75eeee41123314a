#include "delivery/RetryPolicy.h"

#include <QDateTime>
#include <QScopeGuard>
#include <QTest>

#include <ctime>
#include <limits>

Q_DECLARE_METATYPE(std::optional<qint64>)

namespace {

constexpr qint64 kDayMs = 24LL * 3600 * 1000;

QString describe(std::optional<qint64> value)
{
    return value ? QString::number(*value) : QStringLiteral("nullopt");
}

} // namespace

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultSchedule();
    void jitterStaysWithinTwentyPercent_data();
    void jitterStaysWithinTwentyPercent();
    void fractionalSchedule();
    void parksPastTheSchedule();
    void parksWhenRetriesAreNotAllowed();
    void noDelayBeforeTheFirstFailure();
    void retryAfterWins_data();
    void retryAfterWins();
    void retryAfterDoesNotOutliveTheSchedule();
    void hugeScheduleEntriesDoNotWrap_data();
    void hugeScheduleEntriesDoNotWrap();
    void maxAttempts();
    void parseRetryAfterMs_data();
    void parseRetryAfterMs();
    void parseHugeRetryAfterDoesNotWrap_data();
    void parseHugeRetryAfterDoesNotWrap();
    void parseDateIgnoresLocalDaylightSaving_data();
    void parseDateIgnoresLocalDaylightSaving();
};

void TestRetryPolicy::defaultSchedule()
{
    const QList<double> expected{5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400};
    QCOMPARE(RetryPolicy::defaultSchedule(), expected);
    QCOMPARE(RetryPolicy().maxAttempts(), int(expected.size()) + 1);
}

void TestRetryPolicy::jitterStaysWithinTwentyPercent_data()
{
    QTest::addColumn<int>("failures");
    const QList<double> schedule = RetryPolicy::defaultSchedule();
    for (int failures = 1; failures <= schedule.size(); ++failures)
        QTest::addRow("failure %d (%gs)", failures, schedule.at(failures - 1)) << failures;
}

void TestRetryPolicy::jitterStaysWithinTwentyPercent()
{
    QFETCH(int, failures);

    const RetryPolicy policy;
    const double base = RetryPolicy::defaultSchedule().at(failures - 1) * 1000.0;
    qint64 lowest = std::numeric_limits<qint64>::max();
    qint64 highest = std::numeric_limits<qint64>::min();
    for (int i = 0; i < 2000; ++i) {
        const std::optional<qint64> delay = policy.nextDelayMs(failures);
        QVERIFY(delay.has_value());
        lowest = qMin(lowest, *delay);
        highest = qMax(highest, *delay);
    }
    const QByteArray range =
        QStringLiteral("min %1 max %2 base %3").arg(lowest).arg(highest).arg(base).toUtf8();
    QVERIFY2(double(lowest) >= 0.8 * base, range.constData());
    QVERIFY2(double(highest) <= 1.2 * base, range.constData());
    QVERIFY2(double(lowest) < 0.9 * base, range.constData());
    QVERIFY2(double(highest) > 1.1 * base, range.constData());
}

void TestRetryPolicy::fractionalSchedule()
{
    const RetryPolicy policy({0.05, 0.5});
    for (int i = 0; i < 500; ++i) {
        const std::optional<qint64> first = policy.nextDelayMs(1);
        const std::optional<qint64> second = policy.nextDelayMs(2);
        QVERIFY(first && *first >= 40 && *first <= 60);
        QVERIFY(second && *second >= 400 && *second <= 600);
    }
    QCOMPARE(policy.nextDelayMs(3), std::nullopt);
}

void TestRetryPolicy::parksPastTheSchedule()
{
    const RetryPolicy policy;
    const int size = int(RetryPolicy::defaultSchedule().size());
    QVERIFY(policy.nextDelayMs(size).has_value());
    QCOMPARE(policy.nextDelayMs(size + 1), std::nullopt);
    QCOMPARE(policy.nextDelayMs(1000), std::nullopt);

    const RetryPolicy shortPolicy({1, 2});
    QVERIFY(shortPolicy.nextDelayMs(2).has_value());
    QCOMPARE(shortPolicy.nextDelayMs(3), std::nullopt);

    const RetryPolicy emptyPolicy(QList<double>{});
    QCOMPARE(emptyPolicy.nextDelayMs(1), std::nullopt);
}

void TestRetryPolicy::parksWhenRetriesAreNotAllowed()
{
    const RetryPolicy policy(RetryPolicy::defaultSchedule(), false);
    for (int failures = 1; failures <= 10; ++failures)
        QCOMPARE(policy.nextDelayMs(failures), std::nullopt);
    QCOMPARE(policy.nextDelayMs(1, 5000), std::nullopt);
}

void TestRetryPolicy::noDelayBeforeTheFirstFailure()
{
    const RetryPolicy policy;
    QCOMPARE(policy.nextDelayMs(0), std::nullopt);
    QCOMPARE(policy.nextDelayMs(-1), std::nullopt);
    QCOMPARE(policy.nextDelayMs(std::numeric_limits<int>::min()), std::nullopt);
    QCOMPARE(policy.nextDelayMs(0, 5000), std::nullopt);
}

void TestRetryPolicy::retryAfterWins_data()
{
    QTest::addColumn<int>("failures");
    QTest::addColumn<qint64>("retryAfterMs");
    QTest::addColumn<qint64>("expected");

    QTest::newRow("shorter than the schedule") << 9 << qint64(1234) << qint64(1234);
    QTest::newRow("longer than the schedule") << 1 << qint64(600000) << qint64(600000);
    QTest::newRow("zero") << 3 << qint64(0) << qint64(0);
    QTest::newRow("exactly a day") << 1 << kDayMs << kDayMs;
    QTest::newRow("capped at a day") << 1 << kDayMs + 1 << kDayMs;
    QTest::newRow("a week capped at a day") << 2 << 7 * kDayMs << kDayMs;
    QTest::newRow("largest value capped") << 1 << std::numeric_limits<qint64>::max() << kDayMs;
    QTest::newRow("negative floored at 0") << 1 << qint64(-5000) << qint64(0);
    QTest::newRow("most negative floored") << 1 << std::numeric_limits<qint64>::min() << qint64(0);
}

void TestRetryPolicy::retryAfterWins()
{
    QFETCH(int, failures);
    QFETCH(qint64, retryAfterMs);
    QFETCH(qint64, expected);

    const RetryPolicy policy;
    for (int i = 0; i < 20; ++i)
        QCOMPARE(policy.nextDelayMs(failures, retryAfterMs), std::optional<qint64>(expected));
}

void TestRetryPolicy::retryAfterDoesNotOutliveTheSchedule()
{
    const RetryPolicy policy({1, 2});
    QCOMPARE(policy.nextDelayMs(3, 1000), std::nullopt);
}

void TestRetryPolicy::hugeScheduleEntriesDoNotWrap_data()
{
    QTest::addColumn<double>("seconds");

    QTest::newRow("a week and a second") << 7.0 * 24 * 3600 + 1;
    QTest::newRow("past qint64 in ms") << 1e16;
    QTest::newRow("1e300") << 1e300;
    QTest::newRow("largest double") << std::numeric_limits<double>::max();
    QTest::newRow("infinity") << std::numeric_limits<double>::infinity();
    QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN();
}

void TestRetryPolicy::hugeScheduleEntriesDoNotWrap()
{
    // Config validation refuses these; the policy still must not turn one into an immediate retry.
    QFETCH(double, seconds);
    const RetryPolicy policy({seconds});
    const qint64 week = 7 * kDayMs;
    for (int i = 0; i < 50; ++i) {
        const std::optional<qint64> delay = policy.nextDelayMs(1);
        QVERIFY(delay.has_value());
        QVERIFY2(*delay >= week * 0.8 && *delay <= week * 1.2, qPrintable(describe(delay)));
    }
}

void TestRetryPolicy::maxAttempts()
{
    QCOMPARE(RetryPolicy().maxAttempts(), 10);
    QCOMPARE(RetryPolicy({1, 2, 3}).maxAttempts(), 4);
    QCOMPARE(RetryPolicy({1, 2, 3}, false).maxAttempts(), 1);
    QCOMPARE(RetryPolicy(RetryPolicy::defaultSchedule(), false).maxAttempts(), 1);
    QCOMPARE(RetryPolicy(QList<double>{}).maxAttempts(), 1);
    QCOMPARE(RetryPolicy(QList<double>(100, 1.0)).maxAttempts(), 101);
}

void TestRetryPolicy::parseRetryAfterMs_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("nowMs");
    QTest::addColumn<std::optional<qint64>>("expected");

    const qint64 dateMs =
        QDateTime(QDate(2015, 10, 21), QTime(7, 28, 0), Qt::UTC).toMSecsSinceEpoch(); // Wed, 21 Oct 2015
    const qint64 someNow = QDateTime::currentMSecsSinceEpoch();
    const std::optional<qint64> none;

    QTest::newRow("delta seconds") << QByteArray("120") << someNow << std::optional<qint64>(120000);
    QTest::newRow("zero seconds") << QByteArray("0") << someNow << std::optional<qint64>(0);
    QTest::newRow("padded") << QByteArray(" 7 ") << someNow << std::optional<qint64>(7000);
    QTest::newRow("a day of seconds") << QByteArray("86400") << someNow << std::optional<qint64>(kDayMs);
    QTest::newRow("negative") << QByteArray("-5") << someNow << none;
    QTest::newRow("empty") << QByteArray() << someNow << none;
    QTest::newRow("blank") << QByteArray("   ") << someNow << none;
    QTest::newRow("word") << QByteArray("soon") << someNow << none;
    QTest::newRow("number with unit") << QByteArray("120 seconds") << someNow << none;
    QTest::newRow("IMF-fixdate 90 s ahead")
        << QByteArray("Wed, 21 Oct 2015 07:28:00 GMT") << dateMs - 90000 << std::optional<qint64>(90000);
    QTest::newRow("IMF-fixdate now") << QByteArray("Wed, 21 Oct 2015 07:28:00 GMT") << dateMs
                                     << std::optional<qint64>(0);
    QTest::newRow("IMF-fixdate in the past")
        << QByteArray("Wed, 21 Oct 2015 07:28:00 GMT") << dateMs + 3600000 << std::optional<qint64>(0);
    QTest::newRow("IMF-fixdate long ago")
        << QByteArray("Wed, 21 Oct 2015 07:28:00 GMT") << someNow << std::optional<qint64>(0);
    QTest::newRow("IMF-fixdate with padding")
        << QByteArray("  Wed, 21 Oct 2015 07:28:00 GMT ") << dateMs - 1000 << std::optional<qint64>(1000);
    QTest::newRow("IMF-fixdate a day ahead")
        << QByteArray("Thu, 22 Oct 2015 07:28:00 GMT") << dateMs << std::optional<qint64>(kDayMs);
    QTest::newRow("garbled date") << QByteArray("Wed, 32 Oct 2015 07:28:00 GMT") << dateMs << none;
}

void TestRetryPolicy::parseRetryAfterMs()
{
    QFETCH(QByteArray, value);
    QFETCH(qint64, nowMs);
    QFETCH(std::optional<qint64>, expected);

    const std::optional<qint64> actual = RetryPolicy::parseRetryAfterMs(value, nowMs);
    QVERIFY2(actual == expected,
             qPrintable(QStringLiteral("got %1, expected %2").arg(describe(actual), describe(expected))));
}

void TestRetryPolicy::parseHugeRetryAfterDoesNotWrap_data()
{
    QTest::addColumn<QByteArray>("value");

    QTest::newRow("largest qint64") << QByteArray("9223372036854775807");
    QTest::newRow("just over the limit") << QByteArray("9223372036854776");
    QTest::newRow("wraps past zero") << QByteArray("18446744073709552");
    QTest::newRow("more digits than qint64 holds") << QByteArray("99999999999999999999999999");
}

void TestRetryPolicy::parseHugeRetryAfterDoesNotWrap()
{
    // Delta-seconds that do not fit in milliseconds must not wrap around into a negative or small delay:
    // either the header is refused or the delay is at least as long as the cap nextDelayMs applies.
    QFETCH(QByteArray, value);
    const std::optional<qint64> parsed = RetryPolicy::parseRetryAfterMs(value, 0);
    QVERIFY2(parsed.has_value(), qPrintable(QString::fromLatin1(value))); // huge, so the cap applies
    QVERIFY2(!parsed || *parsed >= kDayMs,
             qPrintable(QStringLiteral("%1 read as %2").arg(QString::fromLatin1(value), describe(parsed))));
    QVERIFY2(!parsed || RetryPolicy().nextDelayMs(1, parsed) == std::optional<qint64>(kDayMs),
             qPrintable(QString::fromLatin1(value)));
}

void TestRetryPolicy::parseDateIgnoresLocalDaylightSaving_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QDateTime>("instant");

    // 02:30 on these days does not exist as local time in the zone (clocks jump from 02:00 to 03:00),
    // but as GMT it is an ordinary instant.
    QTest::newRow("Paris spring forward")
        << QByteArray("Europe/Paris") << QByteArray("Sun, 29 Mar 2015 02:30:00 GMT")
        << QDateTime(QDate(2015, 3, 29), QTime(2, 30), Qt::UTC);
    QTest::newRow("New York spring forward")
        << QByteArray("America/New_York") << QByteArray("Sun, 08 Mar 2015 02:30:00 GMT")
        << QDateTime(QDate(2015, 3, 8), QTime(2, 30), Qt::UTC);
    QTest::newRow("Paris fall back") << QByteArray("Europe/Paris")
                                     << QByteArray("Sun, 25 Oct 2015 02:30:00 GMT")
                                     << QDateTime(QDate(2015, 10, 25), QTime(2, 30), Qt::UTC);
}

void TestRetryPolicy::parseDateIgnoresLocalDaylightSaving()
{
    QFETCH(QByteArray, zone);
    QFETCH(QByteArray, value);
    QFETCH(QDateTime, instant);

    const bool hadZone = qEnvironmentVariableIsSet("TZ");
    const QByteArray previousZone = qgetenv("TZ");
    const auto restore = qScopeGuard([&] {
        if (hadZone)
            qputenv("TZ", previousZone);
        else
            qunsetenv("TZ");
        tzset();
    });
    qputenv("TZ", zone);
    tzset();
    if (QDateTime(QDate(2015, 7, 1), QTime(12, 0)).offsetFromUtc() == 0)
        QSKIP("the time zone database is not available, so local time stays UTC");

    const qint64 targetMs = instant.toMSecsSinceEpoch();
    const std::optional<qint64> parsed = RetryPolicy::parseRetryAfterMs(value, targetMs - 90000);
    QVERIFY2(parsed == std::optional<qint64>(90000),
             qPrintable(QStringLiteral("TZ=%1: %2 read as %3")
                            .arg(QString::fromLatin1(zone), QString::fromLatin1(value), describe(parsed))));
}

QTEST_APPLESS_MAIN(TestRetryPolicy)

#include "tst_retrypolicy.moc"
