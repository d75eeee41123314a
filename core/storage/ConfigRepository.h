#pragma once

#include "model/Endpoint.h"
#include "model/Mapping.h"
#include "model/Parameter.h"

#include <QList>
#include <QSqlQuery>

#include <optional>

class Database;

// Endpoints, mappings and parameters in the database. Every change bumps config_version so that
// running engines reload their copy; writes run inside the caller's WriteTransaction.
//
// A removed mapping keeps its row (deliveries and the message history refer to it) with removed_at
// set: it is neither loaded, routed to nor exported. Saving a mapping of that name (or id) again
// restores the row, so undoing a removal or re-creating the name brings its history back with it.
//
// A removed endpoint keeps its row the same way (removed mappings and the message history refer to
// it) and is neither loaded, sent to nor exported. Saving an endpoint of that name again restores the
// row with the options given. A mapping is only saved onto an endpoint that is not removed.
class ConfigRepository
{
public:
    explicit ConfigRepository(const Database &db);

    bool loadEndpoints(QList<Endpoint> *out, QString *error) const; // not removed ones
    bool loadMappings(QList<Mapping> *out,
                      QString *error) const; // endpoint names filled in; not removed ones
    bool loadParameters(QList<Parameter> *out, QString *error) const;
    bool version(qint64 *out, QString *error) const;

    bool saveEndpoint(Endpoint *endpoint, QString *error) const; // insert, update or restore by name
    // endpointId must be set. With an id: updates that row (a rename keeps the history); without:
    // inserts or updates by name. Either way a removed mapping is restored, and the deliveries its
    // removal archived are sent again (due now).
    bool saveMapping(Mapping *mapping, QString *error) const;
    // Marks the mapping removed and archives its undelivered deliveries (pending, sending, waiting,
    // retrying, parked) with kRemovedReason: no engine sends them any more.
    bool removeMapping(const QString &name, QString *error) const;
    // Refused, naming them, while mappings that are not removed use the endpoint. Otherwise marks it
    // removed. Its open deliveries can only be those of removed mappings (archived already) or of
    // mappings moved to another endpoint after the delivery was made; the latter are archived with
    // kEndpointRemovedReason, and a replay sends them to their mapping's endpoint. The keychain's
    // entries are the caller's (ConfigEdits::removeEndpoint).
    bool removeEndpoint(const QString &name, QString *error) const;
    bool saveParameter(const Parameter &parameter, QString *error) const;
    bool bumpVersion(QString *error) const;

    // The reason an archived delivery carries when its mapping was removed.
    static const QString kRemovedReason;
    // The reason an archived delivery carries when its endpoint was removed.
    static const QString kEndpointRemovedReason;

private:
    bool findMapping(const QString &column, const QVariant &key, qint64 *id, bool *removed,
                     QString *error) const;
    bool insertOrUpdateByName(Mapping *mapping, QString *error) const;
    bool updateById(const Mapping &mapping, QString *error) const;
    bool resumeDeliveries(qint64 mappingId, QString *error) const;
    bool checkEndpointLive(const Mapping &mapping, QString *error) const;

    const Database &db_;
    // Prepared on first use and kept: the dispatcher reads the version on every pump.
    mutable std::optional<QSqlQuery> version_;
};
