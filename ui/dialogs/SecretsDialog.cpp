#include "dialogs/SecretsDialog.h"

#include "BackgroundWorker.h"
#include "dialogs/KeyExportDialog.h"
#include "dialogs/MasterKeyRotator.h"
#include "secrets/CredentialStore.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

#include <memory>

SecretsDialog::SecretsDialog(UiContext context, QWidget *parent)
    : QDialog(parent)
    , context_(context)
    , origin_(new QLabel)
    , keyId_(new QLabel)
    , databaseKeyId_(new QLabel)
    , sealedCount_(new QLabel)
    , note_(new QLabel)
    , export_(new QPushButton(tr("&Export key...")))
    , rotate_(new QPushButton(tr("&Rotate key...")))
{
    setObjectName(QStringLiteral("secretsDialog"));
    setWindowTitle(tr("Secrets"));
    auto *intro = new QLabel(tr("Endpoint tokens, signing secrets, store API keys and secret parameters are "
                                "sealed in the database with the master key. Every engine that uses this "
                                "database needs the same key to open them."));
    intro->setWordWrap(true);
    origin_->setObjectName(QStringLiteral("keyOrigin"));
    keyId_->setObjectName(QStringLiteral("keyId"));
    databaseKeyId_->setObjectName(QStringLiteral("databaseKeyId"));
    sealedCount_->setObjectName(QStringLiteral("sealedCount"));
    for (QLabel *value : {keyId_, databaseKeyId_})
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    note_->setObjectName(QStringLiteral("secretsNote"));
    note_->setWordWrap(true);
    export_->setObjectName(QStringLiteral("exportKey"));
    rotate_->setObjectName(QStringLiteral("rotateKey"));

    auto *form = new QFormLayout;
    form->addRow(tr("Master key from:"), origin_);
    form->addRow(tr("Master key id:"), keyId_);
    form->addRow(tr("Database sealed with:"), databaseKeyId_);
    form->addRow(tr("Sealed secrets:"), sealedCount_);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(export_, QDialogButtonBox::ActionRole);
    buttons->addButton(rotate_, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(note_);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(560);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(export_, &QPushButton::clicked, this, &SecretsDialog::exportKey);
    connect(rotate_, &QPushButton::clicked, this, &SecretsDialog::rotateKey);
    connect(context_.credentials, &CredentialStore::masterKeyChanged, this, &SecretsDialog::refresh);
    refresh();
}

void SecretsDialog::refresh()
{
    showState();
    SealedSecretsState::readThrough(context_.worker, this, [this](const SealedSecretsState &state) {
        database_ = state;
        showState();
    });
}

void SecretsDialog::showState()
{
    const CredentialStore &credentials = *context_.credentials;
    const std::optional<MasterKey> key = credentials.masterKey();
    if (credentials.keyLoading())
        origin_->setText(tr("being read from the keychain…"));
    else
        origin_->setText(key ? SealedSecretsState::describeOrigin(credentials.keyOrigin())
                             : tr("no master key"));
    keyId_->setText(key ? key->id() : tr("none"));
    if (!database_) {
        databaseKeyId_->setText(tr("reading…"));
        sealedCount_->clear();
    } else {
        databaseKeyId_->setText(database_->databaseKeyId.isEmpty() ? tr("no secret sealed yet")
                                                                   : database_->databaseKeyId);
        sealedCount_->setText(QString::number(database_->sealedCount));
    }
    const QString exportBlocked = exportBlocker();
    const QString rotationBlocked = exportBlocked.isEmpty() ? rotationBlocker() : exportBlocked;
    export_->setEnabled(exportBlocked.isEmpty());
    rotate_->setEnabled(rotationBlocked.isEmpty());
    rotate_->setToolTip(rotationBlocked);
    QStringList lines;
    if (!lastResult_.isEmpty())
        lines << lastResult_;
    if (!rotationBlocked.isEmpty())
        lines << rotationBlocked;
    note_->setText(lines.join(QLatin1Char('\n')));
}

QString SecretsDialog::exportBlocker() const
{
    const CredentialStore &credentials = *context_.credentials;
    if (rotating_)
        return tr("Sealing every secret again with a new master key…");
    if (credentials.keyLoading())
        return tr("The master key is still being read from the keychain.");
    if (!credentials.masterKey())
        return tr("This control panel has no master key: %1").arg(credentials.keyProblem());
    if (!database_)
        return tr("Reading the database…");
    if (!database_->error.isEmpty())
        return tr("Cannot read the database's secrets: %1").arg(database_->error);
    if (!database_->databaseKeyId.isEmpty() && database_->databaseKeyId != credentials.masterKey()->id())
        return credentials.lockedReasonFor(database_->databaseKeyId);
    return {};
}

QString SecretsDialog::rotationBlocker() const
{
    const QString origin = context_.credentials->keyOrigin();
    if (origin != QLatin1String("keychain"))
        // A key file belongs to the server that reads it: a new one is written there, not here.
        return tr("The master key comes from %1, so it is rotated where that file is: write a new key with "
                  "`integrator secrets new-key > FILE`, run `integrator secrets rotate-key --new-key-file "
                  "FILE`, "
                  "then point the engine at FILE.")
            .arg(origin);
    return {};
}

void SecretsDialog::exportKey()
{
    const std::optional<MasterKey> key = context_.credentials->masterKey();
    if (!key || !exportBlocker().isEmpty())
        return;
    const auto answer = QMessageBox::warning(
        this, tr("Export the master key"),
        tr("The master key opens every secret in the database: endpoint tokens, signing secrets, store API "
           "keys "
           "and secret parameters. Show it only to give it to another engine of this database or to keep a "
           "copy somewhere as safe as the secrets themselves.\n\nShow the master key?"),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    auto *dialog = new KeyExportDialog(*key, {}, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void SecretsDialog::rotateKey()
{
    const std::optional<MasterKey> current = context_.credentials->masterKey();
    if (!current || !exportBlocker().isEmpty() || !rotationBlocker().isEmpty())
        return;
    const auto answer = QMessageBox::question(
        this, tr("Rotate the master key"),
        tr("Make a new master key, seal every secret in the database again with it and replace the old key "
           "in "
           "the keychain?\n\nThe old key no longer opens the secrets: other engines that use this database "
           "need the new key (Export key...) before they can deliver again."),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    rotating_ = true;
    lastResult_.clear();
    showState();
    auto *rotator = new MasterKeyRotator(context_, parentWidget() ? parentWidget() : this);
    connect(rotator, &MasterKeyRotator::finished, this, &SecretsDialog::rotationFinished);
    rotator->start(*current);
}

void SecretsDialog::rotationFinished(bool rotated, const QString &message)
{
    rotating_ = false;
    lastResult_ = message;
    if (!rotated)
        QMessageBox::warning(this, tr("Rotate the master key"), message);
    refresh();
}
