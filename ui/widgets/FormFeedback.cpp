#include "widgets/FormFeedback.h"

#include <QItemSelectionModel>
#include <QLabel>
#include <QTableView>

namespace FormFeedback {

QLabel *statusLabel(const QString &objectName)
{
    auto *label = new QLabel;
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // long reasons: see the tooltip
    return label;
}

void setStatusText(QLabel *label, const QString &text, bool error)
{
    label->setText(text);
    label->setToolTip(text);
    label->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

void selectRow(QTableView *table, int row)
{
    table->clearSelection();
    if (row >= 0)
        table->selectRow(row);
}

int selectedRow(const QTableView *table, int rowCount)
{
    const QModelIndexList rows = table->selectionModel()->selectedRows();
    return rows.isEmpty() || rows.first().row() >= rowCount ? -1 : rows.first().row();
}

} // namespace FormFeedback
