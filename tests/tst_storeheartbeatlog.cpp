// The heartbeat history of one store: every change of state, newest first, with its reason.
#include "storage/Database.h"
#include "storage/StoreHeartbeatLog.h"
#include "storage/StoreRepository.h"
#include "TestDatabase.h"

#include <QTest>

class TestStoreHeartbeatLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void changesNewestFirstPerStore();
};

void TestStoreHeartbeatLog::changesNewestFirstPerStore()
{
    TestDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.error()));
    Database db(database.location(), QStringLiteral("test"));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    StoreRepository repository(db);
    Store shop, other;
    shop.name = QStringLiteral("shop");
    other.name = QStringLiteral("other");
    for (Store *store : {&shop, &other}) {
        store->url = QUrl(QStringLiteral("https://shop.example.com"));
        QVERIFY2(repository.saveStore(store, &error), qPrintable(error));
    }
    StoreHealth health;
    health.state = QStringLiteral("degraded");
    health.lastError = QStringLiteral("HTTP 502 reading orders");
    QVERIFY(repository.saveHealth(shop.id, health, true, &error));
    health.state = QStringLiteral("down");
    health.lastError = QStringLiteral("connection refused");
    QVERIFY(repository.saveHealth(shop.id, health, true, &error));
    QVERIFY(repository.saveHealth(other.id, health, true, &error));
    health.state = QStringLiteral("up");
    QVERIFY(repository.saveHealth(shop.id, health, true, &error));

    QList<HeartbeatChange> changes;
    QVERIFY2(StoreHeartbeatLog(db).recent(shop.id, 10, &changes, &error), qPrintable(error));
    QCOMPARE(changes.size(), 3);
    QCOMPARE(changes.at(0).state, QStringLiteral("up"));
    QVERIFY(changes.at(0).reason.isEmpty());
    QCOMPARE(changes.at(1).state, QStringLiteral("down"));
    QCOMPARE(changes.at(1).reason, QStringLiteral("connection refused"));
    QCOMPARE(changes.at(2).state, QStringLiteral("degraded"));
    QVERIFY(changes.at(0).atMs >= changes.at(2).atMs && changes.at(2).atMs > 0);

    changes.clear();
    QVERIFY(StoreHeartbeatLog(db).recent(shop.id, 2, &changes, &error));
    QCOMPARE(changes.size(), 2);
}

QTEST_GUILESS_MAIN(TestStoreHeartbeatLog)
#include "tst_storeheartbeatlog.moc"
