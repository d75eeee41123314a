#pragma once

#include "pages/Page.h"
#include "storage/MessageEraser.h"

#include <QObject>
#include <QStringList>

class QWidget;

// Erases personal data from the control panel, as `integrator erase ID...` and `erase --match` do. For
// messages by id, a dry run on the worker counts what would go, a window-modal confirmation says how many
// messages and that it cannot be undone, and only after Erase does the erasure itself run on the worker;
// by field, EraseByFieldDialog has shown the dry run's count and asked already. The GUI thread never
// waits: each step is a BackgroundWorker round trip. Deletes itself when done.
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

    // What to erase: messages by id, or those the matches find (any of them).
    struct Request
    {
        QStringList messageIds;
        QList<ErasureMatch> matches;
    };
    struct Result
    {
        ErasureReport report;
        QString error;
        bool ok = false;
    };

    MessageErasure(UiContext context, QWidget *window);

    // Counts, asks, then erases.
    void start(const QStringList &messageIds);
    // Erases at once: the person has seen the count and confirmed.
    void eraseConfirmed(const QList<ErasureMatch> &matches);

    // Only on the worker thread.
    static Result run(const Database &db, const Request &request, bool dryRun);

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
    Request request_;
};
