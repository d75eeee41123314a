#include "widgets/SecretsStatusLabel.h"

#include "BackgroundWorker.h"
#include "secrets/CredentialStore.h"

#include <memory>

SecretsStatusLabel::SecretsStatusLabel(UiContext context, QWidget *parent)
    : QLabel(parent)
    , context_(context)
{
    setObjectName(QStringLiteral("secretsStatus"));
    // masterKeyChanged may come from a worker thread (a key made for the first secret): queued to this one.
    connect(context_.credentials, &CredentialStore::masterKeyChanged, this,
            &SecretsStatusLabel::recheckDatabase);
    showState();
    recheckDatabase();
}

void SecretsStatusLabel::recheckDatabase()
{
    showState();
    SealedSecretsState::readThrough(context_.worker, this, [this](const SealedSecretsState &state) {
        database_ = state;
        showState();
    });
}

void SecretsStatusLabel::showState()
{
    const CredentialStore &credentials = *context_.credentials;
    if (credentials.keyLoading()) {
        present(tr("Secrets: reading the master key from the keychain…"), false);
        return;
    }
    const QString databaseKeyId = database_ ? database_->databaseKeyId : QString();
    const std::optional<MasterKey> key = credentials.masterKey();
    if (!key) {
        // Before the first secret is saved there is nothing locked yet: a note, not a warning.
        present(tr("Secrets: no master key — %1").arg(credentials.keyProblem()), !databaseKeyId.isEmpty(),
                credentials.lockedReasonFor(databaseKeyId));
        return;
    }
    if (!databaseKeyId.isEmpty() && databaseKeyId != key->id()) {
        present(tr("Secrets: master key %1 does not open this database's secrets (sealed with %2)")
                    .arg(SealedSecretsState::shortId(key->id()), SealedSecretsState::shortId(databaseKeyId)),
                true, credentials.lockedReasonFor(databaseKeyId));
        return;
    }
    present(tr("Secrets: master key %1 from %2")
                .arg(SealedSecretsState::shortId(key->id()),
                     SealedSecretsState::describeOrigin(credentials.keyOrigin())),
            false, tr("Master key %1; Settings → Secrets shows more.").arg(key->id()));
}

void SecretsStatusLabel::present(const QString &text, bool warning, const QString &details)
{
    warning_ = warning;
    setText(text);
    setToolTip(details.isEmpty() ? text : details);
    // The palette's own colours for the normal case; a warning stands out as the tray icon's does.
    setStyleSheet(warning ? QStringLiteral("QLabel { color: #b3261e; font-weight: bold; }") : QString());
}
