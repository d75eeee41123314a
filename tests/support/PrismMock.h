#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QUrl>

// Prism (@stoplight/prism-cli 5.14.2, installed into tools/prism by tools/prism/install.sh) serving one
// OpenAPI file on 127.0.0.1. It answers with the spec's examples (static, never generated) and refuses
// what the spec does not allow: 401 without the declared credentials, 422 for a declared parameter or
// body of the wrong shape, 415 for a body type the operation does not take, 404 for an unknown path.
// --errors also turns an example that breaks its own response schema into an error.
//
// Prism's log says which requests broke the spec, so a test can let any client (a poller in the engine)
// talk to the mock and then assert that every request was accepted: settle(), then violations().
// Prism cannot check parameters the spec does not declare (they pass unnoticed), nor filtering, sorting
// or paging: it serves the same examples whatever the query asks.
//
// Lives in one thread; waiting spins its event loop.
class PrismMock
{
public:
    explicit PrismMock(QString specPath);
    ~PrismMock(); // stops Prism
    PrismMock(const PrismMock &) = delete;
    PrismMock &operator=(const PrismMock &) = delete;

    static QString executable();

    // Starts Prism on a free port and waits until it has answered a request; false with failure()
    // saying why (Prism missing, the spec refused, Prism exited).
    bool start();
    QString failure() const;
    QUrl url(const QString &pathAndQuery = {}) const;

    // Waits until Prism has logged everything about the requests answered so far: a marker request
    // goes through after them, and Prism logs in order. Call it before reading the records below.
    bool settle();
    // Records since start() or the last forget(); the marker requests are not in them.
    int requestCount() const;
    // One line per broken rule, e.g. "get /api/v2/platform/orders: Invalid security scheme used".
    // With concurrent requests Prism's lines interleave, so a line may name the wrong request; the
    // count of broken rules stays right.
    QStringList violations() const;
    void forget();                            // after settle(): later records start from here
    QString outputTail(int lines = 60) const; // Prism's last log lines, for failure messages

private:
    bool startOnce(quint16 port, bool *portTaken);
    bool waitForOutput(const QByteArray &needle, int timeoutMs);
    QByteArray recordedOutput() const;

    QString specPath_;
    QProcess process_;
    QByteArray output_;
    qsizetype recordsFrom_ = 0;
    quint16 port_ = 0;
    int markers_ = 0;
    QString failure_;
};
