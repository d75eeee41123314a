#pragma once

#include "pages/Page.h"
#include "storage/NotificationLog.h"

#include <QTimer>

class NotificationTableModel;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSplitter;
class QTableView;

// The notification log: what endpoints, stores and the dispatcher reported, newest first, filtered
// by level and by reference (a message id, a store name, an identifier value).
class NotificationsPage : public Page
{
    Q_OBJECT
public:
    explicit NotificationsPage(UiContext context, QWidget *parent = nullptr);
    QString title() const override { return tr("Notifications"); }
    void refresh() override;
    void saveState(QSettings &settings) const override;
    void restoreState(const QSettings &settings) override;
    NotificationTableModel *model() const { return model_; }

    static constexpr int kPageSize = 500; // the newest entries only: the log can grow without bound

private:
    QWidget *buildFilters();
    void showNotifications(const QList<Notification> &notifications);
    void showDetails();

    QComboBox *level_;
    QLineEdit *reference_;
    QLabel *count_;
    QTimer referenceDelay_;
    QSplitter *splitter_;
    QTableView *table_;
    NotificationTableModel *model_;
    QPlainTextEdit *details_;
};
