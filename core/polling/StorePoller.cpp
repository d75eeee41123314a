#include "polling/StorePoller.h"

#include "delivery/RetryPolicy.h"
#include "http/HttpExchange.h"
#include "polling/OAuthTokenSource.h"
#include "polling/SpreeTranslator.h"
#include "secrets/CredentialStore.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "storage/MessageRepository.h"
#include "storage/NotificationAnnouncer.h"
#include "storage/NotificationLog.h"
#include "utils/Clock.h"
#include "utils/ObjectId.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QNetworkAccessManager>

#include <algorithm>

namespace {

QString jobKey(const QString &store, const QString &collection)
{
    return store + QLatin1Char('/') + collection;
}

// Records sorted by updated_at, the order the bookmark advances in; API v1's ties by their numeric id, the
// other APIs' ties as the store listed them (their ids are opaque, and the bookmark lists those it saw).
void sortForBookmark(QList<PolledRecord> *records, bool opaqueIds)
{
    std::stable_sort(records->begin(), records->end(),
                     [opaqueIds](const PolledRecord &a, const PolledRecord &b) {
                         if (a.updatedAtMs != b.updatedAtMs || opaqueIds)
                             return a.updatedAtMs < b.updatedAtMs;
                         return a.id.toLongLong() < b.id.toLongLong();
                     });
}

bool covered(const Bookmark &bookmark, const PolledRecord &record, bool opaqueIds)
{
    return opaqueIds ? bookmark.covers(record.updatedAtMs, record.id)
                     : bookmark.covers(record.updatedAtMs, record.id.toLongLong());
}

} // namespace

StorePoller::StorePoller(DatabaseLocation location, CredentialStore *credentials, QObject *parent)
    : QObject(parent)
    , location_(std::move(location))
    , credentials_(credentials)
{}

StorePoller::~StorePoller() = default;

void StorePoller::start(bool scheduled)
{
    db_ = std::make_unique<Database>(location_, QStringLiteral("poller-%1").arg(quintptr(this)));
    QString error;
    if (!db_->open(&error)) {
        Q_EMIT started(error);
        return;
    }
    repository_ = std::make_unique<StoreRepository>(*db_);
    if (!reloadStores(&error)) {
        Q_EMIT started(error);
        return;
    }
    network_ = new QNetworkAccessManager(this);
    if (scheduled) {
        ConfigRepository(*db_).version(&configVersion_, &error);
        applySchedule();
        // Stores added or changed elsewhere (the control panel, a config import) are picked up without a
        // restart; the version check is one indexed row.
        auto *watch = new QTimer(this);
        watch->setInterval(kConfigCheckMs);
        connect(watch, &QTimer::timeout, this, &StorePoller::reloadIfConfigChanged);
        watch->start();
    }
    Q_EMIT started(QString());
}

void StorePoller::applySchedule()
{
    QSet<QString> wanted;
    for (const Store &store : std::as_const(stores_)) {
        for (auto it = store.collections.cbegin(); it != store.collections.cend(); ++it) {
            const QString key = jobKey(store.name, it.key());
            wanted.insert(key);
            QTimer *timer = timers_.value(key);
            if (timer) {
                if (timer->interval() != it.value() * 1000)
                    timer->start(it.value() * 1000);
                continue;
            }
            timer = new QTimer(this);
            timer->setInterval(it.value() * 1000);
            const QString name = store.name;
            const QString &collection = it.key();
            connect(timer, &QTimer::timeout, this, [this, name, collection] {
                for (const Store &s : std::as_const(stores_)) {
                    if (s.name == name)
                        enqueue(s, collection, false);
                }
            });
            timer->start();
            timers_.insert(key, timer);
            enqueue(store, collection, false);
        }
    }
    for (auto it = timers_.begin(); it != timers_.end();) {
        if (wanted.contains(it.key())) {
            ++it;
            continue;
        }
        delete it.value();
        it = timers_.erase(it);
    }
}

void StorePoller::reloadIfConfigChanged()
{
    qint64 version = 0;
    QString error;
    if (stopping_ || !ConfigRepository(*db_).version(&version, &error) || version == configVersion_)
        return;
    if (!reloadStores(&error))
        return; // the next check tries again
    configVersion_ = version;
    dropJobsOfRemovedStores();
    applySchedule(); // a removed store's timers go
}

bool StorePoller::reloadStores(QString *error)
{
    QList<Store> stores;
    if (!repository_->loadStores(&stores, error))
        return false;
    stores_ = stores;
    return true;
}

void StorePoller::dropJobsOfRemovedStores()
{
    QSet<qint64> ids;
    for (const Store &store : std::as_const(stores_))
        ids.insert(store.id);
    QQueue<Job> kept;
    while (!queue_.isEmpty()) {
        const Job job = queue_.dequeue();
        if (ids.contains(job.store.id)) {
            kept.enqueue(job);
            continue;
        }
        queued_.remove(jobKey(job.store.name, job.collection));
        Q_EMIT collectionPolled(job.store.name, job.collection, 0, QString());
        if (job.oneShot && --oneShotsPending_ == 0)
            Q_EMIT pollsDone();
    }
    queue_ = kept;
}

// A store removed since its poll was queued or began: the removal deleted what polling keeps about it
// (StoreRepository::removeStore), and nothing may bring a bookmark, a snapshot or a heartbeat back.
bool StorePoller::storeRemoved(const Job &job)
{
    bool exists = true;
    QString error;
    return job.storeRemoved || (repository_->exists(job.store.id, &exists, &error) && !exists);
}

void StorePoller::pollNow(const QString &storeName)
{
    QString error;
    if (!repository_ || !reloadStores(&error)) {
        Q_EMIT pollsDone();
        return;
    }
    dropJobsOfRemovedStores();
    for (const Store &store : std::as_const(stores_)) {
        if (!storeName.isEmpty() && store.name != storeName)
            continue;
        for (auto it = store.collections.cbegin(); it != store.collections.cend(); ++it)
            enqueue(store, it.key(), true);
    }
    if (oneShotsPending_ == 0)
        Q_EMIT pollsDone();
}

void StorePoller::enqueue(const Store &store, const QString &collection, bool oneShot)
{
    const QString key = jobKey(store.name, collection);
    if (!oneShot && queued_.contains(key))
        return; // a scheduled poll that is still queued or running covers this one
    Job job;
    job.store = store;
    job.collection = collection;
    job.oneShot = oneShot;
    oneShotsPending_ += oneShot ? 1 : 0;
    queued_.insert(key);
    queue_.enqueue(job);
    runNext();
}

void StorePoller::runNext()
{
    if (current_ || queue_.isEmpty() || stopping_)
        return;
    current_ = std::make_unique<Job>(queue_.dequeue());
    bool locked = false;
    QString lockError;
    if (!tryLockStore(current_->store.name, &locked, &lockError)) {
        const Job job = *current_;
        current_.reset();
        const QString error = QStringLiteral("store %1: cannot take its poll lock: %2")
                                  .arg(job.store.name, lockError.simplified());
        reportUnrecorded(job, error);
        return endJob(job, error);
    }
    if (!locked) {
        // Another engine is polling this store right now; its poll covers this one.
        const Job job = *current_;
        current_.reset();
        return endJob(job, QString());
    }
    if (storeRemoved(*current_)) {
        current_->storeRemoved = true;
        return finishJob(QString());
    }
    QString error;
    current_->serial = nextSerial_++;
    current_->api = StoreApiClient::forApi(current_->store.api);
    if (!loadCredential(&error))
        return finishJob(error);
    if (!repository_->bookmark(current_->store.id, current_->collection, &current_->bookmark, &error))
        return finishJob(QStringLiteral("cannot read the bookmark: %1").arg(error));
    fetchPage();
}

bool StorePoller::loadCredential(QString *error)
{
    const Store &store = current_->store;
    const bool oauth = store.api == Store::kApiPlatformV2;
    // Never polled without its key: the store would answer 401, or worse, serve what it shows anyone.
    const bool needed = oauth ? true : store.hasApiKey || store.api == Store::kApiAdminV3;
    if (!needed)
        return true;
    const QString name = oauth ? QStringLiteral("client_secret") : QStringLiteral("api_key");
    const bool stored = oauth ? store.hasClientSecret : store.hasApiKey;
    QString reason;
    const std::optional<QString> secret =
        stored ? credentials_->read(
                     *db_, oauth ? Store::clientSecretKeyFor(store.name) : Store::apiKeyKeyFor(store.name),
                     &reason)
               : std::nullopt;
    if (!secret || secret->isEmpty()) {
        *error =
            QStringLiteral("store %1: not polled without its %2: %3")
                .arg(store.name, name,
                     reason.isEmpty() ? QStringLiteral("the database holds none; set it and import again")
                                      : reason);
        return false;
    }
    if (oauth)
        tokenSource(store, *secret); // the token itself is fetched (or reused) before each request
    else
        current_->credential = *secret;
    return true;
}

OAuthTokenSource *StorePoller::tokenSource(const Store &store, const QString &clientSecret)
{
    OAuthTokenSource *source = tokenSources_.value(store.name);
    if (source && source->isFor(store.url, store.clientId, clientSecret))
        return source;
    delete source;
    source =
        new OAuthTokenSource(network_, store.url, store.clientId, clientSecret, store.timeoutSeconds, this);
    tokenSources_.insert(store.name, source);
    return source;
}

void StorePoller::request(const QUrl &url, void (StorePoller::*handler)(const Attempt &))
{
    current_->pendingUrl = url;
    current_->pendingHandler = handler;
    current_->rateLimitWaits = 0;
    send();
}

// Sends the pending request; for the Platform API v2 with the access token, fetched first when there is none
// still valid.
void StorePoller::send()
{
    if (current_->store.api != Store::kApiPlatformV2)
        return startExchange();
    const quint64 serial = current_->serial;
    tokenSources_.value(current_->store.name)
        ->fetch([this, serial](const QString &token, const QString &error) {
            if (!current_ || stopping_ || current_->serial != serial)
                return;
            if (!error.isEmpty())
                return finishJob(QStringLiteral("store %1: %2").arg(current_->store.name, error));
            current_->credential = token;
            startExchange();
        });
}

void StorePoller::startExchange()
{
    HttpExchange::Request request;
    request.url = current_->pendingUrl;
    request.get = true;
    request.timeoutMs = qint64(current_->store.timeoutSeconds * 1000);
    request.maxBodyBytes = kMaxPageBytes;
    request.peer = HttpExchange::Request::Peer::Store;
    request.headers = {
        {"Accept", current_->api->accept()},
        {"User-Agent", QByteArrayLiteral("Integrator/") + QByteArrayLiteral(INTEGRATOR_VERSION)}};
    if (!current_->credential.isEmpty()) {
        request.headers.append({current_->api->authHeader(), current_->api->authValue(current_->credential)});
        request.secretHeaders = {current_->api->authHeader()};
    }
    const quint64 serial = current_->serial;
    auto *exchange = new HttpExchange(network_, request, this);
    connect(exchange, &HttpExchange::finished, this, [this, exchange, serial](const Attempt &attempt) {
        exchange->deleteLater();
        onAnswer(serial, attempt);
    });
    exchange->start();
}

// What every API may answer before the page itself: a 429 waits its Retry-After (briefly; a longer one
// fails the poll, and the next scheduled one tries again), and a 401 of an OAuth store gets one more try
// with a fresh token, since Spree's tokens can be revoked or lapse before expires_in says.
void StorePoller::onAnswer(quint64 serial, const Attempt &attempt)
{
    if (!current_ || stopping_ || current_->serial != serial)
        return;
    if (attempt.status == 429) {
        const std::optional<qint64> waitMs =
            RetryPolicy::parseRetryAfterMs(attempt.retryAfter, Clock::nowMs());
        if (waitMs && *waitMs <= kMaxRateLimitWaitMs && current_->rateLimitWaits < kMaxRateLimitWaits) {
            ++current_->rateLimitWaits;
            QTimer::singleShot(*waitMs, this, [this, serial] {
                if (current_ && !stopping_ && current_->serial == serial)
                    send();
            });
            return;
        }
    }
    if (attempt.status == 401 && current_->store.api == Store::kApiPlatformV2 && !current_->renewedAfter401) {
        current_->renewedAfter401 = true;
        tokenSources_.value(current_->store.name)->invalidate();
        return send();
    }
    if (attempt.status != 401)
        current_->renewedAfter401 = false;
    (this->*current_->pendingHandler)(attempt);
}

QUrl StorePoller::apiUrl(const QUrl &storeUrl, const QStringList &segments,
                         const QList<QPair<QString, QString>> &items)
{
    return StoreApiClient::url(storeUrl, QStringList{QStringLiteral("api")} + segments, items);
}

void StorePoller::fetchPage()
{
    request(current_->api->pageUrl(current_->store, current_->collection, current_->bookmark, current_->page),
            &StorePoller::onPage);
}

QString StorePoller::describeFailure(const Attempt &attempt, const QString &what) const
{
    const QString store = QStringLiteral("store %1").arg(current_->store.name);
    if (!attempt.error.isEmpty())
        return QStringLiteral("%1: %2 failed: %3").arg(store, what, attempt.error);
    if (attempt.status == 401 || attempt.status == 403) {
        if (current_->store.api == Store::kApiPlatformV2)
            return QStringLiteral(
                       "%1: a fresh access token was refused (HTTP %2) reading %3; check that the OAuth "
                       "application has the %4 scope")
                .arg(store)
                .arg(attempt.status)
                .arg(what, OAuthTokenSource::scope());
        return QStringLiteral("%1: the API key was refused (HTTP %2) reading %3; check the store's api_key")
            .arg(store)
            .arg(attempt.status)
            .arg(what);
    }
    if (attempt.status == 404)
        return QStringLiteral("%1: %2 not found (HTTP 404); check the store's url and api (%3 is \"%4\")")
            .arg(store, what, Store::apiTitle(current_->store.api), current_->store.api);
    if (attempt.status == 429)
        return QStringLiteral(
                   "%1: rate limited (HTTP 429, Retry-After %2) reading %3; the next poll tries again")
            .arg(store,
                 attempt.retryAfter.isEmpty() ? QStringLiteral("not given")
                                              : QString::fromLatin1(attempt.retryAfter),
                 what);
    return QStringLiteral("%1: HTTP %2 reading %3: %4")
        .arg(store)
        .arg(attempt.status)
        .arg(what, QString::fromUtf8(attempt.responseBody.left(200)).simplified());
}

void StorePoller::onPage(const Attempt &attempt)
{
    const QString what = QStringLiteral("%1 page %2").arg(current_->collection).arg(current_->page);
    if (!attempt.error.isEmpty() || attempt.status != 200)
        return finishJob(describeFailure(attempt, what));
    QJsonParseError parseError;
    const QJsonObject body = QJsonDocument::fromJson(attempt.responseBody, &parseError).object();
    if (parseError.error != QJsonParseError::NoError)
        return finishJob(QStringLiteral("store %1: %2 is malformed JSON (%3 at offset %4)")
                             .arg(current_->store.name, what, parseError.errorString())
                             .arg(parseError.offset));
    StoreApiClient::Page page = current_->api->readPage(current_->collection, current_->page, body);
    if (!page.error.isEmpty())
        return finishJob(QStringLiteral("store %1: %2 %3").arg(current_->store.name, what, page.error));
    const bool opaque = current_->api->opaqueIds();
    current_->records.clear();
    for (const PolledRecord &record : std::as_const(page.records)) {
        if (!covered(current_->bookmark, record, opaque))
            current_->records.append(record);
    }
    sortForBookmark(&current_->records, opaque);
    if (current_->records.isEmpty()) {
        // Only records the bookmark covers (ties at its updated_at): look further.
        if (!page.morePages)
            return finishJob(QString());
        ++current_->page;
        return fetchPage();
    }
    current_->page = page.morePages ? 1 : 0; // after this page: start over from the new bookmark, or stop
    current_->detailIndex = 0;
    fetchNextDetail();
}

void StorePoller::fetchNextDetail()
{
    while (current_->detailIndex < current_->records.size()) {
        const QUrl url = current_->api->detailUrl(current_->store, current_->collection,
                                                  current_->records.at(current_->detailIndex));
        if (url.isValid())
            return request(url, &StorePoller::onDetail);
        ++current_->detailIndex;
    }
    QString error;
    if (!commitPage(&error))
        return finishJob(error);
    if (current_->page == 0)
        return finishJob(QString());
    fetchPage();
}

void StorePoller::onDetail(const Attempt &attempt)
{
    PolledRecord &record = current_->records[current_->detailIndex];
    const QString what = QStringLiteral("order %1")
                             .arg(record.forms.first().record.value(QStringLiteral("number")).toString());
    if (!attempt.error.isEmpty() || attempt.status != 200)
        return finishJob(describeFailure(attempt, what));
    QJsonParseError parseError;
    const QJsonObject detail = QJsonDocument::fromJson(attempt.responseBody, &parseError).object();
    if (parseError.error != QJsonParseError::NoError)
        return finishJob(QStringLiteral("store %1: %2 is malformed JSON (%3)")
                             .arg(current_->store.name, what, parseError.errorString()));
    current_->api->mergeDetail(&record, detail);
    ++current_->detailIndex;
    fetchNextDetail();
}

// The bookmark after a committed page: its last record, and for opaque ids every id handled at its time.
Bookmark StorePoller::advancedBookmark(const Job &job)
{
    const PolledRecord &last = job.records.last();
    Bookmark bookmark;
    bookmark.updatedAt = last.updatedAt;
    bookmark.updatedAtMs = last.updatedAtMs;
    if (!job.api->opaqueIds()) {
        bookmark.id = last.id.toLongLong();
        return bookmark;
    }
    if (job.bookmark.isSet() && job.bookmark.updatedAtMs == last.updatedAtMs)
        bookmark.seenIds = job.bookmark.seenIds;
    for (const PolledRecord &record : job.records) {
        if (record.updatedAtMs == last.updatedAtMs && !bookmark.seenIds.contains(record.id))
            bookmark.seenIds.append(record.id);
    }
    return bookmark;
}

bool StorePoller::commitPage(QString *error)
{
    Job &job = *current_;
    QList<Mapping> mappings;
    QList<Message> messages;
    WriteTransaction transaction(*db_);
    bool exists = false;
    if (!transaction.begin(error) || !repository_->exists(job.store.id, &exists, error) ||
        !ConfigRepository(*db_).loadMappings(&mappings, error))
        return false;
    if (!exists) {
        // Checked in the transaction that would write: on SQLite it holds the write lock, and on
        // PostgreSQL the removal waits for this engine's poll lock on the store.
        job.storeRemoved = true;
        *error = QStringLiteral("store %1 was removed").arg(job.store.name);
        return false;
    }
    for (const PolledRecord &polled : std::as_const(job.records)) {
        for (const PolledRecord::Form &form : polled.forms) {
            const QString key = SpreeTranslator::recordKey(job.collection, form.record);
            std::optional<QJsonObject> previous;
            if (!repository_->recordSnapshot(job.store.id, job.collection, key, &previous, error))
                return false;
            const SpreeTranslator::Change change =
                SpreeTranslator::detect(job.collection, form.record, previous, form.original);
            messages += change.messages;
            if ((!previous || !SpreeTranslator::diff(*previous, change.snapshot).isEmpty()) &&
                !repository_->saveRecordSnapshot(job.store.id, job.collection, key, change.snapshot, error))
                return false;
        }
    }
    const Bookmark bookmark = advancedBookmark(job);
    if (!MessageRepository(*db_).insert(messages, QStringLiteral("store:%1").arg(job.store.name), mappings,
                                        nullptr, error) ||
        !repository_->saveBookmark(job.store.id, job.collection, bookmark, error) ||
        !transaction.commit(error))
        return false;
    job.bookmark = bookmark;
    job.produced += int(messages.size());
    if (!messages.isEmpty())
        Q_EMIT messagesAccepted(int(messages.size()));
    return true;
}

void StorePoller::finishJob(const QString &error)
{
    Job job = *current_;
    current_.reset();
    // Written while the store's poll lock is still held: on PostgreSQL a removal waits for them. (On
    // SQLite a removal between the check and these writes leaves at most a row no store refers to.)
    const bool removed = storeRemoved(job);
    QStringList unrecorded;
    QString dbError;
    if (!removed) {
        if (!repository_->noteCollectionPoll(job.store.id, job.collection, error, &dbError))
            unrecorded << QStringLiteral("the poll: %1").arg(dbError);
        if (!error.isEmpty() && !recordPollFailure(job.store, error, &dbError))
            unrecorded << QStringLiteral("its failure: %1").arg(dbError);
        if (!recordBeat(job.store, error, &dbError))
            unrecorded << QStringLiteral("the heartbeat: %1").arg(dbError);
    }
    if (!unlockStore(job.store.name, &dbError))
        unrecorded << QStringLiteral("the release of its poll lock: %1").arg(dbError);
    if (unrecorded.isEmpty())
        return endJob(job, removed ? QString() : error);
    const QString unrecordedError =
        QStringLiteral("store %1, %2: cannot record %3")
            .arg(job.store.name, job.collection, unrecorded.join(QStringLiteral("; ")).simplified());
    reportUnrecorded(job, unrecordedError);
    endJob(job, error.isEmpty() ? unrecordedError : error); // a failed poll is told as it was
}

void StorePoller::endJob(const Job &job, const QString &error)
{
    queued_.remove(jobKey(job.store.name, job.collection));
    Q_EMIT collectionPolled(job.store.name, job.collection, job.produced, error);
    if (job.oneShot && --oneShotsPending_ == 0)
        Q_EMIT pollsDone();
    QTimer::singleShot(0, this, &StorePoller::runNext);
}

bool StorePoller::recordPollFailure(const Store &store, const QString &error, QString *dbError)
{
    Notification failure;
    failure.level = QStringLiteral("warn");
    failure.subject = QStringLiteral("Store poll failed: %1").arg(store.name);
    failure.description = error;
    failure.source = QStringLiteral("store:%1").arg(store.name);
    failure.reference = store.name;
    return NotificationLog(*db_).record(failure, dbError);
}

// A write of polling the database refused: said in the log and, when the database takes it, where people
// look. The collection is polled again after kDatabaseRetryMs (its schedule may be hours away, and a
// one-shot poll has none), so that the poll and the heartbeat are recorded once the database recovers.
void StorePoller::reportUnrecorded(const Job &job, const QString &error)
{
    qWarning("Integrator: %s; polling again in %d s", qPrintable(error), kDatabaseRetryMs / 1000);
    Notification notification;
    notification.level = QStringLiteral("error");
    notification.subject = QStringLiteral("Store poll not recorded: %1").arg(job.store.name);
    notification.description = error;
    notification.source = QStringLiteral("store:%1").arg(job.store.name);
    notification.reference = job.store.name;
    QString notRecorded;
    if (!NotificationLog(*db_).record(notification, &notRecorded))
        qWarning("Integrator: cannot record that notification either: %s", qPrintable(notRecorded));
    const QString name = job.store.name;
    const QString collection = job.collection;
    QTimer::singleShot(kDatabaseRetryMs, this, [this, name, collection] {
        if (stopping_)
            return;
        reopenDatabase();
        for (const Store &store : std::as_const(stores_)) {
            if (store.name == name && store.collections.contains(collection))
                enqueue(store, collection, false);
        }
    });
}

// A PostgreSQL restart leaves the connection dead for good: it is opened anew before polling again. Not
// while a poll is under way, whose store lock lives on this connection.
void StorePoller::reopenDatabase()
{
    if (current_)
        return;
    repository_.reset(); // its prepared statements belong to the old connection
    QString error;
    if (!db_->reopen(&error))
        qWarning("Integrator: %s", qPrintable(error));
    repository_ = std::make_unique<StoreRepository>(*db_);
}

bool StorePoller::tryLockStore(const QString &name, bool *locked, QString *error)
{
    const QString statement = db_->dialect().tryLockStatement();
    if (statement.isEmpty()) {
        *locked = true;
        return true;
    }
    QSqlQuery query = db_->prepare(statement);
    query.bindValue(0, QStringLiteral("integrator-store-") + name);
    if (!db_->exec(query, error))
        return false;
    *locked = query.next() && query.value(0).toBool();
    return true;
}

bool StorePoller::unlockStore(const QString &name, QString *error)
{
    const QString statement = db_->dialect().unlockStatement();
    if (statement.isEmpty())
        return true;
    QSqlQuery query = db_->prepare(statement);
    query.bindValue(0, QStringLiteral("integrator-store-") + name);
    return db_->exec(query, error);
}

bool StorePoller::recordBeat(const Store &store, const QString &error, QString *dbError)
{
    StoreHealth health;
    if (!repository_->health(store.id, &health, dbError))
        return false;
    const QString before = health.state;
    const qint64 now = Database::nowMs();
    health.lastBeatAtMs = now;
    if (error.isEmpty()) {
        health.consecutiveFailures = 0;
        health.lastSuccessAtMs = now;
        health.state = QStringLiteral("up");
    } else {
        ++health.consecutiveFailures;
        health.lastError = error;
        health.lastErrorAtMs = now;
        const bool silentTooLong =
            health.lastSuccessAtMs && now - *health.lastSuccessAtMs > 3LL * store.shortestInterval() * 1000;
        health.state = health.consecutiveFailures >= kFailuresUntilDown || silentTooLong
                           ? QStringLiteral("down")
                           : QStringLiteral("degraded");
    }
    const bool changed = health.state != before;
    if (!repository_->saveHealth(store.id, health, changed, dbError))
        return false;
    if (!changed)
        return true;
    if (health.state == QLatin1String("down"))
        announce(store, QStringLiteral("error"), QStringLiteral("Store down: %1").arg(store.name),
                 QStringLiteral("%1 polls in a row failed; last error: %2")
                     .arg(health.consecutiveFailures)
                     .arg(error));
    else if (health.state == QLatin1String("degraded"))
        announce(store, QStringLiteral("warn"), QStringLiteral("Store degraded: %1").arg(store.name), error);
    else if (before == QLatin1String("down") || before == QLatin1String("degraded"))
        announce(store, QStringLiteral("info"), QStringLiteral("Store recovered: %1").arg(store.name),
                 QStringLiteral("polls succeed again"));
    return true;
}

void StorePoller::announce(const Store &store, const QString &level, const QString &subject,
                           const QString &description)
{
    Notification notification;
    notification.level = level;
    notification.subject = subject;
    notification.description = description;
    notification.source = QStringLiteral("store:%1").arg(store.name);
    notification.reference = store.name;
    QString error;
    QList<Mapping> mappings;
    WriteTransaction transaction(*db_);
    if (!transaction.begin(&error) || !ConfigRepository(*db_).loadMappings(&mappings, &error) ||
        !NotificationAnnouncer::announce(*db_, notification, {{QStringLiteral("store"), store.name}},
                                         mappings, &error) ||
        !transaction.commit(&error)) {
        qWarning("Integrator: cannot record the heartbeat of store %s: %s", qPrintable(store.name),
                 qPrintable(error));
        return;
    }
    Q_EMIT messagesAccepted(1);
}

void StorePoller::stop()
{
    stopping_ = true;
    qDeleteAll(timers_);
    timers_.clear();
    const QList<HttpExchange *> exchanges =
        findChildren<HttpExchange *>(QString(), Qt::FindDirectChildrenOnly);
    for (HttpExchange *exchange : exchanges) {
        exchange->disconnect(this);
        delete exchange;
    }
    current_.reset();
    queue_.clear();
    Q_EMIT stopped();
}
