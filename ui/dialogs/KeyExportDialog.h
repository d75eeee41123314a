#pragma once

#include "secrets/MasterKey.h"

#include <QDialog>

class QLabel;
class QLineEdit;

// Shows the master key as its base64 line, to copy or to save as a key file readable only by its owner.
// Opened only after the person confirmed that the key opens every secret (SecretsDialog), or when a new
// key could not be saved anywhere else (MasterKeyRotator).
class KeyExportDialog : public QDialog
{
    Q_OBJECT
public:
    // `note` replaces the usual advice, for a key that must be saved now.
    KeyExportDialog(const MasterKey &key, const QString &note = {}, QWidget *parent = nullptr);
    ~KeyExportDialog() override;

    // Writes `text` to `path` with permissions 0600 from the first byte on (a temporary file in the same
    // folder, renamed over `path`), as MasterKeyFile::read() requires of a key file.
    static bool saveKeyFile(const QString &path, const QByteArray &text, QString *error);

private:
    void copyKey();
    void saveToFile();

    QByteArray encoded_;
    QLineEdit *field_;
    QLabel *result_;
};
