#pragma once

#include "model/Mapping.h"

#include <QList>
#include <QString>

// Which deliveries of a mapping with an ordering key must wait, as SQL over the deliveries table. The
// claim, the next due time and the wait reason of `show` all use it, so they agree.
//
// Delivery D (with a key) waits while another delivery B of the same mapping and key
//  - is `sending` (whatever its message: one request per key at a time, also after a replay of an
//    earlier message), or
//  - belongs to an earlier message (smaller message_row) and is pending, waiting or retrying, or parked
//    when the mapping's on_park is hold.
// A delivery without a key (NULL: no ordering_key, or the path reached nothing) never waits.
class OrderingRule
{
public:
    OrderingRule() = default; // every parked delivery holds its key
    explicit OrderingRule(const QList<Mapping> &mappings);

    // SQL true when delivery `blocker` holds back delivery `waiter` (table aliases).
    QString holdsBack(const QString &blocker, const QString &waiter) const;
    // SQL true when delivery `alias` may be claimed as far as ordering goes.
    QString mayGo(const QString &alias) const;

    bool operator==(const OrderingRule &other) const { return skipMappings_ == other.skipMappings_; }
    bool operator!=(const OrderingRule &other) const { return !(*this == other); }

private:
    QList<qint64> skipMappings_; // on_park skip: their parked deliveries hold nothing back
};
