#include "EngineHost.h"

#include "engine/Engine.h"
#include "engine/WakeChannel.h"
#include "http/PushApiServer.h"

#include <QDateTime>
#include <QLocale>
#include <QSettings>

EngineHost::EngineHost(DatabaseLocation location, CredentialStore *credentials, QObject *parent)
    : QObject(parent)
    , location_(std::move(location))
    , credentials_(credentials)
{
    coalesce_.setSingleShot(true);
    coalesce_.setInterval(200);
    connect(&coalesce_, &QTimer::timeout, this, &EngineHost::activity);
    refresh_.setInterval(kRefreshIntervalMs);
    connect(&refresh_, &QTimer::timeout, this, &EngineHost::noteActivity);
}

EngineHost::~EngineHost()
{
    if (!engine_)
        return;
    engine_->disconnect(this); // a start under way ends in stop(): this host is no longer there to hear it
    engine_->stop();
}

QString EngineHost::runningStatus() const
{
    return tr("Engine running on %1").arg(location_.describe());
}

// The engine lock is taken here and now, so runsEngine() answers at once; the dispatcher and the poller
// open their connections on their own threads, and onStarted() takes the answer in.
void EngineHost::start()
{
    auto engine = std::make_unique<Engine>(location_, credentials_);
    QString error;
    if (engine->startInBackground(&error, Engine::Polling::Scheduled)) {
        engine_ = std::move(engine);
        connect(engine_.get(), &Engine::started, this, &EngineHost::onStarted);
        connect(engine_.get(), &Engine::recorded, this, &EngineHost::noteActivity);
        connect(engine_.get(), &Engine::collectionPolled, this, &EngineHost::noteActivity);
        connect(engine_.get(), &Engine::idle, this, &EngineHost::noteActivity);
        connect(engine_.get(), &Engine::databaseUnreachable, this,
                [this](const QString &reason, qint64 sinceMs) {
                    status_ = tr("Database unreachable since %1, retrying: %2")
                                  .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(sinceMs).time(),
                                                          QLocale::ShortFormat),
                                       reason);
                    Q_EMIT statusChanged();
                });
        connect(engine_.get(), &Engine::databaseReachable, this, [this] {
            status_ = runningStatus();
            Q_EMIT statusChanged();
        });
        status_ = tr("Engine starting on %1…").arg(location_.describe());
    } else {
        status_ = controlPanelOnlyStatus(error);
    }
    refresh_.start();
    Q_EMIT statusChanged();
}

QString EngineHost::controlPanelOnlyStatus(const QString &reason) const
{
    return tr("Control panel only (%1)").arg(reason);
}

void EngineHost::onStarted(const QString &error)
{
    if (error.isEmpty()) {
        status_ = runningStatus();
        serveMetrics();
    } else {
        // The engine stopped what it had started; it is deleted once its signal has returned.
        status_ = controlPanelOnlyStatus(error);
        engine_.release()->deleteLater();
    }
    Q_EMIT statusChanged();
    noteActivity();
}

// The QSettings key engine/metrics (HOST:PORT, as `integrator run --metrics` takes it) has the engine
// of the control panel serve /metrics too. There is no settings dialog for it yet: it is for operators
// who also scrape a desktop engine, so a failure goes to stderr like the engine's other warnings.
void EngineHost::serveMetrics()
{
    const QString address = QSettings().value(QStringLiteral("engine/metrics")).toString();
    if (address.isEmpty())
        return;
    QHostAddress host;
    quint16 port = 0;
    QString error;
    if (!PushApiServer::parseListenAddress(address, &host, &port, &error)) {
        qWarning("Integrator: engine/metrics: %s", qPrintable(error));
        return;
    }
    connect(engine_.get(), &Engine::metricsServing, this, [](const QString &reason) {
        if (!reason.isEmpty())
            qWarning("Integrator: engine/metrics: %s", qPrintable(reason));
    });
    engine_->serveMetricsInBackground(host, port);
}

void EngineHost::wake()
{
    if (engine_)
        engine_->wake();
    else
        WakeChannel::notify(location_);
    noteActivity();
}

void EngineHost::pollNow(const QString &store)
{
    if (engine_)
        engine_->pollNow(store);
}

void EngineHost::noteActivity()
{
    if (!coalesce_.isActive())
        coalesce_.start();
}
