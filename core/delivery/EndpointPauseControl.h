#pragma once

#include <QString>

class Database;

// A person pauses or resumes an endpoint (the CLI's `endpoint pause|resume`, the control panel's
// buttons). The change is written for every engine sharing the database and announced like the circuit
// breaker's. On PostgreSQL its commit notifies the engines; on SQLite the caller wakes the engine
// (WakeChannel), so that a resumed endpoint's backlog goes at once.
namespace EndpointPauseControl {
// *changed is false when the endpoint already was in that state (nothing written).
bool pause(const Database &db, const QString &endpointName, bool *changed, QString *error);
bool resume(const Database &db, const QString &endpointName, bool *changed, QString *error);
} // namespace EndpointPauseControl
