#pragma once

#include "storage/MessageLog.h"

#include <QStringList>

#include <functional>

class Database;

// The person-driven moves on stored messages, shared by the command line and the control panel:
// replay (back to pending, keeping history; routed again to mappings added since) and archive.
// Each call is one transaction, except replayFailed(), one per page; the caller wakes the engine
// afterwards (WakeChannel::notify).
class MessageActions
{
public:
    struct ReplayProgress
    {
        qint64 messagesMatched = 0; // the messages with failed deliveries the filter showed at the start
        qint64 messagesDone = 0;
        int deliveriesReplayed = 0;
        bool cancelled = false;
    };
    // Called before each page, the first time with nothing done yet; false stops the walk there.
    using ProgressCallback = std::function<bool(const ReplayProgress &progress)>;

    static constexpr int kReplayPageSize = 200;

    explicit MessageActions(const Database &db);

    bool replay(const QStringList &messageIds, int *replayed, int *routed, QString *error) const;
    // Every parked or retrying delivery of the messages `filter` shows (newest first, a page at a
    // time, each page in its own transaction so a long walk never holds the write lock for long). The
    // filter's mapping and endpoint narrow it to their deliveries; its states, to those of parked and
    // retrying it names. Stops early, with progress->cancelled, when `onProgress` says so. An unknown
    // mapping name is an error.
    bool replayFailed(const MessageLog::Filter &filter, const ProgressCallback &onProgress,
                      ReplayProgress *progress, QString *error, int pageSize = kReplayPageSize) const;
    bool archive(const QStringList &messageIds, int *archived, QString *error) const;

private:
    bool replayFailedPage(const QList<MessageLog::Row> &rows, const MessageLog::Filter &filter, int *replayed,
                          QString *error) const;

    const Database &db_;
};
