#include "EngineHarness.h"

#include "config/ConfigFile.h"
#include "storage/MessageQuery.h"
#include "storage/MessageRepository.h"

#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QUrl>
#include <QUuid>

EngineHarness::EngineHarness()
    : location_(database_.location())
    , credentials_(
          QStringLiteral("Integrator-test-%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(8)))
{
    db_ = std::make_unique<Database>(location_, QStringLiteral("harness-%1").arg(quintptr(this)));
    QString error;
    if (!database_.isValid())
        error_ = database_.error();
    else if (!db_->open(&error))
        error_ = error;
    engine_ = std::make_unique<Engine>(location_, &credentials_);
}

EngineHarness::~EngineHarness()
{
    engine_->stop();
    engine_.reset();
    db_.reset(); // close before the test database is dropped
}

QString EngineHarness::importConfig(const QJsonObject &config)
{
    ConfigFile::ImportSummary summary;
    QString error;
    ConfigFile::import(QJsonDocument(config).toJson(), *db_, credentials_, &summary, &error);
    return error;
}

QString EngineHarness::push(const QString &type, const QJsonObject &payload)
{
    Message message;
    QString error;
    Message::fromJson(QJsonObject{{QStringLiteral("message"), type}, {QStringLiteral("payload"), payload}},
                      &message, &error);
    const QStringList ids = pushAll({message});
    return ids.value(0);
}

QStringList EngineHarness::pushAll(const QList<Message> &messages)
{
    QStringList accepted;
    QString error;
    if (!MessageRepository(*db_).accept(messages, QStringLiteral("push"), &accepted, &error))
        qWarning("push failed: %s", qPrintable(error));
    if (started_)
        engine_->wake();
    return accepted;
}

bool EngineHarness::start()
{
    if (started_)
        return true;
    QString error;
    started_ = engine_->start(&error, polling_);
    if (!started_)
        qWarning("engine did not start: %s", qPrintable(error));
    return started_;
}

bool EngineHarness::runUntilIdle(int timeoutMs)
{
    QSignalSpy idle(engine_.get(), &Engine::idle);
    if (!started_ && !start())
        return false;
    engine_->wake();
    if (idle.count() > 0 || idle.wait(timeoutMs))
        return true;
    // Say what was still open, so a failure can be understood from the log alone.
    qWarning("engine not idle after %d ms; messages: %s", timeoutMs,
             QJsonDocument(messages()).toJson(QJsonDocument::Compact).left(4000).constData());
    return false;
}

QStringList EngineHarness::pollOnce(const QString &store, int timeoutMs)
{
    if (!started_ && !start())
        return {QStringLiteral("engine did not start")};
    QStringList errors;
    QObject context;
    QObject::connect(engine_.get(), &Engine::collectionPolled, &context,
                     [&errors](const QString &, const QString &, int, const QString &error) {
                         if (!error.isEmpty())
                             errors << error;
                     });
    QSignalSpy done(engine_.get(), &Engine::pollsDone);
    engine_->pollNow(store);
    if (!done.wait(timeoutMs))
        errors << QStringLiteral("polls did not finish within %1 ms").arg(timeoutMs);
    return errors;
}

bool EngineHarness::restartEngine()
{
    engine_->stop();
    engine_ = std::make_unique<Engine>(location_, &credentials_);
    started_ = false;
    return start();
}

QJsonObject EngineHarness::show(const QString &messageId)
{
    QJsonObject out;
    QString error;
    if (!MessageQuery(*db_).show(messageId, &out, &error))
        qWarning("show failed: %s", qPrintable(error));
    return out;
}

QJsonObject EngineHarness::delivery(const QString &messageId, const QString &mapping)
{
    for (const QJsonValue &d : show(messageId).value(QStringLiteral("deliveries")).toArray()) {
        if (d[QStringLiteral("mapping")].toString() == mapping)
            return d.toObject();
    }
    return {};
}

QJsonArray EngineHarness::messages(const QString &type)
{
    MessageLog::Filter filter;
    filter.type = type;
    QJsonArray out;
    QString error;
    MessageQuery(*db_).list(filter, 100000, &out, &error);
    return out;
}

QJsonObject testMapping(const QString &name, const QString &endpoint, const QString &path,
                        const QStringList &messages, const QJsonObject &options)
{
    QJsonObject effective = options;
    if (!effective.contains(QStringLiteral("retry_schedule")))
        effective.insert(QStringLiteral("retry_schedule"), QJsonArray{0.05, 0.1});
    return {{QStringLiteral("name"), name},
            {QStringLiteral("endpoint"), endpoint},
            {QStringLiteral("path"), path},
            {QStringLiteral("messages"), QJsonArray::fromStringList(messages)},
            {QStringLiteral("options"), effective}};
}

QJsonObject testEndpoint(const QString &name, const QUrl &url, const QString &token)
{
    QJsonObject endpoint{{QStringLiteral("name"), name}, {QStringLiteral("url"), url.toString()}};
    if (!token.isEmpty())
        endpoint.insert(QStringLiteral("token"), token);
    return endpoint;
}

QByteArray EngineHarness::databaseBytes() const
{
    if (TestDatabase::usePostgres()) {
        QProcess dump;
        dump.start(QStringLiteral("pg_dump"), {QStringLiteral("--dbname"), location_.postgresUrl.toString()});
        if (!dump.waitForFinished(60000) || dump.exitCode() != 0)
            qFatal("pg_dump failed: %s", dump.readAllStandardError().constData());
        return dump.readAllStandardOutput();
    }
    QByteArray bytes;
    for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
        QFile file(location_.sqlitePath + suffix);
        if (file.open(QIODevice::ReadOnly))
            bytes += file.readAll();
    }
    return bytes;
}
