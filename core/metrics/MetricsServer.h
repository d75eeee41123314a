#pragma once

#include "http/HttpRequestReader.h"
#include "storage/DatabaseLocation.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QString>

#include <memory>

class Database;
class QTcpServer;
class QTcpSocket;
class QTimer;

// Serves GET /metrics in the Prometheus text format on the address `integrator run --metrics` gives:
// the counters of this process (MetricsRegistry) and gauges read from the database at each scrape.
// Anything else is answered 404 (another path) or 405 (another method).
//
// Lives on a thread of its own, so a scrape never waits for the GUI or the dispatcher, nor they for a
// scrape. It opens its own database connection there in listen(), and must be destroyed there too.
class MetricsServer : public QObject
{
    Q_OBJECT
public:
    // Scrapers hold one or two connections; the limits keep a misbehaving client from holding more.
    static constexpr int kMaxConnections = 16;
    static constexpr int kIdleTimeoutMs = 60 * 1000;

    explicit MetricsServer(DatabaseLocation location, QObject *parent = nullptr);
    ~MetricsServer() override;

    // Opens its database connection and listens; false with a one-line reason.
    bool listen(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const;

private:
    struct Connection
    {
        HttpRequestReader reader{0}; // GET requests have no body
        QTimer *idleTimer = nullptr;
        bool closing = false;
    };

    void acceptConnections();
    void adopt(QTcpSocket *socket);
    void drop(QTcpSocket *socket);
    void serve(QTcpSocket *socket);
    void route(QTcpSocket *socket, const HttpRequest &request);
    void respond(QTcpSocket *socket, int status, const QByteArray &contentType, const QByteArray &body,
                 bool close, const QByteArray &extraHeaders = {});
    bool scrape(QByteArray *text, QString *error) const;

    DatabaseLocation location_;
    QTcpServer *server_;
    std::unique_ptr<Database> db_;
    QHash<QTcpSocket *, Connection> connections_;
};
