#pragma once

#include <QJsonObject>
#include <QList>
#include <QSqlQuery>
#include <QString>

class Database;

// A log entry. The same entry again (same level, subject, description, source and reference)
// counts an occurrence instead of adding a row, as the original product did.
struct Notification
{
    QString level = QStringLiteral("info"); // info, warn, error
    QString subject;
    QString description;
    QString source;    // mapping name, "dispatcher", ...
    QString reference; // message id
    int occurrences = 1;
    qint64 firstAtMs = 0;
    qint64 lastAtMs = 0;

    QJsonObject toJson() const;
    static bool isLevel(const QString &level);
};

class NotificationLog
{
public:
    explicit NotificationLog(const Database &db);

    bool record(const Notification &notification, QString *error);
    // Newest first. Empty level or reference means any.
    bool list(const QString &level, const QString &reference, int limit, QList<Notification> *out,
              QString *error) const;

private:
    const Database &db_;
    QSqlQuery upsert_;
};
