#include "dialogs/MessageErasure.h"

#include "BackgroundWorker.h"
#include "EngineHost.h"

#include <QMessageBox>
#include <QPushButton>
#include <QWidget>

#include <memory>

MessageErasure::MessageErasure(UiContext context, QWidget *window)
    : QObject(window)
    , context_(context)
    , window_(window)
{}

MessageErasure::Result MessageErasure::run(const Database &db, const Request &request, bool dryRun)
{
    MessageEraser::Options options;
    options.dryRun = dryRun;
    options.source = QStringLiteral("control panel");
    MessageEraser eraser(db, options);
    Result result;
    result.ok = request.matches.isEmpty() ? eraser.eraseIds(request.messageIds, &result.error)
                                          : eraser.eraseMatching(request.matches, &result.error);
    result.report = eraser.report();
    return result;
}

void MessageErasure::start(const QStringList &messageIds)
{
    request_ = {messageIds, {}};
    auto result = std::make_shared<Result>();
    context_.worker->post(
        this, [request = request_, result](const Database &db) { *result = run(db, request, true); },
        [this, result] {
            if (!result->ok)
                finish(Outcome::Failed, tr("Nothing erased: %1").arg(result->error));
            else if (result->report.messages == 0)
                finish(Outcome::NothingErased,
                       tr("Nothing to erase: the selected messages were erased before."));
            else
                confirm(result->report);
        });
}

// Window-modal and opened, not exec()'d: the window keeps repainting while the question is asked.
void MessageErasure::confirm(const ErasureReport &dryRun)
{
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Erase messages"),
                                tr("Erase %n message(s) and their attempts' bodies? This cannot be undone.",
                                   nullptr, int(dryRun.messages)),
                                QMessageBox::Cancel, window_);
    box->setObjectName(QStringLiteral("eraseConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QStringList details;
    if (dryRun.children > 0)
        details << tr("%n of them were produced from endpoints' responses to the selected messages.", nullptr,
                      int(dryRun.children));
    details << tr("Their payloads, the attempts' response bodies and the identifier values go; the "
                  "delivery history (states, times, statuses) stays.");
    if (dryRun.deliveriesArchived > 0)
        details << tr("%n open deliver(y/ies) will be archived, since nothing is left to send.", nullptr,
                      int(dryRun.deliveriesArchived));
    box->setInformativeText(details.join(QLatin1Char('\n')));
    QPushButton *eraseButton = box->addButton(tr("Erase"), QMessageBox::DestructiveRole);
    eraseButton->setObjectName(QStringLiteral("confirmErase"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setEscapeButton(QMessageBox::Cancel);
    box->setWindowModality(Qt::WindowModal);
    connect(box, &QMessageBox::finished, this, [this, box, eraseButton] {
        if (box->clickedButton() == eraseButton)
            erase();
        else
            finish(Outcome::NothingErased, tr("Erase cancelled: nothing was erased."));
    });
    box->open();
}

void MessageErasure::eraseConfirmed(const QList<ErasureMatch> &matches)
{
    request_ = {{}, matches};
    erase();
}

void MessageErasure::erase()
{
    auto result = std::make_shared<Result>();
    context_.worker->post(
        this, [request = request_, result](const Database &db) { *result = run(db, request, false); },
        [this, result] {
            const ErasureReport &report = result->report;
            // Open deliveries archived no longer hold back later ones of their ordering key.
            if (report.deliveriesArchived > 0)
                context_.engine->wake();
            if (!result->ok && report.messages == 0)
                finish(Outcome::Failed, tr("Nothing erased: %1").arg(result->error));
            else if (!result->ok)
                finish(Outcome::Failed,
                       tr("Erased %n message(s), then stopped: %1", nullptr, int(report.messages))
                           .arg(result->error));
            else
                finish(report.messages > 0 || report.storeRecords > 0 ? Outcome::Erased
                                                                      : Outcome::NothingErased,
                       describe(report));
        });
}

QString MessageErasure::describe(const ErasureReport &report)
{
    QStringList parts;
    if (report.messages > 0)
        parts << tr("Erased %n message(s): their payloads, the attempts' response bodies and the "
                    "identifier values are gone.",
                    nullptr, int(report.messages));
    if (report.deliveriesArchived > 0)
        parts << tr("%n open deliver(y/ies) archived.", nullptr, int(report.deliveriesArchived));
    if (report.storeRecords > 0)
        parts << tr("%n store record(s) kept by polls erased.", nullptr, int(report.storeRecords));
    if (report.inFlight > 0)
        parts << tr("%n message(s) were being sent the whole time and were not erased; erase them again "
                    "once their attempts are recorded.",
                    nullptr, int(report.inFlight));
    return parts.isEmpty() ? tr("Nothing was erased.") : parts.join(QLatin1Char(' '));
}

void MessageErasure::finish(Outcome outcome, const QString &message)
{
    Q_EMIT finished(outcome, message);
    deleteLater();
}
