#pragma once

#include <QString>

class Database;

// Makes the database refuse some rows of one table, as a constraint someone added, a full disk or a
// corrupt page would: a real write error, raised by the database itself, to see what the engine does
// with it. A trigger on INSERT and UPDATE raises "refused by the test" for rows where `condition` (SQL
// over NEW, e.g. "NEW.delivery_id = 7") holds; an empty condition refuses every row.
namespace RefusingTrigger {
bool install(const Database &db, const QString &table, const QString &condition, QString *error);
bool remove(const Database &db, const QString &table, QString *error);
} // namespace RefusingTrigger
