#pragma once

#include <QString>

class Database;

// Versioned schema: each step runs once, in order, inside one transaction with its version bump.
// Steps are append-only; an existing step is never edited once released.
namespace SchemaMigrations {
int latestVersion();
bool apply(const Database &db, QString *error);
} // namespace SchemaMigrations
