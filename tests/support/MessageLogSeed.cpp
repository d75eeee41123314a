#include "MessageLogSeed.h"

#include "config/ConfigFile.h"
#include "secrets/CredentialStore.h"
#include "storage/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace MessageLogSeed {

bool seed(const Database &db, int count, int parkedEvery, QString *error)
{
    QSqlQuery query(db.connection());
    const bool postgres = &db.dialect() == &SqlDialect::postgres();
    const QString messageId =
        postgres ? QStringLiteral("lpad(to_hex(i), 24, '0')") : QStringLiteral("printf('%024x', i)");
    const QString rows =
        QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %1) ")
            .arg(count);
    const QStringList statements{
        QStringLiteral("BEGIN"),
        rows + QStringLiteral("INSERT INTO messages (message_id, type, payload, source, created_at)"
                              " SELECT %1, CASE WHEN i % 2 = 0 THEN 'order:new' ELSE "
                              "'shipment:ready' END, '{}', 'seed', 1700000000000 + i FROM n")
                   .arg(messageId),
        QStringLiteral(
            "INSERT INTO deliveries (message_row, mapping_id, endpoint_id, state, identity, attempts,"
            " updated_at) SELECT m.id, mp.id, mp.endpoint_id, CASE WHEN m.id % %1 = 0 THEN 'parked'"
            " ELSE 'delivered' END, '{\"order_number\":\"R' || m.id || '\"}', 1, 0"
            " FROM messages m, mappings mp WHERE mp.name = 'mail'")
            .arg(parkedEvery),
        QStringLiteral("COMMIT"),
        // The statistics autovacuum would gather on a server that has run for a while.
        postgres ? QStringLiteral("ANALYZE") : QStringLiteral("SELECT 1"),
    };
    for (const QString &statement : statements) {
        if (!query.exec(statement)) {
            *error = query.lastError().text();
            return false;
        }
    }
    return true;
}

bool configure(const Database &db, QString *error)
{
    const QJsonObject config{
        {QStringLiteral("endpoints"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("mailer")},
                                {QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9")}}}},
        {QStringLiteral("mappings"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("mail")},
                                {QStringLiteral("endpoint"), QStringLiteral("mailer")},
                                {QStringLiteral("path"), QStringLiteral("/mail")},
                                {QStringLiteral("messages"),
                                 QJsonArray{QStringLiteral("order:*"), QStringLiteral("shipment:*")}}}}}};
    CredentialStore credentials;
    ConfigFile::ImportSummary summary;
    return ConfigFile::import(QJsonDocument(config).toJson(), db, credentials, &summary, error);
}

} // namespace MessageLogSeed
