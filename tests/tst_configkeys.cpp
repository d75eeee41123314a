// The config file refuses keys it does not know, at every level, with one line that names where, the key
// and the closest valid key; nothing is written then. What an export writes imports again unchanged.
#include "config/ConfigFile.h"
#include "secrets/CredentialStore.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "storage/StoreRepository.h"
#include "TestDatabase.h"
#include "utils/ConfigKeys.h"

#include <QJsonDocument>
#include <QTest>
#include <QUuid>

namespace {

const QByteArray kEndpoint = R"({"name": "mailer", "url": "http://127.0.0.1:9001"})";

QByteArray withMapping(const QByteArray &mappingExtra)
{
    return R"({"endpoints": [)" + kEndpoint + R"(],
               "mappings": [{"name": "order confirmation", "endpoint": "mailer",
                             "messages": ["order:new"])" +
           mappingExtra + "}]}";
}

} // namespace

class TestConfigKeys : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void closestSuggestsOnlyNearKeys_data();
    void closestSuggestsOnlyNearKeys();
    void unknownKeyIsRefusedWithOneLineAndWritesNothing_data();
    void unknownKeyIsRefusedWithOneLineAndWritesNothing();
    void validateAcceptsWhatImportAccepts();
    void badOrderingOptionIsRefusedWithOneLineAndWritesNothing_data();
    void badOrderingOptionIsRefusedWithOneLineAndWritesNothing();
    void badRetentionIsRefusedWithOneLineAndWritesNothing_data();
    void badRetentionIsRefusedWithOneLineAndWritesNothing();
    void badUpdateOriginIsRefusedWithOneLineAndWritesNothing_data();
    void badUpdateOriginIsRefusedWithOneLineAndWritesNothing();
    void identifierNamesAreFree();
    void everyKeyRoundTripsThroughExport();

private:
    bool import(const QByteArray &json, QString *error);
    QByteArray exported();
    void verifyNothingWritten();

    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<Database> db_;
    std::unique_ptr<CredentialStore> credentials_;
};

void TestConfigKeys::init()
{
    database_ = std::make_unique<TestDatabase>();
    QVERIFY2(database_->isValid(), qPrintable(database_->error()));
    db_ = std::make_unique<Database>(database_->location(), QStringLiteral("test"));
    QString error;
    QVERIFY2(db_->open(&error), qPrintable(error));
    credentials_ = std::make_unique<CredentialStore>(
        QStringLiteral("Integrator-test-%1").arg(QUuid::createUuid().toString(QUuid::Id128)));
}

void TestConfigKeys::cleanup()
{
    credentials_->keychain().removeNow(CredentialStore::keychainEntry()); // this test's master key
    credentials_.reset();
    db_.reset();
    database_.reset();
}

bool TestConfigKeys::import(const QByteArray &json, QString *error)
{
    ConfigFile::ImportSummary summary;
    return ConfigFile::import(json, *db_, *credentials_, &summary, error);
}

QByteArray TestConfigKeys::exported()
{
    QByteArray json;
    QString error;
    if (!ConfigFile::exportTo(*db_, &json, &error))
        qFatal("%s", qPrintable(error));
    return json;
}

void TestConfigKeys::closestSuggestsOnlyNearKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QStringList>("valid");
    QTest::addColumn<QString>("expected");
    const QStringList options{QStringLiteral("retries_allowed"), QStringLiteral("timeout"),
                              QStringLiteral("retry_schedule")};
    QTest::newRow("one letter missing") << "retries_alowed" << options << "retries_allowed";
    QTest::newRow("letters swapped") << "tiemout" << options << "timeout";
    QTest::newRow("case") << "Timeout" << options << "timeout";
    QTest::newRow("longer with a prefix") << "timeout_seconds" << options << "timeout";
    QTest::newRow("shorter prefix") << "retry_sched" << options << "retry_schedule";
    QTest::newRow("far") << "ordering_key" << options << "";
    QTest::newRow("short and far") << "id" << QStringList{QStringLiteral("name"), QStringLiteral("url")}
                                   << "";
    QTest::newRow("short and near") << "ur" << QStringList{QStringLiteral("name"), QStringLiteral("url")}
                                    << "url";
}

void TestConfigKeys::closestSuggestsOnlyNearKeys()
{
    QFETCH(QString, key);
    QFETCH(QStringList, valid);
    QFETCH(QString, expected);
    QCOMPARE(ConfigKeys::closest(key, valid), expected);
}

void TestConfigKeys::unknownKeyIsRefusedWithOneLineAndWritesNothing_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    QTest::newRow("top level") << QByteArray(R"({"endpoints": [], "mapping": []})")
                               << R"(unknown key "mapping" (did you mean "mappings"?))";
    QTest::newRow("top level, nothing near")
        << QByteArray(R"({"version": 2})")
        << R"(unknown key "version" (expected endpoints, mappings, stores, parameters, retention))";
    QTest::newRow("endpoint")
        << QByteArray(R"({"endpoints": [{"name": "mailer", "url": "http://127.0.0.1:9001",
                                                              "max_inflight": 3}]})")
        << R"(endpoint "mailer": unknown key "max_inflight" (did you mean "max_in_flight"?))";
    QTest::newRow("endpoint without its name")
        << QByteArray(R"({"endpoints": [{"nmae": "mailer", "url": "http://127.0.0.1:9001"}]})")
        << R"(an endpoint: unknown key "nmae" (did you mean "name"?))";
    QTest::newRow("mapping") << withMapping(R"(, "priority": 5)")
                             << R"(mapping "order confirmation": unknown key "priority" (expected name, )";
    QTest::newRow("mapping, ordering_key beside the options")
        << withMapping(R"(, "ordering_key": "payload.order.number")")
        << R"(mapping "order confirmation": unknown key "ordering_key" (did you mean "ordering_key" in options?))";
    QTest::newRow("mapping options, ordering key misspelt")
        << withMapping(R"(, "options": {"ordering_kye": "payload.order.number"})")
        << R"(mapping "order confirmation": unknown key "ordering_kye" in options (did you mean "ordering_key"?))";
    QTest::newRow("mapping options, on_park misspelt")
        << withMapping(R"(, "options": {"ordering_key": "payload.order.number", "on_prak": "skip"})")
        << R"(mapping "order confirmation": unknown key "on_prak" in options (did you mean "on_park"?))";
    QTest::newRow("mapping, an option beside the options")
        << withMapping(R"(, "timeout": 30)")
        << R"(mapping "order confirmation": unknown key "timeout" (did you mean "timeout" in options?))";
    QTest::newRow("mapping, near a mapping key")
        << withMapping(R"(, "filter": [])")
        << R"(mapping "order confirmation": unknown key "filter" (did you mean "filters"?))";
    QTest::newRow("mapping options")
        << withMapping(R"(, "options": {"retries_alowed": false})")
        << R"(mapping "order confirmation": unknown key "retries_alowed" in options (did you mean "retries_allowed"?))";
    QTest::newRow("mapping options, a longer name")
        << withMapping(R"(, "options": {"timeout_seconds": 30})")
        << R"(mapping "order confirmation": unknown key "timeout_seconds" in options (did you mean "timeout"?))";
    QTest::newRow("filter")
        << withMapping(
               R"(, "filters": [{"path": "payload.order.state", "operator": "eq", "value": "complete"},
                                         {"path": "payload.order.total", "operater": "gt", "value": 5}])")
        << R"(mapping "order confirmation": unknown key "operater" in filter 2 (did you mean "operator"?))";
    QTest::newRow("store") << QByteArray(R"({"stores": [{"name": "shop", "url": "https://shop.example.com",
                                                        "time_out": 30}]})")
                           << R"(store "shop": unknown key "time_out" (did you mean "timeout"?))";
    QTest::newRow("store collections")
        << QByteArray(R"({"stores": [{"name": "shop", "url": "https://shop.example.com",
                                      "collections": {"order": 300}}]})")
        << R"(store "shop": unknown key "order" in collections (did you mean "orders"?))";
    QTest::newRow("parameter")
        << QByteArray(R"({"parameters": [{"name": "mailer.api_key", "value": "k",
                                                                "secert": true}]})")
        << R"(parameter "mailer.api_key": unknown key "secert" (did you mean "secret"?))";
    QTest::newRow("retention") << QByteArray(
                                      R"({"endpoints": [{"name": "mailer", "url": "http://127.0.0.1:9001"}],
                          "retention": {"deliverd": "30d"}})")
                               << R"(unknown key "deliverd" in retention (did you mean "delivered"?))";
}

void TestConfigKeys::unknownKeyIsRefusedWithOneLineAndWritesNothing()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    QString error;
    QVERIFY2(!import(json, &error), json.constData());
    QVERIFY2(error.startsWith(expected), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1Char('\n')), qPrintable(error));
    verifyNothingWritten();
    // validate() makes the same checks without a database (the config fuzzer relies on it).
    QString validateError;
    QVERIFY(!ConfigFile::validate(json, &validateError));
    QCOMPARE(validateError, error);
}

void TestConfigKeys::validateAcceptsWhatImportAccepts()
{
    const QByteArray json = withMapping(R"(, "filters": [{"path": "payload.order.status", "operator": "eq",
                                                           "value": "complete"}])");
    QString error;
    QVERIFY2(ConfigFile::validate(json, &error), qPrintable(error));
    QVERIFY2(import(json, &error), qPrintable(error));
}

void TestConfigKeys::badOrderingOptionIsRefusedWithOneLineAndWritesNothing_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    const auto expect = [](const char *reason) {
        return QStringLiteral(R"(mapping "order confirmation": )") + QString::fromUtf8(reason);
    };
    QTest::newRow("ordering_key not a string")
        << withMapping(R"(, "options": {"ordering_key": 5})")
        << expect(R"("ordering_key" must be a path such as payload.order.number)");
    QTest::newRow("ordering_key a list")
        << withMapping(R"(, "options": {"ordering_key": ["payload.order.number"]})")
        << expect(R"("ordering_key" must be a path)");
    QTest::newRow("ordering_key with an empty segment")
        << withMapping(R"(, "options": {"ordering_key": "payload..number"})")
        << expect(R"("ordering_key": )");
    QTest::newRow("ordering_key empty")
        << withMapping(R"(, "options": {"ordering_key": ""})") << expect(R"("ordering_key": )");
    QTest::newRow("on_park unknown")
        << withMapping(R"(, "options": {"ordering_key": "payload.order.number", "on_park": "wait"})")
        << expect(R"("on_park" must be "hold" or "skip")");
    QTest::newRow("on_park not a string")
        << withMapping(R"(, "options": {"ordering_key": "payload.order.number", "on_park": true})")
        << expect(R"("on_park" must be "hold" or "skip")");
    QTest::newRow("on_park without ordering_key")
        << withMapping(R"(, "options": {"on_park": "skip"})") << expect(R"("on_park" needs "ordering_key")");
}

void TestConfigKeys::badOrderingOptionIsRefusedWithOneLineAndWritesNothing()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    QString error;
    QVERIFY2(!import(json, &error), json.constData());
    QVERIFY2(error.startsWith(expected), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1Char('\n')), qPrintable(error));
    verifyNothingWritten();
}

void TestConfigKeys::badUpdateOriginIsRefusedWithOneLineAndWritesNothing_data()
{
    QTest::addColumn<QByteArray>("origins");
    QTest::addColumn<QString>("expected");
    const QString notAnOrigin =
        QStringLiteral(R"(endpoint "mailer": "update_origins": "%1" is not an http or )"
                       "https origin (scheme, host and port) such as "
                       "https://status.example.com");
    QTest::newRow("not a list") << QByteArray(R"("https://status.example.com")")
                                << QStringLiteral(
                                       R"(endpoint "mailer": "update_origins" must be a list of )");
    QTest::newRow("not a string") << QByteArray("[443]")
                                  << QStringLiteral(
                                         R"(endpoint "mailer": "update_origins": an entry is not a )");
    QTest::newRow("ftp") << QByteArray(R"(["ftp://files.example.com"])")
                         << notAnOrigin.arg(QStringLiteral("ftp://files.example.com"));
    QTest::newRow("no scheme") << QByteArray(R"(["status.example.com"])")
                               << notAnOrigin.arg(QStringLiteral("status.example.com"));
    QTest::newRow("a path") << QByteArray(R"(["https://status.example.com/jobs"])")
                            << notAnOrigin.arg(QStringLiteral("https://status.example.com/jobs"));
    QTest::newRow("a query") << QByteArray(R"(["https://status.example.com?x=1"])")
                             << notAnOrigin.arg(QStringLiteral("https://status.example.com?x=1"));
}

// An update_url on a listed origin receives the token: only a bare http or https origin is accepted.
void TestConfigKeys::badUpdateOriginIsRefusedWithOneLineAndWritesNothing()
{
    QFETCH(QByteArray, origins);
    QFETCH(QString, expected);
    const QByteArray json = R"({"endpoints": [{"name": "mailer", "url": "http://127.0.0.1:9001",
                                                "update_origins": )" +
                            origins + "}]}";
    QString error;
    QVERIFY2(!import(json, &error), json.constData());
    QVERIFY2(error.startsWith(expected), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1Char('\n')), qPrintable(error));
    verifyNothingWritten();
}

// Not even the entries of the file that were valid.
void TestConfigKeys::verifyNothingWritten()
{
    QString error;
    QList<Endpoint> endpoints;
    QList<Mapping> mappings;
    QList<Parameter> parameters;
    QList<Store> stores;
    ConfigRepository repository(*db_);
    QVERIFY2(repository.loadEndpoints(&endpoints, &error) && repository.loadMappings(&mappings, &error) &&
                 repository.loadParameters(&parameters, &error) &&
                 StoreRepository(*db_).loadStores(&stores, &error),
             qPrintable(error));
    QVERIFY(endpoints.isEmpty() && mappings.isEmpty() && parameters.isEmpty() && stores.isEmpty());
}

void TestConfigKeys::badRetentionIsRefusedWithOneLineAndWritesNothing_data()
{
    QTest::addColumn<QByteArray>("retention");
    QTest::addColumn<QString>("expected");
    const QString duration = QStringLiteral(R"(must be a duration such as "30d", "12h", "15m" or "90s")");
    QTest::newRow("words") << QByteArray(R"({"delivered": "30 days"})")
                           << QStringLiteral(
                                  R"(retention: "delivered" %1 (a whole number above 0), or "off"; )"
                                  R"(got "30 days")")
                                  .arg(duration);
    QTest::newRow("a number") << QByteArray(R"({"skipped": 30})")
                              << QStringLiteral(R"(retention: "skipped" %1)").arg(duration);
    QTest::newRow("zero") << QByteArray(R"({"archived": "0d"})")
                          << QStringLiteral(R"(retention: "archived" %1)").arg(duration);
    QTest::newRow("fraction") << QByteArray(R"({"notifications": "1.5h"})")
                              << QStringLiteral(R"(retention: "notifications" %1)").arg(duration);
    QTest::newRow("unknown unit") << QByteArray(R"({"response_bodies": "2w"})")
                                  << QStringLiteral(R"(retention: "response_bodies" %1)").arg(duration);
    QTest::newRow("false") << QByteArray(R"({"delivered": false})")
                           << QStringLiteral(R"(retention: "delivered" %1)").arg(duration);
    QTest::newRow("not an object") << QByteArray(R"("30d")")
                                   << QStringLiteral(R"("retention" must be an object such as)");
}

void TestConfigKeys::badRetentionIsRefusedWithOneLineAndWritesNothing()
{
    QFETCH(QByteArray, retention);
    QFETCH(QString, expected);
    const QByteArray json =
        R"({"endpoints": [{"name": "mailer", "url": "http://127.0.0.1:9001"}], "retention": )" + retention +
        "}";
    QString error;
    QVERIFY2(!import(json, &error), json.constData());
    QVERIFY2(error.startsWith(expected), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1Char('\n')), qPrintable(error));
    verifyNothingWritten();
    QVERIFY(!exported().contains("retention"));
}

void TestConfigKeys::identifierNamesAreFree()
{
    QString error;
    QVERIFY2(import(withMapping(R"(, "identifiers": {"retries_alowed": "payload.order.number",
                                                     "anything at all": "payload.order.email"})"),
                    &error),
             qPrintable(error));
}

// Every key the README documents, secrets included; then what the export of that writes is imported again:
// accepted, and exported again unchanged.
void TestConfigKeys::everyKeyRoundTripsThroughExport()
{
    const QByteArray full = R"({
      "endpoints": [
        { "name": "mailer", "url": "http://127.0.0.1:9001", "token": "token-0123456789", "max_in_flight": 4,
          "signing_secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "signing_grace_hours": 12,
          "allow_self_signed": true,
          "update_origins": ["https://status.example.com", "http://127.0.0.1:9002"] }
      ],
      "mappings": [
        { "name": "order confirmation", "endpoint": "mailer", "path": "/order_confirmation",
          "messages": ["order:new", "order:*"],
          "filters": [ { "path": "payload.order.status", "operator": "eq", "value": "complete" },
                       { "path": "payload.order.line_items.*.sku", "operator": "present", "match_rule": "any" } ],
          "identifiers": { "order_number": "payload.order.number" },
          "parameters": ["mailer.api_key"],
          "options": { "retries_allowed": false, "timeout": 120, "retry_schedule": [5, 0.5, 1800],
                       "ordering_key": "payload.order.number", "on_park": "skip" },
          "enabled": false }
      ],
      "stores": [
        { "name": "shop", "url": "https://shop.example.com", "api_key": "spree-key-0123",
          "push_token": "push-token-0123456789", "collections": { "orders": 300, "products": 3600 },
          "page_size": 20, "timeout": 15 }
      ],
      "parameters": [
        { "name": "mailer.api_key", "value": "s3cret", "secret": true, "type": "string" },
        { "name": "shipping_method.lookup", "value": [ { "UPS Ground": "03" } ] },
        { "name": "batch", "type": "float", "value": 3 }
      ],
      "retention": { "delivered": "14d", "skipped": "12h", "archived": "off", "notifications": "90m",
                     "response_bodies": "3600s" }
    })";
    QString error;
    QVERIFY2(import(full, &error), qPrintable(error));
    const QByteArray first = exported();
    for (const QByteArray key : {"\"has_", "\"previous_signing", "\"endpoint_id\""})
        QVERIFY2(!first.contains(key), first.constData());
    QVERIFY2(first.contains("\"update_origins\""), first.constData());

    QVERIFY2(import(first, &error), qPrintable(error + QLatin1Char('\n') + QString::fromUtf8(first)));
    QCOMPARE(exported(), first);

    // And into a database that has none of it (the secrets are not in the export: nothing to keep).
    cleanup();
    init();
    QVERIFY2(import(first, &error), qPrintable(error + QLatin1Char('\n') + QString::fromUtf8(first)));
}

QTEST_GUILESS_MAIN(TestConfigKeys)
#include "tst_configkeys.moc"
