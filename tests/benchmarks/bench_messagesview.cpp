// The Messages view over a large log: time to open it (first page on screen), to apply a filter, and
// the process's peak resident memory. Run by hand: tests/benchmarks/run-gui-benchmark.sh BUILD_DIR.
#include "BackgroundWorker.h"
#include "ControlPanel.h"
#include "MainWindow.h"
#include "MessageLogSeed.h"
#include "models/MessageTableModel.h"
#include "pages/MessagesPage.h"
#include "storage/Database.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>

#include <algorithm>
#include <cstdio>

namespace {

qint64 peakRssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// Milliseconds from `act` until the model's next page (or refresh) has arrived.
double timeUntilLoaded(MessageTableModel *model, const std::function<void()> &act)
{
    QSignalSpy loaded(model, &MessageTableModel::loaded);
    QElapsedTimer timer;
    timer.start();
    act();
    if (!loaded.wait(60000))
        return -1;
    return double(timer.nsecsElapsed()) / 1e6;
}

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? -1 : values.at(values.size() / 2);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 1000000;
    QTemporaryDir dir;
    const DatabaseLocation location = DatabaseLocation::sqlite(dir.filePath(QStringLiteral("bench.db")));
    QString error;
    QElapsedTimer seedTimer;
    seedTimer.start();
    {
        Database db(location, QStringLiteral("seed"));
        if (!db.open(&error) || !MessageLogSeed::configure(db, &error) ||
            !MessageLogSeed::seed(db, count, 1000, &error)) {
            std::fprintf(stderr, "bench_messagesview: %s\n", qUtf8Printable(error));
            return 1;
        }
    }
    std::printf("seeded %d messages with one delivery each in %.1f s\n", count,
                static_cast<double>(seedTimer.elapsed()) / 1000.0);
    const qint64 rssBeforePanel = peakRssKiB();

    ControlPanel panel(location);
    panel.start();
    BackgroundWorker *worker = panel.context().worker;
    QSignalSpy opened(worker, &BackgroundWorker::opened); // emitted on this thread's loop, after start()
    if (!opened.wait(60000) || worker->state() != BackgroundWorker::State::Open) {
        std::fprintf(stderr, "bench_messagesview: the database did not open: %s\n",
                     qUtf8Printable(worker->openError()));
        return 1;
    }
    MainWindow *window = panel.window();
    window->resize(1280, 800);
    window->show();
    auto *page = static_cast<MessagesPage *>(window->page(QStringLiteral("messages")));
    MessageTableModel *model = page->model();
    // Opening: the view's first page, asked for again as the view is shown.
    const double open = timeUntilLoaded(model, [&] {
        window->showPage(QStringLiteral("messages"));
        model->setFilter({});
    });
    QList<double> parked, delivered, all, search;
    auto *parkedButton = page->findChild<QToolButton *>(QStringLiteral("quick_parked"));
    auto *allButton = page->findChild<QToolButton *>(QStringLiteral("quick_all"));
    for (int round = 0; round < 5; ++round) {
        parked << timeUntilLoaded(model, [&] { parkedButton->click(); });
        all << timeUntilLoaded(model, [&] { allButton->click(); });
        MessageLog::Filter filter;
        filter.states = {QStringLiteral("delivered")};
        delivered << timeUntilLoaded(model, [&] { model->setFilter(filter); });
        filter = {};
        filter.text = QStringLiteral("R%1\"").arg(count / 2);
        search << timeUntilLoaded(model, [&] { model->setFilter(filter); });
    }
    std::printf("| measure | result | target |\n| --- | --- | --- |\n");
    std::printf("| open the Messages view (first page of %d messages shown) | %.0f ms | < 500 ms |\n", count,
                open);
    std::printf("| filter \"Parked\" (1 in 1000), median of 5 | %.0f ms | < 300 ms |\n", median(parked));
    std::printf("| back to \"All\", median of 5 | %.0f ms | < 300 ms |\n", median(all));
    std::printf("| state \"delivered\" (999 in 1000), median of 5 | %.0f ms | < 300 ms |\n",
                median(delivered));
    std::printf("| text search for one order number (no index: a scan), median of 5 | %.0f ms | - |\n",
                median(search));
    std::printf("| rows read from the database for all of the above | %lld | - |\n",
                static_cast<long long>(model->rowsFetched()));
    std::printf("| peak RSS of the whole process (engine, worker, window) | %.0f MB | < 200 MB |\n",
                static_cast<double>(peakRssKiB()) / 1024.0);
    std::printf("| peak RSS before the control panel started (after seeding) | %.0f MB | - |\n",
                static_cast<double>(rssBeforePanel) / 1024.0);
    return 0;
}
