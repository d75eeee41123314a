#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// Where one delivery of a message to one mapping stands. The database, the JSON output and the
// command line keep the lowercase names (name()); code compares the enum.
enum class DeliveryState
{
    Pending,   // due, not yet claimed
    Sending,   // claimed by an engine, request on its way
    Waiting,   // the endpoint answered asynchronously; its update_url is polled when due
    Retrying,  // failed, another attempt is scheduled
    Delivered, // the endpoint confirmed it
    Parked,    // gave up; waits for a person (replay or archive)
    Skipped,   // a filter did not pass, or an identifier was already claimed
    Archived,  // put aside by a person, or its mapping or endpoint was removed
};

namespace DeliveryStates {
QString name(DeliveryState state);
std::optional<DeliveryState> fromName(const QString &name);
QStringList names(const QList<DeliveryState> &states);
// Every state, in the order a delivery lives through them.
const QList<DeliveryState> &all();
// Every state, most urgent first (the order the message log sorts a message's deliveries by).
const QList<DeliveryState> &byUrgency();
// The states in which a delivery still has work ahead of it.
const QList<DeliveryState> &active();
// The states a person is asked to look at.
const QList<DeliveryState> &failed();
} // namespace DeliveryStates
