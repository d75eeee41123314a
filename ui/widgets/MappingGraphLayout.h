#pragma once

#include "widgets/MappingGraph.h"

#include <QHash>
#include <QRectF>
#include <QSet>

// Where the mapping canvas puts each node. Both columns are ordered by the barycentre of their
// connections (the two-layer crossing reduction of layered graph drawing) so that lines run more
// or less straight across instead of crossing the whole pane; an endpoint's services stay together
// under it. Then the rows that are shown are stacked from the top, each type level with the rows
// its lines reach where the types above it leave room.
class MappingGraphLayout
{
public:
    static constexpr qreal kNodeHeight = 26;
    static constexpr qreal kGap = 8;
    static constexpr qreal kTypeWidth = 190;
    static constexpr qreal kServiceColumn = 440;
    static constexpr qreal kServiceIndent = 18; // also the endpoint header's collapse arrow
    static constexpr qreal kServiceWidth = 250;
    static constexpr qreal kEndpointGap = 12;
    static constexpr qreal kHeaderOffset = 30;

    // Reorders both columns so fewer edges cross. Nodes without edges go last, in their old order,
    // and ties keep their old order, so the same graph always comes out the same.
    static void orderToCrossLess(MappingGraph *graph);
    // Pairs of edges that cross with every service shown, in the graph's current order.
    static int crossings(const MappingGraph &graph);
    // Scene rectangles by MappingGraphNode::key() of the nodes a filter leaves; a collapsed endpoint
    // is one row, without its services.
    static QHash<QString, QRectF> place(const MappingGraph &graph, const MappingGraph::Visibility &visible,
                                        const QSet<QString> &collapsed);

private:
    static QHash<QString, QRectF> placeEndpoints(const MappingGraph &graph, const QSet<QString> &shown,
                                                 const QSet<QString> &collapsed);
    static void placeTypes(const MappingGraph &graph, const MappingGraph::Visibility &visible,
                           QHash<QString, QRectF> *rects);
};
