#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

// A store-wide configuration value injected into payloads (payload.parameters). Secret values are sealed
// under secretKey() (CredentialStore); for those, `value` is only filled in memory, at send time.
struct Parameter
{
    QString name;
    QString type = QStringLiteral("string"); // string, integer, float, boolean, list
    QJsonValue value;
    bool secret = false;

    QString secretKey() const { return secretKeyFor(name); }
    static QString secretKeyFor(const QString &name) { return QStringLiteral("parameter/%1").arg(name); }

    static QString typeOf(const QJsonValue &value);
    // Empty when value fits type; otherwise a one-line reason.
    static QString valueError(const QString &name, const QString &type, const QJsonValue &value);
    // Reads {"name", "value", "type"?, "secret"?}. Also reads the parameters endpoints answer with, which
    // may carry more attributes, so it does not check keys: the config file does, with configKeyError().
    static bool fromConfig(const QJsonObject &object, Parameter *out, QString *error);
    static const QStringList kConfigKeys;
    // Empty, or one line naming the first key of `object` not in kConfigKeys and the closest valid one.
    static QString configKeyError(const QJsonObject &object);
    QJsonObject toConfig() const; // never contains a secret value
};
