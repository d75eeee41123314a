#include "dialogs/MasterKeyRotator.h"

#include "BackgroundWorker.h"
#include "dialogs/KeyExportDialog.h"
#include "secrets/CredentialStore.h"
#include "secrets/MasterKeyRotation.h"

#include <QWidget>

#include <memory>

MasterKeyRotator::MasterKeyRotator(UiContext context, QWidget *window)
    : QObject(window)
    , context_(context)
    , window_(window)
{}

void MasterKeyRotator::start(const MasterKey &current)
{
    const MasterKey next = MasterKey::generate();
    auto resealed = std::make_shared<int>(0);
    auto error = std::make_shared<QString>();
    auto rotated = std::make_shared<bool>(false);
    context_.worker->post(
        this,
        [current, next, resealed, error, rotated](const Database &db) {
            *rotated = MasterKeyRotation::rotate(db, current, next, resealed.get(), error.get());
        },
        [this, current, next, resealed, error, rotated] {
            if (*rotated)
                saveInKeychain(next, *resealed, current.id());
            else
                finish(false, tr("Nothing rotated: %1").arg(*error));
        });
}

void MasterKeyRotator::saveInKeychain(const MasterKey &next, int resealed, const QString &previousId)
{
    CredentialStore *credentials = context_.credentials;
    credentials->keychain().write(
        CredentialStore::keychainEntry(), QString::fromLatin1(next.encoded()),
        [this, credentials, next, resealed, previousId](const KeychainAccess::Result &saved) {
            if (saved.status == KeychainAccess::Status::Ok) {
                credentials->useMasterKey(next, QStringLiteral("keychain"));
                finish(true, tr("Sealed %n secret(s) again with the new master key %1; the old key %2 no "
                                "longer opens them.",
                                nullptr, resealed)
                                 .arg(next.id(), previousId));
                return;
            }
            // The database already needs the new key: this process keeps it, and the person saves it now.
            credentials->useMasterKey(next,
                                      QStringLiteral("this session only (the keychain did not take it)"));
            auto *dialog = new KeyExportDialog(
                next,
                tr("The secrets are now sealed with the new master key %1, but the keychain did not take it "
                   "(%2). Save this key now, as a key file or in a password manager: without it the secrets "
                   "cannot be opened once Integrator quits.")
                    .arg(next.id(), saved.error),
                window_);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->open();
            finish(true, tr("Rotated to the master key %1, but the keychain did not take it: %2")
                             .arg(next.id(), saved.error));
        });
}

void MasterKeyRotator::finish(bool rotated, const QString &message)
{
    Q_EMIT finished(rotated, message);
    deleteLater();
}
