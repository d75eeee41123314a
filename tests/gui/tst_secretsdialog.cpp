// Settings → Secrets and the status bar, driven like a person: both say where the master key comes from
// and which key sealed the database; the key is shown only after a confirmation, or saved as a key file
// readable by its owner only; rotation seals every secret again under a new key that the keychain keeps;
// a key file's key is not rotated here, and the dialog says why.
#include "BackgroundWorker.h"
#include "ControlPanel.h"
#include "dialogs/KeyExportDialog.h"
#include "dialogs/SecretsDialog.h"
#include "MainWindow.h"
#include "PanelStart.h"
#include "secrets/CredentialStore.h"
#include "secrets/MasterKeyFile.h"
#include "storage/Database.h"
#include "TestDatabase.h"
#include "widgets/SecretsStatusLabel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

namespace {

const QString kScope = QStringLiteral("parameter/mailer.api_key");
const QString kSecret = QStringLiteral("s3cret-api-key");
constexpr auto kOthers = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                         QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;

} // namespace

class TestSecretsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void cleanup();
    void savedKeyFileIsReadableOnlyByItsOwner();
    void statusBarAndDialogSayWhereTheKeyComesFrom();
    void exportShowsTheKeyOnlyAfterConfirming();
    void rotationSealsEverySecretAgainAndTheKeychainKeepsTheNewKey();

private:
    // A panel whose master key comes from a key file (INTEGRATOR_MASTER_KEY_FILE), with one sealed secret.
    void startWithKeyFile();
    // A panel whose master key is the test keychain's, with one sealed secret.
    void startWithKeychain();
    void startPanel();
    void saveSecretThroughWorker();
    SecretsDialog *openSecretsDialog();
    template<typename T> T *child(QWidget *parent, const char *name) const
    {
        T *found = parent->findChild<T *>(QString::fromLatin1(name));
        if (!found)
            qFatal("no %s", name);
        return found;
    }
    void answerNextMessageBox(QMessageBox::StandardButton button);

    QTemporaryDir dir_;
    std::optional<MasterKey> fileKey_;
    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<ControlPanel> panel_;
    std::unique_ptr<Database> db_; // the test's own connection
    QPointer<QTimer> boxWatch_;
    QString boxText_;
};

void TestSecretsDialog::cleanup()
{
    if (panel_)
        QTRY_COMPARE(panel_->context().worker->pendingJobs(), 0);
    delete boxWatch_;
    panel_.reset();
    db_.reset();
    database_.reset();
    qunsetenv("INTEGRATOR_MASTER_KEY_FILE");
    fileKey_.reset();
}

void TestSecretsDialog::startWithKeyFile()
{
    fileKey_ = MasterKey::generate();
    const QString path = dir_.filePath(QStringLiteral("master.key"));
    QString error;
    QVERIFY2(KeyExportDialog::saveKeyFile(path, fileKey_->encoded() + '\n', &error), qPrintable(error));
    qputenv("INTEGRATOR_MASTER_KEY_FILE", QFile::encodeName(path));
    startPanel();
    QCOMPARE(panel_->context().credentials->masterKey()->id(), fileKey_->id());
    saveSecretThroughWorker();
}

void TestSecretsDialog::startWithKeychain()
{
    startPanel();
    CredentialStore *credentials = panel_->context().credentials;
    QTRY_VERIFY_WITH_TIMEOUT(!credentials->keyLoading(), 20000);
    saveSecretThroughWorker(); // makes a key in the keychain if it holds none yet
    QVERIFY(credentials->masterKey());
    QCOMPARE(credentials->keyOrigin(), QStringLiteral("keychain"));
}

void TestSecretsDialog::startPanel()
{
    database_ = std::make_unique<TestDatabase>();
    QVERIFY2(database_->isValid(), qPrintable(database_->error()));
    panel_ = std::make_unique<ControlPanel>(database_->location());
    QString error;
    QVERIFY2(startAndWaitUntilOpen(*panel_, &error), qPrintable(error));
    db_ = std::make_unique<Database>(database_->location(), QStringLiteral("test"));
    QVERIFY2(db_->open(&error), qPrintable(error));
    panel_->window()->show();
    QVERIFY(QTest::qWaitForWindowExposed(panel_->window()));
}

// As the pages save secrets: on the worker, which may wait for the keychain.
void TestSecretsDialog::saveSecretThroughWorker()
{
    CredentialStore *credentials = panel_->context().credentials;
    auto error = std::make_shared<QString>();
    auto saved = std::make_shared<bool>(false);
    panel_->context().worker->post(panel_->window(), [credentials, error, saved](const Database &db) {
        *saved = credentials->write(db, kScope, kSecret, error.get());
    });
    QTRY_COMPARE_WITH_TIMEOUT(panel_->context().worker->pendingJobs(), 0, 20000);
    QVERIFY2(*saved, qPrintable(*error));
}

SecretsDialog *TestSecretsDialog::openSecretsDialog()
{
    auto *action = panel_->window()->findChild<QAction *>(QStringLiteral("secretsAction"));
    if (!action)
        qFatal("no Settings → Secrets action");
    action->trigger();
    SecretsDialog *dialog = panel_->window()->secretsDialog();
    if (!dialog || !dialog->isVisible())
        qFatal("Settings → Secrets did not open");
    return dialog;
}

// QMessageBox's static functions run their own event loop: answer the box from there as soon as it shows.
void TestSecretsDialog::answerNextMessageBox(QMessageBox::StandardButton button)
{
    delete boxWatch_;
    boxWatch_ = new QTimer(this);
    boxWatch_->setInterval(10);
    connect(boxWatch_, &QTimer::timeout, this, [this, button] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || !box->isVisible())
            return;
        boxWatch_->stop();
        boxWatch_->deleteLater();
        boxText_ = box->text();
        box->button(button)->click();
    });
    boxWatch_->start();
}

void TestSecretsDialog::savedKeyFileIsReadableOnlyByItsOwner()
{
    const QString path = dir_.filePath(QStringLiteral("exported.key"));
    QFile older(path); // an older file that others could read is replaced, not reused
    QVERIFY(older.open(QIODevice::WriteOnly));
    older.write("old\n");
    older.close();
    QVERIFY(older.setPermissions(older.permissions() | QFileDevice::ReadGroup | QFileDevice::ReadOther));

    const MasterKey key = MasterKey::generate();
    QString error;
    QVERIFY2(KeyExportDialog::saveKeyFile(path, key.encoded() + '\n', &error), qPrintable(error));
    QCOMPARE(QFileInfo(path).permissions() & kOthers, QFileDevice::Permissions());
    const std::optional<MasterKey> read = MasterKeyFile::read(path, &error);
    QVERIFY2(read, qPrintable(error));
    QCOMPARE(read->id(), key.id());
    QCOMPARE(
        QDir(dir_.path()).entryList(QDir::Hidden | QDir::Files).filter(QStringLiteral(".integrator-key")),
        QStringList());

    QVERIFY(
        !KeyExportDialog::saveKeyFile(dir_.filePath(QStringLiteral("missing/folder/x.key")), "x", &error));
    QVERIFY(!error.isEmpty());
}

void TestSecretsDialog::statusBarAndDialogSayWhereTheKeyComesFrom()
{
    startWithKeyFile();
    const QString shortId = fileKey_->id().left(8);
    auto *status = child<SecretsStatusLabel>(panel_->window(), "secretsStatus");
    QTRY_VERIFY2(status->text().startsWith(QStringLiteral("Secrets: master key %1").arg(shortId)) &&
                     status->text().contains(QStringLiteral("key file")),
                 qPrintable(status->text()));
    QVERIFY(!status->isWarning());
    QVERIFY(!status->text().contains(QString::fromLatin1(fileKey_->encoded())));

    SecretsDialog *dialog = openSecretsDialog();
    QTRY_COMPARE(child<QLabel>(dialog, "sealedCount")->text(), QStringLiteral("1"));
    QCOMPARE(child<QLabel>(dialog, "keyId")->text(), fileKey_->id());
    QCOMPARE(child<QLabel>(dialog, "databaseKeyId")->text(), fileKey_->id());
    QVERIFY2(child<QLabel>(dialog, "keyOrigin")->text().contains(dir_.filePath(QStringLiteral("master.key"))),
             qPrintable(child<QLabel>(dialog, "keyOrigin")->text()));
    QVERIFY(child<QPushButton>(dialog, "exportKey")->isEnabled());
    // A key file's key is rotated where the file is, with the command line; the dialog says how.
    QVERIFY(!child<QPushButton>(dialog, "rotateKey")->isEnabled());
    const QString note = child<QLabel>(dialog, "secretsNote")->text();
    QVERIFY2(note.contains(QStringLiteral("rotate-key --new-key-file")), qPrintable(note));
}

void TestSecretsDialog::exportShowsTheKeyOnlyAfterConfirming()
{
    startWithKeyFile();
    SecretsDialog *dialog = openSecretsDialog();
    auto *exportButton = child<QPushButton>(dialog, "exportKey");
    QTRY_VERIFY(exportButton->isEnabled());

    answerNextMessageBox(QMessageBox::Cancel);
    QTest::mouseClick(exportButton, Qt::LeftButton);
    QVERIFY2(boxText_.contains(QStringLiteral("opens every secret")), qPrintable(boxText_));
    QVERIFY(!dialog->findChild<KeyExportDialog *>());

    answerNextMessageBox(QMessageBox::Yes);
    QTest::mouseClick(exportButton, Qt::LeftButton);
    auto *exported = dialog->findChild<KeyExportDialog *>();
    QVERIFY(exported && exported->isVisible());
    auto *field = child<QLineEdit>(exported, "exportedKey");
    QVERIFY(field->isReadOnly());
    QCOMPARE(field->text(), QString::fromLatin1(fileKey_->encoded()));
    QTest::mouseClick(child<QPushButton>(exported, "copyKey"), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), QString::fromLatin1(fileKey_->encoded()));
    QGuiApplication::clipboard()->clear();
    exported->close();
}

void TestSecretsDialog::rotationSealsEverySecretAgainAndTheKeychainKeepsTheNewKey()
{
    startWithKeychain();
    CredentialStore *credentials = panel_->context().credentials;
    const QString before = credentials->masterKey()->id();
    SecretsDialog *dialog = openSecretsDialog();
    auto *rotate = child<QPushButton>(dialog, "rotateKey");
    QTRY_VERIFY(rotate->isEnabled());

    answerNextMessageBox(QMessageBox::Cancel); // changes nothing
    QTest::mouseClick(rotate, Qt::LeftButton);
    QCOMPARE(credentials->masterKey()->id(), before);

    QSignalSpy changed(credentials, &CredentialStore::masterKeyChanged);
    answerNextMessageBox(QMessageBox::Yes);
    QTest::mouseClick(rotate, Qt::LeftButton);
    QVERIFY2(boxText_.contains(QStringLiteral("seal every secret in the database again")),
             qPrintable(boxText_));
    QVERIFY(changed.count() > 0 || changed.wait(20000));
    const QString after = credentials->masterKey()->id();
    QVERIFY(after != before);
    QCOMPARE(credentials->keyOrigin(), QStringLiteral("keychain"));
    QTRY_COMPARE(child<QLabel>(dialog, "databaseKeyId")->text(), after);
    QCOMPARE(child<QLabel>(dialog, "keyId")->text(), after);
    const QString note = child<QLabel>(dialog, "secretsNote")->text();
    QVERIFY2(note.startsWith(QStringLiteral("Sealed 1 secret")), qPrintable(note));
    QTRY_VERIFY(child<SecretsStatusLabel>(panel_->window(), "secretsStatus")->text().contains(after.left(8)));

    QString error;
    QCOMPARE(credentials->read(*db_, kScope, &error), std::optional<QString>(kSecret));
    // The keychain holds the new key: the next start opens the secrets.
    const KeychainAccess::Result stored = credentials->keychain().readNow(CredentialStore::keychainEntry());
    QCOMPARE(int(stored.status), int(KeychainAccess::Status::Ok));
    QCOMPARE(MasterKey::parse(stored.value.toLatin1(), &error)->id(), after);
}

QTEST_MAIN(TestSecretsDialog)
#include "tst_secretsdialog.moc"
