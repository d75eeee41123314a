#include "BackgroundWorker.h"
#include "ControlPanel.h"
#include "MainWindow.h"
#include "MessageLogSeed.h"
#include "models/MessageTableModel.h"
#include "pages/ComposePage.h"
#include "pages/MessagesPage.h"
#include "PanelStart.h"
#include "storage/Database.h"
#include "storage/MessageEraser.h"
#include "TestDatabase.h"
#include "Translations.h"
#include "widgets/MessageDetailView.h"

#include <QAction>
#include <QDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTabWidget>
#include <QTest>
#include <QToolBar>
#include <QTreeWidget>

// The Messages view's actions on what the filter shows: replay all failed (only the filtered
// ones, with Cancel), archive the selection, erase it after a confirmation, edit & push as a new message.
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
        QVERIFY2(startAndWaitUntilOpen(*panel_, &error), qPrintable(error));
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

    // Erase... counts first (a dry run on the worker) and asks; once confirmed the selected messages'
    // payloads are gone from the database, a third message keeps its own, the table and the detail say
    // "erased", and the actions that need a payload are disabled and say why.
    void eraseTheSelectionAfterConfirming()
    {
        const QString parkedId = page_->model()->rowAt(0).messageId; // row 1000: parked
        const QString deliveredId = page_->model()->rowAt(1).messageId;
        const QString keptId = page_->model()->rowAt(2).messageId;
        for (const QString &id : {parkedId, deliveredId, keptId})
            setPayload(id, kPersonalPayload);
        QCOMPARE(stateOf(parkedId), QStringLiteral("parked"));
        selectRows({0, 1});
        QSignalSpy status(page_, &Page::statusMessage);
        trigger(QStringLiteral("eraseAction"));

        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = page_->findChild<QMessageBox *>(QStringLiteral("eraseConfirmation"))) &&
                    box->isVisible());
        QCOMPARE(box->text(),
                 QStringLiteral("Erase 2 messages and their attempts' bodies? This cannot be undone."));
        QVERIFY2(box->informativeText().contains(
                     QStringLiteral("1 open delivery will be archived, since nothing is left to send.")),
                 qPrintable(box->informativeText()));
        QCOMPARE(payloadOf(parkedId), kPersonalPayload); // asking changed nothing
        box->findChild<QPushButton *>(QStringLiteral("confirmErase"))->click();

        QTRY_VERIFY(!status.isEmpty());
        const QString said = status.last().first().toString();
        QVERIFY2(said.startsWith(QStringLiteral("Erased 2 messages: ")), qPrintable(said));
        QVERIFY2(said.contains(QStringLiteral("1 open delivery archived.")), qPrintable(said));
        QVERIFY(!said.contains(QStringLiteral("ana@example.com")));
        QCOMPARE(payloadOf(parkedId), QStringLiteral("{}"));
        QCOMPARE(payloadOf(deliveredId), QStringLiteral("{}"));
        QCOMPARE(payloadOf(keptId), kPersonalPayload);
        QCOMPARE(stateOf(parkedId), QStringLiteral("archived"));

        // The table follows without a reset: both rows say so and stay selected.
        const auto erasedShown = [&](const QString &id) {
            const QModelIndex index =
                page_->model()->index(page_->model()->rowOf(id), MessageTableModel::Type);
            return index.data(MessageTableModel::ErasedRole).toBool() &&
                   index.data().toString().endsWith(QStringLiteral(" (erased)"));
        };
        QTRY_VERIFY(erasedShown(parkedId) && erasedShown(deliveredId));
        QVERIFY(!erasedShown(keptId));
        QCOMPARE(page_->selectedMessageIds(), (QStringList{parkedId, deliveredId}));
        auto *replay = page_->findChild<QAction *>(QStringLiteral("replayAction"));
        auto *erase = page_->findChild<QAction *>(QStringLiteral("eraseAction"));
        QTRY_VERIFY(!replay->isEnabled());
        QCOMPARE(
            replay->toolTip(),
            QStringLiteral("Cannot replay: the selection holds an erased message, whose payload is gone"));
        QVERIFY(!erase->isEnabled());
        QCOMPARE(erase->toolTip(), QStringLiteral("Already erased"));

        // One erased message: its detail says when, and it cannot be pushed again or copied as curl.
        selectRows({0});
        QTRY_COMPARE(page_->detail()->message().value(QStringLiteral("message_id")).toString(), parkedId);
        QTRY_VERIFY(page_->detail()->isErased());
        QVERIFY(page_->detail()->findChild<QLabel *>(QStringLiteral("erasedNotice"))->isVisible());
        for (const char *name : {"replayAction", "archiveAction", "editPushAction", "curlAction"})
            QVERIFY2(!page_->findChild<QAction *>(QLatin1String(name))->isEnabled(), name);
        QCOMPARE(page_->findChild<QAction *>(QStringLiteral("editPushAction"))->toolTip(),
                 QStringLiteral("An erased message has no payload left to push"));

        // A selection with one erased message and one that is not: Replay would be refused for all of
        // it, Erase still has something to do.
        selectRows({1, 2});
        QTRY_VERIFY(erase->isEnabled());
        QVERIFY(!replay->isEnabled());
        selectRows({2});
        QTRY_VERIFY(replay->isEnabled());
        QCOMPARE(replay->toolTip(),
                 QStringLiteral("Send the selected messages again, keeping their history (Ctrl+R)"));
    }

    void cancelledEraseErasesNothing()
    {
        const QString id = page_->model()->rowAt(0).messageId;
        setPayload(id, kPersonalPayload);
        selectRows({0});
        QSignalSpy status(page_, &Page::statusMessage);
        trigger(QStringLiteral("eraseAction"));
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = page_->findChild<QMessageBox *>(QStringLiteral("eraseConfirmation"))) &&
                    box->isVisible());
        QCOMPARE(box->text(),
                 QStringLiteral("Erase 1 message and its attempts' bodies? This cannot be undone."));
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!status.isEmpty());
        QCOMPARE(status.last().first().toString(), QStringLiteral("Erase cancelled: nothing was erased."));
        QCOMPARE(payloadOf(id), kPersonalPayload);
        QCOMPARE(stateOf(id), QStringLiteral("parked"));
        QVERIFY(!page_->model()->rowAt(0).erasedAtMs);
        QTRY_VERIFY(page_->findChild<QAction *>(QStringLiteral("eraseAction"))->isEnabled());
        QTRY_VERIFY(!page_->findChild<QMessageBox *>(QStringLiteral("eraseConfirmation")));
    }

    // Erase by field... counts while the person types; Erase waits for the count of what the fields say,
    // and erases what the match finds (strings without regard to case), nothing else.
    void eraseByFieldShowsTheCountFirst()
    {
        const QString orderId = page_->model()->rowAt(0).messageId;
        const QString userId = page_->model()->rowAt(5).messageId;
        const QString otherId = page_->model()->rowAt(1).messageId;
        const QString otherPayload = QStringLiteral(R"({"order":{"email":"bob@example.com"}})");
        setPayload(orderId, kPersonalPayload);
        setPayload(userId, QStringLiteral(R"({"user":{"email":"Ana@Example.com"}})"));
        setPayload(otherId, otherPayload);
        QSignalSpy status(page_, &Page::statusMessage);
        trigger(QStringLiteral("eraseByFieldAction"));
        QDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = page_->findChild<QDialog *>(QStringLiteral("eraseByFieldDialog"))) &&
                    dialog->isVisible());
        auto *erase = dialog->findChild<QPushButton *>(QStringLiteral("confirmEraseByField"));
        auto *count = dialog->findChild<QLabel *>(QStringLiteral("eraseCount"));
        auto *value = dialog->findChild<QLineEdit *>(QStringLiteral("eraseValue"));
        QVERIFY(erase && count && value);
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("erasePath")),
                         QStringLiteral("payload.*.email"));
        QVERIFY(!erase->isEnabled()); // no value yet
        QTest::keyClicks(value, QStringLiteral("ana@example.com"));
        QTRY_VERIFY(erase->isEnabled());
        QVERIFY2(count->text().startsWith(QStringLiteral("Erases 2 messages and their attempts' bodies.")),
                 qPrintable(count->text()));
        QCOMPARE(payloadOf(orderId), kPersonalPayload); // counting changed nothing

        // An edit withdraws the count at once; the count for the fields as they are now comes back.
        QTest::keyClick(value, Qt::Key_X);
        QVERIFY(!erase->isEnabled());
        QTRY_VERIFY(count->text().startsWith(QStringLiteral("No message and no store record matches")));
        QVERIFY(!erase->isEnabled());
        QTest::keyClick(value, Qt::Key_Backspace);
        QTRY_VERIFY(erase->isEnabled());

        erase->click();
        QTRY_VERIFY(!status.isEmpty());
        const QString said = status.last().first().toString();
        QVERIFY2(said.startsWith(QStringLiteral("Erased 2 messages: ")), qPrintable(said));
        QVERIFY(!said.contains(QStringLiteral("ana@example.com"), Qt::CaseInsensitive));
        QCOMPARE(payloadOf(orderId), QStringLiteral("{}"));
        QCOMPARE(payloadOf(userId), QStringLiteral("{}"));
        QCOMPARE(payloadOf(otherId), otherPayload);
        QTRY_VERIFY(page_->model()->index(0, 0).data(MessageTableModel::ErasedRole).toBool() &&
                    page_->model()->index(5, 0).data(MessageTableModel::ErasedRole).toBool());
        QVERIFY(!page_->model()->index(1, 0).data(MessageTableModel::ErasedRole).toBool());
    }

    // A reload of the message shown (the view's refresh, on every bit of the engine's activity) comes back
    // after the person picked one of its attempts: that attempt stays picked and shown (the reload once
    // dropped it, and "Copy as curl" then repeated the latest attempt instead of the one picked).
    void aReloadKeepsTheAttemptThePersonPicked()
    {
        const QString id = page_->model()->rowAt(0).messageId;
        const QString firstUrl = QStringLiteral("http://127.0.0.1:9/mail?attempt=first");
        const QString secondUrl = QStringLiteral("http://127.0.0.1:9/mail?attempt=second");
        addAttempt(id, firstUrl, 1700000001000);
        addAttempt(id, secondUrl, 1700000002000);
        page_->table()->selectRow(0);
        auto *tree = page_->detail()->findChild<QTreeWidget *>(QStringLiteral("deliveryTree"));
        auto *attemptText = page_->detail()->findChild<QPlainTextEdit *>(QStringLiteral("attemptText"));
        QVERIFY(tree && attemptText);
        QTRY_COMPARE(tree->topLevelItem(0) ? tree->topLevelItem(0)->childCount() : 0, 2);
        page_->detail()->findChild<QTabWidget *>()->setCurrentIndex(1); // Deliveries
        QTRY_COMPARE(panel_->context().worker->pendingJobs(), 0);

        QSignalSpy loaded(page_->detail(), &MessageDetailView::loaded);
        page_->refresh(); // the worker answers after the click below
        QTreeWidgetItem *first = tree->topLevelItem(0)->child(0);
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualItemRect(first).center());
        QCOMPARE(page_->detail()->currentAttempt().value(QStringLiteral("url")).toString(), firstUrl);
        QVERIFY(loaded.wait());
        QCOMPARE(page_->detail()->currentAttempt().value(QStringLiteral("url")).toString(), firstUrl);
        QVERIFY2(attemptText->toPlainText().contains(firstUrl), qPrintable(attemptText->toPlainText()));

        // Another message starts with none picked.
        page_->table()->selectRow(1);
        QVERIFY(loaded.wait());
        QCOMPARE(tree->currentItem(), nullptr);
        QVERIFY(attemptText->toPlainText().isEmpty());
    }

    // A reload of the message shown leaves the payload tree as the person opened it while the payload is
    // the same (it was built anew, and collapsed, on every bit of the engine's activity); a payload that
    // changed is shown anew.
    void aReloadKeepsThePayloadBranchesThePersonOpened()
    {
        const QString id = page_->model()->rowAt(0).messageId;
        setPayload(id, QStringLiteral(R"({"order": {"ship_address": {"geo": {"city": "Lisbon"}}}})"));
        QSignalSpy loaded(page_->detail(), &MessageDetailView::loaded);
        page_->table()->selectRow(0);
        QVERIFY(loaded.wait());
        auto *tree = page_->detail()->findChild<QTreeWidget *>(QStringLiteral("payloadTree"));
        QVERIFY(tree);
        const auto geo = [tree]() -> QTreeWidgetItem * {
            const QList<QTreeWidgetItem *> found =
                tree->findItems(QStringLiteral("geo"), Qt::MatchExactly | Qt::MatchRecursive);
            return found.isEmpty() ? nullptr : found.first();
        };
        QVERIFY(geo() && !geo()->isExpanded());
        geo()->setExpanded(true);

        page_->refresh();
        QVERIFY(loaded.wait());
        QVERIFY(geo() && geo()->isExpanded());

        setPayload(id, QStringLiteral(R"({"order": {"ship_address": {"geo": {"city": "Porto"}}}})"));
        page_->refresh();
        QVERIFY(loaded.wait());
        QVERIFY(geo());
        QCOMPARE(geo()->child(0)->text(1), QStringLiteral("Porto"));
    }

private:
    // One failed attempt of the message's delivery, recorded at `atMs`.
    void addAttempt(const QString &messageId, const QString &url, qint64 atMs) const
    {
        QSqlQuery query(db_->connection());
        query.prepare(QStringLiteral(
            "INSERT INTO attempts (delivery_id, kind, url, status, outcome, started_at, duration_ms)"
            " SELECT d.id, 'post', ?, 500, 'failed', ?, 12 FROM deliveries d"
            " JOIN messages m ON m.id = d.message_row WHERE m.message_id = ?"));
        query.addBindValue(url);
        query.addBindValue(atMs);
        query.addBindValue(messageId);
        QVERIFY(query.exec() && query.numRowsAffected() == 1);
    }

    void trigger(const QString &action)
    {
        auto *found = page_->findChild<QAction *>(action);
        QVERIFY(found);
        QTRY_VERIFY(found->isEnabled());
        QTest::mouseClick(page_->findChild<QToolBar *>()->widgetForAction(found), Qt::LeftButton);
    }

    void selectRows(const QList<int> &rows)
    {
        QItemSelection selection;
        for (int row : rows)
            selection.select(page_->model()->index(row, 0), page_->model()->index(row, 0));
        page_->table()->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect |
                                                                QItemSelectionModel::Rows);
    }

    void setPayload(const QString &messageId, const QString &payload) const
    {
        QSqlQuery query(db_->connection());
        query.prepare(QStringLiteral("UPDATE messages SET payload = ? WHERE message_id = ?"));
        query.addBindValue(payload);
        query.addBindValue(messageId);
        QVERIFY(query.exec() && query.numRowsAffected() == 1);
    }

    QString payloadOf(const QString &messageId) const
    {
        QSqlQuery query(db_->connection());
        query.prepare(QStringLiteral("SELECT payload FROM messages WHERE message_id = ?"));
        query.addBindValue(messageId);
        return query.exec() && query.next() ? query.value(0).toString() : QString();
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

    const QString kPersonalPayload = QStringLiteral(R"({"order":{"email":"ana@example.com"}})");
    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<Database> db_;
    std::unique_ptr<ControlPanel> panel_;
    MessagesPage *page_ = nullptr;
};

QTEST_MAIN(TestMessagesPage)
#include "tst_messagespage.moc"
