#pragma once

#include <QJsonArray>
#include <QJsonObject>

// Admin API v3 records (plain JSON, prefixed ids, associations expanded) in API v1's record shape, which
// SpreeTranslator turns into the hub form: so a store on either API gives the same messages. Pure.
namespace AdminV3Records {

QJsonObject order(const QJsonObject &order);
// The order's fulfillments as API v1 shipments; the Admin API has no shipment list of its own.
QJsonArray shipments(const QJsonObject &order);
QJsonObject customer(const QJsonObject &customer);

} // namespace AdminV3Records
