#include "storage/RetentionSettings.h"

#include "storage/Database.h"

#include <QJsonDocument>

namespace {
const QString kKey = QStringLiteral("retention");
}

RetentionSettings::RetentionSettings(const Database &db)
    : db_(db)
{}

bool RetentionSettings::load(RetentionPolicy *out, QString *error) const
{
    QSqlQuery query = db_.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    query.bindValue(0, kKey);
    if (!db_.exec(query, error))
        return false;
    *out = RetentionPolicy();
    if (!query.next())
        return true;
    QString reason;
    if (RetentionPolicy::fromConfig(QJsonDocument::fromJson(query.value(0).toString().toUtf8()).object(), out,
                                    &reason))
        return true;
    *error = QStringLiteral("the stored retention is not valid (%1); import it again").arg(reason);
    return false;
}

bool RetentionSettings::save(const RetentionPolicy &update, QString *error) const
{
    if (update.isEmpty())
        return true;
    RetentionPolicy merged;
    if (!load(&merged, error))
        return false;
    merged.merge(update);
    QSqlQuery query = db_.prepare(QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT "
                                                 "(key) DO UPDATE SET value = excluded.value"));
    query.bindValue(0, kKey);
    query.bindValue(1, QString::fromUtf8(QJsonDocument(merged.toConfig()).toJson(QJsonDocument::Compact)));
    return db_.exec(query, error);
}
