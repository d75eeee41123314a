#pragma once

#include <QString>

// BSON ObjectId as the seeds require: 4-byte seconds, 5-byte per-process random, 3-byte counter,
// rendered as 24 lowercase hex digits. Ids sort by creation second, which keeps logs readable.
namespace ObjectId {
QString generate();
bool isValid(const QString &id);
} // namespace ObjectId
