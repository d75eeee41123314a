#pragma once

#include "DemoCatalog.h"
#include "DemoIndexQuery.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QStringList>

#include <functional>
#include <optional>

// The demo store's records, kept in the JSON shape Spree renders, and the clock that stamps their changes.
// Ids count up from 1 and nothing is ever deleted.
class DemoStore
{
public:
    enum class Collection
    {
        Orders,
        Users,
        Products,
        Shipments
    };

    void seed(int orders, int users, int products);
    QString addOrder(const QString &state, const QString &number = {}); // number: empty for R1000…
    bool updateOrder(const QString &number, const std::function<void(QJsonObject &)> &change);
    bool setOrderState(const QString &number, const QString &state);
    bool setShipmentState(const QString &shipmentNumber, const QString &state, const QString &tracking);
    int addUser(const QString &email);
    int addProduct(const QString &name);
    bool updateProduct(int id, const std::function<void(QJsonObject &)> &change);

    QJsonObject order(const QString &number) const;
    QJsonObject user(int id) const;
    QJsonObject product(const QString &idOrSlug) const;
    QStringList orderNumbers() const;
    QStringList shipmentNumbers(const QString &orderNumber) const;

    QList<DemoIndexEntry> entries(Collection collection) const;
    QJsonObject indexItem(Collection collection, int id) const;

    void freezeClock(qint64 msSinceEpoch);
    void unfreezeClock();

private:
    struct Record
    {
        QJsonObject json;
        qint64 createdAtMs = 0;
        qint64 updatedAtMs = 0;
    };

    struct ShipmentRecord
    {
        int orderId = 0;
        qint64 createdAtMs = 0;
        qint64 updatedAtMs = 0;
    };

    // Seeding spreads its records over the past instead of stamping them all "now".
    struct Backfill
    {
        qint64 nextMs = 0;
        qint64 stepMs = 1;
    };

    qint64 stamp();
    void startBackfill(int records);

    int createUser(const QString &email, qint64 now);
    int createProduct(const QString &name, qint64 now);
    QString createOrder(const QString &state, qint64 now, bool backdated, const QString &number = {});
    int customerFor(qint64 now, bool returningOnly);
    QString drawSeededState();
    QList<int> drawProducts(qint64 now);
    QJsonObject drawLineItem(int productId, QJsonArray *manifest, qint64 *itemTotalCents);
    QJsonArray drawAdjustments(qint64 itemTotalCents, qint64 *adjustmentTotalCents);
    QJsonObject draftOrder(int id, int userId, qint64 createdAtMs);
    void shipAll(QJsonObject &order, qint64 now);
    void commitOrder(int id, QJsonObject json, qint64 now);
    void syncShipments(int orderId, const QString &orderNumber, const QJsonArray &before, QJsonArray &after,
                       qint64 now);
    QJsonObject shipmentJson(int shipmentId) const;

    DemoCatalog catalog_;
    QMap<int, Record> orders_;
    QHash<QString, int> orderIds_; // by number
    QMap<int, Record> users_;
    QHash<QString, int> userIds_; // by email
    QMap<int, Record> products_;
    QHash<QString, int> productIds_; // by slug
    QMap<int, ShipmentRecord> shipments_;
    QHash<QString, int> shipmentIds_; // by number
    int nextAddressId_ = 1;
    int nextLineItemId_ = 1;
    int nextPaymentId_ = 1;
    int nextShipmentId_ = 1;
    qint64 lastStampMs_ = 0;
    std::optional<qint64> frozenMs_;
    std::optional<Backfill> backfill_;
};
