#include "model/DeliveryState.h"

#include <array>

namespace {
struct Named
{
    DeliveryState state;
    const char *name;
};
constexpr std::array<Named, 8> kNames{{{DeliveryState::Pending, "pending"},
                                       {DeliveryState::Sending, "sending"},
                                       {DeliveryState::Waiting, "waiting"},
                                       {DeliveryState::Retrying, "retrying"},
                                       {DeliveryState::Delivered, "delivered"},
                                       {DeliveryState::Parked, "parked"},
                                       {DeliveryState::Skipped, "skipped"},
                                       {DeliveryState::Archived, "archived"}}};
} // namespace

namespace DeliveryStates {

QString name(DeliveryState state)
{
    for (const Named &entry : kNames) {
        if (entry.state == state)
            return QString::fromLatin1(entry.name);
    }
    return {};
}

std::optional<DeliveryState> fromName(const QString &name)
{
    for (const Named &entry : kNames) {
        if (name == QLatin1String(entry.name))
            return entry.state;
    }
    return std::nullopt;
}

QStringList names(const QList<DeliveryState> &states)
{
    QStringList out;
    for (DeliveryState state : states)
        out << name(state);
    return out;
}

const QList<DeliveryState> &all()
{
    static const QList<DeliveryState> states = [] {
        QList<DeliveryState> out;
        for (const Named &entry : kNames)
            out << entry.state;
        return out;
    }();
    return states;
}

const QList<DeliveryState> &byUrgency()
{
    static const QList<DeliveryState> states{
        DeliveryState::Parked,  DeliveryState::Retrying,  DeliveryState::Sending, DeliveryState::Waiting,
        DeliveryState::Pending, DeliveryState::Delivered, DeliveryState::Skipped, DeliveryState::Archived};
    return states;
}

const QList<DeliveryState> &active()
{
    static const QList<DeliveryState> states{DeliveryState::Pending, DeliveryState::Sending,
                                             DeliveryState::Waiting, DeliveryState::Retrying};
    return states;
}

const QList<DeliveryState> &failed()
{
    static const QList<DeliveryState> states{DeliveryState::Parked, DeliveryState::Retrying};
    return states;
}

} // namespace DeliveryStates
