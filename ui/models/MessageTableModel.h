#pragma once

#include "storage/MessageLog.h"

#include <QAbstractTableModel>

class BackgroundWorker;

// The message log as a table that reads it a page at a time through the worker thread: it holds only
// the rows scrolled into view so far, and refresh() updates those in place (new messages appear on top,
// states change) without resetting the view.
class MessageTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Created,
        Type,
        State,
        Deliveries,
        Attempts,
        LastError,
        MessageId,
        ColumnCount
    };
    enum Role
    {
        MessageIdRole = Qt::UserRole + 1,
        StateRole,
        ErasedRole, // bool: the message's personal data was erased, so it cannot be sent again
    };
    static constexpr int kPageSize = 100;

    explicit MessageTableModel(BackgroundWorker *worker, QObject *parent = nullptr);

    // Starts over with the first page of this filter.
    void setFilter(const MessageLog::Filter &filter);
    const MessageLog::Filter &filter() const { return filter_; }
    void refresh();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    const MessageLog::Row &rowAt(int row) const { return rows_.at(row); }
    int rowOf(const QString &messageId) const;
    bool isLoading() const { return loading_; }
    bool reachedEnd() const { return atEnd_; }
    // Rows read from the database since construction: what a test counts to prove paging.
    qint64 rowsFetched() const { return rowsFetched_; }
    static QString stateLabel(const QString &state);

Q_SIGNALS:
    void loaded(); // a page or a refresh arrived
    void failed(const QString &error);

private:
    void requestPage();
    void appendPage(const QList<MessageLog::Row> &page);
    void merge(const QList<MessageLog::Row> &fresh);
    void finishLoading(); // an answer is in: tells the view, and runs a refresh asked for meanwhile
    QVariant display(const MessageLog::Row &row, int column) const;

    BackgroundWorker *worker_;
    MessageLog::Filter filter_;
    QList<MessageLog::Row> rows_;
    int generation_ = 0; // answers for an older filter are dropped
    bool loading_ = false;
    // A refresh asked for while a page or another refresh was on its way: it runs once that answer is in,
    // since the answer may have been read before the change that asked for it (an archive, an erasure).
    bool refreshAgain_ = false;
    bool atEnd_ = false;
    qint64 rowsFetched_ = 0;
};
