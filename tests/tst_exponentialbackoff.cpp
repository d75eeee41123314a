// The delays between reconnects: doubling from the first, never past the cap, from the start again
// after a success.
#include "utils/ExponentialBackoff.h"

#include <QTest>

class TestExponentialBackoff : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void doublesUpToTheCap();
    void resetStartsOver();
    void capBelowTheFirstDelayKeepsTheFirst();
};

void TestExponentialBackoff::doublesUpToTheCap()
{
    ExponentialBackoff backoff(500, 30000);
    QList<int> delays;
    for (int i = 0; i < 10; ++i)
        delays << backoff.nextDelayMs();
    QCOMPARE(delays, (QList<int>{500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000}));
    QCOMPARE(backoff.tries(), 10);
}

void TestExponentialBackoff::resetStartsOver()
{
    ExponentialBackoff backoff(500, 30000);
    backoff.nextDelayMs();
    backoff.nextDelayMs();
    backoff.reset();
    QCOMPARE(backoff.tries(), 0);
    QCOMPARE(backoff.nextDelayMs(), 500);
    QCOMPARE(backoff.nextDelayMs(), 1000);
}

void TestExponentialBackoff::capBelowTheFirstDelayKeepsTheFirst()
{
    ExponentialBackoff backoff(2000, 100);
    QCOMPARE(backoff.nextDelayMs(), 2000);
    QCOMPARE(backoff.nextDelayMs(), 2000);
}

QTEST_GUILESS_MAIN(TestExponentialBackoff)
#include "tst_exponentialbackoff.moc"
