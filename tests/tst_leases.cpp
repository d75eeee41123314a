// Leases on a shared PostgreSQL database: a live engine's claims never expire under it (they are renewed
// while they wait and while their request is out), an engine never reaps its own claims, and the outcome
// of a claim another engine took over is kept as an attempt without changing the delivery.
#include "EngineHarness.h"
#include "IntegratorProcess.h"
#include "ScriptedEndpoint.h"
#include "storage/DeliveryQueue.h"
#include "TestDatabase.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>

#include <memory>
#include <vector>

namespace {

// Just under the mapping's timeout (2 s): every request holds its slot for most of it, so claims wait
// in the ready queues for a long while before their request starts.
constexpr int kAnswerDelayMs = 1700;
// Three workers with six requests each in flight get through about ten messages a second: 500 take
// about 50 s, long enough for every lease to be renewed several times.
constexpr int kMessages = 500;

QJsonObject slowConfig(const QUrl &url)
{
    return {
        {QStringLiteral("endpoints"), QJsonArray{testEndpoint(QStringLiteral("slow"), url)}},
        {QStringLiteral("mappings"),
         QJsonArray{testMapping(QStringLiteral("orders"), QStringLiteral("slow"), QStringLiteral("/orders"),
                                {QStringLiteral("order:*")}, {{QStringLiteral("timeout"), 2}})}}};
}

} // namespace

class TestLeases : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void outcomeOfAClaimTakenOverLeavesTheDelivery();
    void ownClaimsAreNeverReaped();
    void renewalExtendsEveryOwnClaim();
    void threeWorkersSendASlowEndpointEachMessageOnce();

private:
    qint64 claimOne(DeliveryQueue &queue, qint64 leaseMs);
    QString stateOf(qint64 deliveryId);
    QString ownerOf(qint64 deliveryId);
    int attemptsOf(qint64 deliveryId);

    std::unique_ptr<EngineHarness> harness_;
    std::unique_ptr<ScriptedEndpoint> endpoint_;
    qint64 endpointId_ = 0;
};

void TestLeases::init()
{
    QVERIFY2(TestDatabase::usePostgres(),
             "leases matter on a shared database: this test runs as leases_postgres");
    endpoint_ = std::make_unique<ScriptedEndpoint>();
    QVERIFY(endpoint_->listen());
    harness_ = std::make_unique<EngineHarness>();
    QVERIFY2(harness_->isValid(), qPrintable(harness_->error()));
    QCOMPARE(harness_->importConfig(slowConfig(endpoint_->url())), QString());
    QSqlQuery endpoint(harness_->db().connection());
    QVERIFY(endpoint.exec(QStringLiteral("SELECT id FROM endpoints")) && endpoint.next());
    endpointId_ = endpoint.value(0).toLongLong();
}

void TestLeases::cleanup()
{
    harness_.reset();
    endpoint_.reset();
}

// Claims the one due delivery, as an engine's dispatcher does; returns its id (0 if none).
qint64 TestLeases::claimOne(DeliveryQueue &queue, qint64 leaseMs)
{
    QList<ClaimedDelivery> claimed;
    QHash<qint64, std::optional<qint64>> heldUntil;
    QString error;
    if (!queue.claimDue({{endpointId_, LaneGate::Lane{1, 0}}}, leaseMs, &claimed, &heldUntil, &error)) {
        qWarning("%s", qPrintable(error));
        return 0;
    }
    return claimed.size() == 1 ? claimed.first().id : 0;
}

QString TestLeases::stateOf(qint64 deliveryId)
{
    QSqlQuery query(harness_->db().connection());
    query.prepare(QStringLiteral("SELECT state FROM deliveries WHERE id = ?"));
    query.addBindValue(deliveryId);
    return query.exec() && query.next() ? query.value(0).toString() : QString();
}

QString TestLeases::ownerOf(qint64 deliveryId)
{
    QSqlQuery query(harness_->db().connection());
    query.prepare(QStringLiteral("SELECT lease_owner FROM deliveries WHERE id = ?"));
    query.addBindValue(deliveryId);
    return query.exec() && query.next() ? query.value(0).toString() : QString();
}

int TestLeases::attemptsOf(qint64 deliveryId)
{
    QSqlQuery query(harness_->db().connection());
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM attempts WHERE delivery_id = ?"));
    query.addBindValue(deliveryId);
    return query.exec() && query.next() ? query.value(0).toInt() : -1;
}

// Engine A stalled past its lease; B reaped the claim and claimed it again. A's late outcome is history,
// not a decision: the delivery stays B's, `sending`, until B records its own.
void TestLeases::outcomeOfAClaimTakenOverLeavesTheDelivery()
{
    QVERIFY(!harness_->push(QStringLiteral("order:new")).isEmpty());
    DeliveryQueue engineA(harness_->db(), QStringLiteral("engine-a"));
    DeliveryQueue engineB(harness_->db(), QStringLiteral("engine-b"));
    const qint64 id = claimOne(engineA, -1000); // its lease already ran out
    QVERIFY(id != 0);
    int reaped = 0;
    QString error;
    QVERIFY2(engineB.reapExpiredLeases(&reaped, &error), qPrintable(error));
    QCOMPARE(reaped, 1);
    QCOMPARE(claimOne(engineB, 60000), id);

    DeliveryOutcome late;
    late.deliveryId = id;
    late.state = DeliveryState::Delivered;
    late.attempt.kind = QStringLiteral("post");
    late.attempt.url = endpoint_->url().toString();
    late.attempt.status = 200;
    late.attempt.outcome = QStringLiteral("delivered");
    late.attempt.startedAtMs = Database::nowMs();
    bool owned = true;
    QVERIFY2(engineA.record(late, &owned, &error), qPrintable(error));
    QVERIFY(!owned);
    QCOMPARE(attemptsOf(id), 1);
    QCOMPARE(stateOf(id), QStringLiteral("sending"));
    QCOMPARE(ownerOf(id), QStringLiteral("engine-b"));

    // B's own outcome decides.
    QVERIFY2(engineB.record(late, &owned, &error), qPrintable(error));
    QVERIFY(owned);
    QCOMPARE(attemptsOf(id), 2);
    QCOMPARE(stateOf(id), QStringLiteral("delivered"));
}

// Only another engine reaps an expired claim: its owner may still be sending it.
void TestLeases::ownClaimsAreNeverReaped()
{
    QVERIFY(!harness_->push(QStringLiteral("order:new")).isEmpty());
    DeliveryQueue engineA(harness_->db(), QStringLiteral("engine-a"));
    const qint64 id = claimOne(engineA, -1000);
    QVERIFY(id != 0);
    int reaped = -1;
    QString error;
    QVERIFY2(engineA.reapExpiredLeases(&reaped, &error), qPrintable(error));
    QCOMPARE(reaped, 0);
    QCOMPARE(stateOf(id), QStringLiteral("sending"));
    QCOMPARE(ownerOf(id), QStringLiteral("engine-a"));

    DeliveryQueue engineB(harness_->db(), QStringLiteral("engine-b"));
    QVERIFY2(engineB.reapExpiredLeases(&reaped, &error), qPrintable(error));
    QCOMPARE(reaped, 1);
    QCOMPARE(stateOf(id), QStringLiteral("pending"));
}

// A renewal leases every claim of this engine again, from now, and no other engine's.
void TestLeases::renewalExtendsEveryOwnClaim()
{
    for (int i = 0; i < 3; ++i)
        QVERIFY(!harness_->push(QStringLiteral("order:new"), {{QStringLiteral("n"), i}}).isEmpty());
    DeliveryQueue engineA(harness_->db(), QStringLiteral("engine-a"));
    DeliveryQueue engineB(harness_->db(), QStringLiteral("engine-b"));
    QVERIFY(claimOne(engineA, -1000) != 0);
    QVERIFY(claimOne(engineA, -1000) != 0);
    const qint64 other = claimOne(engineB, -1000);
    QVERIFY(other != 0);
    int renewed = 0;
    QString error;
    QVERIFY2(engineA.renewClaims(60000, &renewed, &error), qPrintable(error));
    QCOMPARE(renewed, 2);
    DeliveryQueue engineC(harness_->db(), QStringLiteral("engine-c"));
    int reaped = 0;
    QVERIFY2(engineC.reapExpiredLeases(&reaped, &error), qPrintable(error));
    QCOMPARE(reaped, 1); // only B's
    QCOMPARE(stateOf(other), QStringLiteral("pending"));
}

// Three `integrator run` processes and an endpoint that answers just under the timeout: with claims
// waiting in ready queues while every slot is busy, each message still reaches the endpoint once.
void TestLeases::threeWorkersSendASlowEndpointEachMessageOnce()
{
    QHash<QString, int> received;
    endpoint_->setRecordBodies(false);
    endpoint_->setHandler([&received](const RecordedRequest &request) {
        const QString id = request.json()[QStringLiteral("message_id")].toString();
        ++received[id];
        ScriptedResponse response = ScriptedResponse::json(200, {{QStringLiteral("message_id"), id}});
        response.delayMs = kAnswerDelayMs;
        return response;
    });
    QJsonArray batch;
    for (int i = 0; i < kMessages; ++i)
        batch.append(QJsonObject{{QStringLiteral("message"), QStringLiteral("order:new")},
                                 {QStringLiteral("payload"), QJsonObject{{QStringLiteral("n"), i}}}});
    const CliResult pushed =
        runIntegrator(harness_->cliArguments() + QStringList{QStringLiteral("push"), QStringLiteral("-")},
                      QJsonDocument(batch).toJson(QJsonDocument::Compact), 120000);
    QVERIFY2(pushed.exitCode == 0, qPrintable(pushed.describe()));
    const QList<QByteArray> ids = pushed.out.trimmed().split('\n');
    QCOMPARE(ids.size(), kMessages);

    std::vector<std::unique_ptr<QProcess>> workers;
    workers.reserve(3);
    for (int i = 0; i < 3; ++i)
        workers.push_back(startIntegrator(harness_->cliArguments() + QStringList{QStringLiteral("run")}));
    QTRY_VERIFY_WITH_TIMEOUT(received.size() == kMessages, 110000);
    QSqlQuery delivered(harness_->db().connection());
    const auto allRecorded = [&delivered] {
        return delivered.exec(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'delivered'")) &&
               delivered.next() && delivered.value(0).toInt() == kMessages;
    };
    QTRY_VERIFY_WITH_TIMEOUT(allRecorded(), 20000);
    for (auto &worker : workers) {
        worker->terminate();
        QVERIFY(waitForExit(*worker));
        QCOMPARE(worker->exitCode(), 0);
    }
    for (const QByteArray &id : ids) {
        const QString messageId = QString::fromLatin1(id);
        QVERIFY2(
            received.value(messageId) == 1,
            qPrintable(QStringLiteral("%1 arrived %2 times").arg(messageId).arg(received.value(messageId))));
    }
    QCOMPARE(endpoint_->requestCount(), kMessages);
    // One attempt per delivery, every one answered in time: nothing was retried or sent twice.
    QSqlQuery attempts(harness_->db().connection());
    QVERIFY(attempts.exec(QStringLiteral("SELECT COUNT(*), COUNT(*) FILTER (WHERE outcome = 'delivered')"
                                         " FROM attempts")) &&
            attempts.next());
    QCOMPARE(attempts.value(0).toInt(), kMessages);
    QCOMPARE(attempts.value(1).toInt(), kMessages);
}

QTEST_MAIN(TestLeases)
#include "tst_leases.moc"
