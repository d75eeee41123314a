#pragma once

#include <QString>
#include <QStringList>

// The stored key of text that must be unique but may be of any length (a notification, a mapping's
// identifier values). PostgreSQL's btree indexes refuse an entry over about 2,700 bytes, and an INSERT
// that fails there fails again every time the same answer comes back; a SHA-256 of the text fits any
// index, and the text itself stays readable in its own column.
namespace UniqueKeyHash {
// Lower-case hex SHA-256 of the parts, each prefixed by its length so that no two lists share a key.
QString of(const QStringList &parts);
} // namespace UniqueKeyHash
