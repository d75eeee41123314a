// The parameters view driven like a person: the value editor fits the type and says live what does
// not fit; a secret value is stored sealed, shows as dots and never in plain text.
#include "BackgroundWorker.h"
#include "config/ConfigEdits.h"
#include "ControlPanel.h"
#include "MainWindow.h"
#include "PanelStart.h"
#include "secrets/CredentialStore.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "TableClicks.h"
#include "TestDatabase.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStyle>
#include <QTableWidget>
#include <QTest>

namespace {

const QString kSecret = QStringLiteral("md_live_param_secret_0a1b2c3d4e5f");

QByteArray databaseBytes(const TestDatabase &database)
{
    QByteArray bytes;
    QDirIterator files(QFileInfo(database.path(QStringLiteral("integrator.sqlite"))).absolutePath(),
                       QDir::Files);
    while (files.hasNext()) {
        QFile file(files.next());
        if (file.open(QIODevice::ReadOnly))
            bytes += file.readAll();
    }
    return bytes;
}

} // namespace

class TestParametersPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();
    void integerRejectsText();
    void listMustBeAJsonArray();
    void secretIsMaskedAndStoredOnlySealed();
    void removeTakesTheParameterAndItsSecret();
    void aSaveAnsweredAfterAnotherPickLeavesThePickedParameterInTheForm();

private:
    template<typename T> T *child(const char *name) const
    {
        T *found = page_->findChild<T *>(QString::fromLatin1(name));
        if (!found)
            qFatal("no %s in the parameters page", name);
        return found;
    }
    void chooseType(const QString &type);
    void clickCheckBox(QCheckBox *box);
    void save(const QString &expectedStatus);
    QList<Parameter> savedParameters();
    void pickRow(const QString &name);

    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<ControlPanel> panel_;
    std::unique_ptr<Database> db_;
    Page *page_ = nullptr;
};

void TestParametersPage::init()
{
    database_ = std::make_unique<TestDatabase>();
    QVERIFY2(database_->isValid(), qPrintable(database_->error()));
    panel_ = std::make_unique<ControlPanel>(database_->location());
    QString error;
    QVERIFY2(startAndWaitUntilOpen(*panel_, &error), qPrintable(error));
    db_ = std::make_unique<Database>(database_->location(), QStringLiteral("test"));
    QVERIFY2(db_->open(&error), qPrintable(error));
    MainWindow *window = panel_->window();
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QTRY_COMPARE(panel_->context().worker->pendingJobs(), 0); // the first-run check has picked its page
    window->showPage(QStringLiteral("parameters"));
    page_ = window->currentPage();
    QCOMPARE(page_->objectName(), QStringLiteral("parameters"));
}

void TestParametersPage::cleanup()
{
    QTRY_COMPARE(panel_->context().worker->pendingJobs(), 0);
    page_ = nullptr;
    panel_.reset();
    db_.reset();
    database_.reset();
}

// As a person picks from a closed combo box: by typing the start of the item.
void TestParametersPage::chooseType(const QString &type)
{
    auto *combo = child<QComboBox>("parameterType");
    combo->setFocus();
    QTest::keyClicks(combo, type);
    QCOMPARE(combo->currentText(), type);
}

void TestParametersPage::clickCheckBox(QCheckBox *box)
{
    const int indicator = box->style()->pixelMetric(QStyle::PM_IndicatorWidth);
    QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(indicator / 2 + 1, box->height() / 2));
}

void TestParametersPage::save(const QString &expectedStatus)
{
    auto *status = child<QLabel>("parameterStatus");
    status->clear();
    QTest::mouseClick(child<QPushButton>("saveParameter"), Qt::LeftButton);
    QTRY_VERIFY2(status->text().startsWith(expectedStatus), qPrintable(status->text()));
    QVERIFY(!status->text().contains(QLatin1Char('\n')));
}

// Clicks the parameter's row in the table, as a person picks it.
void TestParametersPage::pickRow(const QString &name)
{
    QVERIFY2(clickRowReading(child<QTableWidget>("parameterTable"), name), qPrintable(name));
    QCOMPARE(child<QLineEdit>("parameterName")->text(), name);
}

QList<Parameter> TestParametersPage::savedParameters()
{
    QList<Parameter> parameters;
    QString error;
    if (!ConfigRepository(*db_).loadParameters(&parameters, &error))
        qFatal("%s", qPrintable(error));
    return parameters;
}

void TestParametersPage::integerRejectsText()
{
    QTest::keyClicks(child<QLineEdit>("parameterName"), QStringLiteral("shipping.retries"));
    chooseType(QStringLiteral("integer"));
    auto *value = child<QLineEdit>("parameterValueText");
    auto *valueError = child<QLabel>("parameterValueError");
    QVERIFY(value->isVisible());
    QTest::keyClicks(value, QStringLiteral("abc"));
    QCOMPARE(valueError->text(),
             QStringLiteral("parameter \"shipping.retries\": value is not of type integer"));
    QVERIFY(valueError->isVisible());
    save(QStringLiteral("Not saved: parameter \"shipping.retries\": value is not of type integer"));
    QTRY_COMPARE(panel_->context().worker->pendingJobs(), 0);
    QVERIFY(savedParameters().isEmpty());

    value->clear();
    QTest::keyClicks(value, QStringLiteral("2.5"));
    QVERIFY(!valueError->text().isEmpty()); // a fraction is not an integer either
    value->clear();
    QTest::keyClicks(value, QStringLiteral("12"));
    QVERIFY(valueError->text().isEmpty());
    QVERIFY(!valueError->isVisible());
    save(QStringLiteral("Saved parameter shipping.retries"));
    const QList<Parameter> saved = savedParameters();
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved.first().type, QStringLiteral("integer"));
    QCOMPARE(saved.first().value.toInteger(), 12);
    auto *table = child<QTableWidget>("parameterTable");
    QTRY_COMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("12"));
}

void TestParametersPage::listMustBeAJsonArray()
{
    QTest::keyClicks(child<QLineEdit>("parameterName"), QStringLiteral("shipping_method.lookup"));
    chooseType(QStringLiteral("list"));
    auto *list = child<QPlainTextEdit>("parameterValueList");
    auto *valueError = child<QLabel>("parameterValueError");
    QVERIFY(list->isVisible());
    QVERIFY(!child<QLineEdit>("parameterValueText")->isVisible());
    QTest::keyClicks(list, QStringLiteral("{\"UPS Ground\": \"ups\"}"));
    QCOMPARE(valueError->text(),
             QStringLiteral("parameter \"shipping_method.lookup\": value is not of type list"));
    save(QStringLiteral("Not saved: "));
    list->clear();
    QTest::keyClicks(list, QStringLiteral("[{\"from\": \"UPS Ground\","));
    QVERIFY2(valueError->text().startsWith(QStringLiteral("not valid JSON")), qPrintable(valueError->text()));
    QTest::keyClicks(list, QStringLiteral(" \"to\": \"ups_ground\"}]"));
    QVERIFY2(valueError->text().isEmpty(), qPrintable(valueError->text()));
    QTRY_COMPARE(panel_->context().worker->pendingJobs(), 0);
    QVERIFY(savedParameters().isEmpty());

    save(QStringLiteral("Saved parameter shipping_method.lookup"));
    const QList<Parameter> saved = savedParameters();
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved.first().type, QStringLiteral("list"));
    QCOMPARE(saved.first().value.toArray(),
             (QJsonArray{QJsonObject{{QStringLiteral("from"), QStringLiteral("UPS Ground")},
                                     {QStringLiteral("to"), QStringLiteral("ups_ground")}}}));
    QTRY_COMPARE(child<QTableWidget>("parameterTable")->rowCount(), 1);
    QCOMPARE(child<QTableWidget>("parameterTable")->item(0, 2)->text(),
             QStringLiteral("[{\"from\":\"UPS Ground\",\"to\":\"ups_ground\"}]"));
}

void TestParametersPage::secretIsMaskedAndStoredOnlySealed()
{
    QTest::keyClicks(child<QLineEdit>("parameterName"), QStringLiteral("mailer.api_key"));
    chooseType(QStringLiteral("integer"));
    clickCheckBox(child<QCheckBox>("parameterSecret"));
    // A secret is a string, typed out of sight.
    auto *type = child<QComboBox>("parameterType");
    QCOMPARE(type->currentText(), QStringLiteral("string"));
    QVERIFY(!type->isEnabled());
    auto *value = child<QLineEdit>("parameterValueText");
    QCOMPARE(value->echoMode(), QLineEdit::Password);
    QTest::keyClicks(value, kSecret);
    save(QStringLiteral("Saved parameter mailer.api_key"));

    QVERIFY(value->text().isEmpty());
    QCOMPARE(value->placeholderText(), QStringLiteral("stored sealed; type to replace"));
    auto *table = child<QTableWidget>("parameterTable");
    QTRY_COMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("••••"));
    QCOMPARE(table->item(0, 3)->text(), QStringLiteral("yes"));
    const QList<Parameter> saved = savedParameters();
    QCOMPARE(saved.size(), 1);
    QVERIFY(saved.first().secret);
    QString error;
    QSqlQuery stored = db_->prepare(QStringLiteral("SELECT value IS NULL FROM parameters"));
    QVERIFY(db_->exec(stored, &error) && stored.next());
    QVERIFY(stored.value(0).toBool());
    QCOMPARE(panel_->context().credentials->read(
                 *db_, Parameter::secretKeyFor(QStringLiteral("mailer.api_key")), &error),
             std::optional<QString>(kSecret));
    QVERIFY(!databaseBytes(*database_).contains(kSecret.toUtf8()));

    // Saved again without typing: the sealed secret is kept.
    save(QStringLiteral("Saved parameter mailer.api_key"));
    QCOMPARE(panel_->context().credentials->read(
                 *db_, Parameter::secretKeyFor(QStringLiteral("mailer.api_key")), &error),
             std::optional<QString>(kSecret));
}

void TestParametersPage::removeTakesTheParameterAndItsSecret()
{
    QTest::keyClicks(child<QLineEdit>("parameterName"), QStringLiteral("mailer.api_key"));
    clickCheckBox(child<QCheckBox>("parameterSecret"));
    QTest::keyClicks(child<QLineEdit>("parameterValueText"), kSecret);
    save(QStringLiteral("Saved parameter mailer.api_key"));
    auto *remove = child<QPushButton>("removeParameter");
    QVERIFY(remove->isEnabled());
    QTest::mouseClick(remove, Qt::LeftButton);
    auto *status = child<QLabel>("parameterStatus");
    QTRY_COMPARE(status->text(), QStringLiteral("Removed parameter mailer.api_key"));
    QVERIFY(savedParameters().isEmpty());
    QString error;
    QVERIFY(!panel_->context().credentials->read(
        *db_, Parameter::secretKeyFor(QStringLiteral("mailer.api_key")), &error));
    QTRY_COMPARE(child<QTableWidget>("parameterTable")->rowCount(), 0);
    QVERIFY(child<QLineEdit>("parameterName")->text().isEmpty());
    QVERIFY(!remove->isEnabled());
}

// The person saves a secret and at once picks another parameter: the save's answer comes back while the
// form shows the other one, which it must leave alone (it once emptied that one's value, kept the saved
// one selected in the table, and Remove then took the saved parameter instead of the one in the form).
void TestParametersPage::aSaveAnsweredAfterAnotherPickLeavesThePickedParameterInTheForm()
{
    const Parameter retries{QStringLiteral("shipping.retries"), QStringLiteral("integer"), 12, false};
    QString error;
    QVERIFY2(ConfigEdits(*db_, *panel_->context().credentials).saveParameter(retries, &error),
             qPrintable(error));
    const QString secretName = QStringLiteral("mailer.api_key");
    QTest::keyClicks(child<QLineEdit>("parameterName"), secretName);
    clickCheckBox(child<QCheckBox>("parameterSecret"));
    auto *value = child<QLineEdit>("parameterValueText");
    QTest::keyClicks(value, kSecret);
    save(QStringLiteral("Saved parameter mailer.api_key"));
    auto *table = child<QTableWidget>("parameterTable");
    QTRY_COMPARE(table->rowCount(), 2);
    QTRY_COMPARE(panel_->context().worker->pendingJobs(), 0);
    QTest::keyClicks(value, QStringLiteral("md_live_replaced_secret_9f8e7d6c"));

    auto *status = child<QLabel>("parameterStatus");
    QTest::mouseClick(child<QPushButton>("saveParameter"), Qt::LeftButton);
    pickRow(retries.name); // the worker runs the write after this: its answer comes back later
    QCOMPARE(value->text(), QStringLiteral("12"));
    QTRY_COMPARE(status->text(), QStringLiteral("Saved parameter mailer.api_key"));
    QTRY_COMPARE(panel_->context().worker->pendingJobs(), 0); // and the read the save asked for

    QCOMPARE(child<QLineEdit>("parameterName")->text(), retries.name);
    QCOMPARE(value->text(), QStringLiteral("12"));
    QVERIFY(value->placeholderText().isEmpty());
    const QModelIndexList selected = table->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(table->item(selected.first().row(), 0)->text(), retries.name);
    QCOMPARE(panel_->context().credentials->read(*db_, Parameter::secretKeyFor(secretName), &error),
             std::optional<QString>(QStringLiteral("md_live_replaced_secret_9f8e7d6c")));

    QTest::mouseClick(child<QPushButton>("removeParameter"), Qt::LeftButton);
    QTRY_COMPARE(status->text(), QStringLiteral("Removed parameter shipping.retries"));
    const QList<Parameter> left = savedParameters();
    QCOMPARE(left.size(), 1);
    QCOMPARE(left.first().name, secretName);
}

QTEST_MAIN(TestParametersPage)
#include "tst_parameterspage.moc"
