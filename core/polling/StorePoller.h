#pragma once

#include "model/Attempt.h"
#include "model/Store.h"
#include "polling/StoreApiClient.h"
#include "storage/DatabaseLocation.h"
#include "storage/StoreRepository.h"

#include <QHash>
#include <QJsonArray>
#include <QObject>
#include <QQueue>
#include <QSet>
#include <QTimer>

#include <memory>

class CredentialStore;
class Database;
class OAuthTokenSource;
class QNetworkAccessManager;

// Watches stores' Spree APIs and turns changes into messages. Lives on its own thread with its own
// database connection and network access, so polling never delays dispatch. Each collection poll
// follows the store's pages from the saved bookmark, and commits each page's messages together
// with the bookmark that covers them. Every poll is a heartbeat beat.
class StorePoller : public QObject
{
    Q_OBJECT
public:
    StorePoller(DatabaseLocation location, CredentialStore *credentials, QObject *parent = nullptr);
    ~StorePoller() override;

    static constexpr int kFailuresUntilDown = 3;
    static constexpr qint64 kMaxPageBytes = 16LL * 1024 * 1024;

    // A Spree API URL under the store's URL: "/api/" + `segments` ("orders", an order number), with the
    // query `items`. Every segment and value is percent-encoded, so an order number with "/", "?", "#",
    // "%", spaces or any letter stays one segment, and a "+" in a bookmark's time stays a "+".
    static QUrl apiUrl(const QUrl &storeUrl, const QStringList &segments,
                       const QList<QPair<QString, QString>> &items = {});

public Q_SLOTS:
    // scheduled: poll every collection now and then at its interval; otherwise only when asked.
    void start(bool scheduled);
    // Polls every collection of the named store (empty: every store) once; pollsDone() follows.
    void pollNow(const QString &storeName);
    void stop();

Q_SIGNALS:
    void started(const QString &error);
    void messagesAccepted(int count);
    void collectionPolled(const QString &store, const QString &collection, int messages,
                          const QString &error);
    void pollsDone(); // every poll asked for with pollNow() has finished
    void stopped();

private:
    struct Job
    {
        Store store;
        QString collection;
        std::shared_ptr<StoreApiClient> api;
        QString credential; // the API key, or the Platform API's access token
        Bookmark bookmark;
        int page = 1;
        int produced = 0;
        QList<PolledRecord> records; // new records of the current page, in order
        int detailIndex = 0;         // API v1's orders: full records are fetched one by one
        bool oneShot = false;
        bool storeRemoved = false; // removed while polled: nothing more is written for it
        quint64 serial = 0;        // tells a timer of an earlier job from this one
        // The request on the way: sent again after a 429's wait, or with a fresh token after a 401.
        QUrl pendingUrl;
        void (StorePoller::*pendingHandler)(const Attempt &) = nullptr;
        bool renewedAfter401 = false;
        int rateLimitWaits = 0;
    };

    static constexpr int kMaxRateLimitWaits = 3;
    static constexpr qint64 kMaxRateLimitWaitMs = 60 * 1000;

    bool reloadStores(QString *error);
    void dropJobsOfRemovedStores(); // queued polls of stores that are gone since they were queued
    bool storeRemoved(const Job &job);
    void applySchedule(); // one timer per store collection, as the stores now say
    void reloadIfConfigChanged();
    void enqueue(const Store &store, const QString &collection, bool oneShot);
    void runNext();
    void fetchPage();
    void onPage(const Attempt &attempt);
    void fetchNextDetail();
    void onDetail(const Attempt &attempt);
    bool commitPage(QString *error);
    static Bookmark advancedBookmark(const Job &job);
    void finishJob(const QString &error);
    void endJob(const Job &job, const QString &error); // the job is over: tell, and run the next one
    bool recordPollFailure(const Store &store, const QString &error, QString *dbError);
    void reportUnrecorded(const Job &job, const QString &error);
    // Shared database: only one engine polls a store at a time (a PostgreSQL advisory lock). *locked is
    // false when another engine holds it; false is returned only for a database error.
    void reopenDatabase();
    bool tryLockStore(const QString &name, bool *locked, QString *error);
    bool unlockStore(const QString &name, QString *error);
    bool recordBeat(const Store &store, const QString &error, QString *dbError);
    void announce(const Store &store, const QString &level, const QString &subject,
                  const QString &description);
    bool loadCredential(QString *error); // the job's API key, or its OAuth application's token source
    OAuthTokenSource *tokenSource(const Store &store, const QString &clientSecret);
    void request(const QUrl &url, void (StorePoller::*handler)(const Attempt &));
    void send();
    void startExchange();
    void onAnswer(quint64 serial, const Attempt &attempt);
    QString describeFailure(const Attempt &attempt, const QString &what) const;

    DatabaseLocation location_;
    CredentialStore *credentials_;
    std::unique_ptr<Database> db_;
    std::unique_ptr<StoreRepository> repository_;
    QNetworkAccessManager *network_ = nullptr;
    QList<Store> stores_;
    QHash<QString, QTimer *> timers_; // "store/collection"
    qint64 configVersion_ = 0;
    static constexpr int kConfigCheckMs = 2000;
    static constexpr int kDatabaseRetryMs = 5000; // after the database refused a write of a poll
    QQueue<Job> queue_;
    QSet<QString> queued_; // "store/collection" queued or running
    std::unique_ptr<Job> current_;
    quint64 nextSerial_ = 1;
    QHash<QString, OAuthTokenSource *> tokenSources_; // by store name; tokens outlive one poll
    int oneShotsPending_ = 0;
    bool stopping_ = false;
};
