// Delivery benchmark: durable end-to-end deliveries/s of the engine next to a bare QNetworkAccessManager
// loop against the same loopback keep-alive endpoint, push-to-delivery latency on an idle queue, and
// peak RSS. Run by hand (tests/benchmarks/run-benchmarks.sh, `make benchmark`); docs/benchmarks.md
// explains the figures.

#include "config/ConfigFile.h"
#include "CpuMeter.h"
#include "engine/Engine.h"
#include "model/Message.h"
#include "ScriptedEndpoint.h"
#include "secrets/CredentialStore.h"
#include "storage/Database.h"
#include "storage/DatabaseLocation.h"
#include "storage/MessageRepository.h"
#include "utils/ObjectId.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QMutexLocker>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <optional>

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kBareInFlight = 6;  // the engine's endpoint gets max_in_flight 6 too
constexpr int kLatencyWarmup = 5; // idle-queue round trips done before sampling, not counted
constexpr int kPhaseTimeoutMs = 600 * 1000;
constexpr int kSampleTimeoutMs = 10 * 1000;
constexpr double kTargetRatio = 0.80;
constexpr double kTargetP50Ms = 5.0;
constexpr double kTargetStoredRatio = 0.9; // deliveries/s with a long history against an empty database
constexpr double kDriftWarning = 0.10;     // the two bare loops differ more: the machine's speed changed

const QString kType = QStringLiteral("order:new");
const QString kPath = QStringLiteral("/orders");

double msBetween(Clock::time_point from, Clock::time_point to)
{
    return std::chrono::duration<double, std::milli>(to - from).count();
}

// A realistic small order:new payload; with its envelope the request body is about 300 bytes.
QJsonObject orderPayload(int n)
{
    const QString number = QStringLiteral("R%1").arg(100000000 + n);
    const QJsonArray items{
        QJsonObject{{QStringLiteral("sku"), QStringLiteral("TSHIRT-BLK-M")},
                    {QStringLiteral("quantity"), 2},
                    {QStringLiteral("price"), QStringLiteral("19.99")}},
        QJsonObject{{QStringLiteral("sku"), QStringLiteral("MUG-WHT")},
                    {QStringLiteral("quantity"), 1},
                    {QStringLiteral("price"), QStringLiteral("12.50")}},
    };
    const QJsonObject order{
        {QStringLiteral("number"), number},
        {QStringLiteral("email"), QStringLiteral("customer%1@example.com").arg(n % 1000)},
        {QStringLiteral("currency"), QStringLiteral("USD")},
        {QStringLiteral("total"), QStringLiteral("52.48")},
        {QStringLiteral("line_items"), items},
        {QStringLiteral("ship_address"), QJsonObject{{QStringLiteral("city"), QStringLiteral("Portland")},
                                                     {QStringLiteral("country"), QStringLiteral("US")}}}};
    return {{QStringLiteral("order"), order}};
}

Message orderMessage(int n)
{
    Message message;
    message.type = kType;
    message.id = ObjectId::generate();
    message.payload = orderPayload(n);
    return message;
}

// The body the dispatcher sends for a message (Dispatcher::requestBody without parameters).
QByteArray envelope(const Message &message)
{
    const QJsonObject body{{QStringLiteral("message"), message.type},
                           {QStringLiteral("message_id"), message.id},
                           {QStringLiteral("payload"), message.payload}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

// kB from /proc/self/status ("VmHWM", "VmRSS"); -1 when unreadable.
qint64 procStatusKb(const QByteArray &key)
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(key + ':'))
            return line.mid(key.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// Resets VmHWM to the current RSS (Linux 4.0+), so each phase's peak can be read on its own. Heap the
// previous phase freed is handed back first, so it does not count towards the next phase.
bool resetPeakRss()
{
    malloc_trim(0);
    QFile file(QStringLiteral("/proc/self/clear_refs"));
    return file.open(QIODevice::WriteOnly) && file.write("5") == 1;
}

// Nearest-rank percentile of sorted values.
double percentile(const QList<double> &sorted, double p)
{
    if (sorted.isEmpty())
        return 0;
    const auto rank = qsizetype(std::ceil(p / 100.0 * double(sorted.size())));
    return sorted.at(qBound<qsizetype>(0, rank - 1, sorted.size() - 1));
}

// Waits with a running event loop until done() holds, or timeoutMs passes. Whatever makes done() true
// must also quit the loop.
bool waitFor(const std::function<bool()> &done, int timeoutMs, QEventLoop *loop)
{
    if (done())
        return true;
    QTimer watchdog;
    watchdog.setSingleShot(true);
    QObject::connect(&watchdog, &QTimer::timeout, loop, &QEventLoop::quit);
    watchdog.start(timeoutMs);
    while (!done() && watchdog.isActive())
        loop->exec(QEventLoop::ExcludeUserInputEvents);
    return done();
}

// The loopback endpoint on a thread of its own, so neither the bare loop nor the engine shares an event
// loop with it. Answers as a webhook does (200 {"message_id": ...}); while arrivals are watched it notes
// the steady-clock time each message_id arrived.
class EndpointThread
{
public:
    bool start(QString *error)
    {
        endpoint_ = new ScriptedEndpoint;
        endpoint_->setRecordBodies(false);
        endpoint_->moveToThread(&thread_);
        thread_.setObjectName(QStringLiteral("endpoint"));
        thread_.start();
        bool listening = false;
        QMetaObject::invokeMethod(
            endpoint_,
            [this, &listening] {
                endpoint_->setHandler([this](const RecordedRequest &request) { return answer(request); });
                listening = endpoint_->listen();
                url_ = endpoint_->url();
            },
            Qt::BlockingQueuedConnection);
        if (!listening)
            *error = QStringLiteral("the endpoint cannot listen on 127.0.0.1");
        return listening;
    }

    void stop()
    {
        if (!thread_.isRunning())
            return;
        QMetaObject::invokeMethod(
            endpoint_,
            [this] {
                endpoint_->close();
                delete endpoint_;
            },
            Qt::BlockingQueuedConnection);
        endpoint_ = nullptr;
        thread_.quit();
        thread_.wait();
    }

    ~EndpointThread() { stop(); }

    QUrl url() const { return url_; }
    int requestCount() const { return endpoint_->requestCount(); }

    void watchArrivals(bool on) { watching_ = on; }
    std::optional<Clock::time_point> arrivalOf(const QString &messageId) const
    {
        QMutexLocker locker(&mutex_);
        const auto it = arrivals_.constFind(messageId);
        return it == arrivals_.cend() ? std::nullopt : std::optional<Clock::time_point>(*it);
    }

private:
    ScriptedResponse answer(const RecordedRequest &request)
    {
        const Clock::time_point now = Clock::now();
        const QJsonValue id = request.json().value(QStringLiteral("message_id"));
        if (watching_) {
            QMutexLocker locker(&mutex_);
            arrivals_.insert(id.toString(), now);
        }
        return ScriptedResponse::json(200, {{QStringLiteral("message_id"), id}});
    }

    QThread thread_;
    ScriptedEndpoint *endpoint_ = nullptr;
    QUrl url_;
    std::atomic<bool> watching_{false};
    mutable QMutex mutex_;
    QHash<QString, Clock::time_point> arrivals_;
};

struct BareRun
{
    double seconds = 0;
    double perSecond = 0;
    CpuMeter::Use cpu;
};

struct Results
{
    int messages = 0;
    int bodyBytes = 0;

    BareRun bareBefore; // before the engine
    BareRun bareAfter;  // after it, to see whether the machine's speed changed meanwhile
    qint64 barePeakKb = -1;
    qint64 pushPeakKb = -1;

    double pushSeconds = 0;
    double engineSeconds = 0;
    double enginePerSecond = 0;
    CpuMeter::Use engineCpu;
    int delivered = 0;
    int attempts = 0;
    int endpointRequests = 0;
    qint64 enginePeakKb = -1;

    QList<double> pushToEndpointMs; // sorted
    QList<double> pushToRecordedMs; // sorted
    QList<double> acceptMs;         // sorted
    qint64 latencyPeakKb = -1;

    qint64 peakKb = -1;
    bool perPhasePeaks = false;

    // The same engine phase on a database that already holds `stored` delivered messages (--stored).
    int stored = 0;
    double storedSeedSeconds = 0;
    double storedPushSeconds = 0;
    double storedEngineSeconds = 0;
    double storedEnginePerSecond = 0;
    CpuMeter::Use storedEngineCpu;

    double storedRatio() const { return enginePerSecond > 0 ? storedEnginePerSecond / enginePerSecond : 0; }

    double barePerSecond() const { return (bareBefore.perSecond + bareAfter.perSecond) / 2; }
    double bareDrift() const
    {
        return barePerSecond() > 0 ? qAbs(bareBefore.perSecond - bareAfter.perSecond) / barePerSecond() : 0;
    }
    double ratio() const { return barePerSecond() > 0 ? enginePerSecond / barePerSecond() : 0; }
};

// N posts from a bare QNetworkAccessManager in this thread, kBareInFlight at a time.
bool runBareLoop(const QUrl &url, int count, BareRun *run, QString *error)
{
    QNetworkAccessManager network;
    QNetworkRequest request(url.resolved(QUrl(kPath)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("User-Agent", "Integrator-bench");
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);

    QEventLoop loop;
    int started = 0;
    int finished = 0;
    int failures = 0;
    std::function<void()> postNext = [&] {
        const Message message = orderMessage(started++);
        QNetworkReply *reply = network.post(request, envelope(message));
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
            reply->readAll();
            if (reply->error() != QNetworkReply::NoError ||
                reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
                ++failures;
            reply->deleteLater();
            ++finished;
            if (started < count)
                postNext();
            else if (finished == count)
                loop.quit();
        });
    };

    QElapsedTimer clock;
    CpuMeter cpu;
    clock.start();
    cpu.start();
    for (int i = 0; i < qMin(kBareInFlight, count); ++i)
        postNext();
    if (!waitFor([&] { return finished == count; }, kPhaseTimeoutMs, &loop)) {
        *error = QStringLiteral("bare loop: only %1 of %2 posts finished").arg(finished).arg(count);
        return false;
    }
    run->seconds = double(clock.nsecsElapsed()) / 1e9;
    run->cpu = cpu.stop();
    run->perSecond = count / run->seconds;
    if (failures > 0) {
        *error = QStringLiteral("bare loop: %1 posts failed").arg(failures);
        return false;
    }
    return true;
}

bool countRows(const Database &db, const QString &sql, int *out, QString *error)
{
    QSqlQuery query = db.prepare(sql);
    if (!db.exec(query, error))
        return false;
    *out = query.next() ? query.value(0).toInt() : 0;
    return true;
}

class EngineBench
{
public:
    EngineBench(EndpointThread &endpoint, Results &results)
        : endpoint_(endpoint)
        , results_(results)
        , location_(DatabaseLocation::sqlite(dir_.filePath(QStringLiteral("bench.sqlite"))))
        , db_(location_, QStringLiteral("bench-main"))
        , credentials_(QStringLiteral("Integrator-bench"))
    {}

    ~EngineBench()
    {
        if (engine_)
            engine_->stop();
    }

    bool setUp(QString *error)
    {
        if (!dir_.isValid()) {
            *error = QStringLiteral("no temporary folder");
            return false;
        }
        if (!db_.open(error))
            return false;
        const QJsonObject config{
            {QStringLiteral("endpoints"),
             QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("bench")},
                                    {QStringLiteral("url"), endpoint_.url().toString()},
                                    {QStringLiteral("max_in_flight"), kBareInFlight}}}},
            {QStringLiteral("mappings"),
             QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("orders")},
                                    {QStringLiteral("endpoint"), QStringLiteral("bench")},
                                    {QStringLiteral("path"), kPath},
                                    {QStringLiteral("messages"), QJsonArray{kType}}}}}};
        ConfigFile::ImportSummary summary;
        if (!ConfigFile::import(QJsonDocument(config).toJson(), db_, credentials_, &summary, error))
            return false;
        store_ = std::make_unique<MessageRepository>(db_);
        engine_ = std::make_unique<Engine>(location_, &credentials_);
        QObject::connect(engine_.get(), &Engine::idle, &loop_, [this] {
            ++idles_;
            loop_.quit();
        });
        QObject::connect(engine_.get(), &Engine::recorded, &loop_, [this] {
            ++recordedBatches_;
            lastRecorded_ = Clock::now();
        });
        QObject::connect(engine_.get(), &Engine::databaseUnreachable, &loop_, [this](const QString &message) {
            failure_ = message;
            loop_.quit();
        });
        return true;
    }

    // History as the engine leaves it: `count` order:new messages delivered once each (message,
    // delivery, attempt), written straight into the tables in one transaction so millions take a minute
    // instead of hours. Their ids (zero-padded counters) cannot meet the engine's ObjectIds.
    bool seedDelivered(int count, QString *error)
    {
        const QString numbers =
            QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) ")
                .arg(count);
        const qint64 start = Database::nowMs() - 2LL * count;
        const QStringList statements{
            numbers + QStringLiteral("INSERT INTO messages (message_id, type, payload, source, created_at)"
                                     " SELECT printf('%024x', i), ?, ?, 'push', ? + 2 * i FROM n"),
            QStringLiteral(
                "INSERT INTO deliveries (message_row, mapping_id, endpoint_id, state, attempts, last_status,"
                " updated_at) SELECT m.id, mp.id, mp.endpoint_id, 'delivered', 1, 200, m.created_at + 1"
                " FROM messages m, mappings mp WHERE mp.name = 'orders'"),
            QStringLiteral(
                "INSERT INTO attempts (delivery_id, kind, url, request_headers, status, response_headers,"
                " response_body, outcome, started_at, duration_ms) SELECT d.id, 'post', ?, ?, 200, ?,"
                " '{\"message_id\":\"' || m.message_id || '\"}', 'delivered', d.updated_at - 1, 1"
                " FROM deliveries d JOIN messages m ON m.id = d.message_row"),
        };
        const QList<QVariantList> values{
            {kType, QJsonDocument(orderPayload(0)).toJson(QJsonDocument::Compact), start},
            {},
            {endpoint_.url().toString() + kPath,
             QStringLiteral("{\"Content-Type\":\"application/json\",\"X-Hub-Store\":\"bench\"}"),
             QStringLiteral("{\"content-length\":\"38\",\"content-type\":\"application/json\"}")},
        };
        WriteTransaction transaction(db_);
        if (!transaction.begin(error))
            return false;
        for (int i = 0; i < statements.size(); ++i) {
            QSqlQuery query = db_.prepare(statements.at(i));
            for (int v = 0; v < values.at(i).size(); ++v)
                query.bindValue(v, values.at(i).at(v));
            if (!db_.exec(query, error))
                return false;
        }
        seeded_ = count;
        return transaction.commit(error);
    }

    // Phase 2a: N messages pushed in one batch, before the engine starts.
    bool pushBatch(int count, QString *error)
    {
        QList<Message> messages;
        messages.reserve(count);
        for (int i = 0; i < count; ++i)
            messages.append(orderMessage(i));
        QStringList accepted;
        QElapsedTimer pushClock;
        pushClock.start();
        if (!store_->accept(messages, QStringLiteral("push"), &accepted, error))
            return false;
        results_.pushSeconds = double(pushClock.nsecsElapsed()) / 1e9;
        if (accepted.size() != count) {
            *error = QStringLiteral("accepted %1 of %2 messages").arg(accepted.size()).arg(count);
            return false;
        }
        return true;
    }

    // Phase 2b: the engine started and run until idle; only deliveries the database holds count.
    bool runUntilIdle(int count, QString *error)
    {
        const int requestsBefore = endpoint_.requestCount();
        QElapsedTimer clock;
        CpuMeter cpu;
        clock.start();
        cpu.start();
        if (!engine_->start(error))
            return false;
        if (!waitFor([this] { return idles_ > 0 || !failure_.isEmpty(); }, kPhaseTimeoutMs, &loop_) ||
            !failure_.isEmpty()) {
            *error = failure_.isEmpty()
                         ? QStringLiteral("the engine was not idle within %1 s").arg(kPhaseTimeoutMs / 1000)
                         : QStringLiteral("the engine failed: %1").arg(failure_);
            return false;
        }
        results_.engineSeconds = double(clock.nsecsElapsed()) / 1e9;
        results_.engineCpu = cpu.stop();
        results_.endpointRequests = endpoint_.requestCount() - requestsBefore;

        // Durable: only what the database holds as delivered counts (the seeded history aside).
        if (!countRows(db_, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'delivered'"),
                       &results_.delivered, error) ||
            !countRows(db_, QStringLiteral("SELECT COUNT(*) FROM attempts"), &results_.attempts, error))
            return false;
        results_.delivered -= seeded_;
        results_.attempts -= seeded_;
        results_.enginePerSecond = results_.delivered / results_.engineSeconds;
        if (results_.delivered != count) {
            *error = QStringLiteral("only %1 of %2 deliveries are recorded as delivered")
                         .arg(results_.delivered)
                         .arg(count);
            return false;
        }
        return true;
    }

    // Phase 3: one message at a time on the idle, running engine.
    bool runLatency(int samples, QString *error)
    {
        endpoint_.watchArrivals(true);
        for (int i = 0; i < kLatencyWarmup + samples; ++i) {
            const Message message = orderMessage(1000000 + i);
            const int idlesBefore = idles_;
            const int recordedBefore = recordedBatches_;
            QStringList accepted;
            const Clock::time_point pushed = Clock::now();
            if (!store_->accept({message}, QStringLiteral("push"), &accepted, error))
                return false;
            const Clock::time_point stored = Clock::now();
            engine_->wake();
            if (!waitFor([&] { return idles_ > idlesBefore || !failure_.isEmpty(); }, kSampleTimeoutMs,
                         &loop_) ||
                !failure_.isEmpty()) {
                *error = failure_.isEmpty() ? QStringLiteral("message %1 was not delivered within %2 s")
                                                  .arg(message.id)
                                                  .arg(kSampleTimeoutMs / 1000)
                                            : QStringLiteral("the engine failed: %1").arg(failure_);
                return false;
            }
            const std::optional<Clock::time_point> arrived = endpoint_.arrivalOf(message.id);
            if (!arrived || recordedBatches_ == recordedBefore) {
                *error =
                    QStringLiteral("message %1: the engine went idle without delivering it").arg(message.id);
                return false;
            }
            if (i < kLatencyWarmup)
                continue;
            results_.acceptMs.append(msBetween(pushed, stored));
            results_.pushToEndpointMs.append(msBetween(pushed, *arrived));
            results_.pushToRecordedMs.append(msBetween(pushed, lastRecorded_));
        }
        endpoint_.watchArrivals(false);
        std::sort(results_.acceptMs.begin(), results_.acceptMs.end());
        std::sort(results_.pushToEndpointMs.begin(), results_.pushToEndpointMs.end());
        std::sort(results_.pushToRecordedMs.begin(), results_.pushToRecordedMs.end());
        int delivered = 0;
        if (!countRows(db_, QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'delivered'"),
                       &delivered, error))
            return false;
        if (delivered != results_.delivered + kLatencyWarmup + samples) {
            *error = QStringLiteral("latency phase: %1 deliveries recorded as delivered, expected %2")
                         .arg(delivered)
                         .arg(results_.delivered + kLatencyWarmup + samples);
            return false;
        }
        return true;
    }

private:
    EndpointThread &endpoint_;
    Results &results_;
    QTemporaryDir dir_;
    DatabaseLocation location_;
    Database db_;
    CredentialStore credentials_;
    std::unique_ptr<MessageRepository> store_;
    std::unique_ptr<Engine> engine_;
    QEventLoop loop_;
    int idles_ = 0;
    int recordedBatches_ = 0;
    Clock::time_point lastRecorded_;
    QString failure_;
    int seeded_ = 0;
};

QString cpuModel()
{
    QFile file(QStringLiteral("/proc/cpuinfo"));
    if (file.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> lines = file.readAll().split('\n');
        for (const QByteArray &line : lines) {
            if (line.startsWith("model name"))
                return QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
        }
    }
    return QSysInfo::currentCpuArchitecture();
}

QString mib(qint64 kb)
{
    return kb < 0 ? QStringLiteral("n/a") : QStringLiteral("%1 MiB").arg(double(kb) / 1024.0, 0, 'f', 1);
}

QString cpuUse(const CpuMeter::Use &use)
{
    return QStringLiteral("CPU: this process %1 cores, other processes %2 cores")
        .arg(use.process, 0, 'f', 2)
        .arg(use.others, 0, 'f', 2);
}

QString yesNo(bool met)
{
    return met ? QStringLiteral("yes") : QStringLiteral("**no**");
}

void printReport(const Results &r, int samples)
{
    QTextStream out(stdout);
    const double p50 = percentile(r.pushToEndpointMs, 50);
    const double p99 = percentile(r.pushToEndpointMs, 99);
    out << "Integrator delivery benchmark\n"
        << "  machine:  " << QThread::idealThreadCount() << " cores, " << cpuModel() << "\n"
        << "  messages: " << r.messages << " order:new, request body " << r.bodyBytes << " bytes, "
        << kBareInFlight << " in flight, loopback keep-alive endpoint on its own thread\n\n"
        << "bare QNetworkAccessManager loop, before and after the engine\n"
        << QStringLiteral("  before: %1 posts in %2 s = %3 posts/s; %4\n")
               .arg(r.messages)
               .arg(r.bareBefore.seconds, 0, 'f', 3)
               .arg(r.bareBefore.perSecond, 0, 'f', 0)
               .arg(cpuUse(r.bareBefore.cpu))
        << QStringLiteral("  after:  %1 posts in %2 s = %3 posts/s; %4\n")
               .arg(r.messages)
               .arg(r.bareAfter.seconds, 0, 'f', 3)
               .arg(r.bareAfter.perSecond, 0, 'f', 0)
               .arg(cpuUse(r.bareAfter.cpu))
        << QStringLiteral("  mean %1 posts/s, the two differ by %2 %\n")
               .arg(r.barePerSecond(), 0, 'f', 0)
               .arg(r.bareDrift() * 100, 0, 'f', 1)
        << (r.bareDrift() > kDriftWarning
                ? QStringLiteral(
                      "  WARNING: the machine's speed changed during the run; the ratio is unreliable\n")
                : QString())
        << "engine (durable: counted as delivered in the database)\n"
        << QStringLiteral("  push of %1 messages in one batch: %2 s\n")
               .arg(r.messages)
               .arg(r.pushSeconds, 0, 'f', 3)
        << QStringLiteral(
               "  start to idle: %1 delivered (%2 attempts, %3 requests seen) in %4 s = %5 deliveries/s\n")
               .arg(r.delivered)
               .arg(r.attempts)
               .arg(r.endpointRequests)
               .arg(r.engineSeconds, 0, 'f', 3)
               .arg(r.enginePerSecond, 0, 'f', 0)
        << "  " << cpuUse(r.engineCpu) << "\n"
        << QStringLiteral("  engine / bare loop (mean): %1 % (target >= %2 %)\n")
               .arg(r.ratio() * 100, 0, 'f', 1)
               .arg(kTargetRatio * 100, 0, 'f', 0)
        << (r.stored > 0 ? QStringLiteral(
                               "engine again, on a database already holding %1 delivered messages (seeded in "
                               "%2 s)\n  push of %3 messages in one batch: %4 s\n  start to idle: %5 s = %6 "
                               "deliveries/s; %7\n  with history / empty database: %8 (target >= 0.9)\n")
                               .arg(r.stored)
                               .arg(r.storedSeedSeconds, 0, 'f', 1)
                               .arg(r.messages)
                               .arg(r.storedPushSeconds, 0, 'f', 3)
                               .arg(r.storedEngineSeconds, 0, 'f', 3)
                               .arg(r.storedEnginePerSecond, 0, 'f', 0)
                               .arg(cpuUse(r.storedEngineCpu))
                               .arg(r.storedRatio(), 0, 'f', 3)
                         : QString())
        << QStringLiteral("latency on an idle queue (%1 samples after %2 warm-up, one message at a time)\n")
               .arg(samples)
               .arg(kLatencyWarmup)
        << QStringLiteral(
               "  push -> endpoint received: p50 %1 ms, p99 %2 ms, max %3 ms (target p50 < %4 ms)\n")
               .arg(p50, 0, 'f', 3)
               .arg(p99, 0, 'f', 3)
               .arg(r.pushToEndpointMs.isEmpty() ? 0.0 : r.pushToEndpointMs.last(), 0, 'f', 3)
               .arg(kTargetP50Ms, 0, 'f', 0)
        << QStringLiteral("  push -> attempt recorded:   p50 %1 ms, p99 %2 ms\n")
               .arg(percentile(r.pushToRecordedMs, 50), 0, 'f', 3)
               .arg(percentile(r.pushToRecordedMs, 99), 0, 'f', 3)
        << QStringLiteral("  of which the accept itself: p50 %1 ms, p99 %2 ms\n")
               .arg(percentile(r.acceptMs, 50), 0, 'f', 3)
               .arg(percentile(r.acceptMs, 99), 0, 'f', 3)
        << "peak RSS (VmHWM; endpoint, bare loop and engine share this process)\n";
    if (r.perPhasePeaks)
        out << "  bare loop phase " << mib(r.barePeakKb) << ", batch push " << mib(r.pushPeakKb)
            << ", engine phase " << mib(r.enginePeakKb) << ", latency phase " << mib(r.latencyPeakKb) << "\n";
    out << "  whole run " << mib(r.peakKb) << "\n\n"
        << "targets: engine >= 80 % of bare loop: " << (r.ratio() >= kTargetRatio ? "met" : "NOT met")
        << "; p50 < 5 ms: " << (p50 < kTargetP50Ms ? "met" : "NOT met") << "\n";
    out.flush();
}

bool writeMarkdown(const QString &path, const Results &r, int samples, QString *error)
{
    const double p50 = percentile(r.pushToEndpointMs, 50);
    const double p99 = percentile(r.pushToEndpointMs, 99);
    QString text;
    QTextStream md(&text);
    md << QStringLiteral("<!-- bench_delivery --messages %1 --latency-samples %2; %3 cores, %4 -->\n\n")
              .arg(r.messages)
              .arg(samples)
              .arg(QThread::idealThreadCount())
              .arg(cpuModel())
       << "| Figure | Measured | Target | Met |\n"
       << "|---|---:|---|---|\n"
       << QStringLiteral("| Bare QNetworkAccessManager loop (%1 in flight), before / after the engine | %2 / "
                         "%3 posts/s | | |\n")
              .arg(kBareInFlight)
              .arg(r.bareBefore.perSecond, 0, 'f', 0)
              .arg(r.bareAfter.perSecond, 0, 'f', 0)
       << QStringLiteral("| Engine, durable deliveries (start to idle) | %1 deliveries/s | | |\n")
              .arg(r.enginePerSecond, 0, 'f', 0)
       << QStringLiteral("| Engine / bare loop (mean of both) | %1 % | >= 80 % | %2 |\n")
              .arg(r.ratio() * 100, 0, 'f', 1)
              .arg(yesNo(r.ratio() >= kTargetRatio))
       << (r.stored > 0
               ? QStringLiteral("| Engine with %1 delivered messages already stored | %2 deliveries/s "
                                "| | |\n| With history / empty database | %3 | >= 0.9 | %4 |\n")
                     .arg(r.stored)
                     .arg(r.storedEnginePerSecond, 0, 'f', 0)
                     .arg(r.storedRatio(), 0, 'f', 3)
                     .arg(yesNo(r.storedRatio() >= kTargetStoredRatio))
               : QString())
       << QStringLiteral("| Push to endpoint, idle queue, p50 | %1 ms | < 5 ms | %2 |\n")
              .arg(p50, 0, 'f', 3)
              .arg(yesNo(p50 < kTargetP50Ms))
       << QStringLiteral("| Push to endpoint, idle queue, p99 | %1 ms | | |\n").arg(p99, 0, 'f', 3)
       << QStringLiteral("| Push to attempt recorded, p50 / p99 | %1 / %2 ms | | |\n")
              .arg(percentile(r.pushToRecordedMs, 50), 0, 'f', 3)
              .arg(percentile(r.pushToRecordedMs, 99), 0, 'f', 3)
       << QStringLiteral("| Push of %1 messages in one batch | %2 s | | |\n")
              .arg(r.messages)
              .arg(r.pushSeconds, 0, 'f', 3)
       << QStringLiteral("| CPU in cores, bare before / engine / bare after | %1 / %2 / %3 | | |\n")
              .arg(r.bareBefore.cpu.process, 0, 'f', 2)
              .arg(r.engineCpu.process, 0, 'f', 2)
              .arg(r.bareAfter.cpu.process, 0, 'f', 2)
       << QStringLiteral("| CPU of other processes meanwhile, in cores | %1 / %2 / %3 | | |\n")
              .arg(r.bareBefore.cpu.others, 0, 'f', 2)
              .arg(r.engineCpu.others, 0, 'f', 2)
              .arg(r.bareAfter.cpu.others, 0, 'f', 2)
       << QStringLiteral("| Peak RSS, whole process | %1 | | |\n").arg(mib(r.peakKb));
    if (r.perPhasePeaks)
        md << QStringLiteral(
                  "| Peak RSS per phase: bare / batch push / engine / latency | %1 / %2 / %3 / %4 | | |\n")
                  .arg(mib(r.barePeakKb), mib(r.pushPeakKb), mib(r.enginePeakKb), mib(r.latencyPeakKb));
    md.flush();
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text.toUtf8()) < 0) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

int fail(const QString &error)
{
    std::fprintf(stderr, "bench_delivery: %s\n", qPrintable(error));
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench_delivery"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Durable deliveries/s of the engine next to a bare QNetworkAccessManager loop, "
                       "push-to-delivery latency on an idle queue, and peak RSS."));
    parser.addHelpOption();
    const QCommandLineOption messagesOption(
        QStringLiteral("messages"), QStringLiteral("Messages for the throughput phases (default 20000)."),
        QStringLiteral("N"), QStringLiteral("20000"));
    const QCommandLineOption samplesOption(
        QStringLiteral("latency-samples"),
        QStringLiteral("Single-message round trips measured (default 200)."), QStringLiteral("N"),
        QStringLiteral("200"));
    const QCommandLineOption outputOption(
        QStringLiteral("output"), QStringLiteral("Also write the figures as a markdown table to FILE."),
        QStringLiteral("FILE"));
    const QCommandLineOption storedOption(
        QStringLiteral("stored"),
        QStringLiteral("Also run the engine phase on a database already holding N delivered messages."),
        QStringLiteral("N"), QStringLiteral("0"));
    parser.addOptions({messagesOption, samplesOption, outputOption, storedOption});
    parser.process(app);

    bool ok = false;
    const int messages = parser.value(messagesOption).toInt(&ok);
    if (!ok || messages < 1)
        return fail(QStringLiteral("--messages must be a positive number"));
    const int samples = parser.value(samplesOption).toInt(&ok);
    if (!ok || samples < 1)
        return fail(QStringLiteral("--latency-samples must be a positive number"));

    const int stored = parser.value(storedOption).toInt(&ok);
    if (!ok || stored < 0)
        return fail(QStringLiteral("--stored must be 0 or a positive number"));

    Results results;
    results.messages = messages;
    results.stored = stored;
    results.bodyBytes = int(envelope(orderMessage(0)).size());
    QString error;

    EndpointThread endpoint;
    if (!endpoint.start(&error))
        return fail(error);

    results.perPhasePeaks = resetPeakRss();
    std::printf("phase 1/4: bare QNetworkAccessManager loop, %d posts\n", messages);
    std::fflush(stdout);
    if (!runBareLoop(endpoint.url(), messages, &results.bareBefore, &error))
        return fail(error);
    results.barePeakKb = procStatusKb("VmHWM");
    qint64 peak = results.barePeakKb;

    {
        EngineBench bench(endpoint, results);
        if (!bench.setUp(&error))
            return fail(error);
        if (results.perPhasePeaks)
            resetPeakRss();
        std::printf("phase 2/4: engine, %d messages pushed in one batch, run until idle\n", messages);
        std::fflush(stdout);
        if (!bench.pushBatch(messages, &error))
            return fail(error);
        results.pushPeakKb = procStatusKb("VmHWM");
        peak = qMax(peak, results.pushPeakKb);
        if (results.perPhasePeaks)
            resetPeakRss();
        if (!bench.runUntilIdle(messages, &error))
            return fail(error);
        results.enginePeakKb = procStatusKb("VmHWM");
        peak = qMax(peak, results.enginePeakKb);

        if (results.perPhasePeaks)
            resetPeakRss();
        std::printf("phase 3/4: latency on an idle queue, %d samples\n", samples);
        std::fflush(stdout);
        if (!bench.runLatency(samples, &error))
            return fail(error);
        results.latencyPeakKb = procStatusKb("VmHWM");
        peak = qMax(peak, results.latencyPeakKb);
    }
    if (stored > 0) {
        Results again = results;
        EngineBench bench(endpoint, again);
        std::printf("phase 3b: engine again, %d messages, on a database holding %d delivered messages\n",
                    messages, stored);
        std::fflush(stdout);
        QElapsedTimer seeding;
        seeding.start();
        if (!bench.setUp(&error) || !bench.seedDelivered(stored, &error))
            return fail(error);
        results.storedSeedSeconds = double(seeding.nsecsElapsed()) / 1e9;
        if (!bench.pushBatch(messages, &error) || !bench.runUntilIdle(messages, &error))
            return fail(error);
        results.storedPushSeconds = again.pushSeconds;
        results.storedEngineSeconds = again.engineSeconds;
        results.storedEnginePerSecond = again.enginePerSecond;
        results.storedEngineCpu = again.engineCpu;
        peak = qMax(peak, procStatusKb("VmHWM"));
    }
    std::printf("phase 4/4: bare QNetworkAccessManager loop again, %d posts\n\n", messages);
    std::fflush(stdout);
    if (!runBareLoop(endpoint.url(), messages, &results.bareAfter, &error))
        return fail(error);
    endpoint.stop();
    results.peakKb = qMax(peak, procStatusKb("VmHWM"));

    printReport(results, samples);
    const QString output = parser.value(outputOption);
    if (!output.isEmpty()) {
        if (!writeMarkdown(output, results, samples, &error))
            return fail(error);
        std::printf("markdown written to %s\n", qPrintable(output));
    }
    return 0;
}
