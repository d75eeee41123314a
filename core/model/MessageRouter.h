#pragma once

#include "model/Mapping.h"
#include "model/Message.h"

#include <QList>

// Decides, for one message, which mappings get a delivery and whether it starts pending or skipped.
// Pure: identifier uniqueness needs the database, so the route only carries the identity to claim.
struct Route
{
    const Mapping *mapping = nullptr;
    bool filtered = false; // a filter did not pass: the delivery is skipped
    QString reason;        // why it was skipped
    QString identity;      // identifier values to claim; empty when the mapping has none
    QString orderingKey;   // Mapping::orderingKeyOf the message; empty: not ordered
};

namespace MessageRouter {
QList<Route> route(const Message &message, const QList<Mapping> &mappings);
}
