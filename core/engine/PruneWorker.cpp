#include "engine/PruneWorker.h"

#include "storage/Database.h"
#include "storage/RetentionSettings.h"

#include <QUuid>

PruneWorker::PruneWorker(DatabaseLocation location, QObject *parent)
    : QObject(parent)
    , location_(std::move(location))
    , schedule_(this)
    , nextStep_(this)
{
    nextStep_.setSingleShot(true);
    connect(&schedule_, &QTimer::timeout, this, &PruneWorker::pruneNow);
    connect(&nextStep_, &QTimer::timeout, this, &PruneWorker::continueRun);
}

PruneWorker::~PruneWorker()
{
    stop();
}

void PruneWorker::start()
{
    schedule_.start(kFirstRunDelayMs);
}

void PruneWorker::stop()
{
    schedule_.stop();
    nextStep_.stop();
    run_.reset(); // before its connection
    db_.reset();
}

void PruneWorker::pruneNow()
{
    schedule_.start(kIntervalMs);
    if (run_)
        return; // a run is under way; it covers this request
    QString error;
    if (!beginRun(&error)) {
        finishRun(error);
        return;
    }
    nextStep_.start(0);
}

bool PruneWorker::beginRun(QString *error)
{
    if (!db_) {
        auto db = std::make_unique<Database>(
            location_, QStringLiteral("pruner-%1").arg(QUuid::createUuid().toString(QUuid::Id128)));
        if (!db->open(error))
            return false;
        db_ = std::move(db);
    }
    RetentionPolicy policy;
    if (!RetentionSettings(*db_).load(&policy, error))
        return false;
    run_ = std::make_unique<RetentionPruner>(*db_, policy, RetentionPruner::Options());
    return true;
}

void PruneWorker::continueRun()
{
    QString error;
    if (!run_->step(&error)) {
        finishRun(error);
        return;
    }
    if (run_->done()) {
        finishRun({});
        return;
    }
    nextStep_.start(run_->restMs());
}

void PruneWorker::finishRun(const QString &error)
{
    if (error.isEmpty() && run_)
        Q_EMIT pruned(run_->report());
    run_.reset();
    if (!error.isEmpty()) {
        // The next run tries again with a new connection; the database may be back by then.
        qWarning("Integrator: pruning old history failed: %s", qPrintable(error));
        db_.reset();
    }
}
