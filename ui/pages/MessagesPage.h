#pragma once

#include "delivery/MessageActions.h"
#include "dialogs/MessageErasure.h"
#include "pages/Page.h"
#include "storage/MessageLog.h"

#include <QPointer>

class MessageDetailView;
class MessageTableModel;
class QAbstractButton;
class QAction;
class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QSplitter;
class QTableView;
class QTimer;

// The message log: a live table over SQL with filters and quick filters, the selected message in
// detail, and the actions on messages (replay, replay all failed, archive, erase, erase by field,
// edit & push, copy as curl).
class MessagesPage : public Page
{
    Q_OBJECT
public:
    explicit MessagesPage(UiContext context, QWidget *parent = nullptr);
    QString title() const override { return tr("Messages"); }
    void refresh() override;
    void saveState(QSettings &settings) const override;
    void restoreState(const QSettings &settings) override;

    MessageTableModel *model() const { return model_; }
    QTableView *table() const { return table_; }
    MessageDetailView *detail() const { return detail_; }
    MessageLog::Filter currentFilter() const;
    QStringList selectedMessageIds() const;

    void replaySelected();
    void replayAllFailed();
    void archiveSelected();
    void eraseSelected();
    void eraseByField();
    void editAndPush();
    void copyAsCurl();

private:
    void buildFilterBar(QWidget *bar);
    void buildActions();
    void applyFilter();
    void scheduleFilter();
    void loadChoices();
    void runAction(const QString &what, std::function<bool(const Database &, int *, QString *)> action);
    void onReplayedAllFailed(const MessageActions::ReplayProgress &result, const QString &error);
    void onSelectionChanged();
    void updateActions();
    MessageErasure *startErasure();
    void onErased(MessageErasure::Outcome outcome, const QString &message);
    void updateSummary();

    MessageTableModel *model_;
    QTableView *table_;
    MessageDetailView *detail_;
    QSplitter *splitter_;
    QButtonGroup *quick_; // exclusive: All, Failed, Parked
    QComboBox *state_;
    QLineEdit *type_;
    QComboBox *mapping_;
    QComboBox *endpoint_;
    QCheckBox *useFrom_;
    QDateTimeEdit *from_;
    QCheckBox *useTo_;
    QDateTimeEdit *to_;
    QLineEdit *search_;
    QLabel *summary_;
    QTimer *filterDelay_;
    QAction *replay_ = nullptr;
    QAction *archive_ = nullptr;
    QAction *erase_ = nullptr;
    QAction *eraseByField_ = nullptr;
    QAction *editPush_ = nullptr;
    QAction *curl_ = nullptr;
    QPointer<MessageErasure> erasure_; // while one asks or runs, Erase... waits for it
};
