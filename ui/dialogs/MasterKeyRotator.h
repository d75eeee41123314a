#pragma once

#include "pages/Page.h"
#include "secrets/MasterKey.h"

#include <QObject>

class QWidget;

// Rotates a desktop's master key: seals every secret again under a new key on the worker thread
// (MasterKeyRotation, all or nothing), then saves the new key in the keychain (asynchronously, on this
// thread) and hands it to the CredentialStore, so the engine opens the secrets with it at once.
//
// Lives beside the main window, not inside Settings → Secrets: once the database is sealed with the new
// key, that key must reach the keychain, or be shown to the person, even if the dialog was closed.
// Deletes itself when done.
class MasterKeyRotator : public QObject
{
    Q_OBJECT
public:
    MasterKeyRotator(UiContext context, QWidget *window);

    // Only for a key that came from the keychain (CredentialStore::keyOrigin() == "keychain").
    void start(const MasterKey &current);

Q_SIGNALS:
    // One line for the person: what was re-sealed with which key, or why nothing changed.
    void finished(bool rotated, const QString &message);

private:
    void saveInKeychain(const MasterKey &next, int resealed, const QString &previousId);
    void finish(bool rotated, const QString &message);

    UiContext context_;
    QWidget *window_;
};
