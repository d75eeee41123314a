#include "model/MessageRouter.h"

QList<Route> MessageRouter::route(const Message &message, const QList<Mapping> &mappings)
{
    QList<Route> routes;
    const QJsonObject json = message.toJson();
    for (const Mapping &mapping : mappings) {
        if (!mapping.enabled || !mapping.subscribes(message.type))
            continue;
        Route route;
        route.mapping = &mapping;
        for (const MessageFilter &filter : mapping.filters) {
            if (!filter.matches(json)) {
                route.filtered = true;
                route.reason = QStringLiteral("filter did not match: %1").arg(filter.describe());
                break;
            }
        }
        if (!route.filtered) {
            route.identity = mapping.identityOf(json);
            route.orderingKey = mapping.orderingKeyOf(json);
        }
        routes.append(route);
    }
    return routes;
}
