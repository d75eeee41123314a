// Sealed secrets against a real SQLite file (and PostgreSQL through ctest's *_postgres variant), the
// real Secret Service that tests/run-tests.sh starts (gnome-keyring in a throw-away D-Bus session), key
// files with real permissions, and a child process without any session bus.
#include "secrets/CredentialStore.h"
#include "secrets/KeychainSecretsMigration.h"
#include "secrets/MasterKeyFile.h"
#include "secrets/MasterKeyRotation.h"
#include "secrets/SecretBox.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "storage/SealedSecretRepository.h"

#include "TestDatabase.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

namespace {

QString uniqueService()
{
    return QStringLiteral("Integrator-test-%1").arg(QUuid::createUuid().toString(QUuid::Id128));
}

QString writeKeyFile(const QString &path, const QByteArray &content, QFile::Permissions permissions)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return {};
    file.close();
    file.setPermissions(permissions);
    return path;
}

constexpr auto kOwnerOnly = QFile::ReadOwner | QFile::WriteOwner;

} // namespace

class TestCredentialStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void sealedSecretsNeverHoldPlainText();
    void aDesktopCreatesTheKeyInTheKeychain();
    void aSealedValueDoesNotOpenUnderAnotherScope();
    void anotherKeyIsToldApartFromNoKey();
    void keyFilesMustBeOwnerOnlyAndWhole();
    void keyFileWinsOverTheKeychain();
    void rotationResealsEverySecret();
    void keychainSecretsOfOlderDatabasesMoveIn();
    void withoutSessionBusNothingIsSavedWithoutAKeyFile();

private:
    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<Database> db_;
};

void TestCredentialStore::init()
{
    qunsetenv("INTEGRATOR_MASTER_KEY_FILE");
    qunsetenv("CREDENTIALS_DIRECTORY");
    database_ = std::make_unique<TestDatabase>();
    QVERIFY2(database_->isValid(), qPrintable(database_->error()));
    db_ = std::make_unique<Database>(database_->location(), QStringLiteral("test"));
    QString error;
    QVERIFY2(db_->open(&error), qPrintable(error));
}

void TestCredentialStore::cleanup()
{
    db_.reset();
    database_.reset();
}

void TestCredentialStore::sealedSecretsNeverHoldPlainText()
{
    CredentialStore store(uniqueService());
    store.useMasterKey(MasterKey::generate(), QStringLiteral("test"));
    QString error;
    const QString scope = QStringLiteral("endpoint/mailer/token");
    QVERIFY2(store.write(*db_, scope, QStringLiteral("first-secret-value"), &error), qPrintable(error));
    QCOMPARE(store.read(*db_, scope, &error), std::optional<QString>(QStringLiteral("first-secret-value")));
    QVERIFY(store.write(*db_, scope, QStringLiteral("second-secret-value"), &error));
    QCOMPARE(store.read(*db_, scope, &error), std::optional<QString>(QStringLiteral("second-secret-value")));

    QSqlQuery query(db_->connection());
    QVERIFY(query.exec(QStringLiteral("SELECT sealed, key_id FROM sealed_secrets")));
    QVERIFY(query.next());
    QVERIFY(!query.value(0).toString().contains(QStringLiteral("secret-value")));
    QCOMPARE(query.value(1).toString(), store.masterKey()->id());
    query.finish();

    QVERIFY2(store.remove(*db_, scope, &error), qPrintable(error));
    QVERIFY(!store.read(*db_, scope, &error).has_value());
    QVERIFY2(error.isEmpty(), qPrintable(error)); // gone, not locked
}

void TestCredentialStore::aDesktopCreatesTheKeyInTheKeychain()
{
    const QString service = uniqueService();
    QString error;
    {
        CredentialStore desktop(service);
        QVERIFY2(desktop.write(*db_, QStringLiteral("parameter/api_key"), QStringLiteral("k-123"), &error),
                 qPrintable(error));
        QCOMPARE(desktop.keyOrigin(), QStringLiteral("keychain"));
    }
    CredentialStore nextStart(service);
    nextStart.loadMasterKey();
    QCOMPARE(nextStart.keyOrigin(), QStringLiteral("keychain"));
    QCOMPARE(nextStart.read(*db_, QStringLiteral("parameter/api_key"), &error),
             std::optional<QString>(QStringLiteral("k-123")));
    QCOMPARE(nextStart.lockedReason(*db_), QString());
    QVERIFY(nextStart.keychain().removeNow(CredentialStore::keychainEntry()).status ==
            KeychainAccess::Status::Ok);
}

void TestCredentialStore::aSealedValueDoesNotOpenUnderAnotherScope()
{
    const MasterKey key = MasterKey::generate();
    const QByteArray sealed =
        SecretBox::seal(key, QStringLiteral("endpoint/a/token"), QStringLiteral("s3cret"));
    QCOMPARE(SecretBox::open(key, QStringLiteral("endpoint/a/token"), sealed),
             std::optional<QString>(u"s3cret"_qs));
    QVERIFY(!SecretBox::open(key, QStringLiteral("endpoint/b/token"), sealed));
    QVERIFY(!SecretBox::open(MasterKey::generate(), QStringLiteral("endpoint/a/token"), sealed));
    QByteArray altered = QByteArray::fromBase64(sealed);
    altered[altered.size() - 1] = char(altered.at(altered.size() - 1) ^ 1);
    QVERIFY(!SecretBox::open(key, QStringLiteral("endpoint/a/token"), altered.toBase64()));
    // Moving a row's sealed value onto another entry does not make it readable there.
    CredentialStore store(uniqueService());
    store.useMasterKey(key, QStringLiteral("test"));
    QString error;
    QVERIFY(SealedSecretRepository(*db_).setKeyId(key.id(), &error));
    QVERIFY(
        SealedSecretRepository(*db_).save({QStringLiteral("endpoint/b/token"), key.id(), sealed}, &error));
    QVERIFY(!store.read(*db_, QStringLiteral("endpoint/b/token"), &error));
    QVERIFY2(error.contains(QStringLiteral("altered or copied")), qPrintable(error));
}

void TestCredentialStore::anotherKeyIsToldApartFromNoKey()
{
    const MasterKey right = MasterKey::generate();
    CredentialStore writer(uniqueService());
    writer.useMasterKey(right, QStringLiteral("test"));
    QString error;
    QVERIFY(writer.write(*db_, QStringLiteral("store/shop/api_key"), QStringLiteral("key-1"), &error));

    CredentialStore keyless(uniqueService());
    keyless.loadMasterKey(); // a fresh keychain service: nothing there
    QVERIFY(!keyless.read(*db_, QStringLiteral("store/shop/api_key"), &error));
    QVERIFY2(
        error.startsWith(
            QStringLiteral("secrets are sealed with key %1; this engine has no master key").arg(right.id())),
        qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("INTEGRATOR_MASTER_KEY_FILE")), qPrintable(error));

    CredentialStore wrong(uniqueService());
    const MasterKey other = MasterKey::generate();
    wrong.useMasterKey(other, QStringLiteral("key file /tmp/other.key"));
    error.clear();
    QVERIFY(!wrong.read(*db_, QStringLiteral("store/shop/api_key"), &error));
    QVERIFY2(error.contains(QStringLiteral("sealed with key %1, but this engine's master key (key file "
                                           "/tmp/other.key) is %2")
                                .arg(right.id(), other.id())),
             qPrintable(error));
    // Nor may it write: the database would end up sealed with two keys.
    QVERIFY(!wrong.write(*db_, QStringLiteral("store/shop/push_token"), QStringLiteral("p"), &error));
    QVERIFY(!SealedSecretRepository(*db_).find(QStringLiteral("store/shop/push_token"), &error));
}

void TestCredentialStore::keyFilesMustBeOwnerOnlyAndWhole()
{
    const MasterKey key = MasterKey::generate();
    QString error;
    const QString good =
        writeKeyFile(database_->path(QStringLiteral("good.key")), key.encoded() + '\n', kOwnerOnly);
    QCOMPARE(MasterKeyFile::read(good, &error)->id(), key.id());

    const QString shared = writeKeyFile(database_->path(QStringLiteral("shared.key")), key.encoded() + '\n',
                                        kOwnerOnly | QFile::ReadGroup | QFile::ReadOther);
    QVERIFY(!MasterKeyFile::read(shared, &error));
    QVERIFY2(error.contains(QStringLiteral("can be read by others than its owner; refused: run chmod 600")),
             qPrintable(error));

    const QString truncated =
        writeKeyFile(database_->path(QStringLiteral("truncated.key")), key.encoded().left(30), kOwnerOnly);
    QVERIFY(!MasterKeyFile::read(truncated, &error));
    QVERIFY2(error.contains(QStringLiteral("is it truncated?")), qPrintable(error));

    QVERIFY(!MasterKeyFile::read(database_->path(QStringLiteral("missing.key")), &error));
    QVERIFY2(error.contains(QStringLiteral("does not exist")), qPrintable(error));
}

void TestCredentialStore::keyFileWinsOverTheKeychain()
{
    const MasterKey key = MasterKey::generate();
    const QString path =
        writeKeyFile(database_->path(QStringLiteral("master.key")), key.encoded(), kOwnerOnly);
    qputenv("INTEGRATOR_MASTER_KEY_FILE", path.toUtf8());
    CredentialStore fromEnvironment(uniqueService());
    fromEnvironment.loadMasterKey();
    QCOMPARE(fromEnvironment.masterKey()->id(), key.id());
    QCOMPARE(fromEnvironment.keyOrigin(),
             QStringLiteral("key file %1 (INTEGRATOR_MASTER_KEY_FILE)").arg(path));

    // The option wins over the environment, and an unusable file is an answer: no keychain fallback.
    const QString loose =
        writeKeyFile(database_->path(QStringLiteral("loose.key")), key.encoded(), QFile::Permissions(0x7777));
    CredentialStore fromOption(uniqueService());
    fromOption.setKeyFile(loose);
    fromOption.loadMasterKey();
    QVERIFY(!fromOption.masterKey());
    QVERIFY2(fromOption.keyProblem().contains(QStringLiteral("chmod 600")),
             qPrintable(fromOption.keyProblem()));
    qunsetenv("INTEGRATOR_MASTER_KEY_FILE");

    // systemd's LoadCredential= comes after both.
    QVERIFY(QDir().mkpath(database_->path(QStringLiteral("credentials"))));
    writeKeyFile(database_->path(QStringLiteral("credentials/integrator-master-key")), key.encoded(),
                 kOwnerOnly);
    qputenv("CREDENTIALS_DIRECTORY", database_->path(QStringLiteral("credentials")).toUtf8());
    CredentialStore fromSystemd(uniqueService());
    fromSystemd.loadMasterKey();
    QCOMPARE(fromSystemd.keyOrigin(), QStringLiteral("systemd credential integrator-master-key"));
    QCOMPARE(fromSystemd.masterKey()->id(), key.id());
}

void TestCredentialStore::rotationResealsEverySecret()
{
    const MasterKey old = MasterKey::generate();
    CredentialStore store(uniqueService());
    store.useMasterKey(old, QStringLiteral("test"));
    QString error;
    for (int i = 0; i < 20; ++i)
        QVERIFY(store.write(*db_, QStringLiteral("parameter/p%1").arg(i), QStringLiteral("value-%1").arg(i),
                            &error));
    const MasterKey next = MasterKey::generate();
    int resealed = 0;
    QVERIFY2(MasterKeyRotation::rotate(*db_, old, next, &resealed, &error), qPrintable(error));
    QCOMPARE(resealed, 20);

    QVERIFY(!store.read(*db_, QStringLiteral("parameter/p3"), &error)); // the old key is refused now
    QVERIFY2(error.contains(QStringLiteral("sealed with key %1").arg(next.id())), qPrintable(error));
    store.useMasterKey(next, QStringLiteral("test"));
    for (int i = 0; i < 20; ++i)
        QCOMPARE(store.read(*db_, QStringLiteral("parameter/p%1").arg(i), &error),
                 std::optional<QString>(QStringLiteral("value-%1").arg(i)));
    // A write that checked the key before the rotation and saves after it is refused, not stored under
    // the old key beside the re-sealed ones.
    QVERIFY(
        !SealedSecretRepository(*db_).save({QStringLiteral("parameter/late"), old.id(),
                                            SecretBox::seal(old, QStringLiteral("parameter/late"), u"x"_qs)},
                                           &error));
    QVERIFY2(error.contains(QStringLiteral("rotated meanwhile")), qPrintable(error));
    // Rotating with a key that is not the database's changes nothing.
    QVERIFY(!MasterKeyRotation::rotate(*db_, old, MasterKey::generate(), &resealed, &error));
    QCOMPARE(store.lockedReason(*db_), QString());
}

void TestCredentialStore::keychainSecretsOfOlderDatabasesMoveIn()
{
    // A database of the current schema whose configuration names secrets kept in the keychain, as
    // every version before sealing did.
    const QString service = uniqueService();
    CredentialStore credentials(service);
    QString error;
    Endpoint endpoint;
    endpoint.name = QStringLiteral("mailer");
    endpoint.url = QUrl(QStringLiteral("http://127.0.0.1:9/"));
    endpoint.hasToken = true;
    ConfigRepository repository(*db_);
    QVERIFY2(repository.saveEndpoint(&endpoint, &error), qPrintable(error));
    QVERIFY(credentials.keychain().writeNow(endpoint.tokenKey(), QStringLiteral("legacy-token")).status ==
            KeychainAccess::Status::Ok);

    int moved = 0;
    QVERIFY2(KeychainSecretsMigration(*db_, credentials).run(&moved, &error), qPrintable(error));
    QCOMPARE(moved, 1);
    QCOMPARE(credentials.read(*db_, endpoint.tokenKey(), &error), std::optional<QString>(u"legacy-token"_qs));
    QCOMPARE(credentials.keychain().readNow(endpoint.tokenKey()).status, KeychainAccess::Status::NotFound);
    // Done once: the next start does not ask the keychain again.
    QVERIFY(KeychainSecretsMigration(*db_, credentials).run(&moved, &error));
    QCOMPARE(moved, 0);
    credentials.keychain().removeNow(CredentialStore::keychainEntry());
}

void TestCredentialStore::withoutSessionBusNothingIsSavedWithoutAKeyFile()
{
    // In a child process with no session bus: no keychain, so a secret is refused with the way out,
    // and with a key file it is sealed.
    if (qEnvironmentVariableIsSet("INTEGRATOR_CREDENTIAL_CHILD")) {
        CredentialStore store;
        QString error;
        QVERIFY(!store.write(*db_, QStringLiteral("k"), QStringLiteral("v"), &error));
        QVERIFY2(error.contains(QStringLiteral("secrets cannot be saved without a master key")) &&
                     error.contains(QStringLiteral("integrator secrets new-key")),
                 qPrintable(error));
        const MasterKey key = MasterKey::generate();
        store.setKeyFile(
            writeKeyFile(database_->path(QStringLiteral("child.key")), key.encoded(), kOwnerOnly));
        store.loadMasterKey();
        QVERIFY2(store.write(*db_, QStringLiteral("k"), QStringLiteral("v"), &error), qPrintable(error));
        QCOMPARE(store.read(*db_, QStringLiteral("k"), &error), std::optional<QString>(u"v"_qs));
        return;
    }
    QProcess child;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    environment.insert(QStringLiteral("INTEGRATOR_CREDENTIAL_CHILD"), QStringLiteral("1"));
    child.setProcessEnvironment(environment);
    child.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("withoutSessionBusNothingIsSavedWithoutAKeyFile")});
    QVERIFY(child.waitForFinished(60000));
    QVERIFY2(child.exitCode() == 0, child.readAllStandardOutput().constData());
}

QTEST_GUILESS_MAIN(TestCredentialStore)
#include "tst_credentialstore.moc"
