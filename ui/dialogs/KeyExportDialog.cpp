#include "dialogs/KeyExportDialog.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryFile>
#include <QVBoxLayout>

#include <cerrno>
#include <cstdio>
#include <cstring>

KeyExportDialog::KeyExportDialog(const MasterKey &key, const QString &note, QWidget *parent)
    : QDialog(parent)
    , encoded_(key.encoded())
    , field_(new QLineEdit(QString::fromLatin1(encoded_)))
    , result_(new QLabel)
{
    setObjectName(QStringLiteral("keyExportDialog"));
    setWindowTitle(tr("Master key %1").arg(key.id()));
    auto *advice = new QLabel(
        note.isEmpty()
            ? tr("Anyone with this key can open every secret in the database. Give it to a server as "
                 "its key file (INTEGRATOR_MASTER_KEY_FILE, readable only by the engine's user) or "
                 "keep it in a password manager.")
            : note);
    advice->setWordWrap(true);
    field_->setObjectName(QStringLiteral("exportedKey"));
    field_->setReadOnly(true);
    field_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    field_->setMinimumWidth(field_->fontMetrics().horizontalAdvance(field_->text()) + 24);
    auto *copy = new QPushButton(tr("&Copy"));
    copy->setObjectName(QStringLiteral("copyKey"));
    auto *save = new QPushButton(tr("&Save to file..."));
    save->setObjectName(QStringLiteral("saveKeyFile"));
    result_->setObjectName(QStringLiteral("exportResult"));
    result_->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);

    auto *row = new QHBoxLayout;
    row->addWidget(field_, 1);
    row->addWidget(copy);
    row->addWidget(save);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(advice);
    layout->addLayout(row);
    layout->addWidget(result_);
    layout->addWidget(buttons);

    connect(copy, &QPushButton::clicked, this, &KeyExportDialog::copyKey);
    connect(save, &QPushButton::clicked, this, &KeyExportDialog::saveToFile);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

KeyExportDialog::~KeyExportDialog()
{
    encoded_.fill('\0'); // the copy this dialog held; the field's own is Qt's to free
}

void KeyExportDialog::copyKey()
{
    QGuiApplication::clipboard()->setText(QString::fromLatin1(encoded_));
    result_->setText(tr("Copied. Clear the clipboard once the key is where it belongs."));
}

void KeyExportDialog::saveToFile()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save the master key"), QDir::home().filePath(QStringLiteral("integrator-master.key")));
    if (path.isEmpty())
        return;
    QString error;
    if (saveKeyFile(path, encoded_ + '\n', &error))
        result_->setText(tr("Saved to %1, readable only by you.").arg(QDir::toNativeSeparators(path)));
    else
        result_->setText(tr("Not saved: %1").arg(error));
}

bool KeyExportDialog::saveKeyFile(const QString &path, const QByteArray &text, QString *error)
{
    // QTemporaryFile creates its file with 0600, so the key is never readable by others, not even while
    // it is written; the rename then replaces any older file in one step.
    QTemporaryFile file(QFileInfo(path).absoluteDir().filePath(QStringLiteral(".integrator-key-XXXXXX")));
    if (!file.open() || file.write(text) != text.size() || !file.flush()) {
        *error = file.errorString();
        return false;
    }
    file.close();
    if (std::rename(QFile::encodeName(file.fileName()).constData(), QFile::encodeName(path).constData()) !=
        0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return false; // the temporary file removes itself
    }
    file.setAutoRemove(false); // it is `path` now
    return true;
}
