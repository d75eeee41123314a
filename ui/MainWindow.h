#pragma once

#include "pages/Page.h"

#include <QMainWindow>
#include <QPointer>

class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;
class QSystemTrayIcon;
class QUndoStack;
class ComposePage;
class DashboardPage;
class SecretsDialog;

// The control panel: a list of views on the left, the current view on the right, the engine's state
// in the status bar and a tray icon that turns to a warning when something is parked or a store is down.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(UiContext context, QWidget *parent = nullptr);
    ~MainWindow() override;

    Page *page(const QString &name) const; // by objectName: "messages", "mappings", ...
    void showPage(const QString &name);
    Page *currentPage() const;
    // Opens the welcome page when the database holds nothing yet, the dashboard otherwise; unless a
    // page was shown while the worker looked (the demo opens the dashboard before the answer comes).
    void showFirstRunIfEmpty();
    void showStatus(const QString &text);
    // Settings → Secrets: the master key and the database's sealed secrets.
    void showSecrets();
    SecretsDialog *secretsDialog() const; // the open one, or null

Q_SIGNALS:
    void demoRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void addPage(Page *page, const QString &name, const QString &themeIcon);
    void buildMenus();
    void buildLanguageMenu(QMenu *settings);
    void refreshVisible();
    void onPageChanged(int index);
    void updateTray(int parked, int storesDown);
    void importConfig();
    void exportConfig();
    void restoreSettings();
    void showDatabaseState();

    UiContext context_;
    QListWidget *navigation_;
    QStackedWidget *stack_;
    QLabel *engineStatus_;
    QLabel *databaseStatus_;
    QList<QAction *> databaseActions_; // menu entries that read or write the database
    DashboardPage *dashboard_ = nullptr;
    ComposePage *compose_ = nullptr;
    QAction *undo_ = nullptr;
    QAction *redo_ = nullptr;
    QUndoStack *connectedStack_ = nullptr;
    QSystemTrayIcon *tray_ = nullptr;
    QPointer<SecretsDialog> secretsDialog_;
    int pagesShown_ = 0; // showPage() calls, to tell whether one came after the first-run question
};
