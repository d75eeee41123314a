// MessageActions::replayFailed, the paged "replay all failed" that the command line and the control
// panel share: it replays the failed deliveries a filter shows a page at a time, reports progress
// and stops when told to. On a real SQLite file filled by MessageLogSeed.
#include "config/ConfigFile.h"
#include "delivery/MessageActions.h"
#include "MessageLogSeed.h"
#include "secrets/CredentialStore.h"
#include "storage/Database.h"
#include "TestDatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

namespace {

constexpr int kMessages = 40; // even rows order:new, odd rows shipment:ready; all of them parked

} // namespace

class TestMessageActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void replaysEveryFailedDeliveryPageByPage();
    void stopsWhenTheProgressSaysCancel();
    void takesOnlyWhatTheFilterShows();
    void narrowsToTheFilteredMapping();
    void filterWithoutFailedStatesReplaysNothing();
    void unknownMappingIsRefused();

private:
    int count(const QString &state, const QString &mapping = QStringLiteral("mail")) const;
    void addParkedErpDeliveries();

    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<Database> db_;
};

void TestMessageActions::init()
{
    database_ = std::make_unique<TestDatabase>();
    QVERIFY2(database_->isValid(), qPrintable(database_->error()));
    db_ = std::make_unique<Database>(database_->location(), QStringLiteral("actions-test"));
    QString error;
    QVERIFY2(db_->open(&error) && MessageLogSeed::configure(*db_, &error) &&
                 MessageLogSeed::seed(*db_, kMessages, 1, &error),
             qPrintable(error));
    QCOMPARE(count(QStringLiteral("parked")), kMessages);
}

void TestMessageActions::cleanup()
{
    db_.reset();
    database_.reset();
}

void TestMessageActions::replaysEveryFailedDeliveryPageByPage()
{
    QList<MessageActions::ReplayProgress> reports;
    MessageActions::ReplayProgress progress;
    QString error;
    QVERIFY2(MessageActions(*db_).replayFailed(
                 {},
                 [&reports](const MessageActions::ReplayProgress &report) {
                     reports << report;
                     return true;
                 },
                 &progress, &error, 15),
             qPrintable(error));
    QCOMPARE(progress.deliveriesReplayed, kMessages);
    QCOMPARE(progress.messagesDone, kMessages);
    QCOMPARE(progress.messagesMatched, kMessages);
    QVERIFY(!progress.cancelled);
    QCOMPARE(count(QStringLiteral("parked")), 0);
    QCOMPARE(count(QStringLiteral("pending")), kMessages);
    // Before each of the three pages (15, 15, 10), with what was done so far.
    QCOMPARE(reports.size(), 3);
    QCOMPARE(reports.at(0).messagesDone, 0);
    QCOMPARE(reports.at(1).messagesDone, 15);
    QCOMPARE(reports.at(2).messagesDone, 30);
    QCOMPARE(reports.at(2).deliveriesReplayed, 30);
    for (const MessageActions::ReplayProgress &report : std::as_const(reports))
        QCOMPARE(report.messagesMatched, kMessages);
}

void TestMessageActions::stopsWhenTheProgressSaysCancel()
{
    MessageActions::ReplayProgress progress;
    QString error;
    // Lets the first page through, then says stop.
    QVERIFY2(MessageActions(*db_).replayFailed(
                 {}, [](const MessageActions::ReplayProgress &report) { return report.messagesDone == 0; },
                 &progress, &error, 15),
             qPrintable(error));
    QVERIFY(progress.cancelled);
    QCOMPARE(progress.deliveriesReplayed, 15);
    QCOMPARE(count(QStringLiteral("pending")), 15);
    QCOMPARE(count(QStringLiteral("parked")), kMessages - 15);

    // Cancelled before the first page: nothing is replayed.
    QVERIFY2(MessageActions(*db_).replayFailed(
                 {}, [](const MessageActions::ReplayProgress &) { return false; }, &progress, &error, 15),
             qPrintable(error));
    QVERIFY(progress.cancelled);
    QCOMPARE(progress.deliveriesReplayed, 0);
    QCOMPARE(count(QStringLiteral("parked")), kMessages - 15);
}

void TestMessageActions::takesOnlyWhatTheFilterShows()
{
    MessageLog::Filter filter;
    filter.type = QStringLiteral("shipment:*");
    MessageActions::ReplayProgress progress;
    QString error;
    QVERIFY2(MessageActions(*db_).replayFailed(filter, {}, &progress, &error, 7), qPrintable(error));
    QCOMPARE(progress.deliveriesReplayed, kMessages / 2);
    QSqlQuery query(db_->connection());
    QVERIFY(
        query.exec(QStringLiteral("SELECT m.type, d.state, COUNT(*) FROM deliveries d"
                                  " JOIN messages m ON m.id = d.message_row GROUP BY 1, 2 ORDER BY 1, 2")));
    QStringList states;
    while (query.next())
        states << QStringLiteral("%1 %2 %3")
                      .arg(query.value(0).toString(), query.value(1).toString(), query.value(2).toString());
    QCOMPARE(states, (QStringList{QStringLiteral("order:new parked 20"),
                                  QStringLiteral("shipment:ready pending 20")}));
}

void TestMessageActions::narrowsToTheFilteredMapping()
{
    addParkedErpDeliveries();
    MessageLog::Filter filter;
    filter.mapping = QStringLiteral("erp");
    MessageActions::ReplayProgress progress;
    QString error;
    QVERIFY2(MessageActions(*db_).replayFailed(filter, {}, &progress, &error), qPrintable(error));
    // The erp deliveries of the order messages, not the parked "mail" deliveries of the same messages.
    QCOMPARE(progress.deliveriesReplayed, kMessages / 2);
    QCOMPARE(count(QStringLiteral("pending"), QStringLiteral("erp")), kMessages / 2);
    QCOMPARE(count(QStringLiteral("parked"), QStringLiteral("mail")), kMessages);

    // Without a mapping, every failed delivery of every message.
    QVERIFY2(MessageActions(*db_).replayFailed({}, {}, &progress, &error), qPrintable(error));
    QCOMPARE(progress.deliveriesReplayed, kMessages);
    QCOMPARE(count(QStringLiteral("parked"), QStringLiteral("mail")), 0);
}

void TestMessageActions::filterWithoutFailedStatesReplaysNothing()
{
    MessageLog::Filter filter;
    filter.states = {QStringLiteral("delivered")};
    MessageActions::ReplayProgress progress;
    QString error;
    bool asked = false;
    QVERIFY2(MessageActions(*db_).replayFailed(
                 filter,
                 [&asked](const MessageActions::ReplayProgress &) {
                     asked = true;
                     return true;
                 },
                 &progress, &error),
             qPrintable(error));
    QCOMPARE(progress.deliveriesReplayed, 0);
    QVERIFY(!asked);
    QCOMPARE(count(QStringLiteral("parked")), kMessages);
}

void TestMessageActions::unknownMappingIsRefused()
{
    MessageLog::Filter filter;
    filter.mapping = QStringLiteral("nope");
    MessageActions::ReplayProgress progress;
    QString error;
    QVERIFY(!MessageActions(*db_).replayFailed(filter, {}, &progress, &error));
    QCOMPARE(error, QStringLiteral("no mapping named \"nope\""));
    QCOMPARE(count(QStringLiteral("parked")), kMessages);
}

int TestMessageActions::count(const QString &state, const QString &mapping) const
{
    QSqlQuery query(db_->connection());
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = ?"
                                 " AND mapping_id = (SELECT id FROM mappings WHERE name = ?)"));
    query.addBindValue(state);
    query.addBindValue(mapping);
    return query.exec() && query.next() ? query.value(0).toInt() : -1;
}

// A second mapping, "erp", whose deliveries of the order messages are parked too.
void TestMessageActions::addParkedErpDeliveries()
{
    const QJsonObject config{
        {QStringLiteral("mappings"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("erp")},
                                {QStringLiteral("endpoint"), QStringLiteral("mailer")},
                                {QStringLiteral("path"), QStringLiteral("/erp")},
                                {QStringLiteral("messages"), QJsonArray{QStringLiteral("order:*")}}}}}};
    CredentialStore credentials;
    ConfigFile::ImportSummary summary;
    QString error;
    QVERIFY2(ConfigFile::import(QJsonDocument(config).toJson(), *db_, credentials, &summary, &error),
             qPrintable(error));
    QSqlQuery query(db_->connection());
    QVERIFY(query.exec(QStringLiteral(
        "INSERT INTO deliveries (message_row, mapping_id, endpoint_id, state, identity, attempts, updated_at)"
        " SELECT m.id, mp.id, mp.endpoint_id, 'parked', '{}', 1, 0 FROM messages m, mappings mp"
        " WHERE mp.name = 'erp' AND m.type = 'order:new'")));
    QCOMPARE(count(QStringLiteral("parked"), QStringLiteral("erp")), kMessages / 2);
}

QTEST_MAIN(TestMessageActions)
#include "tst_messageactions.moc"
