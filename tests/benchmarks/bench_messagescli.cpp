// `integrator messages` over a large log, through the real binary, on SQLite and PostgreSQL: how long
// `messages --type order:new --limit 50` takes over 1,000,000 stored messages, next to the process's
// own start (`--version`) and the control panel's first page (MessageLog::page, the query its worker
// thread runs). Run by hand: tests/benchmarks/run-messages-benchmark.sh BUILD_DIR, never by ctest.
#include "IntegratorProcess.h"
#include "MessageLogSeed.h"
#include "storage/Database.h"
#include "storage/MessageLog.h"
#include "TestDatabase.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <functional>

namespace {

struct Timing
{
    QString what;
    QList<double> seconds;
    QString failure; // set when a run did not give what it should: the figures are then void
};

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? -1 : values.at(values.size() / 2);
}

// `runs` timed runs after one untimed warm-up; each run must give `expectedLines` lines (-1: any).
Timing timeCommand(const QString &what, const QStringList &arguments, int expectedLines, int runs)
{
    Timing timing{what, {}, {}};
    for (int run = 0; run <= runs; ++run) {
        QElapsedTimer clock;
        clock.start();
        const CliResult result = runIntegrator(arguments, {}, 600000);
        const double seconds = double(clock.nsecsElapsed()) / 1e9;
        const int lines = int(result.out.count('\n'));
        if (result.exitCode != 0 || (expectedLines >= 0 && lines != expectedLines)) {
            timing.failure = QStringLiteral("%1 lines: %2").arg(lines).arg(result.describe());
            return timing;
        }
        if (run > 0)
            timing.seconds << seconds;
    }
    return timing;
}

Timing timePage(const Database &db, const QString &what, const MessageLog::Filter &filter, int expectedRows,
                int runs)
{
    Timing timing{what, {}, {}};
    for (int run = 0; run <= runs; ++run) {
        QList<MessageLog::Row> rows;
        QString error;
        QElapsedTimer clock;
        clock.start();
        if (!MessageLog(db).page(filter, std::nullopt, 100, &rows, &error) || rows.size() != expectedRows) {
            timing.failure = error.isEmpty() ? QStringLiteral("%1 rows").arg(rows.size()) : error;
            return timing;
        }
        if (run > 0)
            timing.seconds << double(clock.nsecsElapsed()) / 1e9;
    }
    return timing;
}

QString row(const QString &backend, const Timing &timing)
{
    if (!timing.failure.isEmpty())
        return QStringLiteral("| %1 | %2 | failed: %3 | |\n").arg(backend, timing.what, timing.failure);
    QStringList each;
    for (double seconds : timing.seconds)
        each << QString::number(seconds, 'f', 3);
    return QStringLiteral("| %1 | %2 | %3 | %4 s |\n")
        .arg(backend, timing.what, each.join(QStringLiteral(" / ")))
        .arg(median(timing.seconds), 0, 'f', 3);
}

bool measure(bool postgres, int count, int runs, QString *table)
{
    qputenv("INTEGRATOR_TEST_BACKEND", postgres ? "postgres" : "sqlite");
    const QString backend = postgres ? QStringLiteral("PostgreSQL") : QStringLiteral("SQLite");
    TestDatabase database;
    if (!database.isValid()) {
        std::fprintf(stderr, "bench_messagescli: %s\n", qUtf8Printable(database.error()));
        return false;
    }
    Database db(database.location(), QStringLiteral("bench"));
    QString error;
    QElapsedTimer seeding;
    seeding.start();
    if (!db.open(&error) || !MessageLogSeed::configure(db, &error) ||
        !MessageLogSeed::seed(db, count, 1000, &error)) {
        std::fprintf(stderr, "bench_messagescli: %s\n", qUtf8Printable(error));
        return false;
    }
    std::printf("%s: seeded %d messages with one delivery each in %.1f s\n", qUtf8Printable(backend), count,
                double(seeding.elapsed()) / 1000.0);
    std::fflush(stdout);
    const QStringList cli = database.cliArguments();
    const QStringList messages = cli + QStringList{QStringLiteral("messages")};
    MessageLog::Filter parked;
    parked.states = {QStringLiteral("parked")};
    const int parkedCount = count / 1000; // MessageLogSeed parks every 1000th
    const QList<Timing> timings{
        timeCommand(QStringLiteral("`integrator --version` (the process alone)"),
                    {QStringLiteral("--version")}, -1, runs),
        timeCommand(QStringLiteral("`integrator messages --type order:new --limit 50`"),
                    messages + QStringList{QStringLiteral("--type"), QStringLiteral("order:new"),
                                           QStringLiteral("--limit"), QStringLiteral("50")},
                    50, runs),
        timeCommand(QStringLiteral("`integrator messages --state parked --limit 50` (1 in 1000)"),
                    messages + QStringList{QStringLiteral("--state"), QStringLiteral("parked"),
                                           QStringLiteral("--limit"), QStringLiteral("50")},
                    std::min(50, parkedCount), runs),
        timeCommand(QStringLiteral("`integrator messages --type order:* --limit 50 --json`"),
                    messages + QStringList{QStringLiteral("--type"), QStringLiteral("order:*"),
                                           QStringLiteral("--limit"), QStringLiteral("50"),
                                           QStringLiteral("--json")},
                    -1, runs),
        timePage(db, QStringLiteral("control panel's first page (MessageLog::page, 100 rows, no filter)"), {},
                 100, runs),
        timePage(db, QStringLiteral("control panel's first page, state parked"), parked,
                 std::min(100, parkedCount), runs),
    };
    for (const Timing &timing : timings) {
        *table += row(backend, timing);
        std::printf("%s", qUtf8Printable(row(backend, timing)));
        std::fflush(stdout);
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({{QStringLiteral("messages"), QStringLiteral("Messages stored."), QStringLiteral("N"),
                        QStringLiteral("1000000")},
                       {QStringLiteral("runs"), QStringLiteral("Timed runs of each command."),
                        QStringLiteral("N"), QStringLiteral("5")},
                       {QStringLiteral("backend"), QStringLiteral("sqlite, postgres or both."),
                        QStringLiteral("B"), QStringLiteral("both")}});
    parser.addHelpOption();
    parser.process(app);
    const int count = parser.value(QStringLiteral("messages")).toInt();
    const int runs = parser.value(QStringLiteral("runs")).toInt();
    const QString backend = parser.value(QStringLiteral("backend"));
    if (count < 1000 || runs < 1) {
        std::fprintf(stderr, "bench_messagescli: --messages must be at least 1000 and --runs at least 1\n");
        return 2;
    }
    const bool postgres = backend != QLatin1String("sqlite");
    if (postgres && qEnvironmentVariableIsEmpty("INTEGRATOR_TEST_POSTGRES")) {
        std::fprintf(stderr, "bench_messagescli: INTEGRATOR_TEST_POSTGRES is not set; run tests/benchmarks/"
                             "run-messages-benchmark.sh, which starts a PostgreSQL server\n");
        return 1;
    }
    QString table = QStringLiteral("| Database | Measure | Runs (s) | Median |\n|---|---|---|---:|\n");
    if (backend != QLatin1String("postgres") && !measure(false, count, runs, &table))
        return 1;
    if (postgres && !measure(true, count, runs, &table))
        return 1;
    std::printf("\n%d messages stored; %d timed runs each after one untimed warm-up\n\n%s", count, runs,
                qUtf8Printable(table));
    return 0;
}
