// Against the real Secret Service that tests/run-tests.sh starts (gnome-keyring in a throw-away
// D-Bus session), and without any session bus at all.
#include "secrets/CredentialStore.h"

#include <QProcess>
#include <QTest>
#include <QUuid>

class TestCredentialStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writeReadUpdateDelete();
    void secretsOfAnotherServiceAreSeparate();
    void withoutSessionBusSecretsStayInMemory();
};

void TestCredentialStore::writeReadUpdateDelete()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QFAIL("no D-Bus session: run the tests through tests/run-tests.sh (make test)");
    CredentialStore store(
        QStringLiteral("Integrator-test-%1").arg(QUuid::createUuid().toString(QUuid::Id128)));
    const QString key = QStringLiteral("endpoint/mailer/token");
    QString error;
    QVERIFY2(store.write(key, QStringLiteral("first-secret-value"), &error), qPrintable(error));
    QVERIFY2(store.available(), qPrintable(store.unavailableReason()));
    QCOMPARE(store.read(key, &error).value_or(QString()), QStringLiteral("first-secret-value"));
    QVERIFY(store.write(key, QStringLiteral("second-secret-value"), &error));
    // A second store on the same service reads it from the keychain, not from memory.
    QCOMPARE(store.read(key, &error).value_or(QString()), QStringLiteral("second-secret-value"));
    QVERIFY2(store.remove(key, &error), qPrintable(error));
    QVERIFY(!store.read(key, &error).has_value());
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestCredentialStore::secretsOfAnotherServiceAreSeparate()
{
    const QString service =
        QStringLiteral("Integrator-test-%1").arg(QUuid::createUuid().toString(QUuid::Id128));
    QString error;
    {
        CredentialStore writer(service);
        QVERIFY2(writer.write(QStringLiteral("parameter/mailer.api_key"), QStringLiteral("k-123"), &error),
                 qPrintable(error));
    }
    CredentialStore reader(service);
    QCOMPARE(reader.read(QStringLiteral("parameter/mailer.api_key"), &error).value_or(QString()),
             QStringLiteral("k-123"));
    CredentialStore stranger(service + QStringLiteral("-other"));
    QVERIFY(!stranger.read(QStringLiteral("parameter/mailer.api_key"), &error).has_value());
    QVERIFY(reader.remove(QStringLiteral("parameter/mailer.api_key"), &error));
}

void TestCredentialStore::withoutSessionBusSecretsStayInMemory()
{
    // In a child process with no session bus the store must say so and still work for that process.
    if (qEnvironmentVariableIsSet("INTEGRATOR_CREDENTIAL_CHILD")) {
        CredentialStore store;
        QString error;
        QVERIFY(!store.available());
        QVERIFY(store.unavailableReason().contains(QStringLiteral("kept in memory for this process only")));
        QVERIFY(store.write(QStringLiteral("k"), QStringLiteral("v"), &error));
        QCOMPARE(store.read(QStringLiteral("k"), &error).value_or(QString()), QStringLiteral("v"));
        return;
    }
    QProcess child;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    environment.insert(QStringLiteral("INTEGRATOR_CREDENTIAL_CHILD"), QStringLiteral("1"));
    child.setProcessEnvironment(environment);
    child.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("withoutSessionBusSecretsStayInMemory")});
    QVERIFY(child.waitForFinished(60000));
    QVERIFY2(child.exitCode() == 0, child.readAllStandardOutput().constData());
}

QTEST_GUILESS_MAIN(TestCredentialStore)
#include "tst_credentialstore.moc"
