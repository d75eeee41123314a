#pragma once

#include "pages/Page.h"
#include "storage/MessageEraser.h"

#include <QObject>
#include <QStringList>

class QWidget;

// Erases the selected messages' personal data from the control panel, as `integrator erase ID...` does:
// a dry run on the worker counts what would go, a window-modal confirmation says how many messages and
// that it cannot be undone, and only after Erase does the erasure itself run on the worker. The GUI
// thread never waits: each step is a BackgroundWorker round trip. Deletes itself when done.
class MessageErasure : public QObject
{
    Q_OBJECT
public:
    enum class Outcome
    {
        NothingErased, // cancelled, or nothing left to erase
        Erased,
        Failed, // an error, maybe after some batches were erased: the views should look again
    };
    Q_ENUM(Outcome)

    MessageErasure(UiContext context, QWidget *window);

    void start(const QStringList &messageIds);

Q_SIGNALS:
    // `message` is one line for the person, never an erased value.
    void finished(MessageErasure::Outcome outcome, const QString &message);

private:
    void confirm(const ErasureReport &dryRun);
    void erase();
    void finish(Outcome outcome, const QString &message);
    static QString describe(const ErasureReport &report);

    UiContext context_;
    QWidget *window_;
    QStringList messageIds_;
};
