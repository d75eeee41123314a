#include "Commands.h"

#include "config/ConfigEdits.h"
#include "config/ConfigFile.h"
#include "delivery/EndpointPauseControl.h"
#include "delivery/MessageActions.h"
#include "delivery/WebhookSigner.h"
#include "DemoEndpoint.h"
#include "DemoSetup.h"
#include "engine/Engine.h"
#include "engine/WakeChannel.h"
#include "EraseCommand.h"
#include "http/PushApiServer.h"
#include "polling/StoreConnectionCheck.h"
#include "polling/StorePoller.h"
#include "secrets/DatabasePasswords.h"
#include "SecretsCommands.h"
#include "SignalWatcher.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "storage/DeliveryQueue.h"
#include "storage/EndpointStatusQuery.h"
#include "storage/MessageQuery.h"
#include "storage/MessageRepository.h"
#include "storage/NotificationLog.h"
#include "storage/RetentionPruner.h"
#include "storage/RetentionSettings.h"
#include "storage/StoreRepository.h"
#include "utils/Timestamps.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLockFile>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTextStream>
#include <QThread>
#include <QUrl>

#include <algorithm>
#include <cstdio>

namespace {

// Larger input is refused rather than read whole.
constexpr qint64 kMaxInputBytes = 64LL * 1024 * 1024;

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

void printJson(const QJsonDocument &document)
{
    out() << QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    out().flush();
}

QString cell(const QJsonValue &value)
{
    if (value.isNull() || value.isUndefined())
        return QStringLiteral("-");
    if (value.isDouble())
        return QString::number(value.toDouble());
    return value.toString();
}

QString deliverySummary(const QJsonArray &deliveries)
{
    QStringList parts;
    for (const QJsonValue &delivery : deliveries) {
        QString part = QStringLiteral("%1=%2").arg(delivery[QStringLiteral("mapping")].toString(),
                                                   delivery[QStringLiteral("state")].toString());
        // In brackets: the reason has commas of its own, and commas separate the deliveries.
        if (const QString wait = MessageQuery::waitText(delivery.toObject()); !wait.isEmpty())
            part += QStringLiteral(" [%1]").arg(wait);
        parts << part;
    }
    return parts.isEmpty() ? QStringLiteral("(no mapping)") : parts.join(QStringLiteral(", "));
}

QString optionalCell(const std::optional<qint64> &milliseconds)
{
    return milliseconds ? QStringLiteral("%1 ms").arg(*milliseconds) : QStringLiteral("-");
}

QStringList endpointRow(const EndpointStatus &status)
{
    return {status.name,
            status.url,
            EndpointFlow::stateName(status.state),
            QString::number(status.inFlight),
            QString::number(status.pending),
            status.successRate ? QString::number(*status.successRate * 100, 'f', 1) + QLatin1Char('%')
                               : QStringLiteral("-"),
            optionalCell(status.latencyP50Ms),
            optionalCell(status.latencyP95Ms),
            status.pausedReason.isEmpty() ? QStringLiteral("-") : status.pausedReason};
}

// Columns as wide as their widest cell, two spaces apart; numbers right-aligned, the last column as is.
void printTable(const QList<QStringList> &rows, const QList<int> &numericColumns)
{
    QList<qsizetype> widths;
    for (const QStringList &row : rows) {
        widths.resize(qMax(widths.size(), row.size()));
        for (int column = 0; column < row.size(); ++column)
            widths[column] = qMax(widths.at(column), row.at(column).size());
    }
    for (const QStringList &row : rows) {
        QStringList cells;
        for (int column = 0; column < row.size(); ++column) {
            const QString &text = row.at(column);
            if (column == row.size() - 1)
                cells << text;
            else if (numericColumns.contains(column))
                cells << text.rightJustified(widths.at(column));
            else
                cells << text.leftJustified(widths.at(column));
        }
        out() << cells.join(QStringLiteral("  ")) << '\n';
    }
    out().flush();
}

} // namespace

Commands::Commands(const QCommandLineParser &parser, QStringList arguments, DatabaseLocation location)
    : parser_(parser)
    , arguments_(std::move(arguments))
    , location_(std::move(location))
{}

int Commands::fail(const QString &message, int status) const
{
    std::fprintf(stderr, "integrator: %s\n", qUtf8Printable(message));
    return status;
}

bool Commands::json() const
{
    return parser_.isSet(QStringLiteral("json"));
}

void Commands::warnIfSecretsLocked(const Database &db) const
{
    const QString reason = credentials_.lockedReason(db);
    if (!reason.isEmpty())
        std::fprintf(stderr, "integrator: %s\n", qUtf8Printable(reason));
}

void Commands::resolvePassword()
{
    if (!location_.needsPassword())
        return;
    QString error;
    if (const std::optional<QString> password = DatabasePasswords(credentials_).read(location_, &error))
        location_.postgresUrl.setPassword(*password);
    else if (!error.isEmpty())
        std::fprintf(stderr, "integrator: %s\n", qUtf8Printable(error));
}

bool Commands::openDatabase(std::unique_ptr<Database> *db)
{
    if (!keyLoaded_) {
        credentials_.setKeyFile(parser_.value(QStringLiteral("master-key-file")));
        credentials_.loadMasterKey();
        keyLoaded_ = true;
    }
    resolvePassword();
    *db = std::make_unique<Database>(location_, QStringLiteral("main"));
    QString error;
    if ((*db)->open(&error))
        return true;
    fail(error);
    return false;
}

bool Commands::readInput(const QString &path, QByteArray *data)
{
    QFile file;
    const bool isStdin = path.isEmpty() || path == QLatin1String("-");
    const bool opened = isStdin ? file.open(stdin, QIODevice::ReadOnly)
                                : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened) {
        fail(QStringLiteral("cannot read %1: %2")
                 .arg(isStdin ? QStringLiteral("standard input") : path, file.errorString()));
        return false;
    }
    // A pipe hands over its data in pieces: read until end of input, never past the cap.
    data->clear();
    for (QByteArray chunk; !(chunk = file.read(1024 * 1024)).isEmpty();) {
        data->append(chunk);
        if (data->size() > kMaxInputBytes)
            break;
    }
    if (data->size() > kMaxInputBytes) {
        fail(QStringLiteral("input is larger than %1 MiB").arg(kMaxInputBytes / (1024 * 1024)));
        return false;
    }
    return true;
}

int Commands::push()
{
    if (arguments_.size() > 1)
        return fail(QStringLiteral("push takes one FILE (or - for standard input)"), 2);
    QByteArray input;
    if (!readInput(arguments_.value(0), &input))
        return 1;
    const MessageBatch batch = MessageBatch::parse(input);
    if (!batch.error.isEmpty())
        return fail(QStringLiteral("nothing pushed: %1").arg(batch.error));
    std::unique_ptr<Database> db;
    if (!openDatabase(&db))
        return 1;
    QStringList accepted;
    QString error;
    if (!MessageRepository(*db).accept(batch.messages, QStringLiteral("push"), &accepted, &error))
        return fail(QStringLiteral("nothing pushed: %1").arg(error));
    WakeChannel::notify(location_);
    for (const Message &message : batch.messages)
        out() << message.id << '\n';
    out().flush();
    return 0;
}

int Commands::run()
{
    // Watch for SIGTERM/SIGINT before anything starts: a signal during the engine's start-up (its
    // threads opening their connections) must stop it cleanly too, not kill the process. Until the
    // main event loop runs, the request is only noted; quitting then would end start()'s own wait.
    SignalWatcher watcher;
    bool terminationRequested = false;
    bool mainLoopRunning = false;
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, qApp, [&] {
        terminationRequested = true;
        if (mainLoopRunning)
            QCoreApplication::quit();
    });
    std::unique_ptr<Database> db;
    if (!openDatabase(&db))
        return 1;
    // The demo's servers run on this thread's event loop, for as long as the engine runs.
    std::unique_ptr<DemoSetup> demo;
    if (parser_.isSet(QStringLiteral("demo"))) {
        demo = std::make_unique<DemoSetup>();
        QString demoError;
        if (!demo->start(*db, credentials_, &demoError))
            return fail(QStringLiteral("demo: %1").arg(demoError));
        for (const QString &line : demo->describe())
            std::fprintf(stderr, "integrator: %s\n", qUtf8Printable(line));
    }
    warnIfSecretsLocked(*db);
    db.reset();
    Engine engine(location_, &credentials_);
    QString error;
    const bool exitWhenIdle = parser_.isSet(QStringLiteral("exit-when-idle"));
    const bool once = parser_.isSet(QStringLiteral("once"));
    if (once && exitWhenIdle)
        return fail(QStringLiteral("run takes --once or --exit-when-idle, not both"), 2);
    QHostAddress address;
    quint16 port = 0;
    const bool listen = parser_.isSet(QStringLiteral("listen"));
    if (listen &&
        !PushApiServer::parseListenAddress(parser_.value(QStringLiteral("listen")), &address, &port, &error))
        return fail(QStringLiteral("--listen: %1").arg(error), 2);
    QHostAddress metricsAddress;
    quint16 metricsPort = 0;
    const bool metrics = parser_.isSet(QStringLiteral("metrics"));
    if (metrics && !PushApiServer::parseListenAddress(parser_.value(QStringLiteral("metrics")),
                                                      &metricsAddress, &metricsPort, &error))
        return fail(QStringLiteral("--metrics: %1").arg(error), 2);
    if (!engine.start(&error, exitWhenIdle || once ? Engine::Polling::Once : Engine::Polling::Scheduled))
        return fail(error);
    if (metrics) {
        if (!engine.serveMetrics(metricsAddress, metricsPort, &error))
            return fail(error);
        QUrl url; // brackets an IPv6 host
        url.setScheme(QStringLiteral("http"));
        url.setHost(metricsAddress.toString());
        url.setPort(engine.metricsPort());
        url.setPath(QStringLiteral("/metrics"));
        std::fprintf(stderr, "integrator: serving metrics on %s\n", qUtf8Printable(url.toString()));
    }
    if (listen) {
        if (!engine.listen(address, port, &error))
            return fail(QStringLiteral("cannot listen for pushes: %1").arg(error));
        // Scripts and tests that asked for port 0 learn the port here.
        std::fprintf(stderr, "integrator: accepting pushes on %s:%u\n", qUtf8Printable(address.toString()),
                     unsigned(engine.pushPort()));
    }
    QObject::connect(&engine, &Engine::collectionPolled, qApp,
                     [](const QString &, const QString &, int, const QString &pollError) {
                         if (!pollError.isEmpty())
                             std::fprintf(stderr, "integrator: %s\n", qUtf8Printable(pollError));
                     });
    int status = 0;
    QObject::connect(&engine, &Engine::databaseUnreachable, qApp, [](const QString &reason, qint64 sinceMs) {
        std::fprintf(stderr, "integrator: database unreachable since %s (%s); retrying, nothing is lost\n",
                     qUtf8Printable(QDateTime::fromMSecsSinceEpoch(sinceMs).toString(Qt::ISODate)),
                     qUtf8Printable(reason));
    });
    QObject::connect(&engine, &Engine::databaseReachable, qApp, [](qint64 sinceMs) {
        std::fprintf(stderr, "integrator: database reachable again after %.1f s\n",
                     double(QDateTime::currentMSecsSinceEpoch() - sinceMs) / 1000.0);
    });
    if (exitWhenIdle)
        QObject::connect(&engine, &Engine::idle, qApp, &QCoreApplication::quit);
    if (once)
        QObject::connect(&engine, &Engine::caughtUp, qApp, &QCoreApplication::quit);
    if (!terminationRequested) {
        mainLoopRunning = true;
        QCoreApplication::exec();
    }
    engine.stop();
    return status;
}

namespace {

// Until something accepts connections on address:port, or the time is up; the detached sample endpoint
// is ready once this succeeds.
bool waitUntilAccepting(const QHostAddress &address, quint16 port, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        QTcpSocket probe;
        probe.connectToHost(address, port);
        if (probe.waitForConnected(500))
            return true;
        QThread::msleep(50);
    }
    return false;
}

} // namespace

// The README's quick start needs an endpoint to deliver to: the demo's, steady (no failure on purpose),
// on a fixed address. With --detach it runs in the background and returns once it accepts connections,
// printing its process id, so a script can go on without racing it.
int Commands::sampleEndpoint()
{
    QHostAddress address(QHostAddress::LocalHost);
    quint16 port = 9001;
    QString error;
    if (parser_.isSet(QStringLiteral("listen")) &&
        !PushApiServer::parseListenAddress(parser_.value(QStringLiteral("listen")), &address, &port, &error))
        return fail(QStringLiteral("--listen: %1").arg(error), 2);
    const QString where = QStringLiteral("%1:%2").arg(address.toString()).arg(port);
    if (parser_.isSet(QStringLiteral("detach"))) {
        QTcpServer check;
        if (!check.listen(address, port))
            return fail(QStringLiteral("cannot listen on %1: %2").arg(where, check.errorString()));
        check.close();
        QProcess child;
        child.setProgram(QCoreApplication::applicationFilePath());
        child.setArguments({QStringLiteral("sample-endpoint"), QStringLiteral("--listen"), where});
        child.setStandardOutputFile(QProcess::nullDevice());
        child.setStandardErrorFile(QProcess::nullDevice());
        qint64 pid = 0;
        if (!child.startDetached(&pid))
            return fail(QStringLiteral("cannot start the sample endpoint: %1").arg(child.errorString()));
        if (!waitUntilAccepting(address, port, 10000))
            return fail(QStringLiteral("the sample endpoint (pid %1) does not accept connections on %2")
                            .arg(pid)
                            .arg(where));
        out() << pid << '\n';
        out().flush();
        return 0;
    }
    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, qApp, &QCoreApplication::quit);
    DemoEndpoint endpoint;
    endpoint.setFlaky(false);
    endpoint.setFailingAttempts(0);
    if (!endpoint.listen(address, port, &error))
        return fail(QStringLiteral("cannot listen on %1: %2").arg(where, error));
    std::fprintf(stderr, "integrator: sample endpoint on http://%s, services %s; every message is accepted\n",
                 qUtf8Printable(where), qUtf8Printable(endpoint.services().join(QStringLiteral(", "))));
    QObject::connect(&endpoint, &DemoEndpoint::messageReceived, qApp,
                     [](const QString &service, const QJsonObject &message) {
                         out() << service << ' ' << message.value(QStringLiteral("message")).toString() << ' '
                               << message.value(QStringLiteral("message_id")).toString() << '\n';
                         out().flush();
                     });
    QCoreApplication::exec();
    return 0;
}

int Commands::messages()
{
    MessageLog::Filter filter;
    const QString state = parser_.value(QStringLiteral("state"));
    if (!state.isEmpty())
        filter.states = {state};
    filter.type = parser_.value(QStringLiteral("type"));
    filter.mapping = parser_.value(QStringLiteral("mapping"));
    filter.endpoint = parser_.value(QStringLiteral("endpoint"));
    int limit = 50;
    bool ok = true;
    if (parser_.isSet(QStringLiteral("limit")))
        limit = parser_.value(QStringLiteral("limit")).toInt(&ok);
    if (!ok || limit < 1)
        return fail(QStringLiteral("--limit must be a whole number of 1 or more"), 2);
    if (!state.isEmpty() && !MessageQuery::kStates.contains(state))
        return fail(QStringLiteral("unknown state \"%1\"; use one of %2")
                        .arg(state, MessageQuery::kStates.join(QStringLiteral(", "))),
                    2);
    if (!filter.type.isEmpty()) {
        if (const QString reason = Mapping::typePatternError(filter.type); !reason.isEmpty())
            return fail(reason, 2);
    }
    for (const auto &[option, bound] : {std::pair{QStringLiteral("since"), &filter.fromMs},
                                        std::pair{QStringLiteral("until"), &filter.toMs}}) {
        if (!parser_.isSet(option))
            continue;
        const std::optional<qint64> time = Timestamps::parse(parser_.value(option));
        if (!time)
            return fail(QStringLiteral("--%1 must be an ISO 8601 time such as 2026-11-22T09:30:00Z or a "
                                       "date such as 2026-11-22 (UTC), not \"%2\"")
                            .arg(option, parser_.value(option)),
                        2);
        *bound = *time;
    }
    std::unique_ptr<Database> db;
    if (!openDatabase(&db))
        return 1;
    QJsonArray list;
    QString error;
    if (!MessageQuery(*db).list(filter, limit, &list, &error))
        return fail(error);
    if (json()) {
        printJson(QJsonDocument(list));
        return 0;
    }
    for (const QJsonValue &message : std::as_const(list))
        out() << message[QStringLiteral("message_id")].toString() << "  "
              << message[QStringLiteral("created_at")].toString() << "  "
              << message[QStringLiteral("message")].toString().leftJustified(22) << "  "
              << deliverySummary(message[QStringLiteral("deliveries")].toArray())
              << (message[QStringLiteral("erased_at")].isString() ? "  (erased)" : "") << '\n';
    out().flush();
    return 0;
}

int Commands::show()
{
    if (arguments_.size() != 1)
        return fail(QStringLiteral("show takes one message id"), 2);
    std::unique_ptr<Database> db;
    if (!openDatabase(&db))
        return 1;
    QJsonObject message;
    QString error;
    if (!MessageQuery(*db).show(arguments_.first(), &message, &error))
        return fail(error);
    if (json()) {
        printJson(QJsonDocument(message));
        return 0;
    }
    return showText(message);
}

// Whole with --full; otherwise response bodies are cut where a terminal line would be lost in them, and
// the cut says so.
int Commands::showText(const QJsonObject &message)
{
    const bool full = parser_.isSet(QStringLiteral("full"));
    constexpr int kBodyPreview = 2000;
    const QJsonDocument payload(message[QStringLiteral("payload")].toObject());
    QTextStream &o = out();
    o << "message     " << message[QStringLiteral("message")].toString() << '\n'
      << "message_id  " << message[QStringLiteral("message_id")].toString() << '\n'
      << "created_at  " << message[QStringLiteral("created_at")].toString() << '\n'
      << "parent_id   " << cell(message[QStringLiteral("parent_id")]) << '\n'
      << "payload     ";
    // An erased message's payload is an empty object: say why rather than print "{}".
    if (const QJsonValue erased = message[QStringLiteral("erased_at")]; erased.isString())
        o << "erased on " << erased.toString()
          << " (the personal data is gone; the delivery history stays)\n";
    else
        o << QString::fromUtf8(payload.toJson(full ? QJsonDocument::Indented : QJsonDocument::Compact))
                 .trimmed()
          << '\n';
    for (const QJsonValue &delivery : message[QStringLiteral("deliveries")].toArray()) {
        o << "\ndelivery to " << delivery[QStringLiteral("mapping")].toString() << " ("
          << delivery[QStringLiteral("endpoint")].toString()
          << "): " << delivery[QStringLiteral("state")].toString();
        if (!delivery[QStringLiteral("reason")].isNull())
            o << " - " << delivery[QStringLiteral("reason")].toString();
        // A delivery held back by its ordering key goes when the one it waits for is done, not at its
        // due time, which has passed.
        if (const QString wait = MessageQuery::waitText(delivery.toObject()); !wait.isEmpty())
            o << ", " << wait;
        else if (!delivery[QStringLiteral("next_attempt_at")].isNull())
            o << ", next attempt " << delivery[QStringLiteral("next_attempt_at")].toString();
        o << '\n';
        for (const QJsonValue &attempt : delivery[QStringLiteral("attempt_log")].toArray()) {
            o << "  #" << attempt[QStringLiteral("number")].toInt() << ' '
              << attempt[QStringLiteral("started_at")].toString() << ' '
              << attempt[QStringLiteral("kind")].toString() << ' '
              << attempt[QStringLiteral("url")].toString() << " -> "
              << cell(attempt[QStringLiteral("status")]) << ' '
              << attempt[QStringLiteral("outcome")].toString() << " ("
              << attempt[QStringLiteral("duration_ms")].toInt() << " ms)\n";
            if (!attempt[QStringLiteral("error")].isNull())
                o << "     error: " << attempt[QStringLiteral("error")].toString() << '\n';
            if (const QJsonValue summary = attempt[QStringLiteral("extra")][QStringLiteral("summary")];
                summary.isString())
                o << "     summary: " << summary.toString().simplified() << '\n';
            const QString body = attempt[QStringLiteral("response_body")].toString();
            if (body.isEmpty())
                continue;
            if (full)
                o << "     body:  " << body << '\n';
            else if (body.size() > kBodyPreview)
                o << "     body:  " << body.left(kBodyPreview).simplified() << " ... ("
                  << body.size() - kBodyPreview << " more characters; show --full prints it whole)\n";
            else
                o << "     body:  " << body.simplified() << '\n';
        }
    }
    const QJsonArray children = message[QStringLiteral("children")].toArray();
    for (const QJsonValue &child : children)
        o << "\nchild " << child[QStringLiteral("message_id")].toString() << ' '
          << child[QStringLiteral("message")].toString();
    if (!children.isEmpty())
        o << '\n';
    for (const QJsonValue &n : message[QStringLiteral("notifications")].toArray())
        o << "\n[" << n[QStringLiteral("level")].toString() << "] " << n[QStringLiteral("subject")].toString()
          << ": " << n[QStringLiteral("description")].toString() << " (x"
          << n[QStringLiteral("occurrences")].toInt() << ")";
    o << '\n';
    o.flush();
    return 0;
}

int Commands::replay()
{
    const bool failed = parser_.isSet(QStringLiteral("failed"));
    if (failed == !arguments_.isEmpty())
        return fail(QStringLiteral("replay takes message ids, or --failed [--mapping M]"), 2);
    std::unique_ptr<Database> db;
    if (!openDatabase(&db))
        return 1;
    const MessageActions actions(*db);
    QString error;
    int replayed = 0;
    int routed = 0;
    if (failed) {
        MessageLog::Filter filter;
        filter.mapping = parser_.value(QStringLiteral("mapping"));
        MessageActions::ReplayProgress progress;
        if (!actions.replayFailed(filter, {}, &progress, &error))
            return fail(error);
        replayed = progress.deliveriesReplayed;
    } else if (!actions.replay(arguments_, &replayed, &routed, &error)) {
        return fail(QStringLiteral("nothing replayed: %1").arg(error));
    }
    WakeChannel::notify(location_);
    out() << "replayed " << replayed << " deliver" << (replayed == 1 ? "y" : "ies");
    if (routed)
        out() << "; " << routed << " new deliver" << (routed == 1 ? "y" : "ies")
              << " for mappings added since";
    out() << '\n';
    out().flush();
    return 0;
}

int Commands::archive()
{
    if (arguments_.isEmpty())
        return fail(QStringLiteral("archive takes message ids"), 2);
    std::unique_ptr<Database> db;
    if (!openDatabase(&db))
        return 1;
    QString error;
    int archived = 0;
    if (!MessageActions(*db).archive(arguments_, &archived, &error))
        return fail(QStringLiteral("nothing archived: %1").arg(error));
    out() << "archived " << archived << " deliver" << (archived == 1 ? "y" : "ies") << '\n';
    out().flush();
    return 0;
}

int Commands::notifications()
{
    const QString level = parser_.value(QStringLiteral("level"));
    if (!level.isEmpty() && !Notification::isLevel(level))
        return fail(QStringLiteral("unknown level \"%1\"; use info, warn or error").arg(level), 2);
    bool ok = true;
    const int limit =
        parser_.isSet(QStringLiteral("limit")) ? parser_.value(QStringLiteral("limit")).toInt(&ok) : 100;
    if (!ok || limit < 1)
        return fail(QStringLiteral("--limit must be a whole number of 1 or more"), 2);
    std::unique_ptr<Database> db;
    if (!openDatabase(&db))
        return 1;
    QList<Notification> entries;
    QString error;
    if (!NotificationLog(*db).list(level, parser_.value(QStringLiteral("reference")), limit, &entries,
                                   &error))
        return fail(error);
    if (json()) {
        QJsonArray array;
        for (const Notification &entry : std::as_const(entries))
            array.append(entry.toJson());
        printJson(QJsonDocument(array));
        return 0;
    }
    for (const Notification &entry : std::as_const(entries))
        out() << Timestamps::iso(entry.lastAtMs) << "  " << entry.level.leftJustified(5) << "  "
              << entry.subject << ": " << entry.description << "  [" << entry.source
              << (entry.reference.isEmpty() ? "" : " ") << entry.reference << "] x" << entry.occurrences
              << '\n';
    out().flush();
    return 0;
}

int Commands::config()
{
    const QString action = arguments_.value(0);
    if (action == QLatin1String("import")) {
        if (arguments_.size() != 2)
            return fail(QStringLiteral("config import takes one FILE (or - for standard input)"), 2);
        QByteArray input;
        if (!readInput(arguments_.at(1), &input))
            return 1;
        std::unique_ptr<Database> db;
        if (!openDatabase(&db))
            return 1;
        ConfigFile::ImportSummary summary;
        QString error;
        if (!ConfigFile::import(input, *db, credentials_, &summary, &error))
            return fail(QStringLiteral("nothing imported: %1").arg(error));
        for (const QString &warning : std::as_const(summary.warnings))
            std::fprintf(stderr, "integrator: warning: %s\n", qUtf8Printable(warning));
        out() << summary.describe() << '\n';
        out().flush();
        return 0;
    }
    if (action == QLatin1String("export")) {
        if (arguments_.size() > 2)
            return fail(QStringLiteral("config export takes at most one FILE"), 2);
        std::unique_ptr<Database> db;
        if (!openDatabase(&db))
            return 1;
        QByteArray json;
        QString error;
        if (!ConfigFile::exportTo(*db, &json, &error))
            return fail(error);
        if (arguments_.size() == 1 || arguments_.at(1) == QLatin1String("-")) {
            out() << QString::fromUtf8(json);
            out().flush();
            return 0;
        }
        QFile file(arguments_.at(1));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(json) != json.size())
            return fail(QStringLiteral("cannot write %1: %2").arg(arguments_.at(1), file.errorString()));
        return 0;
    }
    if (action == QLatin1String("remove"))
        return configRemove();
    return fail(
        QStringLiteral("config takes import FILE, export [FILE] or remove endpoint|store|mapping NAME"), 2);
}

// The same core calls as the control panel's Remove buttons: one transaction, then the keychain.
int Commands::configRemove()
{
    const QString kind = arguments_.value(1);
    const QStringList kinds{QStringLiteral("endpoint"), QStringLiteral("store"), QStringLiteral("mapping")};
    if (arguments_.size() != 3 || !kinds.contains(kind) || arguments_.at(2).isEmpty())
        return fail(QStringLiteral("config remove takes endpoint, store or mapping and one NAME"), 2);
    const QString name = arguments_.at(2);
    std::unique_ptr<Database> db;
    if (!openDatabase(&db))
        return 1;
    const ConfigEdits edits(*db, credentials_);
    QString error, warning;
    const bool removed = kind == QLatin1String("endpoint") ? edits.removeEndpoint(name, &error, &warning)
                         : kind == QLatin1String("store")  ? edits.removeStore(name, &error, &warning)
                                                           : edits.removeMapping(name, &error);
    if (!removed)
        return fail(QStringLiteral("nothing removed: %1").arg(error));
    if (!warning.isEmpty())
        std::fprintf(stderr, "integrator: warning: %s\n", qUtf8Printable(warning));
    out() << "removed " << kind << ' ' << name << '\n';
    out().flush();
    return 0;
}

int Commands::secret()
{
    if (arguments_ != QStringList{QStringLiteral("generate")})
        return fail(QStringLiteral("secret takes generate"), 2);
    out() << WebhookSigner::generateSecret() << '\n';
    out().flush();
    return 0;
}

int Commands::secrets()
{
    return SecretsCommands(parser_, credentials_,
                           [this](std::unique_ptr<Database> *db) { return openDatabase(db); })
        .run(arguments_);
}

int Commands::poll()
{
    if (arguments_.size() > 1)
        return fail(QStringLiteral("poll takes at most one store name"), 2);
    std::unique_ptr<Database> db;
    if (!openDatabase(&db))
        return 1;
    QList<Store> known;
    QString error;
    if (!StoreRepository(*db).loadStores(&known, &error))
        return fail(error);
    const QString name = arguments_.value(0);
    const bool found =
        std::any_of(known.cbegin(), known.cend(), [&](const Store &s) { return s.name == name; });
    if (!name.isEmpty() && !found)
        return fail(QStringLiteral("no store named \"%1\"").arg(name));
    if (known.isEmpty())
        return fail(QStringLiteral("no store is configured; add one to the config file's \"stores\""));
    warnIfSecretsLocked(*db);
    db.reset();
    StorePoller poller(location_, &credentials_);
    int status = 0;
    int produced = 0;
    QObject::connect(
        &poller, &StorePoller::collectionPolled, qApp,
        [&](const QString &store, const QString &collection, int messages, const QString &pollError) {
            produced += messages;
            if (!pollError.isEmpty()) {
                std::fprintf(stderr, "integrator: %s\n", qUtf8Printable(pollError));
                status = 1;
            }
            out() << store << '/' << collection << ": " << messages << " new message"
                  << (messages == 1 ? "" : "s") << (pollError.isEmpty() ? "" : " (failed)") << '\n';
            out().flush();
        });
    QObject::connect(&poller, &StorePoller::pollsDone, qApp, &QCoreApplication::quit, Qt::QueuedConnection);
    QObject::connect(&poller, &StorePoller::started, qApp, [&](const QString &startError) {
        if (!startError.isEmpty()) {
            fail(startError);
            status = 1;
            QCoreApplication::quit();
        }
    });
    QMetaObject::invokeMethod(
        qApp,
        [&] {
            poller.start(false);
            poller.pollNow(name);
        },
        Qt::QueuedConnection);
    QCoreApplication::exec();
    poller.stop();
    if (produced > 0)
        WakeChannel::notify(location_);
    return status;
}

// `stores test NAME`: the control panel's "Test connection" for a saved store, which also says which of
// Spree's APIs the store speaks when that is not the configured one.
int Commands::testStore()
{
    if (arguments_.size() != 2)
        return fail(QStringLiteral("stores test takes one store name: integrator stores test NAME"), 2);
    const QString name = arguments_.at(1);
    std::unique_ptr<Database> db;
    if (!openDatabase(&db))
        return 1;
    QList<Store> known;
    QString error;
    if (!StoreRepository(*db).loadStores(&known, &error))
        return fail(error);
    const auto store =
        std::find_if(known.cbegin(), known.cend(), [&](const Store &s) { return s.name == name; });
    if (store == known.cend())
        return fail(QStringLiteral("no store named \"%1\"").arg(name));
    QString apiKey;
    QString clientSecret;
    if (!StoreConnectionCheck::loadApiKey(*db, credentials_, name, &apiKey, &error) ||
        !StoreConnectionCheck::loadClientSecret(*db, credentials_, name, &clientSecret, &error))
        return fail(QStringLiteral("store %1: %2").arg(name, error));
    QNetworkAccessManager network;
    StoreConnectionCheck::Result result;
    bool done = false;
    StoreConnectionCheck::start(&network, *store, apiKey, clientSecret,
                                [&](const StoreConnectionCheck::Result &answer) {
                                    result = answer;
                                    done = true;
                                    QCoreApplication::quit();
                                });
    if (!done)
        QCoreApplication::exec();
    if (!result.ok)
        return fail(QStringLiteral("store %1: %2").arg(name, result.summary));
    out() << "store " << name << ": " << result.summary << '\n';
    return 0;
}

int Commands::stores()
{
    if (arguments_.value(0) == QLatin1String("test"))
        return testStore();
    if (!arguments_.isEmpty())
        return fail(QStringLiteral("stores takes no argument but \"test NAME\""), 2);
    std::unique_ptr<Database> db;
    if (!openDatabase(&db))
        return 1;
    QJsonArray list;
    QString error;
    if (!StoreRepository(*db).describe(&list, &error))
        return fail(error);
    if (json()) {
        printJson(QJsonDocument(list));
        return 0;
    }
    for (const QJsonValue &store : std::as_const(list)) {
        out() << store[QStringLiteral("name")].toString() << "  " << store[QStringLiteral("url")].toString()
              << "  " << store[QStringLiteral("heartbeat")].toString() << "  last success "
              << cell(store[QStringLiteral("last_success_at")]);
        if (!store[QStringLiteral("last_error")].isNull())
            out() << "  last error " << cell(store[QStringLiteral("last_error_at")]) << ": "
                  << store[QStringLiteral("last_error")].toString();
        out() << '\n';
        if (store[QStringLiteral("has_webhook_secret")].toBool())
            out() << "  spree webhooks verified with its sealed webhook_secret\n";
        for (const QJsonValue &c : store[QStringLiteral("collections")].toArray())
            out() << "  " << c[QStringLiteral("collection")].toString().leftJustified(10) << " every "
                  << c[QStringLiteral("interval")].toInt() << " s, bookmark "
                  << (c[QStringLiteral("bookmark")].isNull()
                          ? QStringLiteral("-")
                          : c[QStringLiteral("bookmark")][QStringLiteral("updated_at")].toString() +
                                QStringLiteral(" #") +
                                c[QStringLiteral("bookmark")][QStringLiteral("id")].toVariant().toString())
                  << '\n';
    }
    out().flush();
    return 0;
}

int Commands::endpoints()
{
    if (!arguments_.isEmpty())
        return fail(QStringLiteral("endpoints takes no arguments (see integrator --help)"), 2);
    std::unique_ptr<Database> db;
    if (!openDatabase(&db))
        return 1;
    QList<EndpointStatus> statuses;
    QString error;
    if (!EndpointStatusQuery(*db).list(Database::nowMs(), &statuses, &error))
        return fail(error);
    if (json()) {
        QJsonArray array;
        for (const EndpointStatus &status : std::as_const(statuses))
            array.append(status.toJson());
        printJson(QJsonDocument(array));
        return 0;
    }
    if (statuses.isEmpty())
        return 0;
    QList<QStringList> rows{{QStringLiteral("NAME"), QStringLiteral("URL"), QStringLiteral("STATE"),
                             QStringLiteral("IN FLIGHT"), QStringLiteral("PENDING"),
                             QStringLiteral("SUCCESS 1H"), QStringLiteral("P50"), QStringLiteral("P95"),
                             QStringLiteral("PAUSED BECAUSE")}};
    for (const EndpointStatus &status : std::as_const(statuses))
        rows << endpointRow(status);
    printTable(rows, {3, 4, 5, 6, 7});
    return 0;
}

// A person's pause or resume: the same core call as the control panel's buttons, then a wake-up so a
// running engine on this SQLite file acts on it at once (PostgreSQL engines hear the commit's NOTIFY).
int Commands::endpoint()
{
    const QString action = arguments_.value(0);
    const bool pause = action == QLatin1String("pause");
    if (arguments_.size() != 2 || (!pause && action != QLatin1String("resume")) || arguments_.at(1).isEmpty())
        return fail(QStringLiteral("endpoint takes pause NAME or resume NAME"), 2);
    const QString name = arguments_.at(1);
    std::unique_ptr<Database> db;
    if (!openDatabase(&db))
        return 1;
    bool changed = false;
    QString error;
    const bool done = pause ? EndpointPauseControl::pause(*db, name, &changed, &error)
                            : EndpointPauseControl::resume(*db, name, &changed, &error);
    if (!done)
        return fail(QStringLiteral("nothing %1: %2")
                        .arg(pause ? QStringLiteral("paused") : QStringLiteral("resumed"), error));
    if (changed)
        WakeChannel::notify(location_);
    if (pause)
        out() << (changed ? QStringLiteral("paused endpoint %1; its deliveries wait until it is resumed")
                          : QStringLiteral("endpoint %1 is already paused by a person"))
                     .arg(name);
    else
        out() << (changed ? QStringLiteral("resumed endpoint %1; its waiting deliveries are sent")
                          : QStringLiteral("endpoint %1 is not paused"))
                     .arg(name);
    out() << '\n';
    out().flush();
    return 0;
}

int Commands::databasePassword()
{
    if (arguments_ != QStringList{QStringLiteral("set")} || !location_.isPostgres())
        return fail(
            QStringLiteral(
                "use: integrator --database URL database-password set (the password on standard input)"),
            2);
    QByteArray input;
    if (!readInput(QStringLiteral("-"), &input))
        return 1;
    const QString password = QString::fromUtf8(input).trimmed();
    if (password.isEmpty())
        return fail(QStringLiteral("no password on standard input"));
    QString error;
    credentials_.setKeyFile(parser_.value(QStringLiteral("master-key-file")));
    credentials_.loadMasterKey();
    keyLoaded_ = true;
    if (!DatabasePasswords(credentials_).save(location_, password, &error))
        return fail(QStringLiteral("the password was not saved: %1").arg(error));
    location_.postgresUrl.setPassword(password);
    std::unique_ptr<Database> db;
    if (!openDatabase(&db))
        return 1; // saved, but it does not open the database: the line above says why
    out() << "saved the password of " << location_.describe() << ", sealed with master key "
          << credentials_.masterKey()->id() << '\n';
    out().flush();
    return 0;
}

int Commands::prune()
{
    if (!arguments_.isEmpty())
        return fail(QStringLiteral("prune takes no arguments, only --dry-run and --json"), 2);
    std::unique_ptr<Database> db;
    if (!openDatabase(&db))
        return 1;
    RetentionPolicy policy;
    RetentionPruner::Options options;
    options.dryRun = parser_.isSet(QStringLiteral("dry-run"));
    QString error;
    bool needsVacuum = false;
    if (!RetentionSettings(*db).load(&policy, &error) ||
        !RetentionPruner::needsFullVacuum(*db, &needsVacuum, &error))
        return fail(error);
    // The one-time VACUUM holds the whole file for as long as it takes: only while no engine runs on it,
    // and holding the engine lock keeps one from starting meanwhile.
    QLockFile engineLock(Engine::lockPath(location_));
    options.allowFullVacuum = needsVacuum && !options.dryRun && engineLock.tryLock(0);
    RetentionPruner pruner(*db, policy, options);
    if (!pruner.run(&error))
        return fail(QStringLiteral("pruning stopped: %1").arg(error));
    if (json()) {
        QJsonObject report = pruner.report().toJson();
        report.insert(QStringLiteral("retention"), policy.effective());
        printJson(QJsonDocument(report));
        return 0;
    }
    out() << pruner.report().describe();
    out().flush();
    return 0;
}

int Commands::erase()
{
    return EraseCommand(parser_, location_,
                        [this](std::unique_ptr<Database> *db) { return openDatabase(db); })
        .run(arguments_);
}
