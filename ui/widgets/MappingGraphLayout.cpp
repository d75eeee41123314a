#include "widgets/MappingGraphLayout.h"

#include <algorithm>
#include <limits>

namespace {

constexpr int kSweeps = 8; // a few rounds settle graphs of this size; more rarely improve them

using Positions = QHash<QString, double>; // node key -> place in its column, 0 (top) to 1 (bottom)

QString serviceKey(const MappingService &service)
{
    return MappingGraphNode::service(service).key();
}

Positions typePositions(const QStringList &types)
{
    Positions positions;
    const auto last = double(std::max<qsizetype>(1, types.size() - 1));
    for (qsizetype i = 0; i < types.size(); ++i)
        positions.insert(MappingGraphNode::type(types.at(i)).key(), double(i) / last);
    return positions;
}

Positions servicePositions(const QList<MappingGraph::EndpointGroup> &endpoints)
{
    QStringList keys;
    for (const MappingGraph::EndpointGroup &endpoint : endpoints) {
        for (const QString &path : endpoint.paths)
            keys << MappingGraphNode::service(endpoint.name, path).key();
    }
    Positions positions;
    const auto last = double(std::max<qsizetype>(1, keys.size() - 1));
    for (qsizetype i = 0; i < keys.size(); ++i)
        positions.insert(keys.at(i), double(i) / last);
    return positions;
}

// Mean position of the other ends of the edges at a node; count is 0 when it has none.
struct Barycentre
{
    double sum = 0;
    int count = 0;
    void add(double position)
    {
        sum += position;
        ++count;
    }
    double value() const { return sum / count; }
};

// Connected items by barycentre, then the unconnected ones; std::stable_sort keeps ties in order.
template<typename T, typename KeyOf>
void sortByBarycentre(QList<T> *items, const QHash<QString, Barycentre> &centres, KeyOf keyOf)
{
    std::stable_sort(items->begin(), items->end(), [&](const T &a, const T &b) {
        const Barycentre left = centres.value(keyOf(a));
        const Barycentre right = centres.value(keyOf(b));
        if ((left.count > 0) != (right.count > 0))
            return left.count > 0;
        return left.count > 0 && left.value() < right.value();
    });
}

QList<MappingGraph::EndpointGroup> orderEndpoints(QList<MappingGraph::EndpointGroup> endpoints,
                                                  const QList<MappingGraph::Edge> &edges,
                                                  const Positions &types)
{
    QHash<QString, Barycentre> centres; // by node key, of services and of endpoints
    for (const MappingGraph::Edge &edge : edges) {
        const double position = types.value(MappingGraphNode::type(edge.type).key());
        centres[serviceKey(edge.service)].add(position);
        centres[MappingGraphNode::endpoint(edge.service.endpoint).key()].add(position);
    }
    for (MappingGraph::EndpointGroup &endpoint : endpoints) {
        const QString name = endpoint.name;
        sortByBarycentre(&endpoint.paths, centres, [&name](const QString &path) {
            return MappingGraphNode::service(name, path).key();
        });
    }
    sortByBarycentre(&endpoints, centres, [](const MappingGraph::EndpointGroup &endpoint) {
        return MappingGraphNode::endpoint(endpoint.name).key();
    });
    return endpoints;
}

QStringList orderTypes(QStringList types, const QList<MappingGraph::Edge> &edges, const Positions &services)
{
    QHash<QString, Barycentre> centres;
    for (const MappingGraph::Edge &edge : edges)
        centres[edge.type].add(services.value(serviceKey(edge.service)));
    sortByBarycentre(&types, centres, [](const QString &type) { return type; }); // keyed by the type's name
    return types;
}

} // namespace

void MappingGraphLayout::orderToCrossLess(MappingGraph *graph)
{
    // Every result comes from a sweep, even when the first order crossed no less: connected nodes
    // then always come first, which is where a person looks for them.
    MappingGraph trial = *graph;
    MappingGraph best = *graph;
    int fewest = std::numeric_limits<int>::max();
    for (int sweep = 0; sweep < kSweeps && fewest > 0; ++sweep) {
        const auto endpoints = orderEndpoints(trial.endpoints(), trial.edges(), typePositions(trial.types()));
        const auto types = orderTypes(trial.types(), trial.edges(), servicePositions(endpoints));
        trial.reorder(types, endpoints);
        if (const int crossed = crossings(trial); crossed < fewest) {
            fewest = crossed;
            best = trial;
        }
    }
    graph->reorder(best.types(), best.endpoints());
}

int MappingGraphLayout::crossings(const MappingGraph &graph)
{
    const Positions types = typePositions(graph.types());
    const Positions services = servicePositions(graph.endpoints());
    QList<QPair<double, double>> lines;
    for (const MappingGraph::Edge &edge : graph.edges())
        lines.append(
            {types.value(MappingGraphNode::type(edge.type).key()), services.value(serviceKey(edge.service))});
    int crossed = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        for (qsizetype j = i + 1; j < lines.size(); ++j) {
            if ((lines.at(i).first - lines.at(j).first) * (lines.at(i).second - lines.at(j).second) < 0)
                ++crossed;
        }
    }
    return crossed;
}

QHash<QString, QRectF> MappingGraphLayout::place(const MappingGraph &graph,
                                                 const MappingGraph::Visibility &visible,
                                                 const QSet<QString> &collapsed)
{
    QHash<QString, QRectF> rects = placeEndpoints(graph, visible.nodes, collapsed);
    placeTypes(graph, visible, &rects);
    return rects;
}

QHash<QString, QRectF> MappingGraphLayout::placeEndpoints(const MappingGraph &graph,
                                                          const QSet<QString> &shown,
                                                          const QSet<QString> &collapsed)
{
    QHash<QString, QRectF> rects;
    qreal y = 0;
    for (const MappingGraph::EndpointGroup &endpoint : graph.endpoints()) {
        const QString key = MappingGraphNode::endpoint(endpoint.name).key();
        if (!shown.contains(key))
            continue;
        rects.insert(key, QRectF(kServiceColumn, y, kServiceIndent + kServiceWidth, kNodeHeight));
        y += kNodeHeight + kGap;
        if (collapsed.contains(endpoint.name))
            continue; // collapsed rows stack without the gap that sets a group of services apart
        bool anyService = false;
        for (const QString &path : endpoint.paths) {
            const QString service = MappingGraphNode::service(endpoint.name, path).key();
            if (!shown.contains(service))
                continue;
            rects.insert(service, QRectF(kServiceColumn + kServiceIndent, y, kServiceWidth, kNodeHeight));
            y += kNodeHeight + kGap;
            anyService = true;
        }
        if (anyService)
            y += kEndpointGap;
    }
    return rects;
}

// Each type moves down level with the middle of the rows its lines reach, as far as the types
// above it allow, so lines run across rather than down the whole pane; the order stays.
void MappingGraphLayout::placeTypes(const MappingGraph &graph, const MappingGraph::Visibility &visible,
                                    QHash<QString, QRectF> *rects)
{
    QHash<QString, Barycentre> levels; // by type
    for (qsizetype i = 0; i < graph.edges().size(); ++i) {
        if (!visible.edges.value(i))
            continue;
        const MappingGraph::Edge &edge = graph.edges().at(i);
        QRectF target = rects->value(MappingGraphNode::service(edge.service).key());
        if (target.isNull())
            target = rects->value(MappingGraphNode::endpoint(edge.service.endpoint).key()); // collapsed
        if (!target.isNull())
            levels[edge.type].add(target.center().y());
    }
    qreal y = 0;
    for (const QString &type : graph.types()) {
        const QString key = MappingGraphNode::type(type).key();
        if (!visible.nodes.contains(key))
            continue;
        const Barycentre level = levels.value(type);
        const qreal top = level.count > 0 ? std::max(y, level.value() - kNodeHeight / 2) : y;
        rects->insert(key, QRectF(0, top, kTypeWidth, kNodeHeight));
        y = top + kNodeHeight + kGap;
    }
}
