#pragma once

#include "model/Mapping.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QUrl>

// What an endpoint says about itself at GET /endpoint.json (the hosted product's format): its services
// (POST paths) and, for each, the mapping it recommends. The control panel offers those as one-click
// mappings; nothing here is stored, the endpoint stays the authority on its own description.
struct EndpointDescription
{
    struct RequiredParameter
    {
        QString name;
        QJsonValue defaultValue; // undefined when the endpoint gives none
        QJsonArray allowed;
        bool optional = false;
    };

    struct Service
    {
        QString name;
        QString path; // starts with /
        QString description;
        QList<RequiredParameter> parameters;
        QJsonObject recommends; // messages, identifiers, filters, options, as endpoint.json gives them

        QStringList recommendedMessages() const;
        QString suggestedMappingName(const QString &endpointName) const;
        // The mapping that subscribes this service as the endpoint recommends; false with a one-line
        // reason when the recommendation is not a valid mapping (no message types, a bad filter, ...).
        bool recommendedMapping(const QString &endpointName, Mapping *out, QString *error) const;
    };

    QString name;
    QString display;
    QString description;
    QString help;
    QList<Service> services;

    // A description is a few kilobytes; anything far larger is not one.
    static constexpr qint64 kMaxBytes = 256 * 1024;

    static QUrl locationFor(const QUrl &endpointUrl); // {endpoint url}/endpoint.json
    // False with a one-line reason when json is not an endpoint description.
    static bool parse(const QByteArray &json, EndpointDescription *out, QString *error);
};
