#include "PrismMock.h"

#include <QFileInfo>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTest>

#include <memory>
#include <utility>

namespace {
// A large spec (Admin v3 is 790 kB) takes Prism seconds to load, more on a busy machine.
constexpr int kStartTimeoutMs = 180000;
constexpr int kSettleTimeoutMs = 30000;
constexpr int kPortAttempts = 3;
const QString kMarkerPrefix = QStringLiteral("/__prism_mock_marker/");

// One line of Prism's log as its CLI prints it (no colours when not on a terminal), e.g.
//   [12:08:59 PM] ›     [VALIDATOR] ✖  error     Violation: request Invalid security scheme used
//   [12:08:59 PM] › [HTTP SERVER] get /api/v2/platform/orders ℹ  info      Request received
struct LogLine
{
    QString source;  // CLI, HTTP SERVER, VALIDATOR, NEGOTIATOR
    QString request; // "get /path" on the lines Prism tags with their request, else empty
    QString level;   // info, success, warning, error, fatal, ...
    QString message;
};

bool parseLogLine(const QString &text, LogLine *line)
{
    static const QRegularExpression pattern(
        QStringLiteral(R"(^\[[^\]]*\] \x{203A}\s+\[([A-Z ]+)\](?: ([a-z]+ /\S*))? \S+\s+([a-z]+)\s+(.*)$)"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return false;
    *line = {match.captured(1), match.captured(2), match.captured(3), match.captured(4)};
    return true;
}

bool breaksTheSpec(const LogLine &line)
{
    // Prism sums up every refused request with this warning before naming each broken rule.
    return (line.level == QLatin1String("error") || line.level == QLatin1String("warning") ||
            line.level == QLatin1String("fatal")) &&
           line.message != QLatin1String("Request did not pass the validation rules");
}

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}
} // namespace

PrismMock::PrismMock(QString specPath)
    : specPath_(std::move(specPath))
{
    QObject::connect(&process_, &QProcess::readyReadStandardOutput,
                     [this] { output_ += process_.readAllStandardOutput(); });
}

PrismMock::~PrismMock()
{
    QObject::disconnect(&process_, nullptr, nullptr, nullptr);
    if (process_.state() == QProcess::NotRunning)
        return;
    process_.terminate();
    if (!process_.waitForFinished(10000)) {
        process_.kill();
        process_.waitForFinished();
    }
}

QString PrismMock::executable()
{
    return QStringLiteral(INTEGRATOR_PRISM_EXECUTABLE);
}

bool PrismMock::start()
{
    if (!QFileInfo(executable()).isExecutable()) {
        failure_ = QStringLiteral("Prism is not installed (%1 is missing): run `bash tools/prism/install.sh` "
                                  "(tests/run-tests.sh does)")
                       .arg(executable());
        return false;
    }
    for (int attempt = 0; attempt < kPortAttempts; ++attempt) {
        bool portTaken = false;
        if (startOnce(freeLoopbackPort(), &portTaken))
            return true;
        if (!portTaken)
            return false;
    }
    return false;
}

// The port was free a moment ago; another process may take it before Prism does, hence *portTaken.
bool PrismMock::startOnce(quint16 port, bool *portTaken)
{
    output_.clear();
    recordsFrom_ = 0;
    failure_.clear();
    port_ = port;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("FORCE_COLOR"), QStringLiteral("0"));
    process_.setProcessEnvironment(environment);
    process_.setProcessChannelMode(QProcess::MergedChannels);
    process_.setProgram(executable());
    process_.setArguments({QStringLiteral("mock"), QStringLiteral("--errors"), QStringLiteral("-h"),
                           QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(port),
                           specPath_});
    process_.start();
    if (!process_.waitForStarted()) {
        failure_ = QStringLiteral("cannot run %1: %2").arg(executable(), process_.errorString());
        return false;
    }
    const QByteArray listening = "Prism is listening on http://127.0.0.1:" + QByteArray::number(port);
    if (!waitForOutput(listening, kStartTimeoutMs) || !settle()) {
        *portTaken = output_.contains("EADDRINUSE");
        failure_ = QStringLiteral("Prism did not start serving %1%2; its log ends:\n%3")
                       .arg(specPath_, failure_.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(failure_),
                            outputTail());
        process_.kill();
        process_.waitForFinished();
        return false;
    }
    forget();
    return true;
}

QString PrismMock::failure() const
{
    return failure_;
}

QUrl PrismMock::url(const QString &pathAndQuery) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port_).arg(pathAndQuery));
}

bool PrismMock::waitForOutput(const QByteArray &needle, int timeoutMs)
{
    // Prism's last lines may still be buffered when it exits.
    const bool seenOrExited = QTest::qWaitFor(
        [&] { return output_.contains(needle) || process_.state() == QProcess::NotRunning; }, timeoutMs);
    output_ += process_.readAllStandardOutput();
    return seenOrExited && output_.contains(needle);
}

bool PrismMock::settle()
{
    const QString markerPath = kMarkerPrefix + QString::number(++markers_);
    QNetworkAccessManager network;
    std::unique_ptr<QNetworkReply> reply(network.get(QNetworkRequest(url(markerPath))));
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, kSettleTimeoutMs) ||
        reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 0) {
        failure_ =
            QStringLiteral("Prism on %1 did not answer: %2").arg(url().toString(), reply->errorString());
        return false;
    }
    if (!waitForOutput("[HTTP SERVER] get " + markerPath.toUtf8() + ' ', kSettleTimeoutMs)) {
        failure_ = QStringLiteral("Prism answered but did not log the request %1").arg(markerPath);
        return false;
    }
    return true;
}

QByteArray PrismMock::recordedOutput() const
{
    return output_.mid(recordsFrom_);
}

int PrismMock::requestCount() const
{
    int count = 0;
    LogLine line;
    for (const QString &text : QString::fromUtf8(recordedOutput()).split(QLatin1Char('\n'))) {
        if (parseLogLine(text, &line) && line.message == QLatin1String("Request received") &&
            !line.request.contains(kMarkerPrefix))
            ++count;
    }
    return count;
}

QStringList PrismMock::violations() const
{
    QStringList violations;
    QString current; // the request whose untagged lines (VALIDATOR, NEGOTIATOR) follow
    LogLine line;
    for (const QString &text : QString::fromUtf8(recordedOutput()).split(QLatin1Char('\n'))) {
        if (!parseLogLine(text, &line))
            continue;
        if (line.message == QLatin1String("Request received"))
            current = line.request;
        const QString request = line.request.isEmpty() ? current : line.request;
        if (!breaksTheSpec(line) || request.contains(kMarkerPrefix))
            continue;
        const QString violation =
            QStringLiteral("%1: %2").arg(request.isEmpty() ? QStringLiteral("Prism") : request, line.message);
        if (!violations.contains(violation))
            violations << violation;
    }
    return violations;
}

void PrismMock::forget()
{
    recordsFrom_ = output_.size();
}

QString PrismMock::outputTail(int lines) const
{
    const QStringList all = QString::fromUtf8(output_).split(QLatin1Char('\n'));
    return all.mid(qMax(0, all.size() - lines)).join(QLatin1Char('\n'));
}
