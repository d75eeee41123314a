// An endpoint behind HTTP Basic authentication: its "basic_auth" is sealed like a token and sent with
// every request; an endpoint saved by an older version with the credential in its URL has it moved
// there at the engine's start, and the password leaves the database's plain text.
#include "EngineHarness.h"
#include "ScriptedEndpoint.h"
#include "storage/ConfigRepository.h"
#include "storage/NotificationLog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>

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
