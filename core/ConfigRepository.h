#pragma once

#include "Endpoint.h"
#include "Mapping.h"
#include "Parameter.h"

#include <QList>

class Database;

// Endpoints, mappings and parameters in the database. Every change bumps config_version so that
// running engines reload their copy; writes run inside the caller's WriteTransaction.
class ConfigRepository
{
public:
    explicit ConfigRepository(const Database &db);

    bool loadEndpoints(QList<Endpoint> *out, QString *error) const;
    bool loadMappings(QList<Mapping> *out, QString *error) const; // endpoint names filled in
    bool loadParameters(QList<Parameter> *out, QString *error) const;
    bool version(qint64 *out, QString *error) const;

    bool saveEndpoint(Endpoint *endpoint, QString *error) const; // insert or update by name
    bool saveMapping(Mapping *mapping, QString *error) const;    // endpointId must be set
    bool saveParameter(const Parameter &parameter, QString *error) const;
    bool bumpVersion(QString *error) const;

private:
    const Database &db_;
};
