#include "delivery/EndpointPauseControl.h"

#include "delivery/CircuitBreaker.h"
#include "storage/ConfigRepository.h"
#include "storage/Database.h"
#include "storage/EndpointFlowRepository.h"

#include <algorithm>

namespace {

bool findEndpoint(const QList<Endpoint> &endpoints, const QString &name, Endpoint *out, QString *error)
{
    const auto it = std::find_if(endpoints.cbegin(), endpoints.cend(),
                                 [&name](const Endpoint &endpoint) { return endpoint.name == name; });
    if (it == endpoints.cend()) {
        *error = QStringLiteral("no endpoint is named \"%1\"; `integrator endpoints` lists them").arg(name);
        return false;
    }
    *out = *it;
    return true;
}

// Loads what both changes need inside one transaction, applies `change` and announces.
template<typename Change>
bool changeFlow(const Database &db, const QString &name, bool *changed, QString *error, Change change)
{
    WriteTransaction transaction(db);
    ConfigRepository config(db);
    QList<Endpoint> endpoints;
    QList<Mapping> mappings;
    Endpoint endpoint;
    EndpointFlow flow;
    const EndpointFlowRepository flows(db);
    if (!transaction.begin(error) || !config.loadEndpoints(&endpoints, error) ||
        !findEndpoint(endpoints, name, &endpoint, error) || !config.loadMappings(&mappings, error) ||
        !flows.load(endpoint.id, &flow, error))
        return false;
    *changed = false;
    if (!change(endpoint, &flow, mappings, changed))
        return false;
    if (!*changed)
        return transaction.commit(error);
    return flows.save(flow, error) && db.notifyWork(error) && transaction.commit(error);
}

} // namespace

bool EndpointPauseControl::pause(const Database &db, const QString &endpointName, bool *changed,
                                 QString *error)
{
    return changeFlow(
        db, endpointName, changed, error,
        [&](const Endpoint &endpoint, EndpointFlow *flow, const QList<Mapping> &mappings, bool *did) {
            if (flow->pausedBy == EndpointFlow::PausedBy::Person)
                return true;
            CircuitBreaker::pause(flow, EndpointFlow::PausedBy::Person, QStringLiteral("paused by a person"),
                                  0, Database::nowMs());
            *did = true;
            return CircuitBreaker::announcePause(db, endpoint, *flow, mappings, error);
        });
}

bool EndpointPauseControl::resume(const Database &db, const QString &endpointName, bool *changed,
                                  QString *error)
{
    return changeFlow(
        db, endpointName, changed, error,
        [&](const Endpoint &endpoint, EndpointFlow *flow, const QList<Mapping> &mappings, bool *did) {
            if (flow->isActive())
                return true;
            if (!CircuitBreaker::resume(db, flow, error))
                return false;
            flow->consecutiveFailures = 0; // a person vouches for it: a fresh run
            *did = true;
            return CircuitBreaker::announceResume(
                db, endpoint, QStringLiteral("resumed by a person; its backlog is sent"), mappings, error);
        });
}
