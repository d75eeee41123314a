#include "SanitizerReports.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

// IntegratorProcess relies on this to turn an `integrator` child's sanitizer report into a test failure
// (tests/run-tests.sh sets log_path in a sanitizer run); these check that it finds exactly that child's.
class TestSanitizerReports : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void findsTheReportOfThatPid();
    void ignoresTheReportsOfOtherPids();
    void readsTheLogPathOfUbsanOptions();
    void findsNothingWithoutLogPath();

private:
    void writeReport(const QString &name);
    QProcessEnvironment withOptions(const QString &variable, const QString &options) const;

    std::unique_ptr<QTemporaryDir> dir_;
};

void TestSanitizerReports::init()
{
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
}

void TestSanitizerReports::writeReport(const QString &name)
{
    QFile file(dir_->filePath(name));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("==4242==ERROR: AddressSanitizer: heap-use-after-free\n");
}

QProcessEnvironment TestSanitizerReports::withOptions(const QString &variable, const QString &options) const
{
    QProcessEnvironment environment;
    environment.insert(variable, options);
    return environment;
}

void TestSanitizerReports::findsTheReportOfThatPid()
{
    writeReport(QStringLiteral("report.4242"));
    const QProcessEnvironment environment = withOptions(
        QStringLiteral("ASAN_OPTIONS"), QStringLiteral("halt_on_error=1:log_path=%1:detect_leaks=1")
                                            .arg(dir_->filePath(QStringLiteral("report"))));
    QCOMPARE(SanitizerReports::filesOf(4242, environment),
             QStringList{dir_->filePath(QStringLiteral("report.4242"))});
}

void TestSanitizerReports::ignoresTheReportsOfOtherPids()
{
    writeReport(QStringLiteral("report.4242"));
    const QProcessEnvironment environment =
        withOptions(QStringLiteral("ASAN_OPTIONS"),
                    QStringLiteral("log_path=%1").arg(dir_->filePath(QStringLiteral("report"))));
    QVERIFY(SanitizerReports::filesOf(424, environment).isEmpty());
    QVERIFY(SanitizerReports::filesOf(42420, environment).isEmpty());
}

void TestSanitizerReports::readsTheLogPathOfUbsanOptions()
{
    writeReport(QStringLiteral("undefined.7"));
    const QProcessEnvironment environment = withOptions(
        QStringLiteral("UBSAN_OPTIONS"),
        QStringLiteral("print_stacktrace=1:log_path=%1").arg(dir_->filePath(QStringLiteral("undefined"))));
    QCOMPARE(SanitizerReports::filesOf(7, environment),
             QStringList{dir_->filePath(QStringLiteral("undefined.7"))});
}

void TestSanitizerReports::findsNothingWithoutLogPath()
{
    writeReport(QStringLiteral("report.4242"));
    QVERIFY(SanitizerReports::filesOf(4242, QProcessEnvironment()).isEmpty());
    QVERIFY(SanitizerReports::filesOf(
                4242, withOptions(QStringLiteral("ASAN_OPTIONS"), QStringLiteral("halt_on_error=1")))
                .isEmpty());
}

QTEST_GUILESS_MAIN(TestSanitizerReports)
#include "tst_sanitizerreports.moc"
