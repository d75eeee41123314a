// Secrets are sealed in the database: they reach the endpoint, but no file the program wrote, no
// export and no output holds them in plain text. A headless server without D-Bus uses a key file; an
// engine without the key sends nothing that needs a secret, says why, and sends it once it has the key.
#include "delivery/WebhookSigner.h"
#include "IndependentSignatureCheck.h"
#include "IntegratorProcess.h"
#include "ScriptedEndpoint.h"
#include "storage/Database.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

namespace {
const QByteArray kToken = "tok_keychain_only_7f3a9c2e5b1d4680";
const QByteArray kApiKey = "sk_live_param_only_c0ffee1234567890";
const QByteArray kClientSecret = "oauth_client_secret_only_5e6f7a8b9c0d";
const QByteArray kWebhookSecret = "spree_webhook_secret_9d8c7b6a5f4e3d2c";
} // namespace

class TestSecrets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secretsReachEndpointButNoFile();
    void headlessWithAKeyFileAndWithoutOne();

private:
    // withStore adds a Platform API store (its OAuth client secret and webhook secret are two more secrets)
    // on a closed port.
    QByteArray config(const ScriptedEndpoint &endpoint, const QString &signingSecret,
                      bool withStore = false) const;
};

QByteArray TestSecrets::config(const ScriptedEndpoint &endpoint, const QString &signingSecret,
                               bool withStore) const
{
    QJsonObject ep{{QStringLiteral("name"), QStringLiteral("mailer")},
                   {QStringLiteral("url"), endpoint.url().toString()},
                   {QStringLiteral("token"), QString::fromLatin1(kToken)}};
    if (!signingSecret.isEmpty())
        ep.insert(QStringLiteral("signing_secret"), signingSecret);
    QJsonObject root{{QStringLiteral("endpoints"), QJsonArray{ep}},
                     {QStringLiteral("mappings"),
                      QJsonArray{QJsonObject{
                          {QStringLiteral("name"), QStringLiteral("confirm")},
                          {QStringLiteral("endpoint"), QStringLiteral("mailer")},
                          {QStringLiteral("messages"), QJsonArray{QStringLiteral("order:new")}},
                          {QStringLiteral("parameters"), QJsonArray{QStringLiteral("mailer.api_key")}}}}},
                     {QStringLiteral("parameters"),
                      QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("mailer.api_key")},
                                             {QStringLiteral("value"), QString::fromLatin1(kApiKey)},
                                             {QStringLiteral("secret"), true}}}}};
    if (withStore)
        root.insert(QStringLiteral("stores"),
                    QJsonArray{QJsonObject{
                        {QStringLiteral("name"), QStringLiteral("shop")},
                        {QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9")},
                        {QStringLiteral("api"), QStringLiteral("platform_v2")},
                        {QStringLiteral("client_id"), QStringLiteral("integrator-app")},
                        {QStringLiteral("client_secret"), QString::fromLatin1(kClientSecret)},
                        {QStringLiteral("webhook_secret"), QString::fromLatin1(kWebhookSecret)},
                        {QStringLiteral("collections"), QJsonObject{{QStringLiteral("orders"), 3600}}}}});
    return QJsonDocument(root).toJson();
}

void TestSecrets::secretsReachEndpointButNoFile()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QFAIL("no D-Bus session: run the tests through tests/run-tests.sh (make test)");
    QTemporaryDir dir;
    const QStringList db{QStringLiteral("--db"), dir.filePath(QStringLiteral("s.sqlite"))};
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    const QString signingSecret = WebhookSigner::generateSecret();
    const QByteArray signingBytes = signingSecret.toLatin1();
    const QByteArray signingKey = QByteArray::fromBase64(signingSecret.mid(6).toLatin1());
    // An open connection keeps the WAL file on disk (SQLite removes it when the last one closes),
    // so the scan below reads the database and its WAL.
    Database holder(DatabaseLocation::sqlite(dir.filePath(QStringLiteral("s.sqlite"))),
                    QStringLiteral("holder"));
    QString error;
    QVERIFY2(holder.open(&error), qPrintable(error));

    CliResult result = runIntegrator(
        db + QStringList{QStringLiteral("config"), QStringLiteral("import"), QStringLiteral("-")},
        config(endpoint, signingSecret, true));
    QVERIFY2(result.exitCode == 0 && result.err.isEmpty(), qPrintable(result.describe()));
    QVERIFY2(result.out.contains("5 secret(s) sealed in the database with master key"),
             result.out.constData());
    result = runIntegrator(db + QStringList{QStringLiteral("push"), QStringLiteral("-")},
                           R"({"message":"order:new","payload":{"order":{"number":"R1"}}})");
    QCOMPARE(result.exitCode, 0);
    const QString id = QString::fromLatin1(result.out.trimmed());
    result = runIntegrator(db + QStringList{QStringLiteral("run"), QStringLiteral("--exit-when-idle")});
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));

    // The endpoint got every secret it should.
    QCOMPARE(endpoint.requestCount(), 1);
    const RecordedRequest request = endpoint.requests().first();
    QCOMPARE(request.headers.value("x-hub-token"), kToken);
    QCOMPARE(
        request.json()[QStringLiteral("payload")][QStringLiteral("parameters")][0][QStringLiteral("value")]
            .toString(),
        QString::fromLatin1(kApiKey));
    QVERIFY(request.headers.value("webhook-signature").startsWith("v1,"));

    // Everything the program printed or wrote holds none of them.
    QByteArray printed;
    for (const QStringList &command :
         {QStringList{QStringLiteral("show"), id, QStringLiteral("--json")},
          QStringList{QStringLiteral("show"), id},
          QStringList{QStringLiteral("messages"), QStringLiteral("--json")},
          QStringList{QStringLiteral("notifications"), QStringLiteral("--json")},
          QStringList{QStringLiteral("config"), QStringLiteral("export")},
          QStringList{QStringLiteral("stores"), QStringLiteral("--json")},
          QStringList{QStringLiteral("stores")},
          QStringList{QStringLiteral("stores"), QStringLiteral("test"), QStringLiteral("shop")},
          QStringList{QStringLiteral("poll")}}) {
        const CliResult output = runIntegrator(db + command);
        QVERIFY2(output.exitCode == 0 || command.contains(QStringLiteral("test")) ||
                     command.contains(QStringLiteral("poll")),
                 qPrintable(output.describe())); // the store is not there: those two fail, and say so
        QVERIFY(output.finished);
        printed += output.out + output.err;
    }
    QVERIFY(printed.contains("tok_")); // the masked token prefix is shown, so the scan below is meaningful
    QVERIFY(printed.contains("\"has_webhook_secret\": true")); // and the store was read
    int filesScanned = 0;
    QDirIterator files(dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    QByteArray written;
    bool sawWal = false;
    while (files.hasNext()) {
        QFile file(files.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        sawWal = sawWal || (file.fileName().endsWith(QLatin1String("-wal")) && file.size() > 0);
        written += file.readAll();
        ++filesScanned;
    }
    QVERIFY2(filesScanned >= 2 && sawWal, "expected the database and a non-empty WAL");
    for (const QByteArray &haystack : {written, printed}) {
        QVERIFY(!haystack.contains(kToken));
        QVERIFY(!haystack.contains(kApiKey));
        QVERIFY(!haystack.contains(kClientSecret));
        QVERIFY(!haystack.contains(kWebhookSecret));
        QVERIFY(!haystack.contains(signingBytes));
        QVERIFY(!haystack.contains(signingKey));
        QVERIFY(!haystack.contains(kToken.mid(4))); // not even the unmasked tail
    }
    QVERIFY(written.contains("R1")); // the scan does read the stored messages
}

void TestSecrets::headlessWithAKeyFileAndWithoutOne()
{
    QTemporaryDir dir;
    QProcessEnvironment noBus = QProcessEnvironment::systemEnvironment();
    noBus.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    const QStringList db{QStringLiteral("--db"), dir.filePath(QStringLiteral("n.sqlite"))};
    ScriptedEndpoint endpoint, open;
    QVERIFY(endpoint.listen() && open.listen());
    const QString signingSecret = WebhookSigner::generateSecret();

    CliResult result =
        runIntegrator({QStringLiteral("secrets"), QStringLiteral("new-key")}, {}, 60000, noBus);
    QCOMPARE(result.exitCode, 0);
    const QString keyFile = dir.filePath(QStringLiteral("master.key"));
    QFile file(keyFile);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(result.out) == result.out.size());
    file.close();
    QVERIFY(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
    QProcessEnvironment withKey = noBus;
    withKey.insert(QStringLiteral("INTEGRATOR_MASTER_KEY_FILE"), keyFile);

    // An endpoint without secrets beside the one with them: it is served by every engine.
    QJsonObject root = QJsonDocument::fromJson(config(endpoint, signingSecret)).object();
    QJsonArray endpoints = root[QStringLiteral("endpoints")].toArray();
    endpoints.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("open")},
                                 {QStringLiteral("url"), open.url().toString()}});
    root[QStringLiteral("endpoints")] = endpoints;
    QJsonArray mappings = root[QStringLiteral("mappings")].toArray();
    mappings.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("audit")},
                                {QStringLiteral("endpoint"), QStringLiteral("open")},
                                {QStringLiteral("messages"), QJsonArray{QStringLiteral("order:new")}}});
    root[QStringLiteral("mappings")] = mappings;
    result = runIntegrator(
        db + QStringList{QStringLiteral("config"), QStringLiteral("import"), QStringLiteral("-")},
        QJsonDocument(root).toJson(), 60000, withKey);
    QVERIFY2(result.exitCode == 0 && result.err.isEmpty(), qPrintable(result.describe()));
    result = runIntegrator(db + QStringList{QStringLiteral("push"), QStringLiteral("-")},
                           R"({"message":"order:new","payload":{"order":{"number":"R7"}}})", 60000, noBus);
    QCOMPARE(result.exitCode, 0);
    const QString id = QString::fromLatin1(result.out.trimmed());

    // Without the key: one line saying so, the open endpoint served, nothing sent to the other.
    result = runIntegrator(db + QStringList{QStringLiteral("run"), QStringLiteral("--exit-when-idle")}, {},
                           60000, noBus);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    QVERIFY2(result.err.startsWith("integrator: secrets are sealed with key ") &&
                 result.err.contains("this engine has no master key") &&
                 result.err.contains("INTEGRATOR_MASTER_KEY_FILE"),
             qPrintable(result.describe()));
    QCOMPARE(open.requestCount(), 1);
    QCOMPARE(endpoint.requestCount(), 0);
    result = runIntegrator(db + QStringList{QStringLiteral("show"), id}, {}, 60000, noBus);
    QVERIFY2(result.out.contains("not sent to endpoint mailer: secrets are sealed with key"),
             result.out.constData());

    // With the key file: delivered, with the token, the secret parameter and a valid signature.
    result = runIntegrator(db + QStringList{QStringLiteral("run"), QStringLiteral("--exit-when-idle")}, {},
                           60000, withKey);
    QVERIFY2(result.exitCode == 0 && result.err.isEmpty(), qPrintable(result.describe()));
    QCOMPARE(endpoint.requestCount(), 1);
    const RecordedRequest request = endpoint.requests().first();
    QCOMPARE(request.headers.value("x-hub-token"), kToken);
    QCOMPARE(
        request.json()[QStringLiteral("payload")][QStringLiteral("parameters")][0][QStringLiteral("value")]
            .toString(),
        QString::fromLatin1(kApiKey));
    QCOMPARE(verifiedBy(request, {signingSecret}), QList<int>{0});
    QCOMPARE(open.requestCount(), 1); // not sent twice
}

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
