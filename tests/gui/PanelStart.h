#pragma once

#include "BackgroundWorker.h"
#include "ControlPanel.h"

#include <QSignalSpy>

// Starts the control panel and waits until its worker has opened the database: what most tests need
// before they look at a page. It waits in a nested event loop, so a test that measures the GUI thread's
// event loop (EventLoopProbe) calls ControlPanel::start itself. False, with the reason, when the
// database did not open.
inline bool startAndWaitUntilOpen(ControlPanel &panel, QString *error)
{
    panel.start();
    BackgroundWorker *worker = panel.context().worker;
    QSignalSpy opened(worker, &BackgroundWorker::opened);
    if (worker->state() == BackgroundWorker::State::Opening && !opened.wait(30000)) {
        *error = QStringLiteral("the control panel's database did not open within 30 s");
        return false;
    }
    *error = worker->openError();
    return worker->state() == BackgroundWorker::State::Open;
}
