#pragma once

#include "MappingService.h"
#include "model/Mapping.h"
#include "widgets/MappingGraphNode.h"

#include <QList>
#include <QSet>
#include <QStringList>

// What the mapping canvas draws, before it is drawn: message types in one column, endpoints with
// their services in the other, and one edge per message type a mapping subscribes. The order of
// the lists is the order on screen (MappingGraphLayout changes it to cross fewer edges).
class MappingGraph
{
public:
    struct Edge
    {
        QString mapping;
        bool enabled = true;
        QString type;
        MappingService service;
    };
    struct EndpointGroup
    {
        QString name;
        QStringList paths;
    };
    // What a filter leaves on screen, by MappingGraphNode::key() and by edge index.
    struct Visibility
    {
        QSet<QString> nodes;
        QList<bool> edges;
    };

    MappingGraph() = default;
    MappingGraph(const QStringList &types, const QList<EndpointGroup> &endpoints, const QList<Edge> &edges);
    // leadingTypes come first even when nothing uses them; the other types follow by name.
    static MappingGraph fromMappings(const QStringList &endpoints, const QList<Mapping> &mappings,
                                     const QStringList &leadingTypes, const QStringList &extraTypes,
                                     const QList<MappingService> &extraServices);

    const QStringList &types() const { return types_; }
    const QList<EndpointGroup> &endpoints() const { return endpoints_; }
    const QList<Edge> &edges() const { return edges_; }
    // The same nodes in another order (MappingGraphLayout's result).
    void reorder(const QStringList &types, const QList<EndpointGroup> &endpoints);

    // The edge ends at the node: at its type, its service, or the endpoint that owns the service.
    static bool touches(const Edge &edge, const MappingGraphNode &node);
    // Nodes that match the text (a type, an endpoint's name, a service's path; case does not matter),
    // the edges at them, and what those edges lead to, so a filter answers "what does this go to".
    Visibility visibleFor(const QString &filter) const;

private:
    QStringList types_;
    QList<EndpointGroup> endpoints_;
    QList<Edge> edges_;
};
