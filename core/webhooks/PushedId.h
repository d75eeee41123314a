#pragma once

#include <QJsonValue>
#include <QString>

// An id as a pushed body carries it: a string, or an integer as Spree's older APIs write ids. Empty for
// anything else, which the caller refuses.
namespace PushedId {
QString text(const QJsonValue &value);
} // namespace PushedId
