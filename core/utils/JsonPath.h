#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

// Dotted paths into a message as mappings write them, rooted at the whole message object:
// "payload.order.status", "payload.order.line_items.0.sku", "payload.order.shipments.*.items.*.sku".
// A numeric segment indexes an array (on an object it is an ordinary key); "*" expands over every
// element of an array or every value of an object.
namespace JsonPath {
// Every value the path reaches, in document order. Missing keys, out-of-range indexes and segments that
// meet a scalar contribute nothing, so a path that reaches nothing gives an empty array.
QJsonArray resolve(const QJsonObject &root, const QString &path);
// Empty when the path is non-empty segments of ASCII letters, digits, "_" and "-", or "*", separated by
// dots; otherwise a one-line reason.
QString syntaxError(const QString &path);
} // namespace JsonPath
