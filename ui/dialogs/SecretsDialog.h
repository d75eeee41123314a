#pragma once

#include "pages/Page.h"
#include "SealedSecretsState.h"

#include <QDialog>

#include <optional>

class QLabel;
class QPushButton;

// Settings → Secrets: where this process's master key comes from and its id, which key sealed the
// database's secrets and how many there are, and the two things a person does with the key: export it
// (to give a server the same key) and rotate it (seal everything again under a new one). The database is
// read on the worker; the key's state comes from the CredentialStore, which never waits here.
class SecretsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SecretsDialog(UiContext context, QWidget *parent = nullptr);

    // Reads the database's side again (after a rotation, or when the key changed).
    void refresh();

private:
    void showState();
    // Why an action cannot run now; empty when it can.
    QString exportBlocker() const;
    QString rotationBlocker() const;
    void exportKey();
    void rotateKey();
    void rotationFinished(bool rotated, const QString &message);

    UiContext context_;
    QLabel *origin_;
    QLabel *keyId_;
    QLabel *databaseKeyId_;
    QLabel *sealedCount_;
    QLabel *note_;
    QPushButton *export_;
    QPushButton *rotate_;
    std::optional<SealedSecretsState> database_; // unknown until the worker answered
    QString lastResult_;                         // what the last rotation did, until the next one
    bool rotating_ = false;
};
