// Database::open on a file or server that several connections open at once for the first time, as the
// control panel's first start does (its worker thread and the engine's threads open together) and as
// several workers do against a new PostgreSQL database: every one of them opens, none is told the
// database is locked.
#include "storage/Database.h"
#include "TestDatabase.h"

#include <QTest>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

class TestDatabaseOpen : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void connectionsOpeningANewDatabaseTogetherAllOpen();
};

void TestDatabaseOpen::connectionsOpeningANewDatabaseTogetherAllOpen()
{
    constexpr int kRounds = 25;
    constexpr int kConnections = 6;
    for (int round = 0; round < kRounds; ++round) {
        TestDatabase database;
        QVERIFY2(database.isValid(), qPrintable(database.error()));
        std::vector<QString> errors(kConnections);
        std::atomic<int> arrived = 0;
        std::vector<std::thread> threads;
        threads.reserve(kConnections);
        for (int i = 0; i < kConnections; ++i) {
            threads.emplace_back([&, i] {
                Database db(database.location(), QStringLiteral("open-%1").arg(i));
                // All open at the same moment, as far as the scheduler allows.
                ++arrived;
                while (arrived.load() < kConnections)
                    std::this_thread::yield();
                QString error;
                if (!db.open(&error))
                    errors[i] = error;
            });
        }
        for (std::thread &thread : threads)
            thread.join();
        for (int i = 0; i < kConnections; ++i)
            QVERIFY2(
                errors[i].isEmpty(),
                qPrintable(QStringLiteral("round %1, connection %2: %3").arg(round).arg(i).arg(errors[i])));
    }
}

QTEST_GUILESS_MAIN(TestDatabaseOpen)
#include "tst_databaseopen.moc"
