#include "CommandLine.h"

#include "Commands.h"
#include "SampleWebhookCommand.h"
#include "storage/DatabaseLocation.h"

#include "BackgroundWorker.h"
#include "ControlPanel.h"
#include "MainWindow.h"

#include <QApplication>
#include <QMessageBox>

#include <cstdio>
#include <functional>
#include <map>

QString CommandLine::helpText()
{
    return QStringLiteral(
        "Usage: integrator [--db PATH | --database URL] [--demo [--demo-api API]]\n"
        "                                open the control panel\n"
        "       integrator [--db PATH | --database URL] COMMAND [options]\n"
        "\n"
        "Delivers messages (order:new, shipment:ready, ...) to the endpoints subscribed to them,\n"
        "records every attempt and retries failures with exponential back-off.\n"
        "\n"
        "Commands:\n"
        "  run [--once | --exit-when-idle] [--listen HOST:PORT] [--metrics HOST:PORT] [--demo]\n"
        "                                run the engine headless until SIGTERM/SIGINT; with --once, poll\n"
        "                                each store once, send what is due now and exit (for cron);\n"
        "                                with --exit-when-idle, also wait for every retry and exit once\n"
        "                                nothing is left to deliver;\n"
        "                                with --listen, accept POST /api/stores/STORE/messages and\n"
        "                                /api/stores/STORE/spree-webhooks there\n"
        "                                with --metrics, serve GET /metrics (Prometheus) there\n"
        "                                with --demo, first start a sample store and endpoint on 127.0.0.1,\n"
        "                                polled through --demo-api v1 (default), platform_v2 or admin_v3\n"
        "  sample-endpoint [--listen HOST:PORT] [--detach]\n"
        "                                a sample endpoint that accepts every message (default\n"
        "                                127.0.0.1:9001); --detach runs it in the background and prints\n"
        "                                its process id once it accepts connections\n"
        "  sample-webhook URL [--scheme 5.4|5.3|legacy] [--event NAME] [--event-id ID]\n"
        "                                post a Spree-style webhook event to URL (a store's\n"
        "                                /api/stores/STORE/spree-webhooks), signed with the secret read\n"
        "                                from standard input, and print the answer\n"
        "  push [FILE|-]                 accept a message, an array, or {\"messages\": [...]}; prints the "
        "ids\n"
        "  messages [--state S] [--type T] [--mapping M] [--endpoint E] [--since TIME] [--until TIME]\n"
        "           [--limit N] [--json]\n"
        "                                list messages, newest first, with their deliveries\n"
        "  show ID [--full] [--json]     one message: payload, deliveries, attempts, children, "
        "notifications;\n"
        "                                --full prints the payload indented and response bodies whole\n"
        "  replay ID... | --failed [--mapping M]\n"
        "                                send deliveries again (keeping their history)\n"
        "  archive ID...                 dismiss a message's open deliveries\n"
        "  notifications [--level L] [--reference ID] [--limit N] [--json]\n"
        "  stores [--json]               stores with heartbeat, last success, last error and bookmarks\n"
        "  stores test NAME              make a poll's first request and say which Spree API the store "
        "speaks\n"
        "  poll [STORE]                  poll every store (or one) now, once\n"
        "  endpoints [--json]            endpoints with state (active, paused, probing), deliveries in\n"
        "                                flight and pending, success rate and p50/p95 latency of the last "
        "hour\n"
        "  endpoint pause|resume NAME    stop sending to an endpoint until a person resumes it, or resume "
        "it\n"
        "  config import FILE|-          add or update endpoints, mappings and parameters (secrets are "
        "sealed\n"
        "                                in the database with the master key)\n"
        "  config export [FILE]          write the configuration as JSON, without secrets\n"
        "  config remove endpoint|store|mapping NAME\n"
        "                                remove one entry and its secrets; an endpoint still used by a "
        "mapping\n"
        "                                is refused; the message history keeps its name\n"
        "  prune [--dry-run] [--json]    remove delivered, skipped and archived messages, notifications and\n"
        "                                response bodies older than their retention; --dry-run only counts\n"
        "  erase --match PATH=VALUE [--match ...] | ID... [--dry-run] [--json]\n"
        "                                remove a person's data: the payloads of the messages where PATH\n"
        "                                (payload.order.email) holds VALUE, or of the messages named, and "
        "of\n"
        "                                those produced from responses to them; their attempts' response\n"
        "                                bodies, identifier values, notifications and store snapshots; the\n"
        "                                delivery history stays; --dry-run only counts\n"
        "  secret generate               print a new signing secret (whsec_...) for an endpoint's "
        "signing_secret\n"
        "  secrets new-key               print a new master key (32 random bytes, base64)\n"
        "  secrets export-key            print the master key this database's secrets are sealed with\n"
        "  secrets rotate-key [--new-key-file PATH]\n"
        "                                seal every secret again under a new key, in one transaction\n"
        "  secrets status [--json]       where the master key comes from, its id, the secrets it seals\n"
        "  database-password set         with --database: save the password from standard input, sealed\n"
        "\n"
        "Global options:\n"
        "  --db PATH                     SQLite database file (default: the user's data folder)\n"
        "  --database URL                PostgreSQL database shared by several engines:\n"
        "                                postgresql://user@host:port/db (password from PGPASSWORD or "
        "~/.pgpass)\n"
        "  --master-key-file PATH        the master key (else INTEGRATOR_MASTER_KEY_FILE, then systemd's\n"
        "                                $CREDENTIALS_DIRECTORY/integrator-master-key, then the keychain)\n"
        "  --help, --version\n");
}

void CommandLine::addOptions()
{
    parser_.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    parser_.addOptions({
        {QStringLiteral("db"), QStringLiteral("SQLite database file."), QStringLiteral("PATH")},
        {QStringLiteral("database"), QStringLiteral("PostgreSQL URL."), QStringLiteral("URL")},
        {QStringLiteral("json"), QStringLiteral("Print JSON.")},
        {QStringLiteral("state"), QStringLiteral("Delivery state."), QStringLiteral("S")},
        {QStringLiteral("type"), QStringLiteral("Message type or prefix:*."), QStringLiteral("T")},
        {QStringLiteral("mapping"), QStringLiteral("Mapping name."), QStringLiteral("M")},
        {QStringLiteral("endpoint"), QStringLiteral("Endpoint name."), QStringLiteral("E")},
        {QStringLiteral("since"), QStringLiteral("Messages created at or after this time."),
         QStringLiteral("TIME")},
        {QStringLiteral("until"), QStringLiteral("Messages created before this time."),
         QStringLiteral("TIME")},
        {QStringLiteral("limit"), QStringLiteral("Maximum rows."), QStringLiteral("N")},
        {QStringLiteral("level"), QStringLiteral("Notification level."), QStringLiteral("L")},
        {QStringLiteral("reference"), QStringLiteral("Message id a notification refers to."),
         QStringLiteral("ID")},
        {QStringLiteral("failed"), QStringLiteral("Replay every failed delivery.")},
        {QStringLiteral("exit-when-idle"), QStringLiteral("Exit once no delivery is pending.")},
        {QStringLiteral("once"), QStringLiteral("Send what is due now, then exit.")},
        {QStringLiteral("detach"), QStringLiteral("Run in the background; print the process id.")},
        {QStringLiteral("full"), QStringLiteral("Print payloads and bodies whole.")},
        {QStringLiteral("dry-run"),
         QStringLiteral("Count what prune or erase would remove; change nothing.")},
        {QStringLiteral("match"), QStringLiteral("Erase the messages where PATH holds VALUE."),
         QStringLiteral("PATH=VALUE")},
        {QStringLiteral("demo"), QStringLiteral("Start a sample store and endpoint on 127.0.0.1.")},
        {QStringLiteral("demo-api"), QStringLiteral("The API the demo store is polled through."),
         QStringLiteral("API")},
        {QStringLiteral("listen"), QStringLiteral("Accept pushed messages on HOST:PORT."),
         QStringLiteral("HOST:PORT")},
        {QStringLiteral("master-key-file"), QStringLiteral("File holding the master key."),
         QStringLiteral("PATH")},
        {QStringLiteral("new-key-file"), QStringLiteral("File holding the new master key."),
         QStringLiteral("PATH")},
        {QStringLiteral("metrics"), QStringLiteral("Serve Prometheus metrics on HOST:PORT."),
         QStringLiteral("HOST:PORT")},
        {QStringLiteral("scheme"), QStringLiteral("Spree's signature scheme: 5.4, 5.3 or legacy."),
         QStringLiteral("SCHEME")},
        {QStringLiteral("event"), QStringLiteral("Spree webhook event name."), QStringLiteral("NAME")},
        {QStringLiteral("event-id"), QStringLiteral("Spree webhook event id."), QStringLiteral("ID")},
        {{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show help.")},
        {{QStringLiteral("v"), QStringLiteral("version")}, QStringLiteral("Show the version.")},
    });
}

bool CommandLine::opensControlPanel(const QStringList &arguments)
{
    CommandLine probe;
    probe.addOptions();
    // A bad command line goes to run(), which explains it on stderr.
    return probe.parser_.parse(arguments) && probe.parser_.positionalArguments().isEmpty() &&
           !probe.parser_.isSet(QStringLiteral("help")) && !probe.parser_.isSet(QStringLiteral("version"));
}

// DemoSetup reads the demo's API from the environment (INTEGRATOR_DEMO_API), which the option overrides:
// both the control panel's demo and `run --demo` start it far from here.
void CommandLine::passDemoApi() const
{
    if (parser_.isSet(QStringLiteral("demo-api")))
        qputenv("INTEGRATOR_DEMO_API", parser_.value(QStringLiteral("demo-api")).toUtf8());
}

bool CommandLine::databaseLocation(DatabaseLocation *location) const
{
    if (parser_.isSet(QStringLiteral("db")) && parser_.isSet(QStringLiteral("database"))) {
        std::fprintf(stderr, "integrator: give --db (SQLite) or --database (PostgreSQL), not both\n");
        return false;
    }
    QString error;
    if (parser_.isSet(QStringLiteral("database"))) {
        if (!DatabaseLocation::postgres(parser_.value(QStringLiteral("database")), location, &error)) {
            std::fprintf(stderr, "integrator: %s\n", qUtf8Printable(error));
            return false;
        }
    } else {
        *location = parser_.isSet(QStringLiteral("db"))
                        ? DatabaseLocation::sqlite(parser_.value(QStringLiteral("db")))
                        : DatabaseLocation::defaultSqlite();
    }
    return true;
}

// The window shows at once while the database opens. If it cannot be opened the program ends with an
// error as it always did: the reason goes to stderr and, for a start from a desktop menu, into a box
// that does not block the event loop; closing it ends the run.
static void exitWhenTheDatabaseFails(const ControlPanel &panel)
{
    QObject::connect(
        panel.context().worker, &BackgroundWorker::opened, panel.window(), [&panel](const QString &error) {
            if (error.isEmpty())
                return;
            const QString reason = QCoreApplication::translate("CommandLine", "Cannot open the database: %1")
                                       .arg(error.simplified());
            std::fprintf(stderr, "integrator: %s\n", qUtf8Printable(reason));
            auto *box = new QMessageBox(QMessageBox::Critical,
                                        QCoreApplication::translate("CommandLine", "Integrator cannot start"),
                                        reason, QMessageBox::Ok, panel.window());
            box->setAttribute(Qt::WA_DeleteOnClose);
            QObject::connect(box, &QMessageBox::finished, box, [] { QCoreApplication::exit(1); });
            box->open();
        });
}

int CommandLine::runControlPanel(const QStringList &arguments)
{
    addOptions();
    DatabaseLocation location;
    if (!parser_.parse(arguments) || !databaseLocation(&location))
        return 2;
    passDemoApi();
    ControlPanel panel(location);
    QString error;
    // Started from a desktop menu there is no terminal to read: say it in a window too.
    const auto refuse = [](const QString &reason) {
        std::fprintf(stderr, "integrator: %s\n", qUtf8Printable(reason));
        QMessageBox::critical(nullptr, QCoreApplication::translate("CommandLine", "Integrator cannot start"),
                              reason);
        return 1;
    };
    panel.start();
    exitWhenTheDatabaseFails(panel);
    if (parser_.isSet(QStringLiteral("demo")) && !panel.startDemo(&error))
        return refuse(QCoreApplication::translate("CommandLine", "The demo did not start: %1").arg(error));
    panel.window()->show();
    return QApplication::exec();
}

int CommandLine::run(const QStringList &arguments)
{
    addOptions();
    if (!parser_.parse(arguments)) {
        std::fprintf(stderr, "integrator: %s (see integrator --help)\n", qUtf8Printable(parser_.errorText()));
        return 2;
    }
    if (parser_.isSet(QStringLiteral("version"))) {
        std::printf("integrator %s\n", INTEGRATOR_VERSION);
        return 0;
    }
    QStringList positional = parser_.positionalArguments();
    if (parser_.isSet(QStringLiteral("help")) || positional.isEmpty()) {
        std::printf("%s", qUtf8Printable(helpText()));
        return 0;
    }
    const QString command = positional.takeFirst();
    passDemoApi();
    DatabaseLocation location;
    if (!databaseLocation(&location))
        return 2;
    Commands commands(parser_, positional, location);
    const std::map<QString, std::function<int()>> table{
        {QStringLiteral("run"), [&] { return commands.run(); }},
        {QStringLiteral("sample-endpoint"), [&] { return commands.sampleEndpoint(); }},
        {QStringLiteral("sample-webhook"), [&] { return SampleWebhookCommand(parser_).run(positional); }},
        {QStringLiteral("push"), [&] { return commands.push(); }},
        {QStringLiteral("messages"), [&] { return commands.messages(); }},
        {QStringLiteral("show"), [&] { return commands.show(); }},
        {QStringLiteral("replay"), [&] { return commands.replay(); }},
        {QStringLiteral("archive"), [&] { return commands.archive(); }},
        {QStringLiteral("notifications"), [&] { return commands.notifications(); }},
        {QStringLiteral("config"), [&] { return commands.config(); }},
        {QStringLiteral("secret"), [&] { return commands.secret(); }},
        {QStringLiteral("secrets"), [&] { return commands.secrets(); }},
        {QStringLiteral("poll"), [&] { return commands.poll(); }},
        {QStringLiteral("stores"), [&] { return commands.stores(); }},
        {QStringLiteral("endpoints"), [&] { return commands.endpoints(); }},
        {QStringLiteral("endpoint"), [&] { return commands.endpoint(); }},
        {QStringLiteral("database-password"), [&] { return commands.databasePassword(); }},
        {QStringLiteral("prune"), [&] { return commands.prune(); }},
        {QStringLiteral("erase"), [&] { return commands.erase(); }},
    };
    const auto it = table.find(command);
    if (it == table.end()) {
        std::fprintf(stderr, "integrator: unknown command \"%s\" (see integrator --help)\n",
                     qUtf8Printable(command));
        return 2;
    }
    return it->second();
}
