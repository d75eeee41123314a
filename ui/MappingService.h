#pragma once

#include <QString>

// One service of an endpoint as the mapping editor shows it: the endpoint's name and a POST path.
struct MappingService
{
    QString endpoint;
    QString path;

    bool operator==(const MappingService &other) const
    {
        return endpoint == other.endpoint && path == other.path;
    }
    bool operator!=(const MappingService &other) const { return !(*this == other); }
};
