// One-item configuration edits: validated like an import, one transaction each, secrets in the
// keychain only (the database holds none of them) and the secret bookkeeping of an item kept.
#include "config/ConfigEdits.h"
#include "secrets/CredentialStore.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "storage/StoreRepository.h"
#include "TestDatabase.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

class TestConfigEdits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void endpointTokenGoesToTheKeychain();
    void endpointKeepsTokenAndSigningWhenResaved();
    void invalidEndpointSavesNothing();
    void storeApiKeyGoesToTheKeychain();
    void invalidStoreSavesNothing();
    void secretParameterValueIsOnlyInTheKeychain();
    void parameterTypeIsChecked();
    void parameterNoLongerSecretLeavesTheKeychain();
    void removeParameterTakesItsSecret();
    void createMappingRefusesATakenName();

private:
    QList<Endpoint> endpoints();
    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<Database> db_;
    std::unique_ptr<CredentialStore> credentials_;
    std::unique_ptr<ConfigEdits> edits_;
};

void TestConfigEdits::init()
{
    database_ = std::make_unique<TestDatabase>();
    QVERIFY2(database_->isValid(), qPrintable(database_->error()));
    db_ = std::make_unique<Database>(database_->location(), QStringLiteral("test"));
    QString error;
    QVERIFY2(db_->open(&error), qPrintable(error));
    credentials_ = std::make_unique<CredentialStore>(
        QStringLiteral("Integrator-test-%1").arg(QUuid::createUuid().toString(QUuid::Id128)));
    edits_ = std::make_unique<ConfigEdits>(*db_, *credentials_);
}

void TestConfigEdits::cleanup()
{
    QString error;
    for (const QString &key :
         {Endpoint::tokenKeyFor(QStringLiteral("mailer")), Store::apiKeyKeyFor(QStringLiteral("shop")),
          Parameter::secretKeyFor(QStringLiteral("mailer.api_key"))})
        credentials_->remove(*db_, key, &error);
    edits_.reset();
    db_.reset();
    database_.reset();
}

QList<Endpoint> TestConfigEdits::endpoints()
{
    QList<Endpoint> out;
    QString error;
    if (!ConfigRepository(*db_).loadEndpoints(&out, &error))
        qFatal("%s", qPrintable(error));
    return out;
}

void TestConfigEdits::endpointTokenGoesToTheKeychain()
{
    Endpoint endpoint;
    endpoint.name = QStringLiteral("mailer");
    endpoint.url = QUrl(QStringLiteral("http://127.0.0.1:9001"));
    endpoint.maxInFlight = 3;
    QString error;
    QVERIFY2(edits_->saveEndpoint(&endpoint, QStringLiteral("tok-secret-12345"), &error), qPrintable(error));
    QVERIFY(endpoint.id > 0);
    const QList<Endpoint> saved = endpoints();
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved.first().maxInFlight, 3);
    QVERIFY(saved.first().hasToken);
    QCOMPARE(credentials_->read(*db_, endpoint.tokenKey(), &error).value_or(QString()),
             QStringLiteral("tok-secret-12345"));
    QSqlQuery query = db_->prepare(QStringLiteral("SELECT url || options FROM endpoints"));
    QVERIFY(db_->exec(query, &error) && query.next());
    QVERIFY(!query.value(0).toString().contains(QStringLiteral("tok-secret")));
}

void TestConfigEdits::endpointKeepsTokenAndSigningWhenResaved()
{
    Endpoint endpoint;
    endpoint.name = QStringLiteral("mailer");
    endpoint.url = QUrl(QStringLiteral("http://127.0.0.1:9001"));
    endpoint.hasSigningSecret = true; // as an import of a signing secret leaves it
    endpoint.previousSigningUntilMs = 123456;
    QString error;
    QVERIFY(ConfigRepository(*db_).saveEndpoint(&endpoint, &error));
    QVERIFY(edits_->saveEndpoint(&endpoint, QStringLiteral("tok-1"), &error));

    Endpoint form; // what the form knows: no secret bookkeeping
    form.name = QStringLiteral("mailer");
    form.url = QUrl(QStringLiteral("http://127.0.0.1:9002"));
    form.allowSelfSigned = true;
    QVERIFY2(edits_->saveEndpoint(&form, QString(), &error), qPrintable(error));
    const Endpoint saved = endpoints().first();
    QCOMPARE(saved.url.port(), 9002);
    QVERIFY(saved.allowSelfSigned);
    QVERIFY(saved.hasToken);
    QVERIFY(saved.hasSigningSecret);
    QCOMPARE(saved.previousSigningUntilMs, 123456);
    QCOMPARE(credentials_->read(*db_, saved.tokenKey(), &error).value_or(QString()), QStringLiteral("tok-1"));
}

void TestConfigEdits::invalidEndpointSavesNothing()
{
    Endpoint endpoint;
    endpoint.name = QStringLiteral("mailer");
    endpoint.url = QUrl(QStringLiteral("ftp://example.com"));
    QString error;
    QVERIFY(!edits_->saveEndpoint(&endpoint, QStringLiteral("tok"), &error));
    QVERIFY2(error.contains(QStringLiteral("http://")), qPrintable(error));
    QVERIFY(endpoints().isEmpty());
    QVERIFY(!credentials_->read(*db_, endpoint.tokenKey(), &error).has_value());
    endpoint.url = QUrl(QStringLiteral("http://127.0.0.1:1"));
    endpoint.name = QStringLiteral("  ");
    QVERIFY(!edits_->saveEndpoint(&endpoint, QString(), &error));
    QVERIFY2(error.contains(QStringLiteral("no \"name\"")), qPrintable(error));
}

void TestConfigEdits::storeApiKeyGoesToTheKeychain()
{
    Store store;
    store.name = QStringLiteral("shop");
    store.url = QUrl(QStringLiteral("https://shop.example.com"));
    store.collections = {{QStringLiteral("orders"), 60}};
    store.hasPushToken = false;
    QString error;
    QVERIFY2(edits_->saveStore(&store, QStringLiteral("spree-key-1"), &error), qPrintable(error));
    QList<Store> stores;
    QVERIFY(StoreRepository(*db_).loadStores(&stores, &error));
    QCOMPARE(stores.size(), 1);
    QVERIFY(stores.first().hasApiKey);
    QCOMPARE(stores.first().collections.value(QStringLiteral("orders")), 60);
    QCOMPARE(credentials_->read(*db_, Store::apiKeyKeyFor(store.name), &error).value_or(QString()),
             QStringLiteral("spree-key-1"));
    // Saved again without a key: the stored key stays.
    Store form = stores.first();
    form.hasApiKey = false;
    form.pageSize = 20;
    QVERIFY(edits_->saveStore(&form, QString(), &error));
    stores.clear();
    QVERIFY(StoreRepository(*db_).loadStores(&stores, &error));
    QVERIFY(stores.first().hasApiKey);
    QCOMPARE(stores.first().pageSize, 20);
}

void TestConfigEdits::invalidStoreSavesNothing()
{
    Store store;
    store.name = QStringLiteral("shop");
    store.url = QUrl(QStringLiteral("https://shop.example.com"));
    store.pageSize = 500;
    QString error;
    QVERIFY(!edits_->saveStore(&store, QStringLiteral("k"), &error));
    QVERIFY2(error.contains(QStringLiteral("page_size")), qPrintable(error));
    QList<Store> stores;
    QVERIFY(StoreRepository(*db_).loadStores(&stores, &error));
    QVERIFY(stores.isEmpty());
}

void TestConfigEdits::secretParameterValueIsOnlyInTheKeychain()
{
    Parameter parameter;
    parameter.name = QStringLiteral("mailer.api_key");
    parameter.value = QStringLiteral("md-secret-987");
    parameter.secret = true;
    QString error;
    QVERIFY2(edits_->saveParameter(parameter, &error), qPrintable(error));
    QSqlQuery query = db_->prepare(QStringLiteral("SELECT value IS NULL, secret, type FROM parameters"));
    QVERIFY(db_->exec(query, &error) && query.next());
    QVERIFY(query.value(0).toBool());
    QCOMPARE(query.value(1).toInt(), 1);
    QCOMPARE(query.value(2).toString(), QStringLiteral("string"));
    QCOMPARE(credentials_->read(*db_, parameter.secretKey(), &error).value_or(QString()),
             QStringLiteral("md-secret-987"));
    // Saved again with an empty value: the keychain keeps the secret.
    parameter.value = QString();
    QVERIFY2(edits_->saveParameter(parameter, &error), qPrintable(error));
    QCOMPARE(credentials_->read(*db_, parameter.secretKey(), &error).value_or(QString()),
             QStringLiteral("md-secret-987"));
    // But a new secret needs a value.
    parameter.name = QStringLiteral("other.key");
    QVERIFY(!edits_->saveParameter(parameter, &error));
    QVERIFY2(error.contains(QStringLiteral("needs a value")), qPrintable(error));
}

void TestConfigEdits::parameterTypeIsChecked()
{
    Parameter parameter;
    parameter.name = QStringLiteral("shipping.retries");
    parameter.type = QStringLiteral("integer");
    parameter.value = QStringLiteral("abc");
    QString error;
    QVERIFY(!edits_->saveParameter(parameter, &error));
    QVERIFY2(error.contains(QStringLiteral("not of type integer")), qPrintable(error));
    parameter.value = 3;
    QVERIFY2(edits_->saveParameter(parameter, &error), qPrintable(error));
    parameter.name = QStringLiteral("shipping_method.lookup");
    parameter.type = QStringLiteral("list");
    parameter.value = QJsonArray{QJsonObject{{QStringLiteral("UPS"), QStringLiteral("ups")}}};
    QVERIFY2(edits_->saveParameter(parameter, &error), qPrintable(error));
    QList<Parameter> saved;
    QVERIFY(ConfigRepository(*db_).loadParameters(&saved, &error));
    QCOMPARE(saved.size(), 2);
    QCOMPARE(saved.at(0).value.toInteger(), 3);
    QCOMPARE(saved.at(1).value.toArray().size(), 1);
}

void TestConfigEdits::parameterNoLongerSecretLeavesTheKeychain()
{
    Parameter parameter;
    parameter.name = QStringLiteral("mailer.api_key");
    parameter.value = QStringLiteral("was-secret");
    parameter.secret = true;
    QString error;
    QVERIFY(edits_->saveParameter(parameter, &error));
    parameter.secret = false;
    parameter.value = QStringLiteral("public now");
    QVERIFY2(edits_->saveParameter(parameter, &error), qPrintable(error));
    QVERIFY(!credentials_->read(*db_, parameter.secretKey(), &error).has_value());
    QList<Parameter> saved;
    QVERIFY(ConfigRepository(*db_).loadParameters(&saved, &error));
    QCOMPARE(saved.first().value.toString(), QStringLiteral("public now"));
}

void TestConfigEdits::removeParameterTakesItsSecret()
{
    Parameter parameter;
    parameter.name = QStringLiteral("mailer.api_key");
    parameter.value = QStringLiteral("gone-soon");
    parameter.secret = true;
    QString error;
    QVERIFY(edits_->saveParameter(parameter, &error));
    qint64 before = 0;
    QVERIFY(ConfigRepository(*db_).version(&before, &error));
    QVERIFY2(edits_->removeParameter(parameter.name, &error), qPrintable(error));
    QList<Parameter> saved;
    QVERIFY(ConfigRepository(*db_).loadParameters(&saved, &error));
    QVERIFY(saved.isEmpty());
    QVERIFY(!credentials_->read(*db_, parameter.secretKey(), &error).has_value());
    qint64 after = 0;
    QVERIFY(ConfigRepository(*db_).version(&after, &error));
    QVERIFY(after > before); // running engines reload their parameters
    QVERIFY(!edits_->removeParameter(parameter.name, &error));
    QVERIFY2(error.contains(QStringLiteral("no parameter \"mailer.api_key\"")), qPrintable(error));
}

void TestConfigEdits::createMappingRefusesATakenName()
{
    Mapping mapping;
    mapping.name = QStringLiteral("mailer order_confirmation");
    mapping.endpoint = QStringLiteral("mailer");
    mapping.path = QStringLiteral("/order_confirmation");
    mapping.messages = {QStringLiteral("order:new")};
    QString error;
    QVERIFY(!edits_->createMapping(&mapping, &error));
    QVERIFY2(error.contains(QStringLiteral("not saved yet")), qPrintable(error));

    Endpoint endpoint;
    endpoint.name = QStringLiteral("mailer");
    endpoint.url = QUrl(QStringLiteral("http://127.0.0.1:9001"));
    QVERIFY(edits_->saveEndpoint(&endpoint, QString(), &error));
    QVERIFY2(edits_->createMapping(&mapping, &error), qPrintable(error));
    QCOMPARE(mapping.endpointId, endpoint.id);
    Mapping again = mapping;
    again.messages = {QStringLiteral("order:*")};
    QVERIFY(!edits_->createMapping(&again, &error));
    QVERIFY2(error.contains(QStringLiteral("already exists")), qPrintable(error));
    QList<Mapping> mappings;
    QVERIFY(ConfigRepository(*db_).loadMappings(&mappings, &error));
    QCOMPARE(mappings.size(), 1);
    QCOMPARE(mappings.first().messages, QStringList{QStringLiteral("order:new")});
}

QTEST_GUILESS_MAIN(TestConfigEdits)
#include "tst_configedits.moc"
