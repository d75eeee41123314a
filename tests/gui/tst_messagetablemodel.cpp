#include "BackgroundWorker.h"
#include "config/ConfigFile.h"
#include "ControlPanel.h"
#include "delivery/MessageActions.h"
#include "MainWindow.h"
#include "MessageLogSeed.h"
#include "models/MessageTableModel.h"
#include "pages/MessagesPage.h"
#include "PanelStart.h"
#include "secrets/CredentialStore.h"
#include "storage/Database.h"
#include "storage/MessageEraser.h"
#include "storage/MessageRepository.h"
#include "TestDatabase.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QToolButton>

#include <memory>

// The Messages view's model reads the log a page at a time: it passes Qt's model checks while pages
// arrive and while live refreshes insert, update and remove rows, and over a million messages it opens
// and filters by reading a page, not the table.
class TestMessageTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void cleanup()
    {
        worker_.reset();
        db_.reset();
        database_.reset();
    }

    void passesTheModelTesterThroughPagingAndRefreshes()
    {
        openSeededLog();
        if (QTest::currentTestFailed())
            return;
        Database &db = *db_;
        QString error;
        MessageTableModel model(worker_.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(&model, &MessageTableModel::loaded);

        // The tester itself asks for more after every insertion, so pages follow each other to the end.
        model.setFilter({});
        QVERIFY(loaded.wait());
        QCOMPARE(model.rowAt(0).messageId, QStringLiteral("%1").arg(250, 24, 16, QLatin1Char('0')));
        while (model.canFetchMore({}) || model.isLoading()) {
            if (model.canFetchMore({}))
                model.fetchMore({});
            QVERIFY(loaded.wait());
        }
        QCOMPARE(model.rowCount(), 250);
        QCOMPARE(model.rowsFetched(), 250);

        // A live refresh: two new messages on top, one older row changes state.
        QStringList accepted;
        Message first, second;
        QVERIFY(Message::fromJson(QJsonObject{{QStringLiteral("message"), QStringLiteral("order:new")}},
                                  &first, &error));
        QVERIFY(Message::fromJson(QJsonObject{{QStringLiteral("message"), QStringLiteral("order:new")}},
                                  &second, &error));
        QVERIFY2(MessageRepository(db).accept({first, second}, QStringLiteral("test"), &accepted, &error),
                 qPrintable(error));
        const QString parked = model.rowAt(50).messageId; // row id 200: parked
        QCOMPARE(model.rowAt(50).summaryState(), QStringLiteral("parked"));
        int replayed = 0, routed = 0;
        QVERIFY2(MessageActions(db).replay({parked}, &replayed, &routed, &error), qPrintable(error));
        loaded.clear();
        model.refresh();
        QVERIFY(loaded.wait());
        QCOMPARE(model.rowCount(), 252);
        QCOMPARE(model.rowAt(0).messageId, second.id);
        QCOMPARE(model.rowAt(52).summaryState(), QStringLiteral("pending"));

        // An erasure changes a row in place: it says "erased" in its type and in ErasedRole.
        const QString erased = model.rowAt(3).messageId;
        QVERIFY(!model.index(3, MessageTableModel::Type).data(MessageTableModel::ErasedRole).toBool());
        MessageEraser eraser(db, {});
        QVERIFY2(eraser.eraseIds({erased}, &error), qPrintable(error));
        loaded.clear();
        model.refresh();
        QVERIFY(loaded.wait());
        QCOMPARE(model.rowCount(), 252);
        QCOMPARE(model.rowAt(3).messageId, erased);
        QVERIFY(model.index(3, MessageTableModel::Type).data(MessageTableModel::ErasedRole).toBool());
        QVERIFY(
            model.index(3, MessageTableModel::Type).data().toString().endsWith(QStringLiteral(" (erased)")));
        QVERIFY(!model.index(4, MessageTableModel::Type).data(MessageTableModel::ErasedRole).toBool());

        // Under the "Parked" filter a replayed message leaves the table on the next refresh.
        MessageLog::Filter filter;
        filter.states = {QStringLiteral("parked")};
        model.setFilter(filter);
        QTRY_COMPARE(model.rowCount(), 1); // ids 100 (200 was replayed)
        QVERIFY2(MessageActions(db).replay({model.rowAt(0).messageId}, &replayed, &routed, &error),
                 qPrintable(error));
        loaded.clear();
        model.refresh();
        QVERIFY(loaded.wait());
        QCOMPARE(model.rowCount(), 0);
    }

    // A refresh asked for while a page is on its way (a person scrolls, then archives) runs once the page
    // is in: the page was read before the change, and nothing else would show it until the engine's
    // next activity.
    void aRefreshAskedForDuringAPageRunsAfterIt()
    {
        openSeededLog();
        if (QTest::currentTestFailed())
            return;
        Database &db = *db_;
        QString error;
        MessageTableModel model(worker_.get());
        QSignalSpy loaded(&model, &MessageTableModel::loaded);
        model.setFilter({});
        QVERIFY(loaded.wait());
        QCOMPARE(model.rowAt(50).summaryState(), QStringLiteral("parked")); // row id 200

        loaded.clear();
        model.fetchMore({});
        QVERIFY(model.isLoading());
        int replayed = 0, routed = 0;
        QVERIFY2(MessageActions(db).replay({model.rowAt(50).messageId}, &replayed, &routed, &error),
                 qPrintable(error));
        model.refresh();
        QTRY_COMPARE(loaded.size(), 2); // the page, then the refresh
        QCOMPARE(model.rowCount(), 200);
        QCOMPARE(model.rowAt(50).summaryState(), QStringLiteral("pending"));
        QVERIFY(!model.isLoading());
    }

    void aMillionMessagesOpenAndFilterByThePage()
    {
        if (TestDatabase::usePostgres())
            QSKIP("the seed statement is SQLite's; paging itself is plain SQL");
        TestDatabase database;
        QString error;
        {
            Database db(database.location(), QStringLiteral("seed"));
            QVERIFY2(db.open(&error) && MessageLogSeed::configure(db, &error) &&
                         MessageLogSeed::seed(db, 1000000, 1000, &error),
                     qPrintable(error));
        }
        ControlPanel panel(database.location());
        QVERIFY2(startAndWaitUntilOpen(panel, &error), qPrintable(error));
        MainWindow *window = panel.window();
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        window->showPage(QStringLiteral("messages"));
        auto *page = static_cast<MessagesPage *>(window->page(QStringLiteral("messages")));
        MessageTableModel *model = page->model();
        QTRY_VERIFY(model->rowCount() > 0 && !model->isLoading());
        QCOMPARE(model->rowAt(0).messageId, QStringLiteral("%1").arg(1000000, 24, 16, QLatin1Char('0')));
        QVERIFY2(model->rowsFetched() <= 2 * MessageTableModel::kPageSize,
                 qPrintable(QString::number(model->rowsFetched())));

        const qint64 beforeFilter = model->rowsFetched();
        QTest::mouseClick(page->findChild<QToolButton *>(QStringLiteral("quick_parked")), Qt::LeftButton);
        QTRY_VERIFY(!model->isLoading() && model->rowCount() == MessageTableModel::kPageSize &&
                    model->filter().states == QStringList{QStringLiteral("parked")});
        for (int row = 0; row < model->rowCount(); ++row)
            QCOMPARE(model->rowAt(row).summaryState(), QStringLiteral("parked"));
        QVERIFY(model->rowsFetched() - beforeFilter <= 2 * MessageTableModel::kPageSize);

        // Text search finds a message by an identifier value (its order number). Each step reads a page
        // and at most one live refresh of what the visible table holds (the engine's activity asks for it).
        const qint64 beforeSearch = model->rowsFetched();
        auto *search = page->findChild<QLineEdit *>(QStringLiteral("searchFilter"));
        QTest::keyClicks(search, QStringLiteral("R777000\""));
        QTRY_VERIFY(!model->isLoading() && model->filter().text == QStringLiteral("R777000\"") &&
                    model->rowCount() == 1);
        QCOMPARE(model->rowAt(0).row, 777000);
        QVERIFY(model->rowsFetched() - beforeSearch <= 2 * MessageTableModel::kPageSize);
    }

private:
    // 250 seeded messages, every 100th parked, and the control panel's worker open on them.
    void openSeededLog()
    {
        database_ = std::make_unique<TestDatabase>();
        db_ = std::make_unique<Database>(database_->location(), QStringLiteral("seed"));
        QString error;
        QVERIFY2(db_->open(&error) && MessageLogSeed::configure(*db_, &error) &&
                     MessageLogSeed::seed(*db_, 250, 100, &error),
                 qPrintable(error));
        worker_ = std::make_unique<BackgroundWorker>(database_->location());
        QSignalSpy opened(worker_.get(), &BackgroundWorker::opened);
        worker_->start();
        QVERIFY(opened.wait());
        QVERIFY2(worker_->state() == BackgroundWorker::State::Open, qPrintable(worker_->openError()));
    }

    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<Database> db_;
    std::unique_ptr<BackgroundWorker> worker_;
};

QTEST_MAIN(TestMessageTableModel)
#include "tst_messagetablemodel.moc"
