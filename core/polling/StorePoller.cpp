#include "polling/StorePoller.h"

#include "http/HttpExchange.h"
#include "polling/SpreeTranslator.h"
#include "secrets/CredentialStore.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "storage/MessageRepository.h"
#include "storage/NotificationAnnouncer.h"
#include "storage/NotificationLog.h"
#include "utils/ObjectId.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QNetworkAccessManager>

#include <algorithm>

namespace {

qint64 parseTime(const QString &text)
{
    return QDateTime::fromString(text, Qt::ISODateWithMs).toMSecsSinceEpoch();
}

QString jobKey(const QString &store, const QString &collection)
{
    return store + QLatin1Char('/') + collection;
}

// Records sorted by (updated_at, id): the order the bookmark advances in.
bool recordBefore(const QJsonObject &a, const QJsonObject &b)
{
    const qint64 ta = parseTime(a.value(QStringLiteral("updated_at")).toString());
    const qint64 tb = parseTime(b.value(QStringLiteral("updated_at")).toString());
    return ta != tb ? ta < tb : SpreeTranslator::recordId(a) < SpreeTranslator::recordId(b);
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
    if (current_->store.hasApiKey) {
        // Never polled without its key: the store would answer 401, or worse, serve what it shows anyone.
        const std::optional<QString> apiKey =
            credentials_->read(*db_, Store::apiKeyKeyFor(current_->store.name), &error);
        if (!apiKey)
            return finishJob(QStringLiteral("not polled without its api_key: %1")
                                 .arg(error.isEmpty()
                                          ? QStringLiteral("the database holds none; import it again")
                                          : error));
        current_->apiKey = *apiKey;
    }
    if (!repository_->bookmark(current_->store.id, current_->collection, &current_->bookmark, &error))
        return finishJob(QStringLiteral("cannot read the bookmark: %1").arg(error));
    fetchPage();
}

void StorePoller::request(const QUrl &url, void (StorePoller::*handler)(const Attempt &))
{
    HttpExchange::Request request;
    request.url = url;
    request.get = true;
    request.timeoutMs = qint64(current_->store.timeoutSeconds * 1000);
    request.maxBodyBytes = kMaxPageBytes;
    request.headers = {
        {"Accept", "application/json"},
        {"User-Agent", QByteArrayLiteral("Integrator/") + QByteArrayLiteral(INTEGRATOR_VERSION)}};
    if (!current_->apiKey.isEmpty()) {
        request.headers.append({"X-Spree-Token", current_->apiKey.toUtf8()});
        request.secretHeaders = {"X-Spree-Token"};
    }
    auto *exchange = new HttpExchange(network_, request, this);
    connect(exchange, &HttpExchange::finished, this, [this, exchange, handler](const Attempt &attempt) {
        exchange->deleteLater();
        if (current_ && !stopping_)
            (this->*handler)(attempt);
    });
    exchange->start();
}

QUrl StorePoller::apiUrl(const QUrl &storeUrl, const QStringList &segments,
                         const QList<QPair<QString, QString>> &items)
{
    QUrl url = storeUrl;
    QByteArray path = storeUrl.path(QUrl::FullyEncoded).toLatin1();
    if (path.endsWith('/'))
        path.chop(1);
    path += "/api";
    for (const QString &segment : segments)
        path += '/' + QUrl::toPercentEncoding(segment);
    url.setPath(QString::fromLatin1(path), QUrl::TolerantMode); // already encoded: %2F stays in its segment
    // QUrlQuery leaves a "+" as it is, which Rails reads as a space ("…T10:00:00+02:00"): every key and
    // value is encoded here. The brackets of ransack's "q[s]" may stay.
    QByteArrayList query;
    for (const auto &[key, value] : items)
        query.append(QUrl::toPercentEncoding(key, "[]") + '=' + QUrl::toPercentEncoding(value));
    url.setQuery(query.isEmpty() ? QString() : QString::fromLatin1(query.join('&')), QUrl::TolerantMode);
    return url;
}

void StorePoller::fetchPage()
{
    QList<QPair<QString, QString>> query;
    if (current_->bookmark.isSet())
        query.append({QStringLiteral("q[updated_at_gteq]"), current_->bookmark.updatedAt});
    query.append({QStringLiteral("q[s]"), QStringLiteral("updated_at asc")});
    query.append({QStringLiteral("page"), QString::number(current_->page)});
    query.append({QStringLiteral("per_page"), QString::number(current_->store.pageSize)});
    request(apiUrl(current_->store.url, {current_->collection}, query), &StorePoller::onPage);
}

QString StorePoller::describeFailure(const Attempt &attempt, const QString &what) const
{
    const QString store = QStringLiteral("store %1").arg(current_->store.name);
    if (!attempt.error.isEmpty())
        return QStringLiteral("%1: %2 failed: %3").arg(store, what, attempt.error);
    if (attempt.status == 401 || attempt.status == 403)
        return QStringLiteral("%1: the API key was refused (HTTP %2) reading %3; check the store's api_key")
            .arg(store)
            .arg(attempt.status)
            .arg(what);
    if (attempt.status == 404)
        return QStringLiteral("%1: %2 not found (HTTP 404); check the store's url").arg(store, what);
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
    const QJsonObject page = QJsonDocument::fromJson(attempt.responseBody, &parseError).object();
    if (parseError.error != QJsonParseError::NoError)
        return finishJob(QStringLiteral("store %1: %2 is malformed JSON (%3 at offset %4)")
                             .arg(current_->store.name, what, parseError.errorString())
                             .arg(parseError.offset));
    if (!page.value(current_->collection).isArray())
        return finishJob(QStringLiteral("store %1: %2 has no \"%3\" list; is this a Spree API?")
                             .arg(current_->store.name, what, current_->collection));
    current_->records.clear();
    const QJsonArray records = page.value(current_->collection).toArray();
    for (const QJsonValue &value : records) {
        const QJsonObject record = value.toObject();
        const qint64 updatedAt = parseTime(record.value(QStringLiteral("updated_at")).toString());
        if (!current_->bookmark.covers(updatedAt, SpreeTranslator::recordId(record)))
            current_->records.append(record);
    }
    std::stable_sort(current_->records.begin(), current_->records.end(), recordBefore);
    const bool morePages = page.value(QStringLiteral("current_page")).toInt(current_->page) <
                           page.value(QStringLiteral("pages")).toInt(1);
    if (current_->records.isEmpty()) {
        // Only records the bookmark covers (ties at its updated_at): look further.
        if (!morePages)
            return finishJob(QString());
        ++current_->page;
        return fetchPage();
    }
    current_->page = morePages ? 1 : 0; // after this page: start over from the new bookmark, or stop
    current_->detailIndex = 0;
    fetchNextDetail();
}

void StorePoller::fetchNextDetail()
{
    // The orders index holds summaries; messages need the full order.
    if (current_->collection == QLatin1String("orders") && current_->detailIndex < current_->records.size()) {
        const QString number =
            current_->records.at(current_->detailIndex).value(QStringLiteral("number")).toString();
        return request(apiUrl(current_->store.url, {QStringLiteral("orders"), number}),
                       &StorePoller::onDetail);
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
    QJsonObject &summary = current_->records[current_->detailIndex];
    const QString what = QStringLiteral("order %1").arg(summary.value(QStringLiteral("number")).toString());
    if (!attempt.error.isEmpty() || attempt.status != 200)
        return finishJob(describeFailure(attempt, what));
    QJsonParseError parseError;
    QJsonObject detail = QJsonDocument::fromJson(attempt.responseBody, &parseError).object();
    if (parseError.error != QJsonParseError::NoError)
        return finishJob(QStringLiteral("store %1: %2 is malformed JSON (%3)")
                             .arg(current_->store.name, what, parseError.errorString()));
    // The bookmark follows the index's order, so keep the summary's updated_at and id.
    detail.insert(QStringLiteral("updated_at"), summary.value(QStringLiteral("updated_at")));
    detail.insert(QStringLiteral("id"), summary.value(QStringLiteral("id")));
    summary = detail;
    ++current_->detailIndex;
    fetchNextDetail();
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
    for (const QJsonObject &record : std::as_const(job.records)) {
        const QString key = SpreeTranslator::recordKey(job.collection, record);
        std::optional<QJsonObject> previous;
        if (!repository_->recordSnapshot(job.store.id, job.collection, key, &previous, error))
            return false;
        const SpreeTranslator::Change change = SpreeTranslator::detect(job.collection, record, previous);
        messages += change.messages;
        if ((!previous || !SpreeTranslator::diff(*previous, change.snapshot).isEmpty()) &&
            !repository_->saveRecordSnapshot(job.store.id, job.collection, key, change.snapshot, error))
            return false;
    }
    const QJsonObject last = job.records.last();
    Bookmark bookmark;
    bookmark.updatedAt = last.value(QStringLiteral("updated_at")).toString();
    bookmark.updatedAtMs = parseTime(bookmark.updatedAt);
    bookmark.id = SpreeTranslator::recordId(last);
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
