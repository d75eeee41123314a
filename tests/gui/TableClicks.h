#pragma once

#include <QTableWidget>
#include <QTest>

// Clicks the row with a cell that reads `text`, as a person picks an entry in a form page's table.
// False when no cell reads it.
inline bool clickRowReading(QTableWidget *table, const QString &text)
{
    const QList<QTableWidgetItem *> found = table->findItems(text, Qt::MatchExactly);
    if (found.isEmpty())
        return false;
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualItemRect(found.first()).center());
    return true;
}
