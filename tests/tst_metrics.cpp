// `integrator run --metrics HOST:PORT`: GET /metrics in the Prometheus text format, checked by counting
// real deliveries, by promtool and by a real Prometheus server scraping the engine.
#include "delivery/EndpointPauseControl.h"
#include "EngineHarness.h"
#include "IntegratorProcess.h"
#include "metrics/MetricsRegistry.h"
#include "metrics/MetricsTextFormat.h"
#include "ScriptedEndpoint.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <memory>
#include <optional>

namespace {

constexpr int kGood = 10;   // deliveries the good endpoint takes
constexpr int kRefused = 3; // deliveries the failing endpoint refuses; their mapping allows no retries

struct HttpResult
{
    int status = 0;
    QByteArray contentType;
    QByteArray body;
};

HttpResult httpRequest(const QByteArray &method, const QUrl &url)
{
    QNetworkAccessManager network;
    std::unique_ptr<QNetworkReply> reply(network.sendCustomRequest(QNetworkRequest(url), method));
    HttpResult result;
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 10000))
        return result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    result.body = reply->readAll();
    return result;
}

// The value of the sample written exactly as `series` (name and labels), if the text has it.
std::optional<double> sampleValue(const QByteArray &text, const QByteArray &series)
{
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith(series + ' '))
            return line.mid(series.size() + 1).toDouble();
    }
    return std::nullopt;
}

// Missing tools fail in CI, where packaging/install-deps.sh installs them, and skip elsewhere.
QString requiredTool(const QString &name)
{
    return QStandardPaths::findExecutable(name);
}

#define REQUIRE_TOOL(path, name)                                                                             \
    do {                                                                                                     \
        if ((path).isEmpty()) {                                                                              \
            if (qEnvironmentVariableIsSet("CI"))                                                             \
                QFAIL(name " is not installed (packaging/install-deps.sh installs it)");                     \
            QSKIP(name " is not installed; install it (packaging/install-deps.sh) to run this test");        \
        }                                                                                                    \
    } while (false)

// A port nothing listens on right now, for a program that takes its address on the command line.
quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

// Kills the process when the test ends, also when a check failed half-way.
struct ProcessGuard
{
    QProcess process;
    ~ProcessGuard()
    {
        if (process.state() == QProcess::NotRunning)
            return;
        process.kill();
        process.waitForFinished(10000);
    }
};

} // namespace

class TestMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void countsDeliveredAndParkedDeliveriesAndTheirAttempts();
    void countsSkippedDeliveriesAndAcceptedMessagesBySource();
    void queueGaugesComeFromTheDatabase();
    void promtoolAcceptsTheOutput();
    void labelValuesAreEscaped();
    void sourceLabelsAreCapped();
    void prometheusScrapesTheEngine();
    void onlyGetMetricsIsServed();
    void takenPortIsRefusedInOneLine();
    void cliRefusesBadMetricsAddressInOneLine();
    void cliServesMetrics();

private:
    // Ten deliveries to the good endpoint, three parked at the failing one, all recorded.
    void deliverTenAndParkThree();
    QUrl metricsUrl(const QString &path = QStringLiteral("/metrics")) const;
    QByteArray scrape();
    void checkWithPromtool(const QByteArray &text);

    std::unique_ptr<ScriptedEndpoint> good_;
    std::unique_ptr<ScriptedEndpoint> failing_;
    std::unique_ptr<EngineHarness> harness_;
};

void TestMetrics::init()
{
    MetricsRegistry::global().clear();
    good_ = std::make_unique<ScriptedEndpoint>();
    failing_ = std::make_unique<ScriptedEndpoint>();
    QVERIFY(good_->listen());
    QVERIFY(failing_->listen());
    failing_->setHandler([](const RecordedRequest &) {
        return ScriptedResponse::json(500,
                                      {{QStringLiteral("error"), QStringLiteral("down for maintenance")}});
    });
    harness_ = std::make_unique<EngineHarness>();
    QVERIFY2(harness_->isValid(), qPrintable(harness_->error()));
    const QJsonObject config{
        {QStringLiteral("endpoints"), QJsonArray{testEndpoint(QStringLiteral("good"), good_->url()),
                                                 testEndpoint(QStringLiteral("failing"), failing_->url())}},
        {QStringLiteral("mappings"),
         QJsonArray{testMapping(QStringLiteral("orders"), QStringLiteral("good"), QStringLiteral("/orders"),
                                {QStringLiteral("order:new")}),
                    testMapping(QStringLiteral("refunds"), QStringLiteral("failing"),
                                QStringLiteral("/refunds"), {QStringLiteral("refund:new")},
                                {{QStringLiteral("retries_allowed"), false}})}}};
    QCOMPARE(harness_->importConfig(config), QString());
    // The idle of an empty start is awaited here, so that runUntilIdle() cannot take it for its own.
    QSignalSpy idle(&harness_->engine(), &Engine::idle);
    QVERIFY(harness_->start());
    QTRY_VERIFY(idle.count() > 0);
    QString error;
    QVERIFY2(harness_->engine().serveMetrics(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    QVERIFY(harness_->engine().metricsPort() != 0);
}

void TestMetrics::cleanup()
{
    harness_.reset();
    good_.reset();
    failing_.reset();
}

void TestMetrics::deliverTenAndParkThree()
{
    for (int i = 0; i < kGood; ++i)
        QVERIFY(!harness_->push(QStringLiteral("order:new"), {{QStringLiteral("n"), i}}).isEmpty());
    for (int i = 0; i < kRefused; ++i)
        QVERIFY(!harness_->push(QStringLiteral("refund:new"), {{QStringLiteral("n"), i}}).isEmpty());
    QVERIFY(harness_->runUntilIdle());
    QCOMPARE(good_->requestCount(), kGood);
    QCOMPARE(failing_->requestCount(), kRefused);
}

QUrl TestMetrics::metricsUrl(const QString &path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(harness_->engine().metricsPort()).arg(path));
}

QByteArray TestMetrics::scrape()
{
    const HttpResult result = httpRequest("GET", metricsUrl());
    if (result.status != 200)
        qWarning("scrape answered %d: %s", result.status, result.body.constData());
    return result.status == 200 ? result.body : QByteArray();
}

void TestMetrics::checkWithPromtool(const QByteArray &text)
{
    const QString promtool = requiredTool(QStringLiteral("promtool"));
    REQUIRE_TOOL(promtool, "promtool");
    QProcess check;
    check.start(promtool, {QStringLiteral("check"), QStringLiteral("metrics")});
    QVERIFY(check.waitForStarted());
    check.write(text);
    check.closeWriteChannel();
    QVERIFY(check.waitForFinished(30000));
    const QByteArray said = check.readAllStandardOutput() + check.readAllStandardError();
    QVERIFY2(check.exitStatus() == QProcess::NormalExit && check.exitCode() == 0,
             qPrintable(QStringLiteral("promtool: exit %1: %2\n--- checked:\n%3")
                            .arg(check.exitCode())
                            .arg(QString::fromUtf8(said), QString::fromUtf8(text))));
}

void TestMetrics::countsDeliveredAndParkedDeliveriesAndTheirAttempts()
{
    deliverTenAndParkThree();
    if (QTest::currentTestFailed())
        return;
    const QByteArray text = scrape();
    QCOMPARE(
        sampleValue(text,
                    R"(integrator_deliveries_total{mapping="orders",endpoint="good",outcome="delivered"})"),
        kGood);
    QCOMPARE(
        sampleValue(text,
                    R"(integrator_deliveries_total{mapping="refunds",endpoint="failing",outcome="parked"})"),
        kRefused);
    // Nothing else happened: no retries (the refunds mapping allows none), nothing skipped.
    int outcomeSeries = 0;
    for (const QByteArray &line : text.split('\n'))
        outcomeSeries += line.startsWith("integrator_deliveries_total{") ? 1 : 0;
    QCOMPARE(outcomeSeries, 2);

    const auto attempts = [&](const QByteArray &endpoint) {
        return sampleValue(text,
                           R"(integrator_attempt_duration_seconds_count{endpoint=")" + endpoint + "\"}");
    };
    QCOMPARE(attempts("good"), kGood);
    QCOMPARE(attempts("failing"), kRefused);
    QCOMPARE(*attempts("good") + *attempts("failing"), kGood + kRefused);
    QCOMPARE(sampleValue(text, R"(integrator_attempt_duration_seconds_bucket{endpoint="good",le="+Inf"})"),
             kGood);
    // Only delivered deliveries have a push-to-delivery time.
    QCOMPARE(sampleValue(text, "integrator_push_to_delivery_seconds_count"), kGood);
    QCOMPARE(sampleValue(text, R"(integrator_push_to_delivery_seconds_bucket{le="+Inf"})"), kGood);
    QVERIFY(*sampleValue(text, "integrator_push_to_delivery_seconds_sum") > 0);
    QCOMPARE(sampleValue(text, R"(integrator_messages_accepted_total{source="push"})"), kGood + kRefused);
}

void TestMetrics::countsSkippedDeliveriesAndAcceptedMessagesBySource()
{
    QJsonObject filtered = testMapping(QStringLiteral("big orders"), QStringLiteral("good"),
                                       QStringLiteral("/big"), {QStringLiteral("order:new")});
    filtered.insert(QStringLiteral("filters"),
                    QJsonArray{QJsonObject{{QStringLiteral("path"), QStringLiteral("payload.total")},
                                           {QStringLiteral("operator"), QStringLiteral("gt")},
                                           {QStringLiteral("value"), 100}}});
    QCOMPARE(harness_->importConfig({{QStringLiteral("mappings"), QJsonArray{filtered}}}), QString());
    QVERIFY(!harness_->push(QStringLiteral("order:new"), {{QStringLiteral("total"), 5}}).isEmpty());
    QVERIFY(!harness_->push(QStringLiteral("order:new"), {{QStringLiteral("total"), 500}}).isEmpty());
    QVERIFY(harness_->runUntilIdle());
    const QByteArray text = scrape();
    QCOMPARE(
        sampleValue(text,
                    R"(integrator_deliveries_total{mapping="big orders",endpoint="good",outcome="skipped"})"),
        1);
    QCOMPARE(
        sampleValue(
            text, R"(integrator_deliveries_total{mapping="big orders",endpoint="good",outcome="delivered"})"),
        1);
    QCOMPARE(
        sampleValue(text,
                    R"(integrator_deliveries_total{mapping="orders",endpoint="good",outcome="delivered"})"),
        2);
    QCOMPARE(sampleValue(text, R"(integrator_messages_accepted_total{source="push"})"), 2);
}

void TestMetrics::queueGaugesComeFromTheDatabase()
{
    deliverTenAndParkThree();
    if (QTest::currentTestFailed())
        return;
    // Paused by a person, the good endpoint gets nothing: the next order stays pending, and due.
    bool changed = false;
    QString error;
    QVERIFY2(EndpointPauseControl::pause(harness_->db(), QStringLiteral("good"), &changed, &error),
             qPrintable(error));
    QVERIFY(!harness_->push(QStringLiteral("order:new")).isEmpty());
    const QByteArray text = scrape();
    QCOMPARE(sampleValue(text, R"(integrator_queue_deliveries{state="parked"})"), kRefused);
    QCOMPARE(sampleValue(text, R"(integrator_queue_deliveries{state="pending"})"), 1);
    for (const char *state : {"sending", "waiting", "retrying"})
        QCOMPARE(sampleValue(text, QByteArray(R"(integrator_queue_deliveries{state=")") + state + "\"}"), 0);
    // History is not the queue.
    QVERIFY(!sampleValue(text, R"(integrator_queue_deliveries{state="delivered"})"));
    QVERIFY(*sampleValue(text, "integrator_oldest_due_age_seconds") >= 0);
    QCOMPARE(sampleValue(text, R"(integrator_endpoint_state{endpoint="good",state="paused"})"), 1);
    QCOMPARE(sampleValue(text, R"(integrator_endpoint_state{endpoint="good",state="active"})"), 0);
    // No endpoint_flow row: active.
    QCOMPARE(sampleValue(text, R"(integrator_endpoint_state{endpoint="failing",state="active"})"), 1);
    QCOMPARE(sampleValue(text, R"(integrator_endpoint_state{endpoint="failing",state="probing"})"), 0);
    QCOMPARE(sampleValue(text, QByteArray(R"(integrator_build_info{version=")") + INTEGRATOR_VERSION + "\"}"),
             1);
}

void TestMetrics::promtoolAcceptsTheOutput()
{
    deliverTenAndParkThree();
    if (QTest::currentTestFailed())
        return;
    checkWithPromtool(scrape());
}

void TestMetrics::labelValuesAreEscaped()
{
    const QByteArray escaped = "a\\\\b\\\"c\\nd"; // a\\b\"c\nd
    QCOMPARE(MetricsTextFormat::escapeLabelValue(QStringLiteral("a\\b\"c\nd")), escaped);
    MetricsRegistry &metrics = MetricsRegistry::global();
    metrics.noteDelivery(QStringLiteral("quote \" back \\ line\nfeed"), QStringLiteral("ümlaut"),
                         DeliveryState::Delivered);
    metrics.noteAccepted(QStringLiteral("push:shop \"one\""), 2);
    const QByteArray text = MetricsTextFormat::render(metrics.snapshot(), {}, QStringLiteral("1.0"));
    const QByteArray delivered = "integrator_deliveries_total{mapping=\"quote \\\" back \\\\ line\\nfeed\","
                                 "endpoint=\"\xc3\xbcmlaut\",outcome=\"delivered\"}";
    QCOMPARE(sampleValue(text, delivered), 1);
    const QByteArray accepted = "integrator_messages_accepted_total{source=\"push:shop \\\"one\\\"\"}";
    QCOMPARE(sampleValue(text, accepted), 2);
    checkWithPromtool(text);
}

// Each push may name its own origin: past the first kMaxSourceLabels distinct sources, new ones count under
// "other", while a source that has its label keeps counting under it. Nothing is lost from the total.
void TestMetrics::sourceLabelsAreCapped()
{
    constexpr int kMax = MetricsRegistry::kMaxSourceLabels;
    constexpr int kOrigins = kMax + 20;
    MetricsRegistry &metrics = MetricsRegistry::global();
    metrics.noteAccepted(QStringLiteral("push:shop"), 1);
    for (int i = 0; i < kOrigins; ++i)
        metrics.noteAccepted(QStringLiteral("origin-%1").arg(i), 2);
    metrics.noteAccepted(QStringLiteral("push:shop"), 1);
    metrics.noteAccepted(QStringLiteral("origin-0"), 1);
    metrics.noteAccepted(QStringLiteral("origin-%1").arg(kOrigins - 1), 1); // without a label: "other" again
    const QByteArray text = MetricsTextFormat::render(metrics.snapshot(), {}, QStringLiteral("1.0"));

    const auto accepted = [&text](const QString &source) {
        return sampleValue(text, "integrator_messages_accepted_total{source=\"" + source.toUtf8() + "\"}");
    };
    QCOMPARE(accepted(QStringLiteral("push:shop")), 2);
    QCOMPARE(accepted(QStringLiteral("origin-0")), 3);
    // push:shop and the first kMax - 1 origins took the labels.
    QCOMPARE(accepted(QStringLiteral("origin-%1").arg(kMax - 2)), 2);
    QVERIFY(!accepted(QStringLiteral("origin-%1").arg(kMax - 1)));
    QVERIFY(!accepted(QStringLiteral("origin-%1").arg(kOrigins - 1)));
    QCOMPARE(accepted(MetricsRegistry::kOtherSource), 2 * (kOrigins - (kMax - 1)) + 1);
    int series = 0;
    double total = 0;
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith("integrator_messages_accepted_total{")) {
            ++series;
            total += line.mid(line.lastIndexOf(' ') + 1).toDouble();
        }
    }
    QCOMPARE(series, kMax + 1); // the labelled sources and "other"
    QCOMPARE(total, 2 + 2 * kOrigins + 2);
}

void TestMetrics::prometheusScrapesTheEngine()
{
    const QString prometheus = requiredTool(QStringLiteral("prometheus"));
    REQUIRE_TOOL(prometheus, "prometheus");
    deliverTenAndParkThree();
    if (QTest::currentTestFailed())
        return;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile config(dir.filePath(QStringLiteral("prometheus.yml")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(
        "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
        "scrape_configs:\n  - job_name: integrator\n    static_configs:\n      - targets: ['127.0.0.1:" +
        QByteArray::number(harness_->engine().metricsPort()) + "']\n");
    config.close();
    const quint16 port = freePort();
    QVERIFY(port != 0);
    ProcessGuard server;
    server.process.setProcessChannelMode(QProcess::MergedChannels);
    server.process.start(prometheus,
                         {QStringLiteral("--config.file=%1").arg(config.fileName()),
                          QStringLiteral("--storage.tsdb.path=%1").arg(dir.filePath(QStringLiteral("tsdb"))),
                          QStringLiteral("--web.listen-address=127.0.0.1:%1").arg(port)});
    QVERIFY(server.process.waitForStarted());

    QUrl query(QStringLiteral("http://127.0.0.1:%1/api/v1/query").arg(port));
    query.setQuery(QUrlQuery{{QStringLiteral("query"), QStringLiteral("integrator_deliveries_total")}});
    // The delivered count of the orders mapping, once Prometheus has scraped it; empty before.
    const auto deliveredAsScraped = [&]() -> QString {
        const HttpResult result = httpRequest("GET", query);
        const QJsonObject answer = QJsonDocument::fromJson(result.body).object();
        const QJsonArray series = answer[QStringLiteral("data")][QStringLiteral("result")].toArray();
        for (const QJsonValue &entry : series) {
            const QJsonObject labels = entry[QStringLiteral("metric")].toObject();
            if (labels[QStringLiteral("mapping")].toString() == QLatin1String("orders") &&
                labels[QStringLiteral("outcome")].toString() == QLatin1String("delivered"))
                return entry[QStringLiteral("value")].toArray().at(1).toString();
        }
        return {};
    };
    QTRY_VERIFY2_WITH_TIMEOUT(deliveredAsScraped() == QString::number(kGood),
                              qPrintable(QString::fromUtf8(server.process.readAll().right(3000))), 60000);
}

void TestMetrics::onlyGetMetricsIsServed()
{
    const HttpResult metrics = httpRequest("GET", metricsUrl());
    QCOMPARE(metrics.status, 200);
    QVERIFY2(metrics.contentType.startsWith("text/plain; version=0.0.4"), metrics.contentType.constData());
    QCOMPARE(httpRequest("GET", metricsUrl(QStringLiteral("/"))).status, 404);
    QCOMPARE(httpRequest("GET", metricsUrl(QStringLiteral("/metrics/extra"))).status, 404);
    QCOMPARE(httpRequest("POST", metricsUrl()).status, 405);
    QCOMPARE(httpRequest("DELETE", metricsUrl()).status, 405);
    // A query string is not part of the path.
    QCOMPARE(httpRequest("GET", metricsUrl(QStringLiteral("/metrics?name=x"))).status, 200);
}

void TestMetrics::takenPortIsRefusedInOneLine()
{
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    Engine other(harness_->location(), &harness_->credentials());
    QString error;
    QVERIFY(!other.serveMetrics(QHostAddress::LocalHost, taken.serverPort(), &error));
    QVERIFY2(
        error.startsWith(QStringLiteral("cannot serve metrics on 127.0.0.1:%1: ").arg(taken.serverPort())),
        qPrintable(error));
    QVERIFY2(!error.contains(u'\n'), qPrintable(error));
}

void TestMetrics::cliRefusesBadMetricsAddressInOneLine()
{
    for (const QString &bad : {QStringLiteral("nonsense"), QStringLiteral("127.0.0.1"),
                               QStringLiteral("127.0.0.1:99999"), QStringLiteral("example.com:9100")}) {
        const CliResult result = runIntegrator(
            harness_->cliArguments() + QStringList{QStringLiteral("run"), QStringLiteral("--metrics"), bad});
        QVERIFY2(result.finished, qPrintable(result.describe()));
        QCOMPARE(result.exitCode, 2);
        const QByteArray error = result.err.trimmed();
        QVERIFY2(error.startsWith("integrator: --metrics: ") && !error.contains('\n'),
                 qPrintable(result.describe()));
    }
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    harness_->engine().stop(); // SQLite takes one engine per database
    const QString address = QStringLiteral("127.0.0.1:%1").arg(taken.serverPort());
    const CliResult result = runIntegrator(
        harness_->cliArguments() + QStringList{QStringLiteral("run"), QStringLiteral("--metrics"), address});
    QVERIFY2(result.finished, qPrintable(result.describe()));
    QCOMPARE(result.exitCode, 1);
    const QByteArray error = result.err.trimmed();
    QVERIFY2(error.startsWith("integrator: cannot serve metrics on " + address.toUtf8() + ": ") &&
                 !error.contains('\n'),
             qPrintable(result.describe()));
}

void TestMetrics::cliServesMetrics()
{
    harness_->engine().stop(); // SQLite takes one engine per database
    const quint16 port = freePort();
    QVERIFY(port != 0);
    const QString url = QStringLiteral("http://127.0.0.1:%1/metrics").arg(port);
    const auto process = startIntegrator(harness_->cliArguments() +
                                         QStringList{QStringLiteral("run"), QStringLiteral("--metrics"),
                                                     QStringLiteral("127.0.0.1:%1").arg(port)});
    QVERIFY(process);
    QByteArray err;
    QTRY_VERIFY2_WITH_TIMEOUT(
        (err += process->readAllStandardError()).contains("serving metrics on " + url.toUtf8()),
        err.constData(), 30000);
    const HttpResult result = httpRequest("GET", QUrl(url));
    QCOMPARE(result.status, 200);
    QVERIFY2(result.body.contains("# TYPE integrator_deliveries_total counter"), result.body.constData());
    process->terminate();
    QVERIFY(waitForExit(*process));
    QCOMPARE(process->exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
