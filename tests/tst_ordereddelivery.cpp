// Ordered delivery per key (mapping option ordering_key): deliveries of one key go out one at a time, in
// the order their messages were accepted, while other keys flow; a parked head holds its key (on_park
// hold) or not (skip); several engines on one PostgreSQL database never send one key twice at once.
#include "delivery/MessageActions.h"
#include "EngineHarness.h"
#include "ScriptedEndpoint.h"
#include "storage/DeliveryQueue.h"
#include "TestDatabase.h"

#include <QHash>
#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

namespace {

constexpr int kAnswerDelayMs = 15; // each answer takes a while, so that overlapping requests would show

struct Pushed
{
    QString key; // empty: the message has no order number
    QString id;
};

Message orderMessage(const QString &number, int sequence)
{
    QJsonObject order{{QStringLiteral("sequence"), sequence}};
    if (!number.isEmpty())
        order.insert(QStringLiteral("number"), number);
    Message message;
    QString error;
    Message::fromJson({{QStringLiteral("message"), QStringLiteral("order:updated")},
                       {QStringLiteral("payload"), QJsonObject{{QStringLiteral("order"), order}}}},
                      &message, &error);
    return message;
}

QString messageIdOf(const RecordedRequest &request)
{
    return request.json()[QStringLiteral("message_id")].toString();
}

} // namespace

class TestOrderedDelivery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void failingHeadHoldsOnlyItsKey();
    void parkedHeadHoldsItsKeyUntilReplayed();
    void parkedHeadIsSkippedWithOnParkSkip();
    void heldBackDeliveriesAreNotDue();
    void threeEnginesNeverSendOneKeyTwiceAtOnce();

private:
    QString configure(const QJsonObject &options);
    QList<Pushed> pushInterleaved(const QStringList &keys, int perKey);
    // Answers kAnswerDelayMs late; refuses a message's request while failWhile(id) says so.
    void answer(const std::function<bool(const QString &id)> &failWhile);
    void verifyOneAtATimeInOrder(const QList<Pushed> &pushed);
    void verifyAttemptsDoNotOverlap();
    QString stateOf(const QString &messageId);

    std::unique_ptr<EngineHarness> harness_;
    std::unique_ptr<ScriptedEndpoint> endpoint_;
    QList<int> statuses_; // the status of each request, as endpoint_->requests() orders them
};

void TestOrderedDelivery::init()
{
    harness_ = std::make_unique<EngineHarness>();
    QVERIFY2(harness_->isValid(), qPrintable(harness_->error()));
    endpoint_ = std::make_unique<ScriptedEndpoint>();
    QVERIFY(endpoint_->listen());
    statuses_.clear();
}

void TestOrderedDelivery::cleanup()
{
    endpoint_->setHandler(nullptr); // it refers to the test function's variables
    harness_.reset();
    endpoint_.reset();
}

QString TestOrderedDelivery::configure(const QJsonObject &options)
{
    QJsonObject mappingOptions = options;
    mappingOptions.insert(QStringLiteral("ordering_key"), QStringLiteral("payload.order.number"));
    QJsonObject endpoint = testEndpoint(QStringLiteral("erp"), endpoint_->url());
    endpoint.insert(QStringLiteral("max_in_flight"), 8); // room for every key at once
    return harness_->importConfig(
        {{QStringLiteral("endpoints"), QJsonArray{endpoint}},
         {QStringLiteral("mappings"),
          QJsonArray{testMapping(QStringLiteral("erp"), QStringLiteral("erp"), QStringLiteral("/orders"),
                                 {QStringLiteral("order:*")}, mappingOptions)}}});
}

// Message i of every key, then message i + 1 of every key, ...; accepted in that order.
QList<Pushed> TestOrderedDelivery::pushInterleaved(const QStringList &keys, int perKey)
{
    QList<Message> messages;
    QList<Pushed> pushed;
    for (int i = 0; i < perKey; ++i) {
        for (const QString &key : keys) {
            messages << orderMessage(key, i);
            pushed << Pushed{key, messages.last().id};
        }
    }
    const QStringList accepted = harness_->pushAll(messages);
    if (accepted.size() != messages.size())
        qWarning("pushed %d messages, %d accepted", int(messages.size()), int(accepted.size()));
    return pushed;
}

void TestOrderedDelivery::answer(const std::function<bool(const QString &id)> &failWhile)
{
    endpoint_->setHandler([this, failWhile](const RecordedRequest &request) {
        const QString id = messageIdOf(request);
        ScriptedResponse response =
            failWhile(id) ? ScriptedResponse::json(500, {{QStringLiteral("error"), QStringLiteral("busy")}})
                          : ScriptedResponse::json(200, {{QStringLiteral("message_id"), id}});
        response.delayMs = kAnswerDelayMs;
        statuses_ << response.status;
        return response;
    });
}

// From the endpoint's log: per key, each request arrived after the answer to the one before had left,
// and no message was sent before the message before it of its key was delivered.
void TestOrderedDelivery::verifyOneAtATimeInOrder(const QList<Pushed> &pushed)
{
    QHash<QString, QStringList> order; // key -> message ids in the order they were accepted
    QHash<QString, QString> keyOf;
    for (const Pushed &message : pushed) {
        keyOf.insert(message.id, message.key);
        if (!message.key.isEmpty())
            order[message.key] << message.id;
    }
    const QList<RecordedRequest> requests = endpoint_->requests();
    QCOMPARE(requests.size(), statuses_.size());
    QHash<QString, int> delivered;   // key -> how many of its messages were delivered so far
    QHash<QString, qint64> answered; // key -> when the answer to its latest request left
    for (int i = 0; i < requests.size(); ++i) {
        const QString id = messageIdOf(requests.at(i));
        const QString key = keyOf.value(id);
        QVERIFY2(requests.at(i).answeredAtMs > 0, qPrintable(id));
        if (key.isEmpty())
            continue;
        const QStringList &ids = order.value(key);
        QVERIFY2(delivered.value(key) < ids.size() && ids.at(delivered.value(key)) == id,
                 qPrintable(QStringLiteral("key %1: %2 was sent while %3 was not delivered yet")
                                .arg(key, id, ids.value(delivered.value(key)))));
        QVERIFY2(requests.at(i).receivedAtMs >= answered.value(key),
                 qPrintable(QStringLiteral("key %1: %2 arrived %3 ms before the answer to the request before")
                                .arg(key, id)
                                .arg(answered.value(key) - requests.at(i).receivedAtMs)));
        answered.insert(key, requests.at(i).answeredAtMs);
        if (statuses_.at(i) == 200)
            ++delivered[key];
    }
    for (auto it = order.cbegin(); it != order.cend(); ++it)
        QCOMPARE(delivered.value(it.key()), int(it.value().size()));
}

// From the attempts table, as the engines saw it: per key, an attempt starts only after the one before
// it ended.
void TestOrderedDelivery::verifyAttemptsDoNotOverlap()
{
    QSqlQuery query(harness_->db().connection());
    QVERIFY(query.exec(QStringLiteral(
        "SELECT d.ordering_key, a.started_at, a.duration_ms FROM attempts a JOIN deliveries d"
        " ON d.id = a.delivery_id WHERE d.ordering_key IS NOT NULL ORDER BY a.started_at, a.id")));
    QHash<QString, qint64> endOfLast;
    int attempts = 0;
    while (query.next()) {
        const QString key = query.value(0).toString();
        const qint64 start = query.value(1).toLongLong();
        QVERIFY2(start >= endOfLast.value(key),
                 qPrintable(QStringLiteral("key %1: an attempt started %2 ms before the one before it ended")
                                .arg(key)
                                .arg(endOfLast.value(key) - start)));
        endOfLast.insert(key, start + query.value(2).toLongLong());
        ++attempts;
    }
    QVERIFY(attempts > 0);
}

QString TestOrderedDelivery::stateOf(const QString &messageId)
{
    return harness_->delivery(messageId, QStringLiteral("erp"))[QStringLiteral("state")].toString();
}

// R1's first message fails at least twice, and until every message of the other keys is delivered; then
// it succeeds. The other keys never wait for it, and R1's later messages go only after it.
void TestOrderedDelivery::failingHeadHoldsOnlyItsKey()
{
    QJsonArray schedule;
    for (int i = 0; i < 40; ++i)
        schedule.append(0.05);
    QCOMPARE(configure({{QStringLiteral("retry_schedule"), schedule}}), QString());
    const QList<Pushed> pushed =
        pushInterleaved({QStringLiteral("R1"), QStringLiteral("R2"), QStringLiteral("R3")}, 3);
    const QString head = pushed.first().id;
    QSet<QString> others;
    for (const Pushed &message : pushed) {
        if (message.key != QLatin1String("R1"))
            others.insert(message.id);
    }
    int headFailures = 0;
    QSet<QString> othersDelivered;
    answer([&](const QString &id) {
        if (id == head && (headFailures < 2 || othersDelivered.size() < others.size())) {
            ++headFailures;
            return true;
        }
        if (others.contains(id))
            othersDelivered.insert(id);
        return false;
    });
    QVERIFY(harness_->runUntilIdle(60000));
    for (const Pushed &message : pushed)
        QCOMPARE(stateOf(message.id), QStringLiteral("delivered"));
    QVERIFY(headFailures >= 2);
    verifyOneAtATimeInOrder(pushed);
    verifyAttemptsDoNotOverlap();
    // R1's later messages went after every message of the other keys had been answered.
    qint64 othersDone = 0;
    qint64 firstLaterR1 = std::numeric_limits<qint64>::max();
    for (const RecordedRequest &request : endpoint_->requests()) {
        const QString id = messageIdOf(request);
        if (others.contains(id))
            othersDone = qMax(othersDone, request.answeredAtMs);
        else if (id != head)
            firstLaterR1 = qMin(firstLaterR1, request.receivedAtMs);
    }
    QVERIFY2(othersDone <= firstLaterR1, "a later R1 message went before the other keys were done");
}

void TestOrderedDelivery::parkedHeadHoldsItsKeyUntilReplayed()
{
    QCOMPARE(configure({{QStringLiteral("retries_allowed"), false}}), QString());
    bool refuseHead = true;
    const QList<Pushed> pushed = pushInterleaved({QStringLiteral("R1"), QStringLiteral("R2")}, 3);
    const QString head = pushed.first().id;
    answer([&](const QString &id) { return refuseHead && id == head; });
    // Idle: what is left waits for a person (the parked head), not for the engine.
    QVERIFY(harness_->runUntilIdle(30000));
    QCOMPARE(stateOf(head), QStringLiteral("parked"));
    for (const Pushed &message : pushed.mid(1)) {
        const QJsonObject delivery = harness_->delivery(message.id, QStringLiteral("erp"));
        if (message.key == QLatin1String("R2")) {
            QCOMPARE(delivery[QStringLiteral("state")].toString(), QStringLiteral("delivered"));
            continue;
        }
        QCOMPARE(delivery[QStringLiteral("state")].toString(), QStringLiteral("pending"));
        QCOMPARE(delivery[QStringLiteral("waits_for")][QStringLiteral("message_id")].toString(), head);
        QCOMPARE(delivery[QStringLiteral("waits_for")][QStringLiteral("state")].toString(),
                 QStringLiteral("parked"));
    }
    QCOMPARE(endpoint_->requestCount(), 4); // the head once, R2's three

    // Replaying the head releases the key: it goes first, then the rest in order.
    refuseHead = false;
    int replayed = 0, routed = 0;
    QString error;
    QVERIFY2(MessageActions(harness_->db()).replay({head}, &replayed, &routed, &error), qPrintable(error));
    QVERIFY(harness_->runUntilIdle(30000));
    for (const Pushed &message : pushed)
        QCOMPARE(stateOf(message.id), QStringLiteral("delivered"));
    verifyOneAtATimeInOrder(pushed);
}

void TestOrderedDelivery::parkedHeadIsSkippedWithOnParkSkip()
{
    QCOMPARE(configure({{QStringLiteral("retries_allowed"), false},
                        {QStringLiteral("on_park"), QStringLiteral("skip")}}),
             QString());
    const QList<Pushed> pushed = pushInterleaved({QStringLiteral("R1")}, 3);
    const QString head = pushed.first().id;
    answer([&](const QString &id) { return id == head; });
    QVERIFY(harness_->runUntilIdle(30000));
    QCOMPARE(stateOf(head), QStringLiteral("parked"));
    QCOMPARE(stateOf(pushed.at(1).id), QStringLiteral("delivered"));
    QCOMPARE(stateOf(pushed.at(2).id), QStringLiteral("delivered"));
    const QList<RecordedRequest> requests = endpoint_->requests();
    QCOMPARE(requests.size(), 3);
    for (int i = 0; i < 3; ++i) // the parked head first, then the others in order, one at a time
        QCOMPARE(messageIdOf(requests.at(i)), pushed.at(i).id);
    QVERIFY(requests.at(1).receivedAtMs >= requests.at(0).answeredAtMs);
    QVERIFY(requests.at(2).receivedAtMs >= requests.at(1).answeredAtMs);
}

// Behind a head whose retry is an hour away, the later deliveries of its key are not due: otherwise the
// dispatcher would ask their lane again every few milliseconds for an hour.
void TestOrderedDelivery::heldBackDeliveriesAreNotDue()
{
    QCOMPARE(configure({{QStringLiteral("retry_schedule"), QJsonArray{3600}}}), QString());
    const QList<Pushed> pushed = pushInterleaved({QStringLiteral("R1")}, 3);
    answer([](const QString &) { return true; });
    QSignalSpy caughtUp(&harness_->engine(), &Engine::caughtUp);
    QVERIFY(harness_->start());
    QTRY_COMPARE(stateOf(pushed.first().id), QStringLiteral("retrying"));
    QVERIFY(caughtUp.count() > 0 || caughtUp.wait(10000));
    QCOMPARE(endpoint_->requestCount(), 1);

    DeliveryQueue queue(harness_->db(), QStringLiteral("inspect"));
    QSqlQuery endpoint(harness_->db().connection());
    QVERIFY(endpoint.exec(QStringLiteral("SELECT id FROM endpoints")) && endpoint.next());
    std::optional<qint64> next;
    QString error;
    QVERIFY2(queue.nextDueAt({endpoint.value(0).toLongLong()}, &next, &error), qPrintable(error));
    QVERIFY(next.has_value());
    // The head's retry, at least 3600 s less the schedule's 20 % jitter from now.
    QVERIFY2(*next > Database::nowMs() + 2000 * 1000, qPrintable(QString::number(*next - Database::nowMs())));
    QCOMPARE(stateOf(pushed.at(1).id), QStringLiteral("pending"));
}

// Three engines on one PostgreSQL database, each with its own lease owner, share interleaved keys (and
// messages without a key); R1's head fails twice. No two requests of one key ever overlap.
void TestOrderedDelivery::threeEnginesNeverSendOneKeyTwiceAtOnce()
{
    if (!TestDatabase::usePostgres())
        QSKIP("several engines need a shared database: this case runs as ordereddelivery_postgres");
    QCOMPARE(configure({{QStringLiteral("retry_schedule"), QJsonArray{0.05, 0.05, 0.05}}}), QString());
    std::vector<std::unique_ptr<Engine>> others;
    QList<int> recorded(3, 0); // outcomes each engine wrote
    QObject counting;          // ends the counting connections with this function
    for (int i = 0; i < 2; ++i) {
        others.push_back(std::make_unique<Engine>(harness_->location(), &harness_->credentials()));
        connect(others.back().get(), &Engine::recorded, &counting,
                [&recorded, i](int n) { recorded[i + 1] += n; });
        QString error;
        QVERIFY2(others.back()->start(&error, Engine::Polling::Off), qPrintable(error));
    }
    connect(&harness_->engine(), &Engine::recorded, &counting, [&recorded](int n) { recorded[0] += n; });
    QVERIFY(harness_->start());
    // Pushed while all three listen, so that all three hear of the work at once.
    QString head;
    int headFailures = 0;
    answer([&](const QString &id) { return id == head && headFailures++ < 2; });
    const QList<Pushed> pushed = pushInterleaved(
        {QStringLiteral("R1"), QStringLiteral("R2"), QStringLiteral("R3"), QStringLiteral("R4"), QString()},
        8);
    head = pushed.first().id; // before any request: the engines run on threads, the endpoint on this one
    const auto allDelivered = [&] {
        for (const Pushed &message : pushed) {
            if (stateOf(message.id) != QLatin1String("delivered"))
                return false;
        }
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(allDelivered(), 60000);
    for (auto &engine : others)
        engine->stop();
    QCOMPARE(headFailures, 3); // two failures, then the success, and never twice
    verifyOneAtATimeInOrder(pushed);
    verifyAttemptsDoNotOverlap();
    qInfo("outcomes recorded per engine: %d, %d, %d", recorded[0], recorded[1], recorded[2]);
}

QTEST_GUILESS_MAIN(TestOrderedDelivery)
#include "tst_ordereddelivery.moc"
