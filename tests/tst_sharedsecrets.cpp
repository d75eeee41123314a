// Two machines on one PostgreSQL database: a desktop (the test's D-Bus session with gnome-keyring, its
// own HOME) imports the configuration, whose secrets are sealed with a master key it keeps in the
// keychain; a worker with another HOME and no D-Bus session, given the exported key file, delivers
// with the token and a valid signature and accepts pushes; a worker without the key sends nothing to
// those endpoints and says why. pg_dump of the database holds none of the secrets.
#include "delivery/WebhookSigner.h"
#include "IndependentSignatureCheck.h"
#include "IntegratorProcess.h"
#include "ScriptedEndpoint.h"
#include "TestDatabase.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>

namespace {
const QByteArray kToken = "tok_shared_db_1b2c3d4e5f60718293";
const QByteArray kParameter = "sk_param_shared_9f8e7d6c5b4a3928";
const QByteArray kPushToken = "push_shared_0a1b2c3d4e5f6789";
const QByteArray kWebhookSecret = "webhook_shared_9f8e7d6c5b4a3210";
} // namespace

class TestSharedSecrets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void workersWithTheKeyFileDeliverAndOthersSayWhy();

private:
    QByteArray config(const QString &signingSecret) const;
    QProcessEnvironment machine(const QString &home, bool withSessionBus) const;
    int startListening(QProcess &engine, QByteArray *stderrText);
    int post(int port, const QByteArray &token, QByteArray *retryAfter = nullptr);

    ScriptedEndpoint endpoint_;
    QTemporaryDir dir_;
};

QByteArray TestSharedSecrets::config(const QString &signingSecret) const
{
    const QJsonObject root{
        {QStringLiteral("endpoints"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("mailer")},
                                {QStringLiteral("url"), endpoint_.url().toString()},
                                {QStringLiteral("token"), QString::fromLatin1(kToken)},
                                {QStringLiteral("signing_secret"), signingSecret}}}},
        {QStringLiteral("mappings"),
         QJsonArray{
             QJsonObject{{QStringLiteral("name"), QStringLiteral("confirm")},
                         {QStringLiteral("endpoint"), QStringLiteral("mailer")},
                         {QStringLiteral("messages"), QJsonArray{QStringLiteral("order:new")}},
                         {QStringLiteral("parameters"), QJsonArray{QStringLiteral("mailer.api_key")}}}}},
        {QStringLiteral("parameters"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("mailer.api_key")},
                                {QStringLiteral("value"), QString::fromLatin1(kParameter)},
                                {QStringLiteral("secret"), true}}}},
        {QStringLiteral("stores"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("shop")},
                                {QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9/")},
                                {QStringLiteral("collections"), QJsonObject{}},
                                {QStringLiteral("push_token"), QString::fromLatin1(kPushToken)},
                                {QStringLiteral("webhook_secret"), QString::fromLatin1(kWebhookSecret)}}}}};
    return QJsonDocument(root).toJson();
}

QProcessEnvironment TestSharedSecrets::machine(const QString &home, bool withSessionBus) const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const QString path = dir_.filePath(home);
    environment.insert(QStringLiteral("HOME"), path);
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), path + QStringLiteral("/.config"));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), path + QStringLiteral("/.local/share"));
    environment.remove(QStringLiteral("INTEGRATOR_MASTER_KEY_FILE"));
    if (!withSessionBus)
        environment.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    return environment;
}

int TestSharedSecrets::startListening(QProcess &engine, QByteArray *stderrText)
{
    if (!QTest::qWaitFor(
            [&] { return (*stderrText += engine.readAllStandardError()).contains("accepting pushes on"); },
            30000))
        return 0;
    const int line = int(stderrText->indexOf("accepting pushes on"));
    const QByteArray rest = stderrText->mid(line, stderrText->indexOf('\n', line) - line);
    return rest.mid(rest.lastIndexOf(':') + 1).trimmed().toInt();
}

int TestSharedSecrets::post(int port, const QByteArray &token, QByteArray *retryAfter)
{
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/api/stores/shop/messages").arg(port)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("X-Augury-Token", token);
    std::unique_ptr<QNetworkReply> reply(network.post(
        request, QByteArrayLiteral(R"({"message":"order:new","payload":{"order":{"number":"P1"}}})")));
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 30000))
        return 0;
    if (retryAfter)
        *retryAfter = reply->rawHeader("Retry-After");
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

void TestSharedSecrets::workersWithTheKeyFileDeliverAndOthersSayWhy()
{
    if (!TestDatabase::usePostgres())
        QSKIP("needs a shared PostgreSQL database (ctest runs this unit as sharedsecrets_postgres)");
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QFAIL("no D-Bus session: run the tests through tests/run-tests.sh (make test)");
    TestDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.error()));
    QVERIFY(endpoint_.listen());
    const QStringList db = database.cliArguments();
    const QString signingSecret = WebhookSigner::generateSecret();

    // The desktop: secrets sealed with the master key of its keychain, which it exports.
    const QProcessEnvironment desktop = machine(QStringLiteral("desktop"), true);
    CliResult result = runIntegrator(
        db + QStringList{QStringLiteral("config"), QStringLiteral("import"), QStringLiteral("-")},
        config(signingSecret), 60000, desktop);
    QVERIFY2(result.exitCode == 0 && result.out.contains("5 secret(s) sealed in the database"),
             qPrintable(result.describe()));
    result = runIntegrator(db + QStringList{QStringLiteral("secrets"), QStringLiteral("export-key")}, {},
                           60000, desktop);
    QVERIFY2(result.exitCode == 0, qPrintable(result.describe()));
    const QString keyFile = dir_.filePath(QStringLiteral("master.key"));
    QFile file(keyFile);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(result.out) == result.out.size());
    file.close();
    QVERIFY(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner));

    // A worker without the key: pushes for the store are refused with 503 and the reason, and nothing
    // is sent to the endpoint that needs the token.
    QProcessEnvironment keyless = machine(QStringLiteral("keyless"), false);
    std::unique_ptr<QProcess> third = startIntegrator(
        db + QStringList{QStringLiteral("run"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")},
        keyless);
    QByteArray thirdErr;
    const int thirdPort = startListening(*third, &thirdErr);
    QVERIFY2(thirdPort > 0, thirdErr.constData());
    QVERIFY2(thirdErr.contains("secrets are sealed with key") &&
                 thirdErr.contains("this engine has no master key"),
             thirdErr.constData());
    QByteArray retryAfter;
    QCOMPARE(post(thirdPort, kPushToken, &retryAfter), 503);
    QCOMPARE(retryAfter, QByteArray("30"));
    result = runIntegrator(db + QStringList{QStringLiteral("push"), QStringLiteral("-")},
                           R"({"message":"order:new","payload":{"order":{"number":"K1"}}})", 60000, keyless);
    QCOMPARE(result.exitCode, 0);
    const QString waiting = QString::fromLatin1(result.out.trimmed());
    QTRY_VERIFY_WITH_TIMEOUT(
        runIntegrator(db + QStringList{QStringLiteral("show"), waiting}, {}, 60000, keyless)
            .out.contains("not sent to endpoint mailer: secrets are sealed with key"),
        30000);
    QCOMPARE(endpoint_.requestCount(), 0);
    third->terminate();
    QVERIFY(waitForExit(*third));

    // A worker with another HOME, no D-Bus session, and the key file: it delivers the waiting message
    // with every secret, and accepts pushes carrying the push token.
    QProcessEnvironment worker = machine(QStringLiteral("worker"), false);
    worker.insert(QStringLiteral("INTEGRATOR_MASTER_KEY_FILE"), keyFile);
    std::unique_ptr<QProcess> second = startIntegrator(
        db + QStringList{QStringLiteral("run"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")},
        worker);
    QByteArray secondErr;
    const int port = startListening(*second, &secondErr);
    QVERIFY2(port > 0, secondErr.constData());
    QVERIFY2(!secondErr.contains("secrets are sealed"), secondErr.constData());
    QCOMPARE(post(port, kPushToken), 201);
    QCOMPARE(post(port, "wrong-token"), 401);
    QTRY_COMPARE_WITH_TIMEOUT(endpoint_.requestCount(), 2, 30000);
    second->terminate();
    QVERIFY(waitForExit(*second));
    for (const RecordedRequest &request : endpoint_.requests()) {
        QCOMPARE(request.headers.value("x-hub-token"), kToken);
        QCOMPARE(verifiedBy(request, {signingSecret}), QList<int>{0});
        QCOMPARE(
            request
                .json()[QStringLiteral("payload")][QStringLiteral("parameters")][0][QStringLiteral("value")]
                .toString(),
            QString::fromLatin1(kParameter));
    }

    // The whole database, as pg_dump writes it, holds none of the secrets.
    QProcess dump;
    dump.start(QStringLiteral("pg_dump"),
               {QStringLiteral("--dbname"), database.location().postgresUrl.toString()});
    QVERIFY(dump.waitForFinished(60000));
    const QByteArray dumped = dump.readAllStandardOutput();
    QVERIFY2(dump.exitCode() == 0 && dumped.contains("sealed_secrets"),
             dump.readAllStandardError().constData());
    QVERIFY(dumped.contains("P1")); // the scan reads the stored messages
    for (const QByteArray &secret :
         {kToken, kParameter, kPushToken, kWebhookSecret, signingSecret.toLatin1(), keyOf(signingSecret)})
        QVERIFY2(!dumped.contains(secret), secret.constData());
}

QTEST_GUILESS_MAIN(TestSharedSecrets)
#include "tst_sharedsecrets.moc"
