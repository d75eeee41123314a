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
    if (engine_)
        engine_->stop();
}

QString EngineHost::runningStatus() const
{
    return tr("Engine running on %1").arg(location_.describe());
}

void EngineHost::start()
{
    auto engine = std::make_unique<Engine>(location_, credentials_);
    QString error;
    if (engine->start(&error, Engine::Polling::Scheduled)) {
        engine_ = std::move(engine);
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
        status_ = runningStatus();
        serveMetrics();
    } else {
        status_ = tr("Control panel only (%1)").arg(error);
    }
    refresh_.start();
    Q_EMIT statusChanged();
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
    if (!PushApiServer::parseListenAddress(address, &host, &port, &error) ||
        !engine_->serveMetrics(host, port, &error))
        qWarning("Integrator: engine/metrics: %s", qPrintable(error));
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
