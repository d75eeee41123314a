#pragma once

#include "polling/JsonApiDocument.h"

#include <QJsonObject>

// Platform API v2 resources (JSON:API, with their `included` relationships) in API v1's record shape, which
// SpreeTranslator turns into the hub form: so a store on either API gives the same messages. Pure.
namespace PlatformV2Records {

QJsonObject order(const JsonApiDocument &document, const QJsonObject &resource);
// An order's shipment, or one listed on its own (then its order, if included, gives the number and email).
QJsonObject shipment(const JsonApiDocument &document, const QJsonObject &resource,
                     const QJsonObject &order = {});
QJsonObject user(const JsonApiDocument &document, const QJsonObject &resource);
QJsonObject product(const QJsonObject &resource);
// "45" reads as 45, as API v1 wrote ids; anything else stays a string.
QJsonValue numericId(const QJsonValue &id);

} // namespace PlatformV2Records
