#pragma once

#include "storage/StoreHeartbeatLog.h"

#include <QJsonObject>
#include <QList>
#include <QSettings>
#include <QWidget>

class QLabel;
class QTableWidget;

// How one store has been doing: its heartbeat now, the history of heartbeat changes (with the reason
// of each fall) and the last poll of each collection, with its error if it failed.
class StoreHealthPanel : public QWidget
{
    Q_OBJECT
public:
    explicit StoreHealthPanel(QWidget *parent = nullptr);

    // `store` is one entry of StoreRepository::describe(); an empty object clears the panel.
    void showHealth(const QJsonObject &store, const QList<HeartbeatChange> &history);
    void saveState(QSettings &settings) const;
    void restoreState(const QSettings &settings);

    static QString localTime(const QJsonValue &iso); // "" for null
    static QString localTime(qint64 msSinceEpoch);

private:
    void showSummary(const QJsonObject &store);
    void showHistory(const QList<HeartbeatChange> &history);
    void showCollections(const QJsonArray &collections);

    QLabel *summary_;
    QTableWidget *heartbeats_;
    QTableWidget *collections_;
};
