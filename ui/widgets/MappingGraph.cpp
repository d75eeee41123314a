#include "widgets/MappingGraph.h"

namespace {

void appendUnique(QStringList *list, const QString &item)
{
    if (!list->contains(item))
        list->append(item);
}

QStringList typesOf(const QList<Mapping> &mappings, const QStringList &leadingTypes,
                    const QStringList &extraTypes)
{
    QStringList others;
    for (const QString &type : extraTypes)
        appendUnique(&others, type);
    for (const Mapping &mapping : mappings) {
        for (const QString &type : mapping.messages)
            appendUnique(&others, type);
    }
    others.sort();
    QStringList names = leadingTypes;
    for (const QString &type : std::as_const(others))
        appendUnique(&names, type);
    return names;
}

QList<MappingGraph::EndpointGroup> endpointsOf(const QStringList &endpointNames,
                                               const QList<Mapping> &mappings,
                                               const QList<MappingService> &extraServices)
{
    QStringList names = endpointNames;
    for (const Mapping &mapping : mappings)
        appendUnique(&names, mapping.endpoint);
    for (const MappingService &service : extraServices)
        appendUnique(&names, service.endpoint);
    QList<MappingGraph::EndpointGroup> groups;
    for (const QString &name : std::as_const(names)) {
        QStringList paths;
        for (const Mapping &mapping : mappings) {
            if (mapping.endpoint == name)
                appendUnique(&paths, mapping.path);
        }
        for (const MappingService &service : extraServices) {
            if (service.endpoint == name)
                appendUnique(&paths, service.path);
        }
        paths.sort();
        groups.append({name, paths});
    }
    return groups;
}

} // namespace

MappingGraph::MappingGraph(const QStringList &types, const QList<EndpointGroup> &endpoints,
                           const QList<Edge> &edges)
    : types_(types)
    , endpoints_(endpoints)
    , edges_(edges)
{}

MappingGraph MappingGraph::fromMappings(const QStringList &endpoints, const QList<Mapping> &mappings,
                                        const QStringList &leadingTypes, const QStringList &extraTypes,
                                        const QList<MappingService> &extraServices)
{
    QList<Edge> edges;
    for (const Mapping &mapping : mappings) {
        for (const QString &type : mapping.messages)
            edges.append({mapping.name, mapping.enabled, type, {mapping.endpoint, mapping.path}});
    }
    return MappingGraph(typesOf(mappings, leadingTypes, extraTypes),
                        endpointsOf(endpoints, mappings, extraServices), edges);
}

void MappingGraph::reorder(const QStringList &types, const QList<EndpointGroup> &endpoints)
{
    types_ = types;
    endpoints_ = endpoints;
}

bool MappingGraph::touches(const Edge &edge, const MappingGraphNode &node)
{
    switch (node.kind) {
    case MappingGraphNode::Kind::Type:
        return edge.type == node.name;
    case MappingGraphNode::Kind::Endpoint:
        return edge.service.endpoint == node.name;
    case MappingGraphNode::Kind::Service:
        return edge.service.endpoint == node.name && edge.service.path == node.path;
    case MappingGraphNode::Kind::None:
        break;
    }
    return false;
}

MappingGraph::Visibility MappingGraph::visibleFor(const QString &filter) const
{
    const QString text = filter.trimmed();
    const auto matches = [&text](const QString &name) { return name.contains(text, Qt::CaseInsensitive); };
    const auto serviceMatches = [&matches](const MappingService &service) {
        return matches(service.endpoint) || matches(service.path);
    };
    Visibility visible;
    const auto show = [&visible](const MappingGraphNode &node) { visible.nodes.insert(node.key()); };
    for (const QString &type : types_) {
        if (matches(type))
            show(MappingGraphNode::type(type));
    }
    for (const EndpointGroup &endpoint : endpoints_) {
        if (matches(endpoint.name))
            show(MappingGraphNode::endpoint(endpoint.name));
        for (const QString &path : endpoint.paths) {
            if (serviceMatches({endpoint.name, path})) {
                show(MappingGraphNode::endpoint(endpoint.name)); // a service is shown under its endpoint
                show(MappingGraphNode::service(endpoint.name, path));
            }
        }
    }
    for (const Edge &edge : edges_) {
        const bool shown = matches(edge.type) || serviceMatches(edge.service);
        visible.edges.append(shown);
        if (shown) {
            show(MappingGraphNode::type(edge.type));
            show(MappingGraphNode::endpoint(edge.service.endpoint));
            show(MappingGraphNode::service(edge.service));
        }
    }
    return visible;
}
