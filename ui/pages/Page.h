#pragma once

#include <QSettings>
#include <QWidget>

class QUndoStack;

class BackgroundWorker;
class CredentialStore;
class EngineHost;

// What every view of the control panel works through; owned by ControlPanel.
struct UiContext
{
    BackgroundWorker *worker = nullptr;
    EngineHost *engine = nullptr;
    CredentialStore *credentials = nullptr;
};

// One view of the main window. refresh() asks the worker for fresh data and returns at once.
class Page : public QWidget
{
    Q_OBJECT
public:
    Page(UiContext context, QWidget *parent = nullptr)
        : QWidget(parent)
        , context_(context)
    {}
    virtual QString title() const = 0;
    virtual void refresh() {}
    // Edits that can be undone (the Edit menu follows the current page's stack).
    virtual QUndoStack *undoStack() const { return nullptr; }
    // View state (splitters, column widths, filters) kept across runs.
    virtual void saveState(QSettings &) const {}
    virtual void restoreState(const QSettings &) {}

Q_SIGNALS:
    void openPage(const QString &pageName); // another page's objectName
    void composeRequested(const QString &json);
    void statusMessage(const QString &text);

protected:
    UiContext context_;
};
