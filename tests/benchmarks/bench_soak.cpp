// `make soak`: minutes of push load on two `integrator run` workers sharing a PostgreSQL server of its
// own, an endpoint with seeded random faults (errors, slow answers, hangs past the timeout) and the
// server restarted every minute. Prints deliveries/s and each worker's RSS every 10 s and, at the end,
// whether every accepted message arrived. Run by hand, never by ctest.
#include "IntegratorProcess.h"
#include "PostgresCluster.h"
#include "ScriptedEndpoint.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSet>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <vector>

namespace {

struct Options
{
    int minutes = 10;
    int rate = 20; // messages pushed per second, in one CLI push each second
    quint32 seed = 1;
};

Options parse(const QCoreApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Soak: push load, endpoint faults, a database restart a minute"));
    parser.addHelpOption();
    const QCommandLineOption minutes(QStringLiteral("minutes"), QStringLiteral("how long to push (10)"),
                                     QStringLiteral("N"), QStringLiteral("10"));
    const QCommandLineOption rate(QStringLiteral("rate"), QStringLiteral("messages per second (20)"),
                                  QStringLiteral("N"), QStringLiteral("20"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("fault seed (1)"),
                                  QStringLiteral("N"), QStringLiteral("1"));
    parser.addOptions({minutes, rate, seed});
    parser.process(app);
    return {parser.value(minutes).toInt(), parser.value(rate).toInt(), parser.value(seed).toUInt()};
}

qint64 rssKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

QByteArray config(const QUrl &endpoint)
{
    const QJsonObject object{
        {QStringLiteral("endpoints"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("flaky")},
                                {QStringLiteral("url"), endpoint.toString()},
                                {QStringLiteral("max_in_flight"), 8},
                                {QStringLiteral("pause_after"), 1000}}}},
        {QStringLiteral("mappings"),
         QJsonArray{QJsonObject{
             {QStringLiteral("name"), QStringLiteral("all")},
             {QStringLiteral("endpoint"), QStringLiteral("flaky")},
             {QStringLiteral("messages"), QJsonArray{QStringLiteral("order:*")}},
             {QStringLiteral("options"), QJsonObject{{QStringLiteral("timeout"), 2},
                                                     {QStringLiteral("retry_schedule"),
                                                      QJsonArray{0.5, 1, 2, 4, 8, 16, 30, 30, 30, 30}}}}}}}};
    return QJsonDocument(object).toJson();
}

QByteArray batch(int first, int count)
{
    QJsonArray messages;
    for (int i = first; i < first + count; ++i)
        messages.append(
            QJsonObject{{QStringLiteral("message"), QStringLiteral("order:new")},
                        {QStringLiteral("payload"),
                         QJsonObject{{QStringLiteral("order"),
                                      QJsonObject{{QStringLiteral("number"), QStringLiteral("R%1").arg(i)},
                                                  {QStringLiteral("total"), 112.5}}}}}});
    return QJsonDocument(messages).toJson(QJsonDocument::Compact);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const Options options = parse(app);
    QRandomGenerator faults(options.seed);

    PostgresCluster cluster;
    QString error;
    if (!cluster.start(&error)) {
        std::fprintf(stderr, "bench_soak: %s\n", qUtf8Printable(error));
        return 1;
    }
    const QStringList database{QStringLiteral("--database"), cluster.url()};

    ScriptedEndpoint endpoint;
    endpoint.setRecordBodies(false);
    QSet<QString> received;
    int answered = 0;
    endpoint.setHandler([&](const RecordedRequest &request) {
        ++answered;
        const quint32 roll = faults.bounded(100);
        if (roll < 5)
            return ScriptedResponse::json(500,
                                          {{QStringLiteral("summary"), QStringLiteral("injected fault")}});
        ScriptedResponse response;
        if (roll < 6) {
            response.hang = true; // the engine gives up after the 2 s timeout and retries
            return response;
        }
        if (roll < 9)
            response.delayMs = 1500;
        const QString id = request.json()[QStringLiteral("message_id")].toString();
        received.insert(id);
        response.status = 200;
        response.body =
            QJsonDocument(QJsonObject{{QStringLiteral("message_id"), id}}).toJson(QJsonDocument::Compact);
        response.headers = {{"Content-Type", "application/json"}};
        return response;
    });
    if (!endpoint.listen()) {
        std::fprintf(stderr, "bench_soak: the endpoint cannot listen\n");
        return 1;
    }
    const CliResult imported = runIntegrator(
        database + QStringList{QStringLiteral("config"), QStringLiteral("import"), QStringLiteral("-")},
        config(endpoint.url()));
    if (imported.exitCode != 0) {
        std::fprintf(stderr, "bench_soak: %s\n", qUtf8Printable(imported.describe()));
        return 1;
    }

    std::vector<std::unique_ptr<QProcess>> workers;
    workers.reserve(2);
    for (int i = 0; i < 2; ++i)
        workers.push_back(startIntegrator(database + QStringList{QStringLiteral("run")}));

    QSet<QString> accepted;
    int pushedBatches = 0;
    int refusedBatches = 0;
    int restarts = 0;
    int next = 0;
    QElapsedTimer clock;
    clock.start();
    std::printf("| minute | delivered/s (last 10 s) | accepted | delivered | worker RSS (KiB) |\n"
                "| --- | --- | --- | --- | --- |\n");

    QTimer pusher;
    QObject::connect(&pusher, &QTimer::timeout, [&] {
        const CliResult pushed =
            runIntegrator(database + QStringList{QStringLiteral("push"), QStringLiteral("-")},
                          batch(next, options.rate), 30000);
        next += options.rate;
        ++pushedBatches;
        if (pushed.exitCode != 0) {
            ++refusedBatches; // the database was restarting: nothing of it was accepted
            return;
        }
        for (const QByteArray &line : pushed.out.trimmed().split('\n'))
            accepted.insert(QString::fromLatin1(line));
    });
    QTimer restarter;
    QObject::connect(&restarter, &QTimer::timeout, [&] {
        QString restartError;
        if (!cluster.stop(&restartError))
            std::fprintf(stderr, "bench_soak: %s\n", qUtf8Printable(restartError));
        QTimer::singleShot(3000, [&] {
            QString startError;
            if (!cluster.start(&startError))
                std::fprintf(stderr, "bench_soak: %s\n", qUtf8Printable(startError));
            ++restarts;
        });
    });
    int lastDelivered = 0;
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, [&] {
        QStringList rss;
        for (const auto &worker : workers)
            rss << QString::number(rssKiB(worker->processId()));
        std::printf("| %.1f | %.1f | %lld | %lld | %s |\n", double(clock.elapsed()) / 60000.0,
                    double(received.size() - lastDelivered) / 10.0, qint64(accepted.size()),
                    qint64(received.size()), qUtf8Printable(rss.join(QStringLiteral(", "))));
        std::fflush(stdout);
        lastDelivered = int(received.size());
    });
    pusher.start(1000);
    restarter.start(60000);
    sampler.start(10000);
    QTimer::singleShot(options.minutes * 60000, [&] {
        pusher.stop();
        restarter.stop();
    });
    // After the load: wait until every accepted message arrived, or 5 minutes more.
    QTimer done;
    QObject::connect(&done, &QTimer::timeout, [&] {
        const bool loadOver = !pusher.isActive();
        const bool drained = (accepted - received).isEmpty();
        if (loadOver && (drained || clock.elapsed() > (options.minutes + 5) * 60000LL))
            app.quit();
    });
    done.start(1000);
    app.exec();

    int exited = 0;
    for (const auto &worker : workers)
        exited += worker->state() == QProcess::Running ? 0 : 1;
    const qint64 lost = (accepted - received).size();
    std::printf("\n%lld messages accepted in %d one-second pushes (%d refused during restarts), %d database "
                "restarts, %d requests answered, %lld delivered, %lld lost, %d worker(s) exited\n",
                qint64(accepted.size()), pushedBatches, refusedBatches, restarts, answered,
                qint64(received.size()), lost, exited);
    for (auto &worker : workers) {
        worker->terminate();
        waitForExit(*worker);
    }
    return lost == 0 && exited == 0 ? 0 : 1;
}
