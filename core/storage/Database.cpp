#include "storage/Database.h"

#include "storage/SchemaMigrations.h"
#include "utils/Clock.h"

#include <QDateTime>
#include <QFileInfo>
#include <QSqlError>

Database::Database(DatabaseLocation location, QString connectionName)
    : location_(std::move(location))
    , connectionName_(std::move(connectionName))
    , dialect_(location_.isPostgres() ? &SqlDialect::postgres() : &SqlDialect::sqlite())
{}

Database::~Database()
{
    {
        QSqlDatabase db = connection();
        if (db.isValid())
            db.close();
    }
    QSqlDatabase::removeDatabase(connectionName_);
}

bool Database::open(QString *error)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(dialect_->driverName(), connectionName_);
    if (!db.isValid()) {
        *error = QStringLiteral("cannot open database %1: the Qt SQL driver %2 is not installed")
                     .arg(location_.describe(), dialect_->driverName());
        return false;
    }
    if (location_.isPostgres()) {
        const QUrl &url = location_.postgresUrl;
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setDatabaseName(url.path().mid(1));
        // Without a password in the URL, libpq reads PGPASSWORD (or ~/.pgpass) itself.
        if (!url.password().isEmpty())
            db.setPassword(url.password());
        db.setConnectOptions(QStringLiteral("connect_timeout=10;application_name=integrator"));
    } else {
        const QFileInfo file(location_.sqlitePath);
        if (!QFileInfo(file.absolutePath()).isDir()) {
            *error = QStringLiteral("cannot open database %1: %2 is not an existing folder")
                         .arg(location_.describe(), file.absolutePath());
            return false;
        }
        db.setDatabaseName(location_.sqlitePath);
        // Writers from other processes (a CLI push beside the engine) wait for the lock rather than fail.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kSqliteBusyTimeoutMs));
    }
    return openConnection(error);
}

bool Database::reopen(QString *error)
{
    {
        QSqlDatabase db = connection();
        if (!db.isValid()) {
            *error =
                QStringLiteral("cannot reopen database %1: it was never opened").arg(location_.describe());
            return false;
        }
        db.close();
    }
    inTransaction_ = false;
    commitActions_.clear();
    return openConnection(error);
}

bool Database::openConnection(QString *error)
{
    QSqlDatabase db = connection();
    QString reason;
    if (!db.open())
        reason = db.lastError().text().simplified();
    else if (!dialect_->configure(db, &reason) || !SchemaMigrations::apply(*this, &reason))
        db.close();
    if (!reason.isEmpty()) {
        *error = QStringLiteral("cannot open database %1: %2").arg(location_.describe(), reason);
        return false;
    }
    return true;
}

bool Database::exec(QSqlQuery &query, QString *error) const
{
    if (query.exec())
        return true;
    noteFailure(query.lastError());
    if (error)
        *error = query.lastError().text();
    return false;
}

void Database::noteFailure(const QSqlError &failure) const
{
    lastErrorCode_ = failure.nativeErrorCode();
}

bool Database::lastFailureWasConflict() const
{
    return dialect_->isTransientConflict(lastErrorCode_);
}

QSqlQuery Database::prepare(const QString &sql) const
{
    QSqlQuery query(connection());
    query.prepare(sql);
    return query;
}

bool Database::notifyWork(QString *error) const
{
    const QString notify = dialect_->notifyStatement();
    if (notify.isEmpty())
        return true;
    QSqlQuery query = prepare(notify);
    return exec(query, error);
}

void Database::afterCommit(std::function<void()> action) const
{
    if (inTransaction_)
        commitActions_.push_back(std::move(action));
    else
        action();
}

qint64 Database::nowMs()
{
    return Clock::nowMs();
}

WriteTransaction::WriteTransaction(const Database &db)
    : db_(db)
{}

WriteTransaction::~WriteTransaction()
{
    if (open_) {
        QSqlQuery rollback(db_.connection());
        rollback.exec(QStringLiteral("ROLLBACK"));
        db_.inTransaction_ = false;
        db_.commitActions_.clear();
    }
}

bool WriteTransaction::begin(QString *error)
{
    db_.lastErrorCode_.clear();
    QSqlQuery query(db_.connection());
    if (!query.exec(db_.dialect().beginWriteStatement())) {
        db_.noteFailure(query.lastError());
        *error = query.lastError().text();
        return false;
    }
    open_ = true;
    db_.inTransaction_ = true;
    db_.commitActions_.clear();
    return true;
}

bool WriteTransaction::commit(QString *error)
{
    QSqlQuery query(db_.connection());
    if (!query.exec(QStringLiteral("COMMIT"))) {
        db_.noteFailure(query.lastError());
        *error = query.lastError().text();
        return false;
    }
    open_ = false;
    db_.inTransaction_ = false;
    const std::vector<std::function<void()>> actions = std::exchange(db_.commitActions_, {});
    for (const auto &action : actions)
        action();
    return true;
}
