#include "BackgroundWorker.h"
#include "ControlPanel.h"
#include "MainWindow.h"
#include "MessageLogSeed.h"
#include "models/MessageTableModel.h"
#include "pages/ComposePage.h"
#include "pages/MessagesPage.h"
#include "storage/Database.h"
#include "storage/MessageEraser.h"
#include "TestDatabase.h"
#include "Translations.h"
#include "widgets/MessageDetailView.h"

#include <QAction>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QToolBar>
#include <QTreeWidget>

// The Messages view's actions on what the filter shows: replay all failed (only the filtered
// ones, with Cancel), archive the selection, edit & push as a new message.
class TestMessagesPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        Translations::install(QStringLiteral("en")); // as the program starts: English plural forms
    }

    void init()
    {
        database_ = std::make_unique<TestDatabase>();
        QVERIFY2(database_->isValid(), qPrintable(database_->error()));
        db_ = std::make_unique<Database>(database_->location(), QStringLiteral("check"));
        QString error;
        // 1000 messages: even ids order:new, odd ids shipment:ready; every 5th parked (100 of each type).
        QVERIFY2(db_->open(&error) && MessageLogSeed::configure(*db_, &error) &&
                     MessageLogSeed::seed(*db_, 1000, 5, &error),
                 qPrintable(error));
        panel_ = std::make_unique<ControlPanel>(database_->location());
        QVERIFY2(panel_->start(&error), qPrintable(error));
        panel_->window()->show();
        panel_->window()->showPage(QStringLiteral("messages"));
        page_ = static_cast<MessagesPage *>(panel_->window()->page(QStringLiteral("messages")));
        QTRY_VERIFY(page_->model()->rowCount() > 0 && !page_->model()->isLoading());
    }

    void cleanup()
    {
        panel_.reset();
        db_.reset();
        database_.reset();
    }

    void replayAllFailedTakesOnlyWhatTheFilterShows()
    {
        QTest::keyClicks(page_->findChild<QLineEdit *>(QStringLiteral("typeFilter")),
                         QStringLiteral("shipment:*"));
        QTRY_COMPARE(page_->model()->filter().type, QStringLiteral("shipment:*"));
        QSignalSpy status(page_, &Page::statusMessage);
        trigger(QStringLiteral("replayFailedAction"));
        QTRY_COMPARE(parked(QStringLiteral("shipment:ready")), 0);
        QCOMPARE(parked(QStringLiteral("order:new")), 100);
        QTRY_VERIFY(!status.isEmpty());
        QCOMPARE(status.last().first().toString(), QStringLiteral("Replayed 100 deliveries"));
    }

    // Cancel in the progress dialog stops the walk before its next page: here, before the first,
    // because the worker is held busy until the dialog was cancelled.
    void replayAllFailedStopsOnCancel()
    {
        auto workerBusy = std::make_shared<QSemaphore>();
        auto letWorkerGo = std::make_shared<QSemaphore>();
        panel_->context().worker->post(page_, [workerBusy, letWorkerGo](const Database &) {
            workerBusy->release();
            letWorkerGo->acquire();
        });
        auto release = qScopeGuard([letWorkerGo] { letWorkerGo->release(); }); // also when a check fails
        workerBusy->acquire();
        QSignalSpy status(page_, &Page::statusMessage);
        trigger(QStringLiteral("replayFailedAction"));
        auto *dialog = page_->findChild<QProgressDialog *>(QStringLiteral("replayProgress"));
        QVERIFY(dialog);
        auto *cancel = dialog->findChild<QPushButton *>();
        QVERIFY(cancel);
        cancel->click();
        release.dismiss();
        letWorkerGo->release();
        QTRY_VERIFY(!status.isEmpty());
        QCOMPARE(status.last().first().toString(), QStringLiteral("Cancelled after replaying 0 deliveries"));
        QCOMPARE(parked(QStringLiteral("order:new")) + parked(QStringLiteral("shipment:ready")), 200);
        QTRY_VERIFY(!page_->findChild<QProgressDialog *>(QStringLiteral("replayProgress")));
    }

    void archiveTheSelection()
    {
        QTest::mouseClick(page_->findChild<QWidget *>(QStringLiteral("quick_parked")), Qt::LeftButton);
        QTRY_VERIFY(!page_->model()->isLoading() &&
                    page_->model()->rowCount() == MessageTableModel::kPageSize);
        page_->table()->selectRow(0);
        const QString id = page_->selectedMessageIds().value(0);
        trigger(QStringLiteral("archiveAction"));
        QTRY_COMPARE(stateOf(id), QStringLiteral("archived"));
        QTRY_VERIFY(page_->model()->rowOf(id) < 0); // it left the "Parked" filter
    }

    void editAndPushOpensComposeWithoutTheId()
    {
        page_->table()->selectRow(0);
        const QString id = page_->selectedMessageIds().value(0);
        QTRY_COMPARE(page_->detail()->messageId(), id);
        QTRY_VERIFY(!page_->detail()->message().isEmpty());
        trigger(QStringLiteral("editPushAction"));
        QCOMPARE(panel_->window()->currentPage()->objectName(), QStringLiteral("compose"));
        auto *compose = static_cast<ComposePage *>(panel_->window()->page(QStringLiteral("compose")));
        const QJsonObject message = QJsonDocument::fromJson(compose->document().toUtf8()).object();
        QCOMPARE(message.value(QStringLiteral("message")).toString(), page_->model()->rowAt(0).type);
        QVERIFY(!message.contains(QStringLiteral("message_id")));
    }

    // A message erased beside the window (as `integrator erase` does it) says so in the table and in its
    // detail, instead of showing an empty payload.
    void erasedMessageSaysSoInsteadOfAnEmptyPayload()
    {
        const MessageLog::Row row = page_->model()->rowAt(0);
        MessageEraser eraser(*db_, {});
        QString error;
        QVERIFY2(eraser.eraseIds({row.messageId}, &error), qPrintable(error));
        QCOMPARE(eraser.report().messages, 1);
        const auto typeShown = [&] {
            const int at = page_->model()->rowOf(row.messageId);
            return page_->model()->index(at, MessageTableModel::Type).data().toString();
        };
        QTRY_COMPARE_WITH_TIMEOUT(typeShown(), row.type + QStringLiteral(" (erased)"), 10000);
        page_->table()->selectRow(page_->model()->rowOf(row.messageId));
        QTRY_COMPARE(page_->detail()->messageId(), row.messageId);
        auto *notice = page_->detail()->findChild<QLabel *>(QStringLiteral("erasedNotice"));
        QVERIFY(notice);
        QTRY_VERIFY(notice->isVisible());
        QVERIFY2(notice->text().startsWith(QStringLiteral("Erased on ")), qPrintable(notice->text()));
        QCOMPARE(
            page_->detail()->findChild<QTreeWidget *>(QStringLiteral("payloadTree"))->topLevelItemCount(), 0);
        QCOMPARE(page_->detail()->findChild<QPlainTextEdit *>(QStringLiteral("payloadRaw"))->toPlainText(),
                 notice->text());

        // Another message shows its JSON and no notice.
        const int other = page_->model()->rowOf(row.messageId) == 0 ? 1 : 0;
        page_->table()->selectRow(other);
        QTRY_COMPARE(page_->detail()->message().value(QStringLiteral("message_id")).toString(),
                     page_->model()->rowAt(other).messageId);
        QVERIFY(!notice->isVisible());
        QVERIFY(page_->detail()
                    ->findChild<QPlainTextEdit *>(QStringLiteral("payloadRaw"))
                    ->toPlainText()
                    .contains(page_->model()->rowAt(other).messageId)); // the message's JSON
    }

private:
    void trigger(const QString &action)
    {
        auto *found = page_->findChild<QAction *>(action);
        QVERIFY(found);
        QTRY_VERIFY(found->isEnabled());
        QTest::mouseClick(page_->findChild<QToolBar *>()->widgetForAction(found), Qt::LeftButton);
    }

    int parked(const QString &type) const
    {
        QSqlQuery query(db_->connection());
        query.prepare(
            QStringLiteral("SELECT COUNT(*) FROM deliveries d JOIN messages m ON m.id = d.message_row"
                           " WHERE d.state = 'parked' AND m.type = ?"));
        query.addBindValue(type);
        return query.exec() && query.next() ? query.value(0).toInt() : -1;
    }

    QString stateOf(const QString &messageId) const
    {
        QSqlQuery query(db_->connection());
        query.prepare(
            QStringLiteral("SELECT d.state FROM deliveries d JOIN messages m ON m.id = d.message_row"
                           " WHERE m.message_id = ?"));
        query.addBindValue(messageId);
        return query.exec() && query.next() ? query.value(0).toString() : QString();
    }

    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<Database> db_;
    std::unique_ptr<ControlPanel> panel_;
    MessagesPage *page_ = nullptr;
};

QTEST_MAIN(TestMessagesPage)
#include "tst_messagespage.moc"
