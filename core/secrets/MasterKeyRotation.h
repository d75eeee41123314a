#pragma once

#include "secrets/MasterKey.h"

#include <QString>

class Database;

namespace MasterKeyRotation {

// Seals every secret of the database again under `next`, and records next's id, in one transaction:
// all or nothing. Refused, changing nothing, when a secret does not open with `current`.
bool rotate(const Database &db, const MasterKey &current, const MasterKey &next, int *resealed,
            QString *error);

} // namespace MasterKeyRotation
