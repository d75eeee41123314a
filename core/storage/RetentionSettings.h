#pragma once

#include "model/RetentionPolicy.h"

#include <QString>

class Database;

// The retention the config file set, kept as JSON in the meta table (key "retention"). No row means
// every default.
class RetentionSettings
{
public:
    explicit RetentionSettings(const Database &db);

    bool load(RetentionPolicy *out, QString *error) const;
    // Merges into what is stored (keys not in `update` stay); runs inside the caller's transaction.
    bool save(const RetentionPolicy &update, QString *error) const;

private:
    const Database &db_;
};
