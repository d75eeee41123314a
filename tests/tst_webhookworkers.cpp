// Three `integrator run --listen` workers on one PostgreSQL database, each request sent to one of them
// at random as a load balancer would. Spree's signed webhooks (all three schemes), each event sent one to
// three times at the same moment to different workers (a redelivery racing the original), and hub-era
// pushes of the same objects to different workers: every event becomes exactly one message, every copy
// is answered 2xx, nothing is refused, each pushed object is :new exactly once and :updated every other
// time, and every message reaches the endpoint once. Then ordinary pushes of several messages each, whose
// message ids and identifier values overlap across workers in opposite orders (batches that can deadlock
// each other on PostgreSQL): every push is still answered 201, and each identifier value is delivered
// once per mapping, every other copy skipped as its duplicate.
#include "DemoWebhookSender.h"
#include "HttpPostClient.h"
#include "IntegratorProcess.h"
#include "ScriptedEndpoint.h"
#include "SpreeSignedHeaders.h"
#include "storage/Database.h"
#include "TestDatabase.h"
#include "utils/Clock.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlQuery>
#include <QTest>

#include <sys/resource.h>

#include <algorithm>
#include <memory>
#include <numeric>
#include <vector>

namespace {

const QByteArray kPushToken = "push_workers_0123456789abcdef";
const QByteArray kWebhookSecret = "whsec_workers_0123456789abcdefghij";

constexpr int kWorkers = 3;
constexpr int kEvents = 300;
constexpr int kHubObjects = 60;
constexpr int kRounds = 4;  // every copy of an event, and of a pushed object, goes out in the same round
constexpr int kOrders = 40; // identifier values of the identified pushes
constexpr int kMessagesPerPush = 8; // messages in one identified push
constexpr int kIdentifiedRounds = 6;

using Scheme = SpreeWebhookVerifier::Scheme;

// Event names of each era that the README's table maps, and one it does not (kept as spree:NAME).
const QStringList kLegacyEvents{QStringLiteral("order.placed"), QStringLiteral("order.canceled"),
                                QStringLiteral("product.create"), QStringLiteral("shipment.shipped"),
                                QStringLiteral("payment.paid")};
const QStringList kNewEvents{QStringLiteral("order.completed"), QStringLiteral("order.updated"),
                             QStringLiteral("user.created"), QStringLiteral("product.updated"),
                             QStringLiteral("payment.paid")};
const QStringList kHubCollections{QStringLiteral("orders"), QStringLiteral("products"),
                                  QStringLiteral("users"), QStringLiteral("shipments")};

struct SpreeEvent
{
    QString id;
    Scheme scheme = Scheme::Legacy;
    QByteArray body;
    int copies = 1;
    int round = 0;
};

struct HubObject
{
    QString collection; // orders
    QString type;       // order
    QString id;
    int pushes = 0;
};

// One request of a round: a copy of an event, or a hub-era body.
struct Sent
{
    int worker = 0;
    int event = -1; // index into the events, or -1 for a hub push
    QByteArray hubBody;
};

quint32 testSeed()
{
    bool given = false;
    const quint32 seed = qEnvironmentVariable("INTEGRATOR_TEST_SEED").toUInt(&given);
    return given ? seed : QRandomGenerator::global()->generate();
}

// The event id of a delivered webhook message: `id` of 5.3+ events, `event_id` of legacy ones.
QString eventIdOf(const QJsonObject &payload)
{
    const QJsonObject event = payload.value(QStringLiteral("spree_event")).toObject();
    const QJsonValue id = event.contains(QStringLiteral("event_id")) ? event.value(QStringLiteral("event_id"))
                                                                     : event.value(QStringLiteral("id"));
    return id.isDouble() ? QString::number(id.toInteger()) : id.toString();
}

// A mapping of every order message to its own service path, duplicates told apart by one identifier.
QJsonObject identifiedMapping(const QString &name, const QString &identifier, const QString &path)
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("endpoint"), QStringLiteral("erp")},
            {QStringLiteral("path"), QStringLiteral("/") + name},
            {QStringLiteral("messages"), QJsonArray{QStringLiteral("order:*")}},
            {QStringLiteral("identifiers"), QJsonObject{{identifier, path}}},
            {QStringLiteral("options"), QJsonObject{{QStringLiteral("timeout"), 5}}}};
}

// One identified push: its messages in the order sent, to one worker.
struct IdentifiedPush
{
    int worker = 0;
    QJsonArray messages;
};

} // namespace

class TestWebhookWorkers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void eachEventAndObjectCountsOnceAcrossWorkers();
    void overlappingIdentifiedPushesAreNeverRefused();

private:
    bool configure(const TestDatabase &database, const QJsonArray &mappings);
    bool startWorkers(const TestDatabase &database, std::vector<std::unique_ptr<QProcess>> *workers);
    void makeEvents(QRandomGenerator &random);
    void makeHubObjects(QRandomGenerator &random);
    QList<Sent> hubPushes(QRandomGenerator &random, QList<QList<Sent>> *rounds);
    HttpPost request(const Sent &sent) const;

    ScriptedEndpoint endpoint_;
    QHash<QString, int> received_;                // message_id -> deliveries that arrived
    QHash<QString, QJsonObject> receivedMessage_; // message_id -> the message as delivered
    QList<SpreeEvent> events_;
    QList<HubObject> objects_;
    QList<int> ports_;
    QHash<QString, QStringList> deliveredByPath_; // "/by-number" -> the message ids that arrived there
};

void TestWebhookWorkers::initTestCase()
{
    if (!TestDatabase::usePostgres())
        QSKIP("several workers need a shared PostgreSQL database (ctest runs this unit as "
              "webhookworkers_postgres)");
    // A round opens a few hundred connections at once: lift the soft limit on open files to the hard one.
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
    QVERIFY(endpoint_.listen());
    endpoint_.setHandler([this](const RecordedRequest &request) {
        const QJsonObject message = request.json();
        const QString id = message.value(QStringLiteral("message_id")).toString();
        ++received_[id];
        receivedMessage_.insert(id, message);
        return ScriptedResponse::json(200, {{QStringLiteral("message_id"), id}});
    });
}

bool TestWebhookWorkers::configure(const TestDatabase &database, const QJsonArray &mappings)
{
    const QJsonObject config{
        {QStringLiteral("endpoints"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("erp")},
                                {QStringLiteral("url"), endpoint_.url().toString()}}}},
        {QStringLiteral("mappings"), mappings},
        {QStringLiteral("stores"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("shop")},
                                {QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9/")},
                                {QStringLiteral("collections"), QJsonObject{}},
                                {QStringLiteral("push_token"), QString::fromLatin1(kPushToken)},
                                {QStringLiteral("webhook_secret"), QString::fromLatin1(kWebhookSecret)}}}}};
    const CliResult result =
        runIntegrator(database.cliArguments() + QStringList{QStringLiteral("config"),
                                                            QStringLiteral("import"), QStringLiteral("-")},
                      QJsonDocument(config).toJson());
    if (result.exitCode != 0)
        qWarning("config import: %s", qPrintable(result.describe()));
    return result.exitCode == 0;
}

// Starts the workers on the database and notes the port each one listens on.
bool TestWebhookWorkers::startWorkers(const TestDatabase &database,
                                      std::vector<std::unique_ptr<QProcess>> *workers)
{
    ports_.clear();
    for (int i = 0; i < kWorkers; ++i) {
        workers->push_back(startIntegrator(
            database.cliArguments() +
            QStringList{QStringLiteral("run"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")}));
        QByteArray announced;
        const bool listening = QTest::qWaitFor(
            [&] {
                return (announced += workers->back()->readAllStandardError()).contains("accepting pushes on");
            },
            30000);
        if (!listening) {
            qWarning("worker %d did not listen: %s", i, announced.constData());
            return false;
        }
        const qsizetype at = announced.indexOf("accepting pushes on");
        const QByteArray line = announced.mid(at, announced.indexOf('\n', at) - at);
        ports_.append(line.mid(line.lastIndexOf(':') + 1).trimmed().toInt());
    }
    return true;
}

void TestWebhookWorkers::makeEvents(QRandomGenerator &random)
{
    events_.clear();
    for (int i = 0; i < kEvents; ++i) {
        SpreeEvent event;
        event.scheme = Scheme(random.bounded(3));
        const QStringList &names = event.scheme == Scheme::Legacy ? kLegacyEvents : kNewEvents;
        const QString name = names.at(random.bounded(int(names.size())));
        // Legacy event ids are integers, new ones UUIDs.
        event.id = event.scheme == Scheme::Legacy
                       ? QString::number(1000 + i)
                       : QStringLiteral("5f0e8400-e29b-41d4-a716-%1").arg(i, 12, 10, QChar(u'0'));
        event.body =
            DemoWebhookSender::sampleEvent(event.scheme, name, event.id, QStringLiteral("R%1").arg(i));
        event.copies = 1 + random.bounded(3);
        event.round = random.bounded(kRounds);
        events_.append(event);
    }
}

void TestWebhookWorkers::makeHubObjects(QRandomGenerator &random)
{
    objects_.clear();
    for (int i = 0; i < kHubObjects; ++i) {
        HubObject object;
        object.collection = kHubCollections.at(random.bounded(int(kHubCollections.size())));
        object.type = object.collection.chopped(1);
        object.id = QStringLiteral("H%1").arg(i);
        object.pushes = 2 + random.bounded(3);
        objects_.append(object);
    }
}

// Each object's pushes, spread over the rounds and put together into bodies of one to three objects (an
// object may even be twice in one body), each body to a random worker.
QList<Sent> TestWebhookWorkers::hubPushes(QRandomGenerator &random, QList<QList<Sent>> *rounds)
{
    QList<QList<int>> perRound(kRounds);
    for (int i = 0; i < objects_.size(); ++i) {
        for (int push = 0; push < objects_.at(i).pushes; ++push)
            perRound[random.bounded(kRounds)].append(i);
    }
    QList<Sent> all;
    for (int round = 0; round < kRounds; ++round) {
        QList<int> &pending = perRound[round];
        std::shuffle(pending.begin(), pending.end(), random);
        while (!pending.isEmpty()) {
            QJsonObject body;
            const int take = std::min(int(pending.size()), 1 + random.bounded(3));
            for (int k = 0; k < take; ++k) {
                const HubObject &object = objects_.at(pending.takeFirst());
                QJsonArray collection = body.value(object.collection).toArray();
                collection.append(QJsonObject{{QStringLiteral("id"), object.id},
                                              {QStringLiteral("status"), QStringLiteral("complete")}});
                body.insert(object.collection, collection);
            }
            Sent sent{random.bounded(kWorkers), -1, QJsonDocument(body).toJson(QJsonDocument::Compact)};
            (*rounds)[round].append(sent);
            all.append(sent);
        }
    }
    return all;
}

HttpPost TestWebhookWorkers::request(const Sent &sent) const
{
    const QString base = QStringLiteral("http://127.0.0.1:%1/api/stores/shop/").arg(ports_.at(sent.worker));
    if (sent.event < 0) {
        return {QUrl(base + QStringLiteral("messages")),
                sent.hubBody,
                {{"X-Hub-Store", "shop"},
                 {"X-Hub-Access-Token", kPushToken},
                 {"X-Hub-Timestamp", QByteArray::number(Clock::nowMs() / 1000)}}};
    }
    // Each copy is signed when it is sent, as Spree's redelivery signs anew.
    const SpreeEvent &event = events_.at(sent.event);
    return {QUrl(base + QStringLiteral("spree-webhooks")), event.body,
            SpreeSignedHeaders::of(event.scheme, event.body, Clock::nowMs() / 1000, kWebhookSecret)};
}

void TestWebhookWorkers::eachEventAndObjectCountsOnceAcrossWorkers()
{
    const quint32 seed = testSeed();
    qInfo("seed %u (INTEGRATOR_TEST_SEED=%u repeats this mix)", seed, seed);
    QRandomGenerator random(seed);
    TestDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.error()));
    QVERIFY(configure(
        database,
        QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("everything")},
                               {QStringLiteral("endpoint"), QStringLiteral("erp")},
                               {QStringLiteral("messages"), QJsonArray{QStringLiteral("*:*")}},
                               {QStringLiteral("options"), QJsonObject{{QStringLiteral("timeout"), 5}}}}}));

    std::vector<std::unique_ptr<QProcess>> workers;
    QVERIFY(startWorkers(database, &workers));

    makeEvents(random);
    makeHubObjects(random);
    QList<QList<Sent>> rounds(kRounds);
    for (int i = 0; i < events_.size(); ++i) {
        for (int copy = 0; copy < events_.at(i).copies; ++copy)
            rounds[events_.at(i).round].append(Sent{random.bounded(kWorkers), i, {}});
    }
    const QList<Sent> hub = hubPushes(random, &rounds);

    // Sent round by round, every request of a round at once.
    QHash<int, QList<HttpPostResult>> answersByEvent;
    QList<HttpPostResult> hubAnswers;
    int expectedMessages = 0;
    for (QList<Sent> &round : rounds) {
        std::shuffle(round.begin(), round.end(), random);
        QList<HttpPost> posts;
        for (const Sent &sent : std::as_const(round))
            posts.append(request(sent));
        const QList<HttpPostResult> answers = HttpPostClient::postAll(posts);
        for (qsizetype i = 0; i < round.size(); ++i) {
            const Sent &sent = round.at(i);
            const HttpPostResult &answer = answers.at(i);
            const QString what = sent.event < 0
                                     ? QStringLiteral("hub push %1").arg(QString::fromUtf8(sent.hubBody))
                                     : QStringLiteral("event %1").arg(events_.at(sent.event).id);
            QVERIFY2(answer.status >= 200 && answer.status < 300,
                     qPrintable(QStringLiteral("seed %1: %2 to worker %3 was answered %4: %5")
                                    .arg(seed)
                                    .arg(what)
                                    .arg(sent.worker)
                                    .arg(answer.status)
                                    .arg(QString::fromUtf8(answer.rawBody))));
            if (sent.event < 0)
                hubAnswers.append(answer);
            else
                answersByEvent[sent.event].append(answer);
        }
    }

    // Each event: one copy was the first (201, its message), every other copy a duplicate (200).
    QSet<QString> eventMessages;
    for (int i = 0; i < events_.size(); ++i) {
        const SpreeEvent &event = events_.at(i);
        const QList<HttpPostResult> &answers = answersByEvent.value(i);
        QCOMPARE(answers.size(), event.copies);
        int created = 0;
        for (const HttpPostResult &answer : answers) {
            if (answer.status == 201) {
                ++created;
                eventMessages.insert(answer.body.value(QStringLiteral("message_id")).toString());
                continue;
            }
            QCOMPARE(answer.status, 200);
            QCOMPARE(answer.body.value(QStringLiteral("status")).toString(), QStringLiteral("duplicate"));
            QCOMPARE(answer.body.value(QStringLiteral("event_id")).toString(), event.id);
        }
        QVERIFY2(created == 1, qPrintable(QStringLiteral("seed %1: event %2 sent %3 times made %4 messages")
                                              .arg(seed)
                                              .arg(event.id)
                                              .arg(event.copies)
                                              .arg(created)));
    }
    QCOMPARE(eventMessages.size(), kEvents);
    expectedMessages += kEvents;

    // Each hub object: exactly one :new among all the answers, the rest :updated.
    QHash<QString, QStringList> typesByObject; // "order/H7" -> the message types it became
    for (const HttpPostResult &answer : std::as_const(hubAnswers)) {
        QCOMPARE(answer.status, 202); // hub-era clients raise on anything else
        for (const QJsonValue &message : answer.body.value(QStringLiteral("messages")).toArray()) {
            const QString type = message[QStringLiteral("message")].toString();
            const QString kind = type.section(u':', 0, 0);
            const QString id = message[QStringLiteral("payload")][kind][QStringLiteral("id")].toString();
            typesByObject[kind + u'/' + id].append(type.section(u':', 1));
        }
    }
    for (const HubObject &object : std::as_const(objects_)) {
        const QStringList types = typesByObject.value(object.type + u'/' + object.id);
        QVERIFY2(types.size() == object.pushes && types.count(QStringLiteral("new")) == 1 &&
                     types.count(QStringLiteral("updated")) == object.pushes - 1,
                 qPrintable(QStringLiteral("seed %1: %2 %3 pushed %4 times became %5")
                                .arg(seed)
                                .arg(object.type, object.id)
                                .arg(object.pushes)
                                .arg(types.join(u','))));
        expectedMessages += object.pushes;
    }
    const int eventCopies = std::accumulate(events_.cbegin(), events_.cend(), 0,
                                            [](int sum, const SpreeEvent &e) { return sum + e.copies; });
    qInfo("%d events in %d requests and %d hub objects in %d pushes, to %d workers", kEvents, eventCopies,
          kHubObjects, int(hub.size()), kWorkers);

    // Every message is delivered, once.
    QTRY_VERIFY_WITH_TIMEOUT(received_.size() == expectedMessages, 120000);
    for (auto &worker : workers) {
        worker->terminate();
        QVERIFY(waitForExit(*worker));
        QCOMPARE(worker->exitCode(), 0);
    }
    QHash<QString, int> deliveredPerEvent;
    QHash<QString, int> deliveredNew; // "order/H7" -> its :new messages that arrived
    for (auto it = received_.cbegin(); it != received_.cend(); ++it) {
        QVERIFY2(it.value() == 1,
                 qPrintable(QStringLiteral("%1 arrived %2 times").arg(it.key()).arg(it.value())));
        const QJsonObject message = receivedMessage_.value(it.key());
        const QJsonObject payload = message.value(QStringLiteral("payload")).toObject();
        const QString type = message.value(QStringLiteral("message")).toString();
        if (eventMessages.contains(it.key()))
            ++deliveredPerEvent[eventIdOf(payload)];
        else if (type.endsWith(QLatin1String(":new")))
            ++deliveredNew[type.section(u':', 0, 0) + u'/' +
                           payload[type.section(u':', 0, 0)][QStringLiteral("id")].toString()];
    }
    QCOMPARE(deliveredPerEvent.size(), kEvents);
    for (const SpreeEvent &event : std::as_const(events_))
        QCOMPARE(deliveredPerEvent.value(event.id), 1);
    QCOMPARE(deliveredNew.size(), kHubObjects);
    for (const HubObject &object : std::as_const(objects_))
        QCOMPARE(deliveredNew.value(object.type + u'/' + object.id), 1);

    // The database agrees: one row per event and per object, and nothing more stored.
    Database db(database.location(), QStringLiteral("inspect-webhook-workers"));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    QSqlQuery query(db.connection());
    QVERIFY(query.exec(
        QStringLiteral("SELECT (SELECT COUNT(*) FROM spree_webhook_events),"
                       " (SELECT COUNT(*) FROM pushed_objects), (SELECT COUNT(*) FROM messages)")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), kEvents);
    QCOMPARE(query.value(1).toInt(), kHubObjects);
    QCOMPARE(query.value(2).toInt(), expectedMessages);
}

// Each round pushes copies of the same orders (new message ids, the same order number and email) in
// requests of several messages, shuffled, so two workers' batches claim the same identifier values in
// opposite orders; half the requests are also sent again, reversed, to another worker, so the same message
// ids are inserted in opposite orders too. Two mappings, one identifier each, claim identities of their
// own. Before a batch lost to a deadlock was stored again, such pushes were answered 503.
void TestWebhookWorkers::overlappingIdentifiedPushesAreNeverRefused()
{
    const quint32 seed = testSeed();
    qInfo("seed %u (INTEGRATOR_TEST_SEED=%u repeats this mix)", seed, seed);
    QRandomGenerator random(seed);
    TestDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.error()));
    QVERIFY(configure(
        database, QJsonArray{identifiedMapping(QStringLiteral("by-number"), QStringLiteral("order_number"),
                                               QStringLiteral("payload.order.number")),
                             identifiedMapping(QStringLiteral("by-email"), QStringLiteral("email"),
                                               QStringLiteral("payload.order.email"))}));
    deliveredByPath_.clear();
    endpoint_.setHandler([this](const RecordedRequest &request) {
        const QString id = request.json().value(QStringLiteral("message_id")).toString();
        deliveredByPath_[QString::fromUtf8(request.path())].append(id);
        return ScriptedResponse::json(200, {{QStringLiteral("message_id"), id}});
    });
    std::vector<std::unique_ptr<QProcess>> workers;
    QVERIFY(startWorkers(database, &workers));

    QHash<QString, int> orderOf; // message id -> the order it is a copy of
    for (int round = 0; round < kIdentifiedRounds; ++round) {
        QList<QJsonObject> copies;
        for (int order = 0; order < kOrders; ++order) {
            for (int copy = 2 + random.bounded(4); copy > 0; --copy) {
                const QString id = QString::number(orderOf.size() + 1, 16).rightJustified(24, u'0');
                orderOf.insert(id, order);
                const QJsonObject payload{
                    {QStringLiteral("number"), QStringLiteral("R%1").arg(order)},
                    {QStringLiteral("email"), QStringLiteral("buyer%1@example.com").arg(order)}};
                copies.append(QJsonObject{
                    {QStringLiteral("message"), QStringLiteral("order:new")},
                    {QStringLiteral("message_id"), id},
                    {QStringLiteral("payload"), QJsonObject{{QStringLiteral("order"), payload}}}});
            }
        }
        std::shuffle(copies.begin(), copies.end(), random);
        QList<IdentifiedPush> pushes;
        for (qsizetype at = 0; at < copies.size(); at += kMessagesPerPush) {
            IdentifiedPush push{random.bounded(kWorkers), {}};
            for (qsizetype i = at; i < std::min(copies.size(), at + kMessagesPerPush); ++i)
                push.messages.append(copies.at(i));
            pushes.append(push);
            if (random.bounded(2) == 0) {
                IdentifiedPush resent{(push.worker + 1 + random.bounded(kWorkers - 1)) % kWorkers, {}};
                for (qsizetype i = push.messages.size() - 1; i >= 0; --i)
                    resent.messages.append(push.messages.at(i));
                pushes.append(resent);
            }
        }
        std::shuffle(pushes.begin(), pushes.end(), random);
        QList<HttpPost> posts;
        for (const IdentifiedPush &push : std::as_const(pushes)) {
            posts.append({QUrl(QStringLiteral("http://127.0.0.1:%1/api/stores/shop/messages")
                                   .arg(ports_.at(push.worker))),
                          QJsonDocument(QJsonObject{{QStringLiteral("messages"), push.messages}})
                              .toJson(QJsonDocument::Compact),
                          {{"X-Augury-Token", kPushToken}}});
        }
        const QList<HttpPostResult> answers = HttpPostClient::postAll(posts);
        for (qsizetype i = 0; i < pushes.size(); ++i) {
            const HttpPostResult &answer = answers.at(i);
            QVERIFY2(answer.status == 201,
                     qPrintable(QStringLiteral("seed %1: round %2, a push of %3 messages to worker %4 was "
                                               "answered %5: %6")
                                    .arg(seed)
                                    .arg(round)
                                    .arg(pushes.at(i).messages.size())
                                    .arg(pushes.at(i).worker)
                                    .arg(answer.status)
                                    .arg(QString::fromUtf8(answer.rawBody))));
            QCOMPARE(answer.body.value(QStringLiteral("messages")).toArray().size(),
                     pushes.at(i).messages.size());
        }
    }
    qInfo("%d copies of %d orders in %d rounds, to %d workers", int(orderOf.size()), kOrders,
          kIdentifiedRounds, kWorkers);

    Database db(database.location(), QStringLiteral("inspect-identified-pushes"));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    const auto unsettled = [&db] {
        QSqlQuery query(db.connection());
        return query.exec(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state NOT IN "
                                         "('delivered', 'skipped')")) &&
                       query.next()
                   ? query.value(0).toInt()
                   : -1;
    };
    QTRY_COMPARE_WITH_TIMEOUT(unsettled(), 0, 120000);
    qsizetype retries = 0; // how often the race was provoked, for the log: a run may have none
    for (auto &worker : workers) {
        worker->terminate();
        QVERIFY(waitForExit(*worker));
        QCOMPARE(worker->exitCode(), 0);
        retries += worker->readAllStandardError().count("stores a batch of");
    }
    qInfo("the workers stored %d batches again after a conflict", int(retries));

    // The endpoint: per mapping, one message of each order, and that once.
    QHash<QString, QHash<int, QString>> deliveredOrders; // mapping -> order -> the message delivered
    for (const QString &mapping : {QStringLiteral("by-number"), QStringLiteral("by-email")}) {
        const QStringList ids = deliveredByPath_.value(QStringLiteral("/") + mapping);
        QCOMPARE(ids.size(), kOrders);
        for (const QString &id : ids) {
            QVERIFY2(orderOf.contains(id), qPrintable(id));
            QVERIFY2(!deliveredOrders[mapping].contains(orderOf.value(id)),
                     qPrintable(QStringLiteral("seed %1: mapping %2 delivered order %3 twice")
                                    .arg(seed)
                                    .arg(mapping)
                                    .arg(orderOf.value(id))));
            deliveredOrders[mapping].insert(orderOf.value(id), id);
        }
    }

    // The database: every copy stored once, routed once per mapping, and skipped as a duplicate of the
    // delivered message unless it is that message.
    QSqlQuery query(db.connection());
    QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM messages")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), int(orderOf.size()));
    QVERIFY(query.exec(
        QStringLiteral("SELECT mp.name, m.message_id, d.state, d.reason, d.identity FROM deliveries d"
                       " JOIN messages m ON m.id = d.message_row JOIN mappings mp ON mp.id = d.mapping_id")));
    QHash<QString, int> routed; // mapping -> deliveries
    while (query.next()) {
        const QString mapping = query.value(0).toString();
        const QString id = query.value(1).toString();
        const QString delivered = deliveredOrders.value(mapping).value(orderOf.value(id));
        ++routed[mapping];
        if (id == delivered) {
            QCOMPARE(query.value(2).toString(), QStringLiteral("delivered"));
            continue;
        }
        QCOMPARE(query.value(2).toString(), QStringLiteral("skipped"));
        QCOMPARE(query.value(3).toString(),
                 QStringLiteral("duplicate: message %1 has the same identifiers %2")
                     .arg(delivered, query.value(4).toString()));
    }
    QCOMPARE(routed.value(QStringLiteral("by-number")), int(orderOf.size()));
    QCOMPARE(routed.value(QStringLiteral("by-email")), int(orderOf.size()));
}

QTEST_GUILESS_MAIN(TestWebhookWorkers)
#include "tst_webhookworkers.moc"
