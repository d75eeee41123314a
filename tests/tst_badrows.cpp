// "One bad row never stops the engine": values past PostgreSQL's index row limit, and a row the
// database refuses, each against a real engine and a real HTTP endpoint on 127.0.0.1.
#include "EngineHarness.h"
#include "RefusingTrigger.h"
#include "ScriptedEndpoint.h"
#include "storage/NotificationLog.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

namespace {

const QString kToken = QStringLiteral("tok_0123456789abcdefghijklmnopqrstuv");

// Text that does not compress: PostgreSQL compresses an index entry before it measures it, so a
// repeated letter would stay under the limit these tests are about.
QString incompressible(int length, quint32 seed)
{
    static const QString alphabet =
        QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
    QRandomGenerator random(seed);
    QString text(length, Qt::Uninitialized);
    for (QChar &c : text)
        c = alphabet.at(int(random.bounded(quint32(alphabet.size()))));
    return text;
}

QJsonObject configWith(const ScriptedEndpoint &endpoint, const QJsonObject &mapping)
{
    return {
        {QStringLiteral("endpoints"), QJsonArray{testEndpoint(QStringLiteral("ep"), endpoint.url(), kToken)}},
        {QStringLiteral("mappings"), QJsonArray{mapping}}};
}

QString stateOf(EngineHarness &harness, const QString &messageId, const QString &mapping)
{
    return harness.delivery(messageId, mapping)[QStringLiteral("state")].toString();
}

} // namespace

class TestBadRows : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void longNotificationCountsItsOccurrences();
    void answerWithALongNotificationIsRecorded();
    void hugeIdentifierValuesAreDeliveredAndStillDeduplicated();
    void outcomeTheDatabaseRefusesParksThatDeliveryAlone();
};

void TestBadRows::longNotificationCountsItsOccurrences()
{
    EngineHarness harness;
    QVERIFY2(harness.isValid(), qPrintable(harness.error()));
    Notification notification;
    notification.level = QStringLiteral("warn");
    notification.subject = incompressible(500, 1);
    notification.description = incompressible(5000, 2);
    notification.source = QStringLiteral("test");
    notification.reference = QStringLiteral("m1");
    NotificationLog log(harness.db());
    QString error;
    QVERIFY2(log.record(notification, &error), qPrintable(error));
    QVERIFY2(log.record(notification, &error), qPrintable(error));
    Notification other = notification;
    other.description.chop(1); // differs in the last character only: a row of its own
    QVERIFY2(log.record(other, &error), qPrintable(error));

    QList<Notification> listed;
    QVERIFY2(log.list({}, QStringLiteral("m1"), 10, &listed, &error), qPrintable(error));
    QCOMPARE(listed.size(), 2);
    QCOMPARE(listed[0].description, other.description);
    QCOMPARE(listed[0].occurrences, 1);
    QCOMPARE(listed[1].description, notification.description);
    QCOMPARE(listed[1].subject, notification.subject);
    QCOMPARE(listed[1].occurrences, 2);
}

void TestBadRows::answerWithALongNotificationIsRecorded()
{
    const QString description = incompressible(5000, 3);
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    endpoint.setHandler([description](const RecordedRequest &request) {
        const QJsonObject notification{{QStringLiteral("level"), QStringLiteral("warn")},
                                       {QStringLiteral("subject"), QStringLiteral("Long story")},
                                       {QStringLiteral("description"), description}};
        return ScriptedResponse::json(
            200, {{QStringLiteral("message_id"), request.json().value(QStringLiteral("message_id"))},
                  {QStringLiteral("notifications"), QJsonArray{notification, notification}}});
    });
    EngineHarness harness;
    QVERIFY2(harness.isValid(), qPrintable(harness.error()));
    QCOMPARE(harness.importConfig(
                 configWith(endpoint, testMapping(QStringLiteral("mail"), QStringLiteral("ep"),
                                                  QStringLiteral("/mail"), {QStringLiteral("order:new")}))),
             QString());
    const QString id = harness.push(QStringLiteral("order:new"));
    QVERIFY(harness.runUntilIdle());
    QSignalSpy failed(&harness.engine(), &Engine::databaseUnreachable);

    QCOMPARE(stateOf(harness, id, QStringLiteral("mail")), QStringLiteral("delivered"));
    const QJsonArray notifications = harness.show(id)[QStringLiteral("notifications")].toArray();
    QCOMPARE(notifications.size(), 1);
    QCOMPARE(notifications[0][QStringLiteral("description")].toString(), description);
    QCOMPARE(notifications[0][QStringLiteral("occurrences")].toInt(), 2);

    const QString next = harness.push(QStringLiteral("order:new"));
    QVERIFY(harness.runUntilIdle());
    QCOMPARE(stateOf(harness, next, QStringLiteral("mail")), QStringLiteral("delivered"));
    QCOMPARE(failed.count(), 0);
}

void TestBadRows::hugeIdentifierValuesAreDeliveredAndStillDeduplicated()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    QJsonObject mapping = testMapping(QStringLiteral("ship"), QStringLiteral("ep"), QStringLiteral("/ship"),
                                      {QStringLiteral("shipment:ready")});
    mapping.insert(QStringLiteral("identifiers"),
                   QJsonObject{{QStringLiteral("reference"), QStringLiteral("payload.reference")}});
    EngineHarness harness;
    QVERIFY2(harness.isValid(), qPrintable(harness.error()));
    QCOMPARE(harness.importConfig(configWith(endpoint, mapping)), QString());
    const QString huge = incompressible(10000, 4);
    const QString otherHuge = huge.left(9999) + QLatin1Char('!');
    const QJsonObject payload{{QStringLiteral("reference"), huge}};
    const QString first = harness.push(QStringLiteral("shipment:ready"), payload);
    const QString again = harness.push(QStringLiteral("shipment:ready"), payload);
    const QString other =
        harness.push(QStringLiteral("shipment:ready"), {{QStringLiteral("reference"), otherHuge}});
    QVERIFY(!first.isEmpty() && !again.isEmpty() && !other.isEmpty());
    QVERIFY(harness.runUntilIdle());
    QSignalSpy failed(&harness.engine(), &Engine::databaseUnreachable);

    QCOMPARE(stateOf(harness, first, QStringLiteral("ship")), QStringLiteral("delivered"));
    QCOMPARE(stateOf(harness, other, QStringLiteral("ship")), QStringLiteral("delivered"));
    const QJsonObject duplicate = harness.delivery(again, QStringLiteral("ship"));
    QCOMPARE(duplicate[QStringLiteral("state")].toString(), QStringLiteral("skipped"));
    QVERIFY2(duplicate[QStringLiteral("reason")].toString().contains(first),
             qPrintable(duplicate[QStringLiteral("reason")].toString().left(200)));
    QCOMPARE(endpoint.requestsTo("/ship").size(), 2);
    const QString later = harness.push(QStringLiteral("shipment:ready"), {{QStringLiteral("reference"), 1}});
    QVERIFY(harness.runUntilIdle());
    QCOMPARE(stateOf(harness, later, QStringLiteral("ship")), QStringLiteral("delivered"));
    QCOMPARE(failed.count(), 0);
}

// The database refuses the attempt row of one delivery (a trigger raises for it): that delivery is
// parked with the reason and a notification, the others of its batch are delivered, the engine goes on.
void TestBadRows::outcomeTheDatabaseRefusesParksThatDeliveryAlone()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    EngineHarness harness;
    QVERIFY2(harness.isValid(), qPrintable(harness.error()));
    QCOMPARE(harness.importConfig(
                 configWith(endpoint, testMapping(QStringLiteral("mail"), QStringLiteral("ep"),
                                                  QStringLiteral("/mail"), {QStringLiteral("order:new")}))),
             QString());
    QStringList ids;
    for (int i = 0; i < 4; ++i)
        ids << harness.push(QStringLiteral("order:new"));
    const QString refused = ids.at(1);
    QSqlQuery delivery(harness.db().connection());
    QVERIFY(delivery.prepare(QStringLiteral("SELECT d.id FROM deliveries d JOIN messages m"
                                            " ON m.id = d.message_row WHERE m.message_id = ?")));
    delivery.bindValue(0, refused);
    QVERIFY(delivery.exec() && delivery.next());
    const qint64 refusedDelivery = delivery.value(0).toLongLong();
    delivery.finish();
    QString error;
    QVERIFY2(RefusingTrigger::install(harness.db(), QStringLiteral("attempts"),
                                      QStringLiteral("NEW.delivery_id = %1").arg(refusedDelivery), &error),
             qPrintable(error));

    QVERIFY(harness.runUntilIdle());
    QSignalSpy failed(&harness.engine(), &Engine::databaseUnreachable);
    QCOMPARE(endpoint.requestsTo("/mail").size(), 4);
    for (const QString &id : std::as_const(ids)) {
        if (id != refused)
            QCOMPARE(stateOf(harness, id, QStringLiteral("mail")), QStringLiteral("delivered"));
    }
    const QJsonObject parked = harness.delivery(refused, QStringLiteral("mail"));
    QCOMPARE(parked[QStringLiteral("state")].toString(), QStringLiteral("parked"));
    const QString reason = parked[QStringLiteral("reason")].toString();
    QVERIFY2(reason.startsWith(QStringLiteral("outcome not recorded: ")) &&
                 reason.contains(QStringLiteral("refused by the test")) &&
                 !reason.contains(QLatin1Char('\n')),
             qPrintable(reason));
    const QJsonArray notifications = harness.show(refused)[QStringLiteral("notifications")].toArray();
    QCOMPARE(notifications.size(), 1);
    QCOMPARE(notifications[0][QStringLiteral("subject")].toString(), QStringLiteral("Delivery parked: mail"));

    const QString next = harness.push(QStringLiteral("order:new"));
    QVERIFY(harness.runUntilIdle());
    QCOMPARE(stateOf(harness, next, QStringLiteral("mail")), QStringLiteral("delivered"));
    QCOMPARE(failed.count(), 0);
}

QTEST_GUILESS_MAIN(TestBadRows)
#include "tst_badrows.moc"
