#pragma once

#include "MappingService.h"

#include <QString>

// One box of the mapping canvas: a message type on the left, an endpoint's header or one of its
// services on the right. A default-constructed node is "none".
struct MappingGraphNode
{
    enum class Kind
    {
        None,
        Type,
        Endpoint,
        Service
    };

    Kind kind = Kind::None;
    QString name; // the type, the endpoint's name, or the service's endpoint
    QString path; // services only

    static MappingGraphNode type(const QString &type) { return {Kind::Type, type, {}}; }
    static MappingGraphNode endpoint(const QString &endpoint) { return {Kind::Endpoint, endpoint, {}}; }
    static MappingGraphNode service(const QString &endpoint, const QString &path)
    {
        return {Kind::Service, endpoint, path};
    }
    static MappingGraphNode service(const MappingService &service)
    {
        return {Kind::Service, service.endpoint, service.path};
    }

    bool isNull() const { return kind == Kind::None; }
    bool isType() const { return kind == Kind::Type; }
    // The endpoint a right-hand node belongs to; empty for types.
    QString endpointName() const { return kind == Kind::Type ? QString() : name; }
    // Unique across kinds, for hashing: a type and an endpoint may share a name.
    QString key() const
    {
        return QString::number(int(kind)) + QLatin1Char('\n') + name + QLatin1Char('\n') + path;
    }

    bool operator==(const MappingGraphNode &other) const
    {
        return kind == other.kind && name == other.name && path == other.path;
    }
    bool operator!=(const MappingGraphNode &other) const { return !(*this == other); }
};
