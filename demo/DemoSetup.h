#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

class CredentialStore;
class Database;
class DemoEndpoint;
class QTimer;
class SpreeStoreServer;

// The program's demo mode (`integrator --demo`, `integrator run --demo`): starts a sample Spree store and
// a sample endpoint on 127.0.0.1, then writes the configuration that connects them into the database
// through the config import (the store's API key and the endpoint's token go to the keychain):
//
//   store    "demo-store"     orders, users and products seeded; while running, a new order every few
//                             seconds and now and then a shipment leaving the warehouse
//   endpoint "demo-endpoint"  services /order_confirmation, /shipments, /crm, /inventory
//   mappings "demo order confirmation"  order:new (complete orders only, once per order number)
//            "demo shipping"            shipment:ready, shipment:confirm
//            "demo crm"                 user:new
//            "demo inventory"           product:new, product:updated; its service fails every attempt
//                                       until the delivery is parked, so there is something to replay
//
// Some first attempts fail with a 500, and the mappings retry on a short schedule (1, 2, 4 s), so
// retries show within seconds. Running it again on the same database is harmless: the same names are
// updated with this run's URLs and secrets, and the store carries on where the last run's polls stopped
// instead of offering its history again. Call start() before the engine starts; the servers live in
// this object's thread, whose event loop must run, and stop when it is destroyed.
class DemoSetup : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        bool newOrdersOverTime = true;
        int newOrderIntervalMs = 5000;
        double retryScale = 1.0;          // multiplies the retry schedule (1, 2, 4 s); tests use fractions
        bool alwaysFailingService = true; // off: /inventory accepts every attempt
        int seedOrders = 6;
        int seedUsers = 4;
        int seedProducts = 3;
        // Which of the store's APIs the demo configuration polls: v1, platform_v2 or admin_v3. Empty: the
        // environment's INTEGRATOR_DEMO_API, or v1.
        QString api;
    };

    static const QString kStoreName;
    static const QString kEndpointName;
    static const QString kOrderConfirmationMapping;
    static const QString kShippingMapping;
    static const QString kCrmMapping;
    static const QString kInventoryMapping;
    static const QList<double> kRetrySchedule; // seconds, before Options::retryScale

    explicit DemoSetup(QObject *parent = nullptr);
    explicit DemoSetup(const Options &options, QObject *parent = nullptr);
    ~DemoSetup() override;

    // What an earlier run's polls of the demo store reached, per collection: the new store carries on
    // from there.
    struct History
    {
        QHash<QString, qint64> seen; // collection -> the last id polled
        bool continuing() const { return !seen.isEmpty(); }
    };
    // The configuration to write, a value that any thread may write (see writeConfiguration).
    struct Configuration
    {
        QJsonObject json;        // in the config file's form
        bool continuing = false; // the store's poll positions move past its seeded history
        qint64 lastStampMs = 0;  // the seeded history's latest updated_at
    };

    // Starts both servers and writes the configuration; db and credentials are used only inside this
    // call (db must belong to this thread). False with a one-line *error when a server cannot listen or
    // the configuration cannot be written; nothing is left running then. Once only.
    bool start(const Database &db, CredentialStore &credentials, QString *error);

    // start() in steps, for a caller that keeps the database off this thread (the control panel runs
    // the static ones on its worker): readHistory, startServers and configuration here, then
    // writeConfiguration, then begin. A failed step leaves the demo unusable: destroy it.
    static bool readHistory(const Database &db, History *history, QString *error);
    bool startServers(const History &history, QString *error);
    Configuration configuration() const; // after startServers
    static bool writeConfiguration(const Configuration &configuration, const Database &db,
                                   CredentialStore &credentials, QString *error);
    void begin(); // the configuration is written: the demo runs
    void stop();  // closes both servers; the configuration stays

    bool isRunning() const; // started and not stopped
    QUrl storeUrl() const;
    QUrl endpointUrl() const;
    int received() const;                              // POSTs the sample endpoint accepted (answered 200)
    int ordersPlaced() const { return ordersPlaced_; } // orders added since start()
    // Translated lines for a person: what runs where, and what to look at.
    QStringList describe() const;
    // One translated line for a status bar: where the sample store and endpoint run.
    QString summary() const;
    const Options &options() const { return options_; }
    QString api() const { return api_; } // the API the demo store is polled through
    // The running store, to change its data by hand (tests, a "place an order" button).
    SpreeStoreServer *store() const { return store_.get(); }

Q_SIGNALS:
    void messageReceived(const QString &service, const QJsonObject &message);
    void orderPlaced(const QString &number);

private:
    static bool importConfiguration(const QJsonObject &json, const Database &db, CredentialStore &credentials,
                                    QString *error);
    static bool markHistorySeen(const Database &db, qint64 lastStampMs, QString *error);
    void seedStore(const History &history);
    QJsonObject configurationJson() const;
    void placeOrder();

    Options options_;
    std::unique_ptr<SpreeStoreServer> store_;
    std::unique_ptr<DemoEndpoint> endpoint_;
    QTimer *ticker_;
    QString api_;
    QString apiKey_;
    QString clientSecret_;
    QString token_;
    QStringList shipmentsToShip_;
    int ordersPlaced_ = 0;
    bool continuing_ = false; // an earlier run's polls reached this store's seeded history
    bool started_ = false;
    bool running_ = false;
};
