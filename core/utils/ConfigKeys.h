#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

// The config file refuses keys it does not know, so that a typo ("retries_alowed") or a key of another
// build ("ordering_key") is not silently dropped. Every config parser checks its object with this.
namespace ConfigKeys {
// The valid key closest to `key`: within 2 edits (letters swapped count as one; 1 for keys of 3
// letters or fewer), or one of the two a
// prefix of the other ("timeout_seconds" -> "timeout"). Empty when none is close.
QString closest(const QString &key, const QStringList &valid);

// The first key of `object` (in its sorted key order) that is not in `valid`; empty when there is none.
QString firstUnknown(const QJsonObject &object, const QStringList &valid);

// Empty when every key of `object` is in `valid`; otherwise one line for the first unknown key, in the
// object's (sorted) key order: `unknown key "x"` + ` in <where>` when `where` is given + ` (did you mean
// "y"?)` when one is close, else ` (expected a, b, c)`.
QString unknownKey(const QJsonObject &object, const QStringList &valid, const QString &where = {});
} // namespace ConfigKeys
