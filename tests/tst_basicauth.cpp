// An endpoint behind HTTP Basic authentication: its "basic_auth" is sealed like a token and sent with
// every request; an endpoint saved by an older version with the credential in its URL has it moved
// there at the engine's start, and the password leaves the database's plain text.
#include "EngineHarness.h"
#include "ScriptedEndpoint.h"
#include "storage/ConfigRepository.h"
#include "storage/NotificationLog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

namespace {
const QString kPassword = QStringLiteral("pw-7c1e9a55d0b34f2e");

QJsonObject config(const QUrl &url, const QString &basicAuth = {})
{
    QJsonObject endpoint = testEndpoint(QStringLiteral("erp"), url);
    if (!basicAuth.isEmpty())
        endpoint.insert(QStringLiteral("basic_auth"), basicAuth);
    return {{QStringLiteral("endpoints"), QJsonArray{endpoint}},
            {QStringLiteral("mappings"),
             QJsonArray{testMapping(QStringLiteral("orders"), QStringLiteral("erp"),
                                    QStringLiteral("/orders"), {QStringLiteral("order:new")})}}};
}

QByteArray basicHeader(const QString &userAndPassword)
{
    return "Basic " + userAndPassword.toUtf8().toBase64();
}
} // namespace

class TestBasicAuth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void importedBasicAuthIsSentAndNeverStoredInPlainText();
    void aPasswordInAStoredUrlMovesIntoBasicAuth();
    void manyStoredUrlsMoveInOneStart();
    void malformedBasicAuthIsRefused();
};

void TestBasicAuth::importedBasicAuthIsSentAndNeverStoredInPlainText()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    EngineHarness harness;
    QVERIFY2(harness.isValid(), qPrintable(harness.error()));
    QCOMPARE(harness.importConfig(config(endpoint.url(), QStringLiteral("ada:") + kPassword)), QString());
    const QString id =
        harness.push(QStringLiteral("order:new"), {{QStringLiteral("number"), QStringLiteral("R1")}});
    QVERIFY(harness.runUntilIdle());

    QCOMPARE(endpoint.requests().size(), 1);
    QCOMPARE(endpoint.requests().constFirst().headers.value("authorization"),
             basicHeader(QStringLiteral("ada:") + kPassword));
    QVERIFY2(!harness.databaseBytes().contains(kPassword.toUtf8()), "the password is in the database");
    QVERIFY(!QJsonDocument(harness.show(id)).toJson().contains(kPassword.toUtf8()));
    QVERIFY(
        !QJsonDocument(harness.show(id)).toJson().contains(basicHeader(QStringLiteral("ada:") + kPassword)));
}

void TestBasicAuth::aPasswordInAStoredUrlMovesIntoBasicAuth()
{
    ScriptedEndpoint endpoint;
    QVERIFY(endpoint.listen());
    EngineHarness harness;
    QVERIFY2(harness.isValid(), qPrintable(harness.error()));
    QCOMPARE(harness.importConfig(config(endpoint.url())), QString());
    // As an older version stored it: the URL with the credential, percent-encoded where needed.
    QList<Endpoint> endpoints;
    QString error;
    QVERIFY2(ConfigRepository(harness.db()).loadEndpoints(&endpoints, &error), qPrintable(error));
    QUrl withPassword = endpoints.constFirst().url;
    withPassword.setUserName(QStringLiteral("ada lovelace"));
    withPassword.setPassword(kPassword + QStringLiteral("@:/"));
    endpoints.first().url = withPassword;
    QVERIFY2(ConfigRepository(harness.db()).saveEndpoint(&endpoints.first(), &error), qPrintable(error));
    QVERIFY(harness.databaseBytes().contains(kPassword.toUtf8()));

    const QString id =
        harness.push(QStringLiteral("order:new"), {{QStringLiteral("number"), QStringLiteral("R2")}});
    QVERIFY(harness.runUntilIdle());

    QCOMPARE(endpoint.requests().size(), 1);
    QCOMPARE(endpoint.requests().constFirst().headers.value("authorization"),
             basicHeader(QStringLiteral("ada lovelace:") + kPassword + QStringLiteral("@:/")));
    QList<Endpoint> migrated;
    QVERIFY2(ConfigRepository(harness.db()).loadEndpoints(&migrated, &error), qPrintable(error));
    QCOMPARE(migrated.constFirst().url, endpoint.url());
    QVERIFY(migrated.constFirst().hasBasicAuth);
    QList<Notification> notes;
    QVERIFY2(NotificationLog(harness.db()).list(QString(), QString(), 50, &notes, &error), qPrintable(error));
    QVERIFY(std::any_of(notes.cbegin(), notes.cend(), [](const Notification &note) {
        return note.subject.contains(QStringLiteral("\"erp\"")) &&
               note.subject.contains(QStringLiteral("basic_auth"));
    }));
    QVERIFY(!QJsonDocument(harness.show(id)).toJson().contains(kPassword.toUtf8()));
    QVERIFY(harness.restartEngine()); // closes the connection: SQLite checkpoints its -wal into the file
    QVERIFY2(!harness.databaseBytes().contains(kPassword.toUtf8()),
             "the old URL's password is still on disk");
}

// An older database with dozens of endpoints, some with a credential in the URL (a few with a user and
// no password, or characters that need percent-encoding), some with a token, some with nothing: one
// start moves every credential, each endpoint gets exactly its own Authorization, and no password is
// left on disk.
void TestBasicAuth::manyStoredUrlsMoveInOneStart()
{
    constexpr int kEndpoints = 40;
    QRandomGenerator random(20261130);
    std::vector<std::unique_ptr<ScriptedEndpoint>> servers;
    QJsonArray endpoints;
    QJsonArray mappings;
    for (int i = 0; i < kEndpoints; ++i) {
        servers.push_back(std::make_unique<ScriptedEndpoint>());
        QVERIFY(servers.back()->listen());
        const QString name = QStringLiteral("erp%1").arg(i);
        endpoints.append(testEndpoint(name, servers.back()->url()));
        mappings.append(testMapping(name, name, QStringLiteral("/orders"), {QStringLiteral("order:new")}));
    }
    EngineHarness harness;
    QVERIFY2(harness.isValid(), qPrintable(harness.error()));
    QCOMPARE(harness.importConfig(
                 {{QStringLiteral("endpoints"), endpoints}, {QStringLiteral("mappings"), mappings}}),
             QString());
    QList<Endpoint> stored;
    QString error;
    QVERIFY2(ConfigRepository(harness.db()).loadEndpoints(&stored, &error), qPrintable(error));
    QHash<QString, QString> expected; // endpoint name -> "user:password" it must send
    for (Endpoint &endpoint : stored) {
        const int kind = int(random.bounded(4));
        if (kind == 0)
            continue; // no credential at all
        const QString user = QStringLiteral("user %1").arg(endpoint.name);
        const QString password =
            kind == 1 ? QString()
                      : kPassword + QString::number(random.bounded(1000000)) + QStringLiteral("@:/");
        endpoint.url.setUserName(user);
        if (!password.isEmpty())
            endpoint.url.setPassword(password);
        expected.insert(endpoint.name, user + u':' + password);
        QVERIFY2(ConfigRepository(harness.db()).saveEndpoint(&endpoint, &error), qPrintable(error));
    }
    QVERIFY(expected.size() > kEndpoints / 2);
    QVERIFY(harness.databaseBytes().contains(kPassword.toUtf8()));

    harness.push(QStringLiteral("order:new"), {{QStringLiteral("number"), QStringLiteral("R3")}});
    QVERIFY(harness.runUntilIdle());

    QList<Endpoint> migrated;
    QVERIFY2(ConfigRepository(harness.db()).loadEndpoints(&migrated, &error), qPrintable(error));
    QCOMPARE(migrated.size(), kEndpoints);
    for (const Endpoint &endpoint : migrated) {
        const int index = endpoint.name.mid(3).toInt();
        QCOMPARE(endpoint.url, servers[size_t(index)]->url());
        QCOMPARE(endpoint.hasBasicAuth, expected.contains(endpoint.name));
        const QList<RecordedRequest> requests = servers[size_t(index)]->requests();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.constFirst().headers.value("authorization"),
                 expected.contains(endpoint.name) ? basicHeader(expected.value(endpoint.name))
                                                  : QByteArray());
    }
    QList<Notification> notes;
    QVERIFY2(NotificationLog(harness.db()).list(QString(), QString(), 200, &notes, &error),
             qPrintable(error));
    const auto movedNotes = std::count_if(notes.cbegin(), notes.cend(), [](const Notification &note) {
        return note.subject.contains(QStringLiteral("moved to basic_auth"));
    });
    QCOMPARE(int(movedNotes), int(expected.size()));
    QVERIFY(harness.restartEngine());
    QVERIFY2(!harness.databaseBytes().contains(kPassword.toUtf8()), "a URL's password is still on disk");
}

void TestBasicAuth::malformedBasicAuthIsRefused()
{
    EngineHarness harness;
    QVERIFY2(harness.isValid(), qPrintable(harness.error()));
    QCOMPARE(
        harness.importConfig(config(QUrl(QStringLiteral("http://127.0.0.1:9")), QStringLiteral("ada"))),
        QStringLiteral("endpoint \"erp\": \"basic_auth\" must be \"user:password\" (the user name, a colon, "
                       "the password)"));
}

QTEST_GUILESS_MAIN(TestBasicAuth)
#include "tst_basicauth.moc"
