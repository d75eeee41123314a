#pragma once

#include "model/ErasureMatch.h"

#include <QDialog>

class BackgroundWorker;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;
struct ErasureReport;

// Erase by field...: PATH = VALUE, as `integrator erase --match` takes it. While the person types, a dry
// run on the worker counts the messages (and store records) the match finds; the count is the
// confirmation, and Erase is enabled only while it is shown for what the fields say. The dialog erases
// nothing itself: after accept(), match() is what was counted.
class EraseByFieldDialog : public QDialog
{
    Q_OBJECT
public:
    explicit EraseByFieldDialog(BackgroundWorker *worker, QWidget *parent = nullptr);

    const ErasureMatch &match() const { return counted_; }

private:
    void fieldsChanged();
    void count();
    void showCount(const ErasureReport &report, const QString &error, bool ok);

    BackgroundWorker *worker_;
    QLineEdit *path_;
    QLineEdit *value_;
    QLabel *count_;
    QPushButton *erase_;
    QTimer *countDelay_;
    ErasureMatch typed_;   // what the fields say, once it parses
    ErasureMatch counted_; // what the count shown is for
    int generation_ = 0;   // counts for older field contents are dropped
};
