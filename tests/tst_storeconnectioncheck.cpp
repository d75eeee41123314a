// "Test connection" against the loopback Spree API: the poller's own request with the API key says
// OK, and a refused key, a stopped store, an error page or a non-Spree answer each say why in one line.
#include "polling/StoreConnectionCheck.h"
#include "secrets/CredentialStore.h"
#include "SpreeStoreServer.h"
#include "storage/Database.h"
#include "storage/StoreRepository.h"
#include "TestDatabase.h"

#include <QNetworkAccessManager>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

#include <optional>

class TestStoreConnectionCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void probesTheCollectionThePollerReads();
    void rightKeyIsOk();
    void failuresSayWhyInOneLine_data();
    void failuresSayWhyInOneLine();
    void stoppedStoreIsRefused();
    void storedKeyIsReadFromTheKeychain();
    void findsTheApiTheStoreSpeaks_data();
    void findsTheApiTheStoreSpeaks();

private:
    Store store() const;
    StoreConnectionCheck::Result check(const Store &store, const QString &apiKey,
                                       const QString &clientSecret = {});

    QNetworkAccessManager network_;
    std::unique_ptr<SpreeStoreServer> server_;
};

void TestStoreConnectionCheck::init()
{
    server_ = std::make_unique<SpreeStoreServer>();
    QVERIFY(server_->listen());
    server_->seed(7, 3, 2);
}

Store TestStoreConnectionCheck::store() const
{
    Store store;
    store.name = QStringLiteral("shop");
    store.url = server_->url();
    store.collections = Store::defaultCollections();
    store.timeoutSeconds = 10;
    return store;
}

StoreConnectionCheck::Result TestStoreConnectionCheck::check(const Store &store, const QString &apiKey,
                                                             const QString &clientSecret)
{
    std::optional<StoreConnectionCheck::Result> result;
    StoreConnectionCheck::start(&network_, store, apiKey, clientSecret,
                                [&result](const StoreConnectionCheck::Result &answer) { result = answer; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 20000))
        qFatal("the connection check never finished");
    return *result;
}

void TestStoreConnectionCheck::probesTheCollectionThePollerReads()
{
    Store shop = store();
    shop.url = QUrl(QStringLiteral("https://shop.example.com/spree/"));
    const QUrl url = StoreConnectionCheck::probeUrl(shop);
    QCOMPARE(url.path(), QStringLiteral("/spree/api/orders"));
    QCOMPARE(QUrlQuery(url).queryItemValue(QStringLiteral("per_page")), QStringLiteral("1"));
    shop.collections = {{QStringLiteral("users"), 60}, {QStringLiteral("products"), 600}};
    QCOMPARE(StoreConnectionCheck::probedCollection(shop), QStringLiteral("products"));
}

void TestStoreConnectionCheck::rightKeyIsOk()
{
    const StoreConnectionCheck::Result result = check(store(), server_->apiKey());
    QVERIFY2(result.ok, qPrintable(result.summary));
    QCOMPARE(result.status, 200);
    QVERIFY2(result.summary.startsWith(QStringLiteral("OK: 7 orders in the store")),
             qPrintable(result.summary));
    const QList<QUrl> requested = server_->requestedUrls();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().path(), QStringLiteral("/api/orders"));
}

void TestStoreConnectionCheck::failuresSayWhyInOneLine_data()
{
    QTest::addColumn<QString>("apiKey");
    QTest::addColumn<int>("failure");
    QTest::addColumn<bool>("malformed");
    QTest::addColumn<QString>("expected");
    QTest::newRow("wrong key") << QStringLiteral("wrong") << 0 << false
                               << QStringLiteral("the store refused the API key (HTTP 401)");
    QTest::newRow("no key") << QString() << 0 << false
                            << QStringLiteral("the store refused the API key (HTTP 401)");
    QTest::newRow("error page") << QStringLiteral("spree-demo-key") << 502 << false
                                << QStringLiteral("HTTP 502 Bad Gateway reading orders");
    QTest::newRow("malformed") << QStringLiteral("spree-demo-key") << 0 << true << QStringLiteral("not JSON");
}

void TestStoreConnectionCheck::failuresSayWhyInOneLine()
{
    QFETCH(QString, apiKey);
    QFETCH(int, failure);
    QFETCH(bool, malformed);
    QFETCH(QString, expected);
    if (failure)
        server_->setFailure(failure);
    server_->setMalformed(malformed);
    const StoreConnectionCheck::Result result = check(store(), apiKey);
    QVERIFY(!result.ok);
    QVERIFY2(result.summary.contains(expected), qPrintable(result.summary));
    QVERIFY2(!result.summary.contains(QLatin1Char('\n')), qPrintable(result.summary));
}

void TestStoreConnectionCheck::stoppedStoreIsRefused()
{
    server_->close();
    const StoreConnectionCheck::Result result = check(store(), server_->apiKey());
    QVERIFY(!result.ok);
    QCOMPARE(result.status, 0);
    QVERIFY2(result.summary.contains(QStringLiteral("connection refused")), qPrintable(result.summary));
}

void TestStoreConnectionCheck::storedKeyIsReadFromTheKeychain()
{
    TestDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.error()));
    Database db(database.location(), QStringLiteral("test"));
    QString error;
    QVERIFY2(db.open(&error), qPrintable(error));
    CredentialStore credentials(
        QStringLiteral("Integrator-test-%1").arg(QUuid::createUuid().toString(QUuid::Id128)));
    Store shop = store();
    shop.hasApiKey = true;
    QVERIFY2(StoreRepository(db).saveStore(&shop, &error), qPrintable(error));
    QVERIFY(credentials.write(db, Store::apiKeyKeyFor(shop.name), server_->apiKey(), &error));

    QString apiKey;
    QVERIFY2(StoreConnectionCheck::loadApiKey(db, credentials, shop.name, &apiKey, &error),
             qPrintable(error));
    QCOMPARE(apiKey, server_->apiKey());
    QVERIFY(check(shop, apiKey).ok);
    // A typed key is tried as typed; a store not saved has no stored key.
    apiKey = QStringLiteral("typed");
    QVERIFY(StoreConnectionCheck::loadApiKey(db, credentials, shop.name, &apiKey, &error));
    QCOMPARE(apiKey, QStringLiteral("typed"));
    apiKey.clear();
    QVERIFY(StoreConnectionCheck::loadApiKey(db, credentials, QStringLiteral("other"), &apiKey, &error));
    QVERIFY(apiKey.isEmpty());
    QVERIFY(credentials.remove(db, Store::apiKeyKeyFor(shop.name), &error));
    QVERIFY(!StoreConnectionCheck::loadApiKey(db, credentials, shop.name, &apiKey, &error));
    QVERIFY2(error.contains(QStringLiteral("no API key")), qPrintable(error));
}

void TestStoreConnectionCheck::findsTheApiTheStoreSpeaks_data()
{
    QTest::addColumn<QString>("configured");
    QTest::addColumn<QString>("served"); // empty: all three
    QTest::addColumn<QString>("credential");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("detected");
    QTest::addColumn<QString>("expected");
    QTest::newRow("platform_v2 as configured")
        << QStringLiteral("platform_v2") << QString() << QStringLiteral("client") << true
        << QStringLiteral("platform_v2")
        << QStringLiteral("OK: speaks the Platform API v2 (OAuth ok), 7 orders visible (HTTP 200 in ");
    QTest::newRow("admin_v3 as configured")
        << QStringLiteral("admin_v3") << QString() << QStringLiteral("key") << true
        << QStringLiteral("admin_v3")
        << QStringLiteral("OK: speaks the Admin API v3, 7 orders visible (HTTP 200 in ");
    QTest::newRow("v1 configured, the store speaks the Platform API")
        << QStringLiteral("v1") << QStringLiteral("platform_v2") << QStringLiteral("key") << false
        << QStringLiteral("platform_v2")
        << QStringLiteral(
               "speaks the Platform API v2, which needs the client_id and client_secret of an OAuth "
               "application (Spree admin: Apps, or Settings > Developers); the configured api is \"v1\": "
               "set \"api\": \"platform_v2\"");
    QTest::newRow("v1 configured, the store speaks the Admin API")
        << QStringLiteral("v1") << QStringLiteral("admin_v3") << QStringLiteral("key") << false
        << QStringLiteral("admin_v3")
        << QStringLiteral("speaks the Admin API v3, 7 orders visible (HTTP 200 in ");
    QTest::newRow("platform_v2 configured, the store speaks API v1")
        << QStringLiteral("platform_v2") << QStringLiteral("v1") << QStringLiteral("key,client") << false
        << QStringLiteral("v1") << QStringLiteral("speaks the API v1, 7 orders visible (HTTP 200 in ");
    QTest::newRow("a refused client")
        << QStringLiteral("platform_v2") << QString() << QStringLiteral("wrong client") << false
        << QStringLiteral("platform_v2")
        << QStringLiteral(
               "speaks the Platform API v2, but the token endpoint refused the OAuth client (HTTP 401");
    QTest::newRow("no Spree API") << QStringLiteral("v1") << QStringLiteral("none") << QStringLiteral("key")
                                  << false << QString()
                                  << QStringLiteral("no Spree API answered at http://127.0.0.1:");
}

void TestStoreConnectionCheck::findsTheApiTheStoreSpeaks()
{
    QFETCH(QString, configured);
    QFETCH(QString, served);
    QFETCH(QString, credential);
    QFETCH(bool, ok);
    QFETCH(QString, detected);
    QFETCH(QString, expected);
    server_->serveOnly(served);
    Store shop = store();
    shop.api = configured;
    QString secret;
    if (credential.contains(QStringLiteral("client"))) {
        shop.clientId = server_->clientId();
        secret = credential.contains(QStringLiteral("wrong")) ? QStringLiteral("wrong-secret")
                                                              : server_->clientSecret();
    }
    const QString apiKey = credential.contains(QStringLiteral("key")) ? server_->apiKey() : QString();
    const StoreConnectionCheck::Result result = check(shop, apiKey, secret);
    QCOMPARE(result.ok, ok);
    QCOMPARE(result.detectedApi, detected);
    QVERIFY2(result.summary.startsWith(expected), qPrintable(result.summary));
    QVERIFY(!result.summary.contains(QLatin1Char('\n')));
    if (!ok && !detected.isEmpty() && detected != configured)
        QVERIFY2(result.summary.endsWith(QStringLiteral("; the configured api is \"%1\": set \"api\": \"%2\"")
                                             .arg(configured, detected)),
                 qPrintable(result.summary));
}

QTEST_GUILESS_MAIN(TestStoreConnectionCheck)
#include "tst_storeconnectioncheck.moc"
