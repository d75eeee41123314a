// Deliveries/s with 1, 2 and 3 `integrator run` workers on one PostgreSQL database, next to one
// process on SQLite. Run by hand (tests/benchmarks/run-worker-benchmark.sh), never by ctest.
#include "IntegratorProcess.h"
#include "ScriptedEndpoint.h"
#include "TestDatabase.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <vector>

namespace {

struct Run
{
    QString backend;
    int workers = 0;
    double seconds = 0;
    int delivered = 0;
};

QByteArray configFor(const QUrl &endpoint)
{
    const QJsonObject config{
        {QStringLiteral("endpoints"), QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("sink")},
                                                             {QStringLiteral("url"), endpoint.toString()},
                                                             {QStringLiteral("max_in_flight"), 6}}}},
        {QStringLiteral("mappings"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("all")},
                                {QStringLiteral("endpoint"), QStringLiteral("sink")},
                                {QStringLiteral("messages"), QJsonArray{QStringLiteral("order:*")}},
                                {QStringLiteral("options"), QJsonObject{{QStringLiteral("timeout"), 10}}}}}}};
    return QJsonDocument(config).toJson();
}

QByteArray messages(int count)
{
    QJsonArray batch;
    for (int i = 0; i < count; ++i)
        batch.append(
            QJsonObject{{QStringLiteral("message"), QStringLiteral("order:new")},
                        {QStringLiteral("payload"),
                         QJsonObject{{QStringLiteral("order"),
                                      QJsonObject{{QStringLiteral("number"), QStringLiteral("R%1").arg(i)},
                                                  {QStringLiteral("total"), 112.5}}}}}});
    return QJsonDocument(batch).toJson(QJsonDocument::Compact);
}

Run measure(ScriptedEndpoint &endpoint, bool postgres, int workers, int count)
{
    qputenv("INTEGRATOR_TEST_BACKEND", postgres ? "postgres" : "sqlite");
    TestDatabase database;
    Run run{postgres ? QStringLiteral("PostgreSQL") : QStringLiteral("SQLite"), workers, 0, 0};
    if (!database.isValid()) {
        std::fprintf(stderr, "bench_workers: %s\n", qPrintable(database.error()));
        return run;
    }
    const QStringList db = database.cliArguments();
    runIntegrator(db + QStringList{QStringLiteral("config"), QStringLiteral("import"), QStringLiteral("-")},
                  configFor(endpoint.url()));
    const CliResult pushed =
        runIntegrator(db + QStringList{QStringLiteral("push"), QStringLiteral("-")}, messages(count), 600000);
    if (pushed.exitCode != 0) {
        std::fprintf(stderr, "bench_workers: push failed: %s\n", qPrintable(pushed.describe()));
        return run;
    }
    const int before = endpoint.requestCount();
    std::vector<std::unique_ptr<QProcess>> processes;
    QElapsedTimer clock;
    clock.start();
    processes.reserve(workers);
    for (int i = 0; i < workers; ++i)
        processes.push_back(startIntegrator(db + QStringList{QStringLiteral("run")}));
    // A benchmark may look at the clock: wait until the endpoint has seen every message.
    QEventLoop loop;
    QTimer check;
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (endpoint.requestCount() - before >= count || clock.elapsed() > 600000)
            loop.quit();
    });
    check.start(5);
    loop.exec();
    run.seconds = double(clock.nsecsElapsed()) / 1e9;
    run.delivered = endpoint.requestCount() - before;
    for (auto &process : processes) {
        process->terminate();
        waitForExit(*process);
    }
    return run;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions(
        {{QStringLiteral("messages"), QStringLiteral("Messages per run."), QStringLiteral("N"),
          QStringLiteral("10000")},
         {QStringLiteral("output"), QStringLiteral("Markdown table file."), QStringLiteral("FILE")}});
    parser.addHelpOption();
    parser.process(app);
    const int count = parser.value(QStringLiteral("messages")).toInt();
    if (qEnvironmentVariableIsEmpty("INTEGRATOR_TEST_POSTGRES")) {
        std::fprintf(stderr, "bench_workers: INTEGRATOR_TEST_POSTGRES is not set; run tests/benchmarks/"
                             "run-worker-benchmark.sh, which starts a PostgreSQL server\n");
        return 1;
    }
    QThread endpointThread;
    auto *endpoint = new ScriptedEndpoint;
    endpoint->setRecordBodies(false);
    endpoint->moveToThread(&endpointThread);
    endpointThread.start();
    bool listening = false;
    QMetaObject::invokeMethod(
        endpoint, [&] { listening = endpoint->listen(); }, Qt::BlockingQueuedConnection);
    if (!listening)
        return 1;

    QList<Run> runs;
    runs << measure(*endpoint, false, 1, count);
    for (int workers = 1; workers <= 3; ++workers)
        runs << measure(*endpoint, true, workers, count);

    QString table = QStringLiteral(
        "| Database | Workers | Messages | Seconds | Deliveries/s |\n|---|---:|---:|---:|---:|\n");
    for (const Run &run : std::as_const(runs))
        table += QStringLiteral("| %1 | %2 | %3 | %4 | %5 |\n")
                     .arg(run.backend)
                     .arg(run.workers)
                     .arg(run.delivered)
                     .arg(run.seconds, 0, 'f', 2)
                     .arg(run.seconds > 0 ? run.delivered / run.seconds : 0, 0, 'f', 0);
    std::printf("%s", qPrintable(table));
    if (parser.isSet(QStringLiteral("output"))) {
        QFile file(parser.value(QStringLiteral("output")));
        if (file.open(QIODevice::WriteOnly))
            file.write(table.toUtf8());
    }
    QMetaObject::invokeMethod(
        endpoint, [endpoint] { delete endpoint; }, Qt::BlockingQueuedConnection);
    endpointThread.quit();
    endpointThread.wait();
    return 0;
}
