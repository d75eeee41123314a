#pragma once

#include <QList>
#include <QString>

class QLabel;
class QTableView;

// The small pieces every configuration form shares: a one-line status label that keeps long reasons
// in its tooltip, and a table whose rows are the entries listed by name.
namespace FormFeedback {

// A selectable one-line label; a reason longer than the label shows whole in its tooltip.
QLabel *statusLabel(const QString &objectName);
// Red for a refusal or failure, the palette's colour otherwise.
void setStatusText(QLabel *label, const QString &text, bool error);

void selectRow(QTableView *table, int row); // -1 clears the selection
// The first selected row, or -1 when none is selected or it is past `rowCount`.
int selectedRow(const QTableView *table, int rowCount);

// The row of the entry called `name` (anything with a `name` member), or -1.
template<typename Entry> int rowNamed(const QList<Entry> &entries, const QString &name)
{
    for (int row = 0; row < entries.size(); ++row) {
        if (entries.at(row).name == name)
            return row;
    }
    return -1;
}

} // namespace FormFeedback
