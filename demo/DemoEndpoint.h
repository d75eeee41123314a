#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

class QHostAddress;
class QTcpServer;
class QTcpSocket;

// The demo's endpoint: a small web app on loopback with a few services, as a newcomer's mailer, 3PL and
// CRM would be. It checks the X-Hub-Token header and answers each POSTed message with 200
// {"message_id", "message": what it did}, except that some first attempts fail with a 500 (so the
// retries show) and one service fails until its delivery is parked (so there is something to replay).
// Lives in the thread that created it; every call belongs there.
class DemoEndpoint : public QObject
{
    Q_OBJECT
public:
    // The services, by path.
    static const QString
        kOrderConfirmation;          // "/order_confirmation": the first attempt of every third order fails
    static const QString kShipments; // "/shipments": the first attempt of every third shipment fails
    static const QString kCrm;       // "/crm": answers with a notification for the log
    static const QString kInventory; // "/inventory": fails until parked (see setFailingAttempts)

    explicit DemoEndpoint(QObject *parent = nullptr);
    ~DemoEndpoint() override;

    bool listen(QString *error); // 127.0.0.1, a free port
    bool listen(const QHostAddress &address, quint16 port, QString *error);
    QUrl url() const; // http://127.0.0.1:PORT
    void close();

    void setToken(const QString &token); // required in X-Hub-Token; empty lets every request in
    // How many attempts of each message /inventory fails (500) before it accepts one: the mapping's
    // attempts until parked, so only a replay goes through. 0: it never fails; -1: it always fails.
    void setFailingAttempts(int attempts);
    // Off: no first attempt fails on purpose (the sample endpoint of the README's quick start).
    void setFlaky(bool flaky) { flaky_ = flaky; }

    int received() const { return received_; } // POSTs accepted with 200
    int requestCount() const { return requests_; }
    QStringList services() const;

Q_SIGNALS:
    // After a 200 answer to a POST on service (its path, "/crm").
    void messageReceived(const QString &service, const QJsonObject &message);

private:
    struct Answer
    {
        int status = 200;
        QJsonObject body;
    };

    void acceptConnections();
    void serve(QTcpSocket *socket);
    Answer answer(const QByteArray &method, const QString &path, const QByteArray &token,
                  const QByteArray &body);
    Answer accept(const QString &path, const QJsonObject &message);
    bool failsThisAttempt(const QString &path, const QString &messageId);

    QTcpServer *server_;
    QByteArray token_;
    int failingAttempts_ = 4;
    bool flaky_ = true;
    int received_ = 0;
    int requests_ = 0;
    QHash<QString, int> attempts_;         // "path message_id" -> attempts seen
    QHash<QString, int> distinctMessages_; // path -> distinct messages seen
};
