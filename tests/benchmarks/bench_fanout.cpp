// Fan-out benchmark: many endpoints, each a lane with its own max_in_flight and its own loopback
// ScriptedEndpoint server, every message subscribed by a mapping per endpoint. Measures durable
// deliveries/s against the bound the endpoints' latency allows (endpoints x max_in_flight / delay), wall
// time and peak RSS, and checks that every delivery ends `delivered`. Run by hand
// (tests/benchmarks/run-benchmarks.sh); docs/benchmarks.md explains the figures.

#include "CpuMeter.h"
#include "EngineHarness.h"
#include "model/Message.h"
#include "ScriptedEndpoint.h"
#include "utils/ObjectId.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QMutex>
#include <QMutexLocker>
#include <QSqlQuery>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock;

const QString kType = QStringLiteral("order:new");

double secondsSince(Clock::time_point from, Clock::time_point to)
{
    return std::chrono::duration<double>(to - from).count();
}

qint64 peakRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss; // kB on Linux
}

// CPU seconds used so far by each thread of this process, by thread id, with the thread's name.
struct ThreadCpu
{
    QString name;
    double seconds = 0;
    double waitSeconds = -1; // runnable but waiting for a CPU (schedstat); -1 when unknown
};

QMap<QString, ThreadCpu> threadCpu()
{
    QMap<QString, ThreadCpu> threads;
    const double tick = double(sysconf(_SC_CLK_TCK));
    const QStringList tids =
        QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &tid : tids) {
        QFile stat(QStringLiteral("/proc/self/task/%1/stat").arg(tid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        const qsizetype open = line.indexOf('(');
        const qsizetype close = line.lastIndexOf(')');
        if (open < 0 || close < open)
            continue;
        // Fields after the name: state is field 3, utime 14 and stime 15.
        const QList<QByteArray> fields = line.mid(close + 2).split(' ');
        if (fields.size() < 13)
            continue;
        ThreadCpu thread{QString::fromUtf8(line.mid(open + 1, close - open - 1)),
                         double(fields.at(11).toLongLong() + fields.at(12).toLongLong()) / tick};
        // schedstat: time on a CPU, time waiting on a run queue, in ns.
        QFile schedstat(QStringLiteral("/proc/self/task/%1/schedstat").arg(tid));
        if (schedstat.open(QIODevice::ReadOnly)) {
            const QList<QByteArray> sched = schedstat.readAll().simplified().split(' ');
            if (sched.size() >= 2)
                thread.waitSeconds = double(sched.at(1).toLongLong()) / 1e9;
        }
        threads.insert(tid, thread);
    }
    return threads;
}

// Every request that reached a server: when (steady clock) and which server.
struct Arrival
{
    Clock::time_point at;
    int server = 0;
};

// The loopback endpoints, one ScriptedEndpoint (its own QTcpServer and port) each, all living in one
// thread: the main thread or a thread of their own. Each answers 200 {"message_id": ...} after delayMs.
class Servers
{
public:
    Servers(int count, int delayMs, bool ownThread)
        : count_(count)
        , delayMs_(delayMs)
        , ownThread_(ownThread)
    {}

    ~Servers() { stop(); }

    bool start(QString *error)
    {
        arrivals_.reserve(100000);
        const auto create = [this, error] {
            for (int i = 0; i < count_; ++i) {
                auto *server = new ScriptedEndpoint;
                server->setRecordBodies(false);
                server->setHandler([this, i](const RecordedRequest &request) { return answer(i, request); });
                if (!server->listen()) {
                    *error = QStringLiteral("server %1 cannot listen on 127.0.0.1").arg(i);
                    delete server;
                    return;
                }
                urls_.append(server->url());
                servers_.push_back(server);
            }
        };
        if (ownThread_) {
            thread_.setObjectName(QStringLiteral("servers"));
            thread_.start();
            QObject context;
            context.moveToThread(&thread_);
            QMetaObject::invokeMethod(&context, create, Qt::BlockingQueuedConnection);
        } else {
            create();
        }
        return int(servers_.size()) == count_;
    }

    void stop()
    {
        const auto destroy = [this] {
            for (ScriptedEndpoint *server : servers_) {
                server->close();
                delete server;
            }
            servers_.clear();
        };
        if (!ownThread_) {
            destroy();
            return;
        }
        if (!thread_.isRunning())
            return;
        QObject context;
        context.moveToThread(&thread_);
        QMetaObject::invokeMethod(&context, destroy, Qt::BlockingQueuedConnection);
        thread_.quit();
        thread_.wait();
    }

    QUrl url(int i) const { return urls_.at(i); }

    std::vector<Arrival> arrivals() const
    {
        QMutexLocker locker(&mutex_);
        return arrivals_;
    }

private:
    ScriptedResponse answer(int server, const RecordedRequest &request)
    {
        {
            QMutexLocker locker(&mutex_);
            arrivals_.push_back({Clock::now(), server});
        }
        ScriptedResponse response = ScriptedResponse::json(
            200, {{QStringLiteral("message_id"), request.json().value(QStringLiteral("message_id"))}});
        response.delayMs = delayMs_;
        return response;
    }

    const int count_;
    const int delayMs_;
    const bool ownThread_;
    QThread thread_;
    std::vector<ScriptedEndpoint *> servers_;
    QList<QUrl> urls_;
    mutable QMutex mutex_;
    std::vector<Arrival> arrivals_;
};

// The most requests any 'window' of time held at the servers at once, counting each request as held for
// 'window' after it arrived (the servers answer after exactly that delay): how close the engine came to
// every lane's full max_in_flight.
int peakHeld(std::vector<Arrival> arrivals, std::chrono::milliseconds window)
{
    std::sort(arrivals.begin(), arrivals.end(),
              [](const Arrival &a, const Arrival &b) { return a.at < b.at; });
    int peak = 0;
    size_t first = 0;
    for (size_t i = 0; i < arrivals.size(); ++i) {
        while (arrivals[i].at - arrivals[first].at >= window)
            ++first;
        peak = qMax(peak, int(i - first + 1));
    }
    return peak;
}

bool countRows(Database &db, const QString &sql, int *out, QString *error)
{
    QSqlQuery query = db.prepare(sql);
    if (!db.exec(query, error))
        return false;
    *out = query.next() ? query.value(0).toInt() : 0;
    return true;
}

// The same order payload as bench_delivery's, so request bodies are comparable.
Message orderMessage(int n)
{
    Message message;
    message.type = kType;
    message.id = ObjectId::generate();
    const QJsonArray items{QJsonObject{{QStringLiteral("sku"), QStringLiteral("TSHIRT-BLK-M")},
                                       {QStringLiteral("quantity"), 2},
                                       {QStringLiteral("price"), QStringLiteral("19.99")}},
                           QJsonObject{{QStringLiteral("sku"), QStringLiteral("MUG-WHT")},
                                       {QStringLiteral("quantity"), 1},
                                       {QStringLiteral("price"), QStringLiteral("12.50")}}};
    message.payload = {
        {QStringLiteral("order"),
         QJsonObject{{QStringLiteral("number"), QStringLiteral("R%1").arg(100000000 + n)},
                     {QStringLiteral("email"), QStringLiteral("customer%1@example.com").arg(n % 1000)},
                     {QStringLiteral("currency"), QStringLiteral("USD")},
                     {QStringLiteral("total"), QStringLiteral("52.48")},
                     {QStringLiteral("line_items"), items}}}};
    return message;
}

// The soft limit on open files up to the hard one: every endpoint has a listening socket and both ends
// of up to max_in_flight connections in this process.
rlim_t raiseOpenFileLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 0;
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
        getrlimit(RLIMIT_NOFILE, &limit);
    }
    return limit.rlim_cur;
}

int fail(const QString &error)
{
    std::fprintf(stderr, "bench_fanout: %s\n", qPrintable(error));
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench_fanout"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Fan-out: durable deliveries/s to many endpoints, each its own lane and loopback "
                       "server, against the bound the endpoints' latency allows; wall time and peak RSS."));
    parser.addHelpOption();
    const QCommandLineOption endpointsOption(QStringLiteral("endpoints"),
                                             QStringLiteral("Endpoints, one server each (default 100)."),
                                             QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption messagesOption(
        QStringLiteral("messages"),
        QStringLiteral("Messages, each delivered to every endpoint (default 30)."), QStringLiteral("N"),
        QStringLiteral("30"));
    const QCommandLineOption delayOption(QStringLiteral("delay-ms"),
                                         QStringLiteral("Each server answers after this long (default 100)."),
                                         QStringLiteral("MS"), QStringLiteral("100"));
    const QCommandLineOption inFlightOption(QStringLiteral("max-in-flight"),
                                            QStringLiteral("Every endpoint's max_in_flight (default 6)."),
                                            QStringLiteral("N"), QStringLiteral("6"));
    const QCommandLineOption serversOption(
        QStringLiteral("servers"),
        QStringLiteral("Where the servers run: 'thread' (a thread of their own, default) or 'main' (the "
                       "benchmark's main thread)."),
        QStringLiteral("WHERE"), QStringLiteral("thread"));
    parser.addOptions({endpointsOption, messagesOption, delayOption, inFlightOption, serversOption});
    parser.process(app);

    bool ok1 = false, ok2 = false, ok3 = false, ok4 = false;
    const int endpoints = parser.value(endpointsOption).toInt(&ok1);
    const int messages = parser.value(messagesOption).toInt(&ok2);
    const int delayMs = parser.value(delayOption).toInt(&ok3);
    const int maxInFlight = parser.value(inFlightOption).toInt(&ok4);
    if (!ok1 || !ok2 || !ok3 || !ok4 || endpoints < 1 || messages < 1 || delayMs < 0 || maxInFlight < 1)
        return fail(QStringLiteral("--endpoints, --messages and --max-in-flight must be positive, --delay-ms "
                                   "not negative"));
    const QString where = parser.value(serversOption);
    if (where != QStringLiteral("thread") && where != QStringLiteral("main"))
        return fail(QStringLiteral("--servers is 'thread' or 'main'"));
    const int deliveries = endpoints * messages;
    const rlim_t openFiles = raiseOpenFileLimit();

    QString error;
    Servers servers(endpoints, delayMs, where == QStringLiteral("thread"));
    if (!servers.start(&error))
        return fail(error);

    double seconds = 0;
    CpuMeter::Use cpu;
    int delivered = 0;
    int attempts = 0;
    double setupSeconds = 0;
    qint64 setupPeakKb = 0;
    QMap<QString, ThreadCpu> threadsBefore;
    QMap<QString, ThreadCpu> threadsAfter;
    Clock::time_point started;
    {
        EngineHarness harness;
        if (!harness.isValid())
            return fail(harness.error());
        QElapsedTimer setupClock;
        setupClock.start();
        QJsonArray endpointConfigs;
        QJsonArray mappingConfigs;
        for (int i = 0; i < endpoints; ++i) {
            const QString name = QStringLiteral("ep%1").arg(i, 4, 10, QLatin1Char('0'));
            QJsonObject endpoint = testEndpoint(name, servers.url(i));
            endpoint.insert(QStringLiteral("max_in_flight"), maxInFlight);
            endpointConfigs.append(endpoint);
            mappingConfigs.append(
                testMapping(QStringLiteral("map-") + name, name, QStringLiteral("/orders"), {kType}));
        }
        error = harness.importConfig(
            {{QStringLiteral("endpoints"), endpointConfigs}, {QStringLiteral("mappings"), mappingConfigs}});
        if (!error.isEmpty())
            return fail(QStringLiteral("config import: %1").arg(error));
        QList<Message> batch;
        for (int i = 0; i < messages; ++i)
            batch.append(orderMessage(i));
        if (harness.pushAll(batch).size() != messages)
            return fail(QStringLiteral("not every message was accepted"));
        int queued = 0;
        if (!countRows(harness.db(), QStringLiteral("SELECT COUNT(*) FROM deliveries"), &queued, &error))
            return fail(error);
        if (queued != deliveries)
            return fail(QStringLiteral("%1 deliveries queued, expected %2").arg(queued).arg(deliveries));
        setupSeconds = double(setupClock.nsecsElapsed()) / 1e9;
        setupPeakKb = peakRssKb();

        std::printf("bench_fanout: %d endpoints x %d messages = %d deliveries, answer after %d ms, "
                    "max_in_flight %d, servers in %s\n",
                    endpoints, messages, deliveries, delayMs, maxInFlight,
                    where == QStringLiteral("thread") ? "a thread of their own" : "the main thread");
        std::fflush(stdout);

        // Engine start to idle; only what the database holds as delivered counts.
        CpuMeter meter;
        QElapsedTimer clock;
        threadsBefore = threadCpu();
        started = Clock::now();
        meter.start();
        clock.start();
        if (!harness.runUntilIdle(600 * 1000))
            return fail(QStringLiteral("the engine was not idle within 600 s"));
        seconds = double(clock.nsecsElapsed()) / 1e9;
        cpu = meter.stop();
        threadsAfter = threadCpu();
        if (!countRows(harness.db(),
                       QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'delivered'"),
                       &delivered, &error) ||
            !countRows(harness.db(), QStringLiteral("SELECT COUNT(*) FROM attempts"), &attempts, &error))
            return fail(error);
    }
    const std::vector<Arrival> arrivals = servers.arrivals();
    servers.stop();

    std::vector<int> perServer(size_t(endpoints), 0);
    Clock::time_point last = started;
    for (const Arrival &arrival : arrivals) {
        ++perServer[size_t(arrival.server)];
        last = qMax(last, arrival.at);
    }
    const int fewest = *std::min_element(perServer.begin(), perServer.end());
    const int most = *std::max_element(perServer.begin(), perServer.end());
    const Clock::time_point first =
        arrivals.empty()
            ? started
            : std::min_element(arrivals.begin(), arrivals.end(), [](const Arrival &a, const Arrival &b) {
                  return a.at < b.at;
              })->at;

    const double perSecond = delivered / seconds;
    const double bound = delayMs > 0 ? double(endpoints) * maxInFlight * 1000.0 / delayMs : 0;
    QTextStream out(stdout);
    out << QStringLiteral("  setup (config import, push of %1 messages): %2 s\n")
               .arg(messages)
               .arg(setupSeconds, 0, 'f', 3)
        << QStringLiteral("  start to idle: %1 of %2 delivered (%3 attempts, %4 requests seen) in %5 s = %6 "
                          "deliveries/s\n")
               .arg(delivered)
               .arg(deliveries)
               .arg(attempts)
               .arg(arrivals.size())
               .arg(seconds, 0, 'f', 3)
               .arg(perSecond, 0, 'f', 0);
    if (bound > 0)
        out << QStringLiteral("  latency bound %1 x %2 / %3 s = %4 deliveries/s; ratio %5 (target >= 0.5)\n")
                   .arg(endpoints)
                   .arg(maxInFlight)
                   .arg(delayMs / 1000.0, 0, 'f', 3)
                   .arg(bound, 0, 'f', 0)
                   .arg(perSecond / bound, 0, 'f', 3);
    out << QStringLiteral("  first request at %1 s, last at %2 s after start; requests per server %3 to %4\n")
               .arg(secondsSince(started, first), 0, 'f', 3)
               .arg(secondsSince(started, last), 0, 'f', 3)
               .arg(fewest)
               .arg(most);
    if (delayMs > 0) {
        // Requests arrived in each delay-long slice after the start: a full round of every lane is
        // endpoints x max_in_flight.
        QList<int> slices;
        for (const Arrival &arrival : arrivals) {
            const auto slice = qsizetype(secondsSince(started, arrival.at) * 1000.0 / delayMs);
            if (slices.size() <= slice)
                slices.resize(slice + 1, 0);
            ++slices[slice];
        }
        out << QStringLiteral("  requests per %1 ms after the start:").arg(delayMs);
        for (int count : std::as_const(slices))
            out << ' ' << count;
        out << "\n";
    }
    if (delayMs > 0)
        out << QStringLiteral("  most requests held by the servers at once: %1 (all lanes full: %2)\n")
                   .arg(peakHeld(arrivals, std::chrono::milliseconds(delayMs)))
                   .arg(endpoints * maxInFlight);
    out << QStringLiteral("  CPU: this process %1 cores, other processes %2 cores (%3 cores)\n")
               .arg(cpu.process, 0, 'f', 2)
               .arg(cpu.others, 0, 'f', 2)
               .arg(QThread::idealThreadCount())
        << "  by thread, start to idle: CPU seconds (ms per delivery), seconds runnable but waiting for a "
           "CPU\n";
    for (auto it = threadsAfter.cbegin(); it != threadsAfter.cend(); ++it) {
        const ThreadCpu before = threadsBefore.value(it.key());
        const double used = it->seconds - before.seconds;
        if (used < 0.01)
            continue;
        out << QStringLiteral("    %1: %2 s CPU (%3 ms per delivery)")
                   .arg(it->name, -16)
                   .arg(used, 0, 'f', 2)
                   .arg(used * 1000.0 / qMax(1, delivered), 0, 'f', 3);
        if (it->waitSeconds >= 0)
            out << QStringLiteral(", %1 s waiting for a CPU")
                       .arg(it->waitSeconds - qMax(0.0, before.waitSeconds), 0, 'f', 2);
        out << "\n";
    }
    out << QStringLiteral("  peak RSS (ru_maxrss, whole process: servers, engine, harness): %1 MiB; %2 MiB "
                          "before the engine started (servers listening, config imported, messages pushed)\n")
               .arg(double(peakRssKb()) / 1024.0, 0, 'f', 1)
               .arg(double(setupPeakKb) / 1024.0, 0, 'f', 1)
        << QStringLiteral("  open-file limit %1\n").arg(qulonglong(openFiles));
    out.flush();

    if (delivered != deliveries || attempts != deliveries || int(arrivals.size()) != deliveries)
        return fail(QStringLiteral("expected %1 deliveries delivered with one attempt and one request each")
                        .arg(deliveries));
    std::printf("  all %d deliveries delivered\n", deliveries);
    return 0;
}
