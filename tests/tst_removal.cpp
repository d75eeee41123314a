// Removing endpoints and stores through ConfigEdits (the calls behind the control panel's Remove buttons
// and `integrator config remove`), against a real engine, a loopback endpoint, the Spree-like store and
// the keychain: what goes, what is refused, what the history keeps, and what saving the name again
// brings back.
#include "config/ConfigEdits.h"
#include "config/ConfigFile.h"
#include "delivery/MessageActions.h"
#include "delivery/WebhookSigner.h"
#include "EngineHarness.h"
#include "ScriptedEndpoint.h"
#include "SpreeStoreServer.h"
#include "storage/ConfigRepository.h"
#include "storage/StoreRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>

namespace {

const QString kToken = QStringLiteral("tok_removal_0123456789abcdefghijklmn");

QJsonObject storeConfig(const QString &name, const SpreeStoreServer &server)
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("url"), server.url().toString()},
            {QStringLiteral("api_key"), server.apiKey()},
            {QStringLiteral("push_token"), QStringLiteral("push_%1_0123456789abcdef").arg(name)},
            {QStringLiteral("collections"), QJsonObject{{QStringLiteral("orders"), 1}}},
            {QStringLiteral("timeout"), 5}};
}

} // namespace

class TestRemoval : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void endpointInUseIsRefusedAndRemovedOnceFree();
    void removedEndpointComesBackWhenSavedAgain();
    void openDeliveriesOfAMovedMappingAreArchivedAndReplayedToItsEndpoint();
    void restoredMappingResumesOnItsNewEndpoint();
    void unknownEndpointOrStoreIsRefused();
    void removedStoreIsNoLongerPolledAndStartsFreshWhenAddedAgain();

private:
    static QList<Endpoint> endpoints(EngineHarness &harness);
    static QList<Store> stores(EngineHarness &harness);
    static QJsonObject exported(EngineHarness &harness);
    static std::optional<QString> secret(EngineHarness &harness, const QString &key);
    static int rowsFor(EngineHarness &harness, const char *table, qint64 storeId);
};

QList<Endpoint> TestRemoval::endpoints(EngineHarness &harness)
{
    QList<Endpoint> out;
    QString error;
    if (!ConfigRepository(harness.db()).loadEndpoints(&out, &error))
        qFatal("%s", qPrintable(error));
    return out;
}

QList<Store> TestRemoval::stores(EngineHarness &harness)
{
    QList<Store> out;
    QString error;
    if (!StoreRepository(harness.db()).loadStores(&out, &error))
        qFatal("%s", qPrintable(error));
    return out;
}

QJsonObject TestRemoval::exported(EngineHarness &harness)
{
    QByteArray json;
    QString error;
    if (!ConfigFile::exportTo(harness.db(), &json, &error))
        qFatal("%s", qPrintable(error));
    return QJsonDocument::fromJson(json).object();
}

std::optional<QString> TestRemoval::secret(EngineHarness &harness, const QString &key)
{
    QString error;
    std::optional<QString> value = harness.credentials().read(harness.db(), key, &error);
    if (!error.isEmpty())
        qWarning("keychain: %s", qPrintable(error));
    return value;
}

int TestRemoval::rowsFor(EngineHarness &harness, const char *table, qint64 storeId)
{
    QSqlQuery query = harness.db().prepare(
        QStringLiteral("SELECT COUNT(*) FROM %1 WHERE store_id = ?").arg(QLatin1String(table)));
    query.bindValue(0, storeId);
    QString error;
    if (!harness.db().exec(query, &error) || !query.next())
        qFatal("%s", qPrintable(error));
    return query.value(0).toInt();
}

void TestRemoval::endpointInUseIsRefusedAndRemovedOnceFree()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    EngineHarness harness;
    QVERIFY2(harness.isValid(), qPrintable(harness.error()));
    QJsonObject mailer = testEndpoint(QStringLiteral("mailer"), endpoint.url(), kToken);
    mailer.insert(QStringLiteral("signing_secret"), WebhookSigner::generateSecret());
    QCOMPARE(harness.importConfig(
                 {{QStringLiteral("endpoints"), QJsonArray{mailer}},
                  {QStringLiteral("mappings"),
                   QJsonArray{testMapping(QStringLiteral("confirmation"), QStringLiteral("mailer"),
                                          QStringLiteral("/confirm"), {QStringLiteral("order:new")}),
                              testMapping(QStringLiteral("archive"), QStringLiteral("mailer"),
                                          QStringLiteral("/archive"), {QStringLiteral("order:*")})}}}),
             QString());
    const QString delivered = harness.push(QStringLiteral("order:new"));
    QVERIFY(harness.runUntilIdle());
    QCOMPARE(endpoint.requestCount(), 2);
    QVERIFY(secret(harness, Endpoint::tokenKeyFor(QStringLiteral("mailer"))).has_value());
    QVERIFY(secret(harness, Endpoint::signingKeyFor(QStringLiteral("mailer"))).has_value());
    const qint64 endpointId = endpoints(harness).first().id;

    const ConfigEdits edits(harness.db(), harness.credentials());
    QString error, warning;
    qint64 versionBefore = 0;
    QVERIFY(ConfigRepository(harness.db()).version(&versionBefore, &error));
    QVERIFY(!edits.removeEndpoint(QStringLiteral("mailer"), &error, &warning));
    QCOMPARE(error, QStringLiteral("endpoint \"mailer\" is used by mappings \"archive\", \"confirmation\"; "
                                   "remove or move those first"));
    qint64 versionAfter = 0;
    QVERIFY(ConfigRepository(harness.db()).version(&versionAfter, &error));
    QCOMPARE(versionAfter, versionBefore); // a refusal writes nothing
    QVERIFY(secret(harness, Endpoint::tokenKeyFor(QStringLiteral("mailer"))).has_value());

    QVERIFY2(edits.removeMapping(QStringLiteral("archive"), &error), qPrintable(error));
    QVERIFY(!edits.removeEndpoint(QStringLiteral("mailer"), &error, &warning));
    QCOMPARE(error,
             QStringLiteral("endpoint \"mailer\" is used by mapping \"confirmation\"; remove or move it "
                            "first"));
    QVERIFY2(edits.removeMapping(QStringLiteral("confirmation"), &error), qPrintable(error));
    error.clear();
    QVERIFY2(edits.removeEndpoint(QStringLiteral("mailer"), &error, &warning), qPrintable(error));
    QVERIFY2(warning.isEmpty(), qPrintable(warning));

    QVERIFY(endpoints(harness).isEmpty());
    QCOMPARE(exported(harness).value(QStringLiteral("endpoints")).toArray(), QJsonArray());
    for (const QString &key :
         {Endpoint::tokenKeyFor(QStringLiteral("mailer")), Endpoint::signingKeyFor(QStringLiteral("mailer")),
          Endpoint::previousSigningKeyFor(QStringLiteral("mailer"))})
        QVERIFY2(!secret(harness, key).has_value(), qPrintable(key));
    QVERIFY(!edits.removeEndpoint(QStringLiteral("mailer"), &error, &warning));
    QCOMPARE(error, QStringLiteral("no endpoint named \"mailer\""));

    // The history still names the endpoint, with every attempt.
    const QJsonArray deliveries = harness.show(delivered).value(QStringLiteral("deliveries")).toArray();
    QCOMPARE(deliveries.size(), 2);
    for (const QJsonValue &delivery : deliveries) {
        QCOMPARE(delivery[QStringLiteral("endpoint")].toString(), QStringLiteral("mailer"));
        QCOMPARE(delivery[QStringLiteral("state")].toString(), QStringLiteral("delivered"));
        QCOMPARE(delivery[QStringLiteral("attempt_log")].toArray().size(), 1);
    }
    // A mapping can no longer be put on it (a stale form, an undo of the mapping's removal).
    Mapping stale;
    stale.name = QStringLiteral("confirmation");
    stale.endpointId = endpointId;
    stale.messages = {QStringLiteral("order:new")};
    {
        WriteTransaction transaction(harness.db());
        QVERIFY(transaction.begin(&error));
        QVERIFY(!ConfigRepository(harness.db()).saveMapping(&stale, &error));
    }
    QCOMPARE(error,
             QStringLiteral("endpoint \"mailer\" was removed; save it again or choose another endpoint "
                            "for mapping \"confirmation\""));
}

void TestRemoval::removedEndpointComesBackWhenSavedAgain()
{
    ScriptedEndpoint first, second;
    QVERIFY(first.listen());
    QVERIFY(second.listen());
    EngineHarness harness;
    QVERIFY2(harness.isValid(), qPrintable(harness.error()));
    QJsonObject mailer = testEndpoint(QStringLiteral("mailer"), first.url(), kToken);
    mailer.insert(QStringLiteral("max_in_flight"), 2);
    mailer.insert(QStringLiteral("allow_self_signed"), true);
    QCOMPARE(harness.importConfig(
                 {{QStringLiteral("endpoints"), QJsonArray{mailer}},
                  {QStringLiteral("mappings"),
                   QJsonArray{testMapping(QStringLiteral("confirmation"), QStringLiteral("mailer"),
                                          QStringLiteral("/confirm"), {QStringLiteral("order:new")})}}}),
             QString());
    QVERIFY(harness.start());
    const qint64 id = endpoints(harness).first().id;
    const ConfigEdits edits(harness.db(), harness.credentials());
    QString error, warning;
    QVERIFY2(edits.removeMapping(QStringLiteral("confirmation"), &error), qPrintable(error));
    QVERIFY2(edits.removeEndpoint(QStringLiteral("mailer"), &error, &warning), qPrintable(error));
    QVERIFY(endpoints(harness).isEmpty());

    // Saved again under its name, as a person re-creating it would: the same row, with what is given now.
    Endpoint again;
    again.name = QStringLiteral("mailer");
    again.url = second.url();
    const QString newToken = QStringLiteral("tok_second_life_0123456789abcdefghij");
    QVERIFY2(edits.saveEndpoint(&again, newToken, &error), qPrintable(error));
    QCOMPARE(again.id, id);
    const QList<Endpoint> restored = endpoints(harness);
    QCOMPARE(restored.size(), 1);
    QCOMPARE(restored.first().url, second.url());
    QCOMPARE(restored.first().maxInFlight, Endpoint().maxInFlight);
    QVERIFY(!restored.first().allowSelfSigned);
    QVERIFY(restored.first().hasToken);
    QVERIFY(!restored.first().hasSigningSecret);
    QCOMPARE(secret(harness, Endpoint::tokenKeyFor(QStringLiteral("mailer"))),
             std::optional<QString>(newToken));

    // The mapping saved again by name comes back onto it, and the running engine delivers there.
    QCOMPARE(harness.importConfig(
                 {{QStringLiteral("mappings"),
                   QJsonArray{testMapping(QStringLiteral("confirmation"), QStringLiteral("mailer"),
                                          QStringLiteral("/confirm"), {QStringLiteral("order:new")})}}}),
             QString());
    const QString id2 = harness.push(QStringLiteral("order:new"));
    QVERIFY(harness.runUntilIdle());
    QCOMPARE(harness.delivery(id2, QStringLiteral("confirmation"))[QStringLiteral("state")].toString(),
             QStringLiteral("delivered"));
    QCOMPARE(first.requestCount(), 0);
    const QList<RecordedRequest> requests = second.requestsTo("/confirm");
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.first().headers.value("x-hub-token"), newToken.toUtf8());
}

// Deliveries keep the endpoint they were made for, so a mapping moved to another endpoint leaves its
// older deliveries on the first one. Removing that one archives them (no engine would send them), and
// a replay sends them to the mapping's endpoint instead of leaving them pending for nobody.
void TestRemoval::openDeliveriesOfAMovedMappingAreArchivedAndReplayedToItsEndpoint()
{
    ScriptedEndpoint old, current;
    QVERIFY(old.listen());
    QVERIFY(current.listen());
    old.setHandler([](const RecordedRequest &) { return ScriptedResponse::text(503, "down for good"); });
    EngineHarness harness;
    QVERIFY2(harness.isValid(), qPrintable(harness.error()));
    QCOMPARE(harness.importConfig(
                 {{QStringLiteral("endpoints"),
                   QJsonArray{testEndpoint(QStringLiteral("old"), old.url(), kToken),
                              testEndpoint(QStringLiteral("current"), current.url(), kToken)}},
                  {QStringLiteral("mappings"),
                   QJsonArray{testMapping(QStringLiteral("confirmation"), QStringLiteral("old"),
                                          QStringLiteral("/confirm"), {QStringLiteral("order:new")})}}}),
             QString());
    const QString id = harness.push(QStringLiteral("order:new"));
    QVERIFY(harness.runUntilIdle());
    QCOMPARE(harness.delivery(id, QStringLiteral("confirmation"))[QStringLiteral("state")].toString(),
             QStringLiteral("parked"));
    QCOMPARE(old.requestCount(), 3); // the first try and two retries

    QCOMPARE(harness.importConfig(
                 {{QStringLiteral("mappings"),
                   QJsonArray{testMapping(QStringLiteral("confirmation"), QStringLiteral("current"),
                                          QStringLiteral("/confirm"), {QStringLiteral("order:new")})}}}),
             QString());
    const ConfigEdits edits(harness.db(), harness.credentials());
    QString error, warning;
    QVERIFY2(edits.removeEndpoint(QStringLiteral("old"), &error, &warning), qPrintable(error));
    QJsonObject delivery = harness.delivery(id, QStringLiteral("confirmation"));
    QCOMPARE(delivery[QStringLiteral("state")].toString(), QStringLiteral("archived"));
    QCOMPARE(delivery[QStringLiteral("reason")].toString(), ConfigRepository::kEndpointRemovedReason);
    QCOMPARE(delivery[QStringLiteral("endpoint")].toString(), QStringLiteral("old"));

    int replayed = 0, routed = 0;
    QVERIFY2(MessageActions(harness.db()).replay({id}, &replayed, &routed, &error), qPrintable(error));
    QCOMPARE(replayed, 1);
    QVERIFY(harness.runUntilIdle()); // nothing is left pending for the removed endpoint
    delivery = harness.delivery(id, QStringLiteral("confirmation"));
    QCOMPARE(delivery[QStringLiteral("state")].toString(), QStringLiteral("delivered"));
    QCOMPARE(delivery[QStringLiteral("endpoint")].toString(), QStringLiteral("current"));
    QCOMPARE(delivery[QStringLiteral("attempt_log")].toArray().size(), 4); // the old attempts are kept
    QCOMPARE(current.requestsTo("/confirm").size(), 1);
    QCOMPARE(old.requestCount(), 3);
}

// A mapping removed, then its endpoint: bringing the mapping back onto another endpoint resumes the
// deliveries its removal archived there, since the old endpoint is gone.
void TestRemoval::restoredMappingResumesOnItsNewEndpoint()
{
    ScriptedEndpoint old, current;
    QVERIFY(old.listen());
    QVERIFY(current.listen());
    EngineHarness harness;
    QVERIFY2(harness.isValid(), qPrintable(harness.error()));
    QCOMPARE(harness.importConfig(
                 {{QStringLiteral("endpoints"),
                   QJsonArray{testEndpoint(QStringLiteral("old"), old.url(), kToken),
                              testEndpoint(QStringLiteral("current"), current.url(), kToken)}},
                  {QStringLiteral("mappings"),
                   QJsonArray{testMapping(QStringLiteral("confirmation"), QStringLiteral("old"),
                                          QStringLiteral("/confirm"), {QStringLiteral("order:new")})}}}),
             QString());
    const QString id = harness.push(QStringLiteral("order:new")); // pending: no engine runs yet
    const ConfigEdits edits(harness.db(), harness.credentials());
    QString error, warning;
    QVERIFY2(edits.removeMapping(QStringLiteral("confirmation"), &error), qPrintable(error));
    QVERIFY2(edits.removeEndpoint(QStringLiteral("old"), &error, &warning), qPrintable(error));
    QJsonObject delivery = harness.delivery(id, QStringLiteral("confirmation"));
    QCOMPARE(delivery[QStringLiteral("state")].toString(), QStringLiteral("archived"));
    QCOMPARE(delivery[QStringLiteral("reason")].toString(), ConfigRepository::kRemovedReason);

    QCOMPARE(harness.importConfig(
                 {{QStringLiteral("mappings"),
                   QJsonArray{testMapping(QStringLiteral("confirmation"), QStringLiteral("current"),
                                          QStringLiteral("/confirm"), {QStringLiteral("order:new")})}}}),
             QString());
    delivery = harness.delivery(id, QStringLiteral("confirmation"));
    QCOMPARE(delivery[QStringLiteral("state")].toString(), QStringLiteral("pending"));
    QCOMPARE(delivery[QStringLiteral("endpoint")].toString(), QStringLiteral("current"));
    QVERIFY(harness.runUntilIdle());
    QCOMPARE(harness.delivery(id, QStringLiteral("confirmation"))[QStringLiteral("state")].toString(),
             QStringLiteral("delivered"));
    QCOMPARE(current.requestsTo("/confirm").size(), 1);
    QCOMPARE(old.requestCount(), 0);
}

void TestRemoval::unknownEndpointOrStoreIsRefused()
{
    EngineHarness harness;
    QVERIFY2(harness.isValid(), qPrintable(harness.error()));
    const ConfigEdits edits(harness.db(), harness.credentials());
    QString error, warning;
    QVERIFY(!edits.removeEndpoint(QStringLiteral("ghost"), &error, &warning));
    QCOMPARE(error, QStringLiteral("no endpoint named \"ghost\""));
    QVERIFY(!edits.removeStore(QStringLiteral("ghost"), &error, &warning));
    QCOMPARE(error, QStringLiteral("no store named \"ghost\""));
    QVERIFY(!edits.removeMapping(QStringLiteral("ghost"), &error));
    QCOMPARE(error, QStringLiteral("no mapping named \"ghost\""));
}

void TestRemoval::removedStoreIsNoLongerPolledAndStartsFreshWhenAddedAgain()
{
    SpreeStoreServer shop, outlet;
    QVERIFY(shop.listen());
    QVERIFY(outlet.listen());
    for (int i = 0; i < 3; ++i)
        QVERIFY(!shop.addOrder().isEmpty());
    QVERIFY(!outlet.addOrder().isEmpty());
    EngineHarness harness;
    QVERIFY2(harness.isValid(), qPrintable(harness.error()));
    QCOMPARE(harness.importConfig(
                 {{QStringLiteral("stores"), QJsonArray{storeConfig(QStringLiteral("shop"), shop),
                                                        storeConfig(QStringLiteral("outlet"), outlet)}}}),
             QString());
    const auto storeId = [&harness](const QString &name) {
        for (const Store &store : stores(harness)) {
            if (store.name == name)
                return store.id;
        }
        return qint64(0);
    };
    const auto fromShop = [&harness] {
        int count = 0;
        for (const QJsonValue &m : harness.messages(QStringLiteral("order:new")))
            count += harness.show(m[QStringLiteral("message_id")].toString())[QStringLiteral("source")]
                         .toString() == QLatin1String("store:shop");
        return count;
    };
    const qint64 oldId = storeId(QStringLiteral("shop"));
    QVERIFY(secret(harness, Store::apiKeyKeyFor(QStringLiteral("shop"))).has_value());
    QVERIFY(secret(harness, Store::pushTokenKeyFor(QStringLiteral("shop"))).has_value());

    // Every second, both stores.
    harness.setPolling(Engine::Polling::Scheduled);
    QVERIFY(harness.start());
    QTRY_VERIFY_WITH_TIMEOUT(fromShop() == 3 && rowsFor(harness, "store_collections", oldId) == 1, 20000);
    // Polled again since: the first poll read the index and 3 orders.
    QTRY_VERIFY_WITH_TIMEOUT(shop.requestCount() >= 5, 20000);

    const ConfigEdits edits(harness.db(), harness.credentials());
    QString error, warning;
    QVERIFY2(edits.removeStore(QStringLiteral("shop"), &error, &warning), qPrintable(error));
    QVERIFY2(warning.isEmpty(), qPrintable(warning));
    QCOMPARE(stores(harness).size(), 1);
    QCOMPARE(stores(harness).first().name, QStringLiteral("outlet"));
    QCOMPARE(exported(harness).value(QStringLiteral("stores")).toArray().size(), 1);
    QVERIFY(!secret(harness, Store::apiKeyKeyFor(QStringLiteral("shop"))).has_value());
    QVERIFY(!secret(harness, Store::pushTokenKeyFor(QStringLiteral("shop"))).has_value());
    QCOMPARE(fromShop(), 3); // the messages it produced stay

    // The engine sees the change within its configuration check (2 s). Once the other store has been
    // polled for longer than that, the removed one must be left alone, while the other goes on.
    int outletMark = outlet.requestCount();
    QTRY_VERIFY_WITH_TIMEOUT(outlet.requestCount() >= outletMark + 4, 20000);
    const int shopRequests = shop.requestCount();
    outletMark = outlet.requestCount();
    QTRY_VERIFY_WITH_TIMEOUT(outlet.requestCount() >= outletMark + 4, 20000);
    QCOMPARE(shop.requestCount(), shopRequests);
    // Nothing a poll in progress at the removal might have written survives it.
    for (const char *table : {"store_collections", "store_records", "heartbeats"})
        QVERIFY2(rowsFor(harness, table, oldId) == 0, table);

    // Added again under the same name: a new store, polled from the start (no bookmark, no snapshots),
    // so its orders are new again.
    Store again;
    again.name = QStringLiteral("shop");
    again.url = shop.url();
    again.collections = {{QStringLiteral("orders"), 1}};
    QVERIFY2(edits.saveStore(&again, shop.apiKey(), &error), qPrintable(error));
    QVERIFY(again.id != oldId);
    Bookmark bookmark;
    QVERIFY(StoreRepository(harness.db()).bookmark(again.id, QStringLiteral("orders"), &bookmark, &error));
    QVERIFY(!bookmark.isSet());
    QTRY_VERIFY_WITH_TIMEOUT(fromShop() == 6, 20000);
    QVERIFY(StoreRepository(harness.db()).bookmark(again.id, QStringLiteral("orders"), &bookmark, &error));
    QVERIFY(bookmark.isSet());
}

QTEST_GUILESS_MAIN(TestRemoval)
#include "tst_removal.moc"
