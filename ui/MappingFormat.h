#pragma once

#include "MappingService.h"
#include "model/Mapping.h"

#include <QJsonValue>
#include <QString>
#include <QStringList>

// How the mapping editor writes lists, names and values as text, shared by its canvas, table and
// inspector so they all read alike.
namespace MappingFormat {
QString joinList(const QStringList &items); // "order:new, order:updated"
QStringList splitList(const QString &text); // the reverse: trimmed, empty items dropped
QString numberText(double number);          // 5, 0.05: the shortest exact form
// A filter value as the user types it: strings bare, numbers and booleans as JSON writes them.
QString valueText(const QJsonValue &value);
// Same id and same configuration (what an export would write).
bool sameMapping(const Mapping &a, const Mapping &b);
// "order:new → mailer /order_confirmation", with " (2)", " (3)"... when `taken` holds it.
QString suggestedName(const QString &type, const MappingService &service, const QStringList &taken);
} // namespace MappingFormat
