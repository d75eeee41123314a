// The control panel never waits on the keychain. The test gives the panel a keychain that answers only
// after 3 s: a private D-Bus session bus whose Secret Service (gnome-keyring-daemon) is started on demand
// by D-Bus activation through `sleep 3`, so the master key's first read takes that long, as on a desktop
// whose keyring comes up late. While the key loads, the GUI thread's event loop must keep running (a
// 10 ms timer never waits 100 ms) and must not be spinning in a nested event loop (as a blocking *Now()
// call on the GUI thread would), and the status bar must say that the key is still being read.
#include "ControlPanel.h"
#include "EventLoopProbe.h"
#include "MainWindow.h"
#include "PanelStart.h"
#include "secrets/CredentialStore.h"
#include "TestDatabase.h"
#include "widgets/SecretsStatusLabel.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

namespace {

constexpr int kKeychainDelaySeconds = 3;

// A session bus of the test's own, where org.freedesktop.secrets is activated only after a delay.
class LateKeychainBus
{
public:
    LateKeychainBus() = default;
    LateKeychainBus(const LateKeychainBus &) = delete;
    LateKeychainBus &operator=(const LateKeychainBus &) = delete;
    ~LateKeychainBus()
    {
        // The keyring daemon leaves by itself once its bus is gone.
        daemon_.terminate();
        daemon_.waitForFinished(5000);
    }

    // The bus address, or empty with *error saying why.
    QString start(QString *error)
    {
        const QString services = dir_.filePath(QStringLiteral("services"));
        const QString runtime = dir_.filePath(QStringLiteral("run"));
        QDir().mkpath(services);
        QDir().mkpath(runtime);
        QFile::setPermissions(runtime,
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        // A session bus as dbus-daemon's own session.conf sets one up, with this folder for activation.
        write(QStringLiteral("bus.conf"),
              QStringLiteral(
                  "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                  " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                  "<busconfig>\n"
                  "  <type>session</type>\n"
                  "  <listen>unix:tmpdir=%1</listen>\n"
                  "  <servicedir>%2</servicedir>\n"
                  "  <policy context=\"default\">\n"
                  "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
                  "    <allow eavesdrop=\"true\"/>\n"
                  "    <allow own=\"*\"/>\n"
                  "  </policy>\n"
                  "</busconfig>\n")
                  .arg(dir_.path(), services));
        write(QStringLiteral("services/org.freedesktop.secrets.service"),
              QStringLiteral("[D-BUS Service]\nName=org.freedesktop.secrets\n"
                             "Exec=/bin/sh -c 'sleep %1; exec gnome-keyring-daemon --foreground "
                             "--components=secrets'\n")
                  .arg(kKeychainDelaySeconds));

        // The keyring daemon that activation starts gets a home of its own: it must not find the keyring
        // (or the control socket) of the one tests/run-tests.sh runs.
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("HOME"), dir_.path());
        environment.insert(QStringLiteral("XDG_DATA_HOME"), dir_.filePath(QStringLiteral("data")));
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), dir_.filePath(QStringLiteral("config")));
        environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtime);
        environment.remove(QStringLiteral("GNOME_KEYRING_CONTROL"));
        environment.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        daemon_.setProcessEnvironment(environment);
        daemon_.setProcessChannelMode(QProcess::SeparateChannels);
        daemon_.start(QStringLiteral("dbus-daemon"),
                      {QStringLiteral("--config-file=%1").arg(dir_.filePath(QStringLiteral("bus.conf"))),
                       QStringLiteral("--nofork"), QStringLiteral("--print-address=1")});
        if (!daemon_.waitForStarted(10000)) {
            *error = QStringLiteral("dbus-daemon did not start: %1").arg(daemon_.errorString());
            return {};
        }
        while (!daemon_.canReadLine() && daemon_.waitForReadyRead(10000)) {
        }
        QString address = QString::fromLocal8Bit(daemon_.readLine()).trimmed();
        if (address.isEmpty())
            *error = QStringLiteral("dbus-daemon printed no address: %1")
                         .arg(QString::fromLocal8Bit(daemon_.readAllStandardError()));
        return address;
    }

private:
    void write(const QString &name, const QString &text)
    {
        QFile file(dir_.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0)
            qFatal("cannot write %s", qPrintable(file.fileName()));
    }

    QTemporaryDir dir_;
    QProcess daemon_;
};

} // namespace

class TestKeychainLatency : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void controlPanelNeverWaitsOnALateKeychain();
};

void TestKeychainLatency::controlPanelNeverWaitsOnALateKeychain()
{
    LateKeychainBus bus;
    QString error;
    const QString address = bus.start(&error);
    QVERIFY2(!address.isEmpty(), qPrintable(error));
    // Read by KeychainAccess and by libsecret's first connection, both made after this point (nothing in
    // this test process has used the session bus before).
    qputenv("DBUS_SESSION_BUS_ADDRESS", address.toLocal8Bit());

    TestDatabase database;
    QVERIFY2(database.isValid(), qPrintable(database.error()));
    QElapsedTimer loading;
    loading.start();
    ControlPanel panel(database.location());
    QVERIFY2(startAndWaitUntilOpen(panel, &error), qPrintable(error));
    CredentialStore *credentials = panel.context().credentials;
    QSignalSpy keyKnown(credentials, &CredentialStore::masterKeyChanged);
    QVERIFY(credentials->keyLoading());
    auto *status = panel.window()->findChild<SecretsStatusLabel *>(QStringLiteral("secretsStatus"));
    QVERIFY(status);
    QCOMPARE(status->text(), QStringLiteral("Secrets: reading the master key from the keychain…"));

    EventLoopProbe probe;
    probe.start(QThread::currentThread()->loopLevel() + 1); // the loop QSignalSpy::wait runs
    panel.window()->show();
    QVERIFY(keyKnown.wait(30000));
    const qint64 loadedAfterMs = loading.elapsed();

    QVERIFY2(loadedAfterMs >= 2500,
             qPrintable(QStringLiteral("the keychain answered after %1 ms: it was not late, the test proves "
                                       "nothing")
                            .arg(loadedAfterMs)));
    QVERIFY(!credentials->keyLoading());
    const QString loopFailure = probe.failure(QStringLiteral("the key loaded"));
    QVERIFY2(loopFailure.isEmpty(), qPrintable(loopFailure));
    // The keychain answered (it holds no key here); the status bar no longer says it is reading.
    QTRY_VERIFY(!status->text().contains(QStringLiteral("reading")));
    qInfo("master key answer after %lld ms; longest event loop gap %lld ms over %d ticks", loadedAfterMs,
          probe.maxGapMs(), probe.ticks());
}

QTEST_MAIN(TestKeychainLatency)
#include "tst_keychainlatency.moc"
