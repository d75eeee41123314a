// The notification log view over entries recorded in the database: newest first, filtered by level
// and by reference, repeats counted as occurrences, at most one page read; the model obeys the
// QAbstractItemModel contract all along.
#include "BackgroundWorker.h"
#include "ControlPanel.h"
#include "MainWindow.h"
#include "models/NotificationTableModel.h"
#include "pages/NotificationsPage.h"
#include "PanelStart.h"
#include "storage/Database.h"
#include "storage/NotificationLog.h"
#include "TestDatabase.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

namespace {
constexpr qint64 kStartMs = 1700000000000;

Notification entry(const QString &level, const QString &subject, const QString &reference, qint64 atMs)
{
    Notification notification;
    notification.level = level;
    notification.subject = subject;
    notification.description = QStringLiteral("%1, in detail").arg(subject);
    notification.source = QStringLiteral("dispatcher");
    notification.reference = reference;
    notification.lastAtMs = atMs;
    return notification;
}
} // namespace

class TestNotificationsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init();
    void cleanup();
    void newestFirstWithOccurrences();
    void filtersByLevelAndReference();
    void readsOnePageAtMost();
    void modelKeepsTheContract();

private:
    void record(const Notification &notification);
    void openPanel();
    QString cell(int row, int column) const;

    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<Database> db_;
    std::unique_ptr<ControlPanel> panel_;
    NotificationsPage *page_ = nullptr;
    std::unique_ptr<QAbstractItemModelTester> tester_;
};

void TestNotificationsPage::init()
{
    database_ = std::make_unique<TestDatabase>();
    QVERIFY2(database_->isValid(), qPrintable(database_->error()));
    db_ = std::make_unique<Database>(database_->location(), QStringLiteral("test"));
    QString error;
    QVERIFY2(db_->open(&error), qPrintable(error));
}

void TestNotificationsPage::cleanup()
{
    if (panel_)
        QTRY_COMPARE(panel_->context().worker->pendingJobs(), 0);
    tester_.reset();
    page_ = nullptr;
    panel_.reset();
    db_.reset();
    database_.reset();
}

void TestNotificationsPage::record(const Notification &notification)
{
    QString error;
    if (!NotificationLog(*db_).record(notification, &error))
        qFatal("%s", qPrintable(error));
}

void TestNotificationsPage::openPanel()
{
    panel_ = std::make_unique<ControlPanel>(database_->location());
    QString error;
    QVERIFY2(startAndWaitUntilOpen(*panel_, &error), qPrintable(error));
    MainWindow *window = panel_->window();
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QTRY_COMPARE(panel_->context().worker->pendingJobs(), 0); // the first-run check has picked its page
    page_ = qobject_cast<NotificationsPage *>(window->page(QStringLiteral("notifications")));
    QVERIFY(page_);
    // Watches every change the view makes to its model from here on.
    tester_ = std::make_unique<QAbstractItemModelTester>(
        page_->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    window->showPage(QStringLiteral("notifications"));
    QCOMPARE(window->currentPage(), page_);
}

QString TestNotificationsPage::cell(int row, int column) const
{
    return page_->model()->index(row, column).data().toString();
}

void TestNotificationsPage::newestFirstWithOccurrences()
{
    record(entry(QStringLiteral("info"), QStringLiteral("Store recovered: shop"), QStringLiteral("shop"),
                 kStartMs));
    record(entry(QStringLiteral("error"), QStringLiteral("Delivery parked"), QStringLiteral("R100"),
                 kStartMs + 1000));
    record(entry(QStringLiteral("warn"), QStringLiteral("Store degraded: shop"), QStringLiteral("shop"),
                 kStartMs + 2000));
    // The same error twice more: one row, three occurrences, last seen at the latest.
    record(entry(QStringLiteral("error"), QStringLiteral("Delivery parked"), QStringLiteral("R100"),
                 kStartMs + 3000));
    record(entry(QStringLiteral("error"), QStringLiteral("Delivery parked"), QStringLiteral("R100"),
                 kStartMs + 4000));

    openPanel();
    QTRY_COMPARE(page_->model()->rowCount(), 3);
    QCOMPARE(cell(0, NotificationTableModel::SubjectColumn), QStringLiteral("Delivery parked"));
    QCOMPARE(cell(0, NotificationTableModel::LevelColumn), QStringLiteral("error"));
    QCOMPARE(cell(0, NotificationTableModel::OccurrencesColumn), QStringLiteral("3"));
    QCOMPARE(cell(0, NotificationTableModel::ReferenceColumn), QStringLiteral("R100"));
    QCOMPARE(cell(0, NotificationTableModel::SourceColumn), QStringLiteral("dispatcher"));
    QCOMPARE(cell(0, NotificationTableModel::DescriptionColumn),
             QStringLiteral("Delivery parked, in detail"));
    QCOMPARE(cell(0, NotificationTableModel::FirstSeenColumn),
             QDateTime::fromMSecsSinceEpoch(kStartMs + 1000).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    QCOMPARE(cell(0, NotificationTableModel::LastSeenColumn),
             QDateTime::fromMSecsSinceEpoch(kStartMs + 4000).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    QCOMPARE(cell(1, NotificationTableModel::SubjectColumn), QStringLiteral("Store degraded: shop"));
    QCOMPARE(cell(2, NotificationTableModel::SubjectColumn), QStringLiteral("Store recovered: shop"));
    QCOMPARE(page_->model()->headerData(NotificationTableModel::OccurrencesColumn, Qt::Horizontal).toString(),
             QStringLiteral("Occurrences"));

    // Selecting a row shows the whole entry; a refresh keeps the selection.
    auto *table = page_->findChild<QTableView *>(QStringLiteral("notificationTable"));
    table->selectRow(1);
    record(entry(QStringLiteral("info"), QStringLiteral("Newer"), QStringLiteral("x"), kStartMs + 5000));
    page_->refresh();
    QTRY_COMPARE(page_->model()->rowCount(), 4);
    const QModelIndexList selected = table->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().row(), 2);
    QCOMPARE(cell(2, NotificationTableModel::SubjectColumn), QStringLiteral("Store degraded: shop"));
}

void TestNotificationsPage::filtersByLevelAndReference()
{
    record(entry(QStringLiteral("error"), QStringLiteral("Parked R100"), QStringLiteral("R100"), kStartMs));
    record(
        entry(QStringLiteral("info"), QStringLiteral("Sent R100"), QStringLiteral("R100"), kStartMs + 1000));
    record(entry(QStringLiteral("error"), QStringLiteral("Parked R200"), QStringLiteral("R200"),
                 kStartMs + 2000));
    record(entry(QStringLiteral("warn"), QStringLiteral("Slow"), QStringLiteral("R1000"), kStartMs + 3000));
    openPanel();
    QTRY_COMPARE(page_->model()->rowCount(), 4);

    auto *level = page_->findChild<QComboBox *>(QStringLiteral("notificationLevel"));
    level->setFocus();
    QTest::keyClicks(level, QStringLiteral("error"));
    QCOMPARE(level->currentText(), QStringLiteral("error"));
    QTRY_COMPARE(page_->model()->rowCount(), 2);
    QCOMPARE(cell(0, NotificationTableModel::SubjectColumn), QStringLiteral("Parked R200"));
    QCOMPARE(cell(1, NotificationTableModel::SubjectColumn), QStringLiteral("Parked R100"));

    auto *reference = page_->findChild<QLineEdit *>(QStringLiteral("notificationReference"));
    QTest::keyClicks(reference, QStringLiteral("R100"));
    QTRY_COMPARE(page_->model()->rowCount(), 1);
    QCOMPARE(cell(0, NotificationTableModel::SubjectColumn), QStringLiteral("Parked R100"));

    // Any level, the same reference: both entries of R100, and not R1000's.
    level->setCurrentIndex(level->findData(QString()));
    QTRY_COMPARE(page_->model()->rowCount(), 2);
    QCOMPARE(cell(0, NotificationTableModel::SubjectColumn), QStringLiteral("Sent R100"));
    QCOMPARE(cell(1, NotificationTableModel::SubjectColumn), QStringLiteral("Parked R100"));
    QCOMPARE(page_->findChild<QLabel *>(QStringLiteral("notificationCount"))->text(),
             QStringLiteral("2 entry(ies)"));

    reference->clear();
    QTRY_COMPARE(page_->model()->rowCount(), 4);
}

void TestNotificationsPage::readsOnePageAtMost()
{
    for (int i = 0; i < NotificationsPage::kPageSize + 5; ++i)
        record(entry(QStringLiteral("info"), QStringLiteral("Entry %1").arg(i), QStringLiteral("batch"),
                     kStartMs + i));
    openPanel();
    QTRY_COMPARE(page_->model()->rowCount(), NotificationsPage::kPageSize);
    QCOMPARE(cell(0, NotificationTableModel::SubjectColumn),
             QStringLiteral("Entry %1").arg(NotificationsPage::kPageSize + 4));
    QCOMPARE(page_->findChild<QLabel *>(QStringLiteral("notificationCount"))->text(),
             QStringLiteral("the newest 500 entries"));
}

void TestNotificationsPage::modelKeepsTheContract()
{
    NotificationTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(NotificationTableModel::ColumnCount));
    const QList<Notification> two{
        entry(QStringLiteral("warn"), QStringLiteral("a"), QStringLiteral("r"), kStartMs),
        entry(QStringLiteral("error"), QStringLiteral("b"), QString(), kStartMs)};
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setNotifications(two);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowCount(model.index(0, 0)), 0); // a table: rows have no children
    QCOMPARE(model.index(1, NotificationTableModel::LevelColumn).data().toString(), QStringLiteral("error"));
    QVERIFY(model.index(0, NotificationTableModel::LevelColumn).data(Qt::DecorationRole).isValid());
    QCOMPARE(model.index(0, NotificationTableModel::DescriptionColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("a, in detail"));
    QCOMPARE(model.rowOf(two.at(1)), 1);
    model.setNotifications(two); // the same rows: nothing to tell the views
    QCOMPARE(resets.size(), 1);
    model.setNotifications({});
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.rowOf(two.at(1)), -1);
    QCOMPARE(resets.size(), 2);
}

QTEST_MAIN(TestNotificationsPage)
#include "tst_notificationspage.moc"
