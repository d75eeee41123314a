// ActivitySummary::isEmpty, the check the control panel opens its welcome page on: a database with no
// endpoint (removed ones aside), no store and no message.
#include "model/Message.h"
#include "model/Store.h"
#include "storage/ActivitySummary.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "storage/MessageRepository.h"
#include "storage/StoreRepository.h"
#include "TestDatabase.h"

#include <QTest>

#include <optional>

class TestActivitySummary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void freshDatabaseIsEmpty();
    void anEndpointCountsUntilRemoved();
    void aStoreCounts();
    void aMessageCounts();

private:
    std::optional<bool> emptiness() const;

    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<Database> db_;
};

void TestActivitySummary::init()
{
    database_ = std::make_unique<TestDatabase>();
    QVERIFY2(database_->isValid(), qPrintable(database_->error()));
    db_ = std::make_unique<Database>(database_->location(), QStringLiteral("summary-test"));
    QString error;
    QVERIFY2(db_->open(&error), qPrintable(error));
}

void TestActivitySummary::cleanup()
{
    db_.reset();
    database_.reset();
}

void TestActivitySummary::freshDatabaseIsEmpty()
{
    QCOMPARE(emptiness(), std::optional<bool>(true));
}

void TestActivitySummary::anEndpointCountsUntilRemoved()
{
    Endpoint endpoint;
    endpoint.name = QStringLiteral("mailer");
    endpoint.url = QUrl(QStringLiteral("http://127.0.0.1:9"));
    QString error;
    QVERIFY2(ConfigRepository(*db_).saveEndpoint(&endpoint, &error), qPrintable(error));
    QCOMPARE(emptiness(), std::optional<bool>(false));
    QVERIFY2(ConfigRepository(*db_).removeEndpoint(endpoint.name, &error), qPrintable(error));
    QCOMPARE(emptiness(), std::optional<bool>(true));
}

void TestActivitySummary::aStoreCounts()
{
    Store store;
    store.name = QStringLiteral("shop");
    store.url = QUrl(QStringLiteral("http://127.0.0.1:9"));
    store.collections = Store::defaultCollections();
    QString error;
    QVERIFY2(StoreRepository(*db_).saveStore(&store, &error), qPrintable(error));
    QCOMPARE(emptiness(), std::optional<bool>(false));
}

void TestActivitySummary::aMessageCounts()
{
    Message message;
    QString error;
    QVERIFY2(Message::fromJson(QJsonObject{{QStringLiteral("message"), QStringLiteral("order:new")},
                                           {QStringLiteral("payload"), QJsonObject{}}},
                               &message, &error),
             qPrintable(error));
    QVERIFY2(MessageRepository(*db_).accept({message}, QStringLiteral("push"), nullptr, &error),
             qPrintable(error));
    QCOMPARE(emptiness(), std::optional<bool>(false));
}

// Empty or not; nothing when the check failed.
std::optional<bool> TestActivitySummary::emptiness() const
{
    bool empty = false;
    QString error;
    if (!ActivitySummary::isEmpty(*db_, &empty, &error)) {
        qWarning("ActivitySummary::isEmpty: %s", qPrintable(error));
        return std::nullopt;
    }
    return empty;
}

QTEST_MAIN(TestActivitySummary)
#include "tst_activitysummary.moc"
