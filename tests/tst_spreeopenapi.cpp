// The pollers against Spree's own OpenAPI files, served by Prism: every request a Platform API v2 or
// Admin API v3 poll makes (the OAuth token, each collection's index) must be one the spec accepts
// (path, declared parameters, authentication), and the poller must read the spec's example answers
// without an error. The demo store (tst_storeapipoller) checks what is done with the records; this
// checks that the requests are Spree's.
#include "EngineHarness.h"
#include "IntegratorProcess.h"
#include "model/Store.h"
#include "SpreeApiMocks.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

namespace {
// oauth.yml's own example client, which the mock's token example answers.
const QString kClientId = QStringLiteral("7ZY15L7crVZul8i3PZPrnpOkEURK7xnXEWRZdE6K39M");
const QString kClientSecret = QStringLiteral("cxMZ0tbe604qj_13hibNmc3GDsXUQfpzHt9PvweihFc");

QJsonObject everyCollection()
{
    QJsonObject collections;
    for (const QString &collection : Store::kCollections)
        collections.insert(collection, 3600);
    return collections;
}

// A store on the mock, with the credential its API takes; `configuredApi` may differ from the one the
// mock speaks.
QJsonObject storeOn(const PrismMock &mock, const QString &api, const QString &configuredApi)
{
    QJsonObject store{{QStringLiteral("name"), QStringLiteral("shop")},
                      {QStringLiteral("url"), mock.url().toString()},
                      {QStringLiteral("api"), configuredApi},
                      {QStringLiteral("collections"), everyCollection()},
                      {QStringLiteral("timeout"), 30}};
    if (api == Store::kApiPlatformV2) {
        store.insert(QStringLiteral("client_id"), kClientId);
        store.insert(QStringLiteral("client_secret"), kClientSecret);
    } else {
        store.insert(QStringLiteral("api_key"), QStringLiteral("sk_prism_example_key"));
    }
    return store;
}
} // namespace

class TestSpreeOpenApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pollerRequestsAreAcceptedBySpreesSpec_data();
    void pollerRequestsAreAcceptedBySpreesSpec();
    void connectionTestTellsWhichApiTheSpecIs_data();
    void connectionTestTellsWhichApiTheSpecIs();

private:
    SpreeApiMocks mocks_;
};

void TestSpreeOpenApi::initTestCase()
{
    QString error;
    QVERIFY2(mocks_.start(&error), qPrintable(error));
}

void TestSpreeOpenApi::pollerRequestsAreAcceptedBySpreesSpec_data()
{
    QTest::addColumn<QString>("api");
    QTest::addColumn<int>("leastRequests");
    // The token, then one index page per collection (Admin API v3's shipments come with its orders).
    QTest::newRow("platform_v2") << Store::kApiPlatformV2 << 5;
    QTest::newRow("admin_v3") << Store::kApiAdminV3 << 3;
}

void TestSpreeOpenApi::pollerRequestsAreAcceptedBySpreesSpec()
{
    QFETCH(QString, api);
    QFETCH(int, leastRequests);
    PrismMock &mock = api == Store::kApiPlatformV2 ? mocks_.platformV2() : mocks_.adminV3();
    QVERIFY2(mock.settle(), qPrintable(mock.failure()));
    mock.forget();

    EngineHarness harness;
    QVERIFY2(harness.isValid(), qPrintable(harness.error()));
    QCOMPARE(harness.importConfig({{QStringLiteral("stores"), QJsonArray{storeOn(mock, api, api)}}}),
             QString());

    const QStringList errors = harness.pollOnce();
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));

    QVERIFY2(mock.settle(), qPrintable(mock.failure()));
    QVERIFY2(mock.requestCount() >= leastRequests,
             qPrintable(QStringLiteral("%1 requests reached the mock:\n%2")
                            .arg(mock.requestCount())
                            .arg(mock.outputTail())));
    QVERIFY2(mock.violations().isEmpty(),
             qPrintable(mock.violations().join(u'\n') + QStringLiteral("\n") + mock.outputTail()));
    // The examples were read, not just fetched: their records are in the messages (the users' and
    // products'; the order examples are carts, which a poll leaves alone).
    const QJsonArray messages = harness.messages();
    QVERIFY2(!messages.isEmpty(), "the poll read the examples but produced no message");
    for (const QJsonValue &message : messages)
        QVERIFY2(message[QStringLiteral("message")].toString().startsWith(QStringLiteral("user:")) ||
                     message[QStringLiteral("message")].toString().startsWith(QStringLiteral("product:")),
                 qPrintable(message[QStringLiteral("message")].toString()));
}

void TestSpreeOpenApi::connectionTestTellsWhichApiTheSpecIs_data()
{
    QTest::addColumn<QString>("api");
    QTest::addColumn<QString>("title");
    QTest::newRow("platform_v2") << Store::kApiPlatformV2 << QStringLiteral("Platform API v2");
    QTest::newRow("admin_v3") << Store::kApiAdminV3 << QStringLiteral("Admin API v3");
}

// Configured as API v1, a store whose URL serves only the spec's API: `stores test` finds that API,
// and its requests to it are ones the spec accepts.
void TestSpreeOpenApi::connectionTestTellsWhichApiTheSpecIs()
{
    QFETCH(QString, api);
    QFETCH(QString, title);
    PrismMock &mock = api == Store::kApiPlatformV2 ? mocks_.platformV2() : mocks_.adminV3();
    QVERIFY2(mock.settle(), qPrintable(mock.failure()));
    mock.forget();
    // Both through the command line, so both find the master key the same way (the test's keychain).
    QTemporaryDir dir;
    const QStringList db{QStringLiteral("--db"), dir.filePath(QStringLiteral("t.sqlite"))};
    const QJsonObject config{{QStringLiteral("stores"), QJsonArray{storeOn(mock, api, Store::kApiV1)}}};
    const CliResult imported = runIntegrator(
        db + QStringList{QStringLiteral("config"), QStringLiteral("import"), QStringLiteral("-")},
        QJsonDocument(config).toJson());
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.describe()));

    const CliResult result = runIntegrator(
        db + QStringList{QStringLiteral("stores"), QStringLiteral("test"), QStringLiteral("shop")});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(QStringLiteral("speaks the %1").arg(title).toUtf8()) &&
                 result.err.trimmed().endsWith(QStringLiteral("set \"api\": \"%1\"").arg(api).toUtf8()),
             qPrintable(result.describe()));
    QVERIFY2(mock.settle(), qPrintable(mock.failure()));
    // The other APIs' probes are 404s (no such path in this spec); anything else broke Spree's rules.
    for (const QString &violation : mock.violations())
        QVERIFY2(violation.contains(QStringLiteral("NO_PATH_MATCHED")),
                 qPrintable(violation + QStringLiteral("\n") + mock.outputTail()));
}

QTEST_GUILESS_MAIN(TestSpreeOpenApi)
#include "tst_spreeopenapi.moc"
