#include "config/UrlCredentialsMigration.h"

#include "model/Endpoint.h"
#include "secrets/CredentialStore.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "storage/NotificationLog.h"
#include "storage/SqlDialect.h"

#include <QSqlError>
#include <QSqlQuery>

UrlCredentialsMigration::UrlCredentialsMigration(const Database &db, CredentialStore &credentials)
    : db_(db)
    , credentials_(credentials)
{}

bool UrlCredentialsMigration::run(QStringList *moved, QString *error)
{
    QList<Endpoint> endpoints;
    if (!ConfigRepository(db_).loadEndpoints(&endpoints, error))
        return false;
    for (Endpoint &endpoint : endpoints) {
        if (endpoint.url.userInfo().isEmpty())
            continue;
        const QString userAndPassword =
            endpoint.url.userName(QUrl::FullyDecoded) + u':' + endpoint.url.password(QUrl::FullyDecoded);
        if (!credentials_.write(db_, Endpoint::basicAuthKeyFor(endpoint.name), userAndPassword, error)) {
            *error = QStringLiteral("endpoint \"%1\": the user name and password in its URL stay there "
                                    "until they can be sealed: %2")
                         .arg(endpoint.name, *error);
            return false;
        }
        endpoint.url.setUserInfo(QString());
        endpoint.hasBasicAuth = true;
        WriteTransaction transaction(db_);
        if (!transaction.begin(error) || !ConfigRepository(db_).saveEndpoint(&endpoint, error) ||
            !record(endpoint.name, error) || !transaction.commit(error))
            return false;
        moved->append(endpoint.name);
    }
    return moved->isEmpty() || scrub(error);
}

// The old rows' bytes outlive the update: in the -wal file's frames on SQLite, in dead tuples on
// PostgreSQL. Both go now rather than at some later checkpoint or autovacuum.
bool UrlCredentialsMigration::scrub(QString *error) const
{
    QSqlQuery query(db_.connection());
    const bool shared = db_.dialect().isShared();
    if (!query.exec(shared ? QStringLiteral("VACUUM endpoints")
                           : QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")) ||
        (!shared && query.next() && query.value(0).toInt() != 0)) {
        *error =
            QStringLiteral("the URLs' passwords are sealed, but their old bytes stay on disk until the next "
                           "%1: %2")
                .arg(shared ? QStringLiteral("VACUUM") : QStringLiteral("checkpoint"),
                     query.lastError().text().isEmpty() ? QStringLiteral("another connection is reading")
                                                        : query.lastError().text());
        return false;
    }
    return true;
}

bool UrlCredentialsMigration::record(const QString &endpoint, QString *error) const
{
    Notification notification;
    notification.subject =
        QStringLiteral("endpoint \"%1\": the user name and password of its URL moved to basic_auth")
            .arg(endpoint);
    notification.description = QStringLiteral(
        "They were stored in plain text as part of the URL. They are now sealed with the master "
        "key and sent as Authorization: Basic with every request; the URL is kept without them.");
    notification.source = QStringLiteral("configuration");
    return NotificationLog(db_).record(notification, error);
}
