// Accepting messages: routing to mappings, skipped reasons, identifier uniqueness, idempotent ids.
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "storage/MessageQuery.h"
#include "storage/MessageRepository.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestMessageRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void routesToSubscribedEnabledMappingsOnly();
    void filteredMessagesAreSkippedWithReason();
    void identifiersClaimOncePerMapping();
    void sameMessageIdTwiceIsStoredOnce();
    void failedBatchStoresNothing();
    void routeAgainAddsMappingsCreatedLater();

private:
    Mapping addMapping(const QJsonObject &config);
    Message message(const QString &type, const QJsonObject &payload = {});
    QString stateOf(const QString &id, const QString &mapping);

    std::unique_ptr<QTemporaryDir> dir_;
    std::unique_ptr<Database> db_;
    Endpoint endpoint_;
};

void TestMessageRepository::init()
{
    dir_ = std::make_unique<QTemporaryDir>();
    db_ = std::make_unique<Database>(DatabaseLocation::sqlite(dir_->filePath(QStringLiteral("s.sqlite"))),
                                     QStringLiteral("store-test"));
    QString error;
    QVERIFY2(db_->open(&error), qPrintable(error));
    endpoint_ = Endpoint();
    endpoint_.name = QStringLiteral("ep");
    endpoint_.url = QUrl(QStringLiteral("http://127.0.0.1:9"));
    QVERIFY2(ConfigRepository(*db_).saveEndpoint(&endpoint_, &error), qPrintable(error));
}

void TestMessageRepository::cleanup()
{
    db_.reset();
    dir_.reset();
}

Mapping TestMessageRepository::addMapping(const QJsonObject &config)
{
    QJsonObject withEndpoint = config;
    withEndpoint.insert(QStringLiteral("endpoint"), endpoint_.name);
    Mapping mapping;
    QString error;
    if (!Mapping::fromConfig(withEndpoint, &mapping, &error))
        qFatal("bad mapping in test: %s", qPrintable(error));
    mapping.endpointId = endpoint_.id;
    ConfigRepository(*db_).saveMapping(&mapping, &error);
    return mapping;
}

Message TestMessageRepository::message(const QString &type, const QJsonObject &payload)
{
    Message m;
    QString error;
    Message::fromJson(QJsonObject{{QStringLiteral("message"), type}, {QStringLiteral("payload"), payload}},
                      &m, &error);
    return m;
}

QString TestMessageRepository::stateOf(const QString &id, const QString &mapping)
{
    QJsonObject shown;
    QString error;
    MessageQuery(*db_).show(id, &shown, &error);
    for (const QJsonValue &d : shown[QStringLiteral("deliveries")].toArray()) {
        if (d[QStringLiteral("mapping")].toString() == mapping)
            return d[QStringLiteral("state")].toString() + QLatin1Char('|') +
                   d[QStringLiteral("reason")].toString();
    }
    return {};
}

void TestMessageRepository::routesToSubscribedEnabledMappingsOnly()
{
    addMapping({{QStringLiteral("name"), QStringLiteral("orders")},
                {QStringLiteral("messages"), QJsonArray{QStringLiteral("order:*")}}});
    addMapping({{QStringLiteral("name"), QStringLiteral("new-only")},
                {QStringLiteral("messages"), QJsonArray{QStringLiteral("order:new")}}});
    addMapping({{QStringLiteral("name"), QStringLiteral("off")},
                {QStringLiteral("messages"), QJsonArray{QStringLiteral("order:new")}},
                {QStringLiteral("enabled"), false}});
    const Message updated = message(QStringLiteral("order:updated"));
    const Message shipment = message(QStringLiteral("shipment:ready"));
    QStringList accepted;
    QString error;
    QVERIFY2(MessageRepository(*db_).accept({updated, shipment}, QStringLiteral("push"), &accepted, &error),
             qPrintable(error));
    QCOMPARE(accepted, (QStringList{updated.id, shipment.id}));
    QCOMPARE(stateOf(updated.id, QStringLiteral("orders")), QStringLiteral("pending|"));
    QCOMPARE(stateOf(updated.id, QStringLiteral("new-only")), QString());
    QCOMPARE(stateOf(updated.id, QStringLiteral("off")), QString());
    QCOMPARE(stateOf(shipment.id, QStringLiteral("orders")), QString());
}

void TestMessageRepository::filteredMessagesAreSkippedWithReason()
{
    addMapping({{QStringLiteral("name"), QStringLiteral("complete")},
                {QStringLiteral("messages"), QJsonArray{QStringLiteral("order:new")}},
                {QStringLiteral("filters"),
                 QJsonArray{QJsonObject{{QStringLiteral("path"), QStringLiteral("payload.order.status")},
                                        {QStringLiteral("operator"), QStringLiteral("eq")},
                                        {QStringLiteral("value"), QStringLiteral("complete")}}}}});
    const Message cart =
        message(QStringLiteral("order:new"),
                {{QStringLiteral("order"), QJsonObject{{QStringLiteral("status"), QStringLiteral("cart")}}}});
    QString error;
    QVERIFY(MessageRepository(*db_).accept({cart}, QStringLiteral("push"), nullptr, &error));
    const QString state = stateOf(cart.id, QStringLiteral("complete"));
    QVERIFY2(state.startsWith(
                 QStringLiteral("skipped|filter did not match: payload.order.status eq \"complete\"")),
             qPrintable(state));
}

void TestMessageRepository::identifiersClaimOncePerMapping()
{
    addMapping({{QStringLiteral("name"), QStringLiteral("unique")},
                {QStringLiteral("messages"), QJsonArray{QStringLiteral("order:*")}},
                {QStringLiteral("identifiers"),
                 QJsonObject{{QStringLiteral("number"), QStringLiteral("payload.number")}}}});
    const Message a =
        message(QStringLiteral("order:new"), {{QStringLiteral("number"), QStringLiteral("R1")}});
    const Message b =
        message(QStringLiteral("order:updated"), {{QStringLiteral("number"), QStringLiteral("R1")}});
    const Message c =
        message(QStringLiteral("order:updated"), {{QStringLiteral("number"), QStringLiteral("R2")}});
    QString error;
    QVERIFY(MessageRepository(*db_).accept({a, b}, QStringLiteral("push"), nullptr, &error));
    QVERIFY(MessageRepository(*db_).accept({c}, QStringLiteral("push"), nullptr, &error));
    QCOMPARE(stateOf(a.id, QStringLiteral("unique")), QStringLiteral("pending|"));
    QVERIFY(stateOf(b.id, QStringLiteral("unique"))
                .startsWith(QStringLiteral("skipped|duplicate: message %1").arg(a.id)));
    QCOMPARE(stateOf(c.id, QStringLiteral("unique")), QStringLiteral("pending|"));
}

void TestMessageRepository::sameMessageIdTwiceIsStoredOnce()
{
    addMapping({{QStringLiteral("name"), QStringLiteral("all")},
                {QStringLiteral("messages"), QJsonArray{QStringLiteral("order:new")}}});
    const Message m = message(QStringLiteral("order:new"));
    QStringList first, second;
    QString error;
    QVERIFY(MessageRepository(*db_).accept({m}, QStringLiteral("push"), &first, &error));
    QVERIFY(MessageRepository(*db_).accept({m}, QStringLiteral("push"), &second, &error));
    QCOMPARE(first, QStringList{m.id});
    QVERIFY(second.isEmpty());
    QSqlQuery query(db_->connection());
    QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM deliveries")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 1);
}

void TestMessageRepository::failedBatchStoresNothing()
{
    addMapping({{QStringLiteral("name"), QStringLiteral("all")},
                {QStringLiteral("messages"), QJsonArray{QStringLiteral("order:new")}}});
    // Make the second insert fail inside the transaction: a trigger refuses it.
    QSqlQuery trigger(db_->connection());
    QVERIFY(trigger.exec(
        QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON messages WHEN NEW.type = 'order:bad'"
                       " BEGIN SELECT RAISE(ABORT, 'refused by test'); END")));
    QString error;
    QVERIFY(!MessageRepository(*db_).accept(
        {message(QStringLiteral("order:new")), message(QStringLiteral("order:bad"))}, QStringLiteral("push"),
        nullptr, &error));
    QVERIFY(error.contains(QStringLiteral("refused by test")));
    QSqlQuery query(db_->connection());
    QVERIFY(query.exec(
        QStringLiteral("SELECT (SELECT COUNT(*) FROM messages) + (SELECT COUNT(*) FROM deliveries)")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 0);
}

void TestMessageRepository::routeAgainAddsMappingsCreatedLater()
{
    const Message m = message(QStringLiteral("order:new"));
    QString error;
    QVERIFY(MessageRepository(*db_).accept({m}, QStringLiteral("push"), nullptr, &error));
    const Mapping later = addMapping({{QStringLiteral("name"), QStringLiteral("later")},
                                      {QStringLiteral("messages"), QJsonArray{QStringLiteral("order:new")}}});
    QList<Mapping> mappings;
    QVERIFY(ConfigRepository(*db_).loadMappings(&mappings, &error));
    qint64 row = 0;
    Message found;
    QVERIFY(MessageQuery(*db_).find(m.id, &row, &found, &error));
    int created = 0;
    MessageRepository store(*db_);
    QVERIFY(store.routeAgain(row, found, mappings, &created, &error));
    QCOMPARE(created, 1);
    QVERIFY(store.routeAgain(row, found, mappings, &created, &error));
    QCOMPARE(created, 1); // not twice
    QCOMPARE(stateOf(m.id, later.name), QStringLiteral("pending|"));
}

QTEST_GUILESS_MAIN(TestMessageRepository)
#include "tst_messagerepository.moc"
