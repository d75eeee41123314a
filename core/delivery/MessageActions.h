#pragma once

#include <QStringList>

#include <optional>

class Database;

// The person-driven moves on stored messages, shared by the command line and the control panel:
// replay (back to pending, keeping history; routed again to mappings added since) and archive.
// Each call is one transaction; the caller wakes the engine afterwards (WakeChannel::notify).
class MessageActions
{
public:
    explicit MessageActions(const Database &db);

    bool replay(const QStringList &messageIds, int *replayed, int *routed, QString *error) const;
    // Every parked or retrying delivery, or only those of one mapping (by name).
    bool replayFailed(const std::optional<QString> &mapping, int *replayed, QString *error) const;
    bool archive(const QStringList &messageIds, int *archived, QString *error) const;

private:
    const Database &db_;
};
