#include "model/EndpointFlow.h"

QString EndpointFlow::stateName(State state)
{
    switch (state) {
    case State::Active:
        return QStringLiteral("active");
    case State::Paused:
        return QStringLiteral("paused");
    case State::Probing:
        return QStringLiteral("probing");
    }
    return QStringLiteral("active");
}

EndpointFlow::State EndpointFlow::stateFromName(const QString &name)
{
    if (name == QLatin1String("paused"))
        return State::Paused;
    if (name == QLatin1String("probing"))
        return State::Probing;
    return State::Active;
}

QString EndpointFlow::pausedByName(PausedBy by)
{
    switch (by) {
    case PausedBy::Nobody:
        return {};
    case PausedBy::Breaker:
        return QStringLiteral("breaker");
    case PausedBy::Person:
        return QStringLiteral("person");
    }
    return {};
}

EndpointFlow::PausedBy EndpointFlow::pausedByFromName(const QString &name)
{
    if (name == QLatin1String("breaker"))
        return PausedBy::Breaker;
    if (name == QLatin1String("person"))
        return PausedBy::Person;
    return PausedBy::Nobody;
}
