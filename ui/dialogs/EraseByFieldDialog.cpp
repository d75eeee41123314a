#include "dialogs/EraseByFieldDialog.h"

#include "BackgroundWorker.h"
#include "dialogs/MessageErasure.h"
#include "utils/JsonPath.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include <memory>

namespace {

// A dry run reads the whole log; a pause in typing is worth waiting for.
constexpr int kCountDelayMs = 400;

} // namespace

EraseByFieldDialog::EraseByFieldDialog(BackgroundWorker *worker, QWidget *parent)
    : QDialog(parent)
    , worker_(worker)
    , path_(new QLineEdit)
    , value_(new QLineEdit)
    , count_(new QLabel)
    , erase_(new QPushButton(tr("Erase")))
    , countDelay_(new QTimer(this))
{
    setObjectName(QStringLiteral("eraseByFieldDialog"));
    setWindowTitle(tr("Erase by field"));
    auto *intro = new QLabel(tr("Erase the personal data of every message where the path reaches the value "
                                "(strings compare without regard to case), and of the messages produced from "
                                "responses to them. The delivery history stays."));
    intro->setWordWrap(true);
    path_->setObjectName(QStringLiteral("erasePath"));
    path_->setPlaceholderText(QStringLiteral("payload.order.email"));
    value_->setObjectName(QStringLiteral("eraseValue"));
    value_->setPlaceholderText(QStringLiteral("ana@example.com"));
    count_->setObjectName(QStringLiteral("eraseCount"));
    count_->setWordWrap(true);
    count_->setMinimumHeight(count_->fontMetrics().lineSpacing() * 3);
    erase_->setObjectName(QStringLiteral("confirmEraseByField"));
    erase_->setEnabled(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    buttons->addButton(erase_, QDialogButtonBox::DestructiveRole);

    auto *form = new QFormLayout;
    form->addRow(tr("&Path"), path_);
    form->addRow(tr("&Value"), value_);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(count_);
    layout->addWidget(buttons);
    setMinimumWidth(520);

    countDelay_->setSingleShot(true);
    countDelay_->setInterval(kCountDelayMs);
    connect(countDelay_, &QTimer::timeout, this, &EraseByFieldDialog::count);
    connect(path_, &QLineEdit::textChanged, this, &EraseByFieldDialog::fieldsChanged);
    connect(value_, &QLineEdit::textChanged, this, &EraseByFieldDialog::fieldsChanged);
    connect(erase_, &QPushButton::clicked, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    fieldsChanged();
}

// Any edit withdraws the count shown: Erase waits for the count of what the fields say now.
void EraseByFieldDialog::fieldsChanged()
{
    ++generation_;
    countDelay_->stop();
    erase_->setEnabled(false);
    const QString path = path_->text().trimmed();
    const QString value = value_->text().trimmed();
    if (path.isEmpty() || value.isEmpty()) {
        count_->setText(tr("Enter a path, such as payload.order.email, and the value to find."));
        return;
    }
    QString reason =
        path.contains(QLatin1Char('=')) ? tr("a path has no \"=\"") : JsonPath::syntaxError(path);
    if (reason.isEmpty() && !ErasureMatch::parse(path + QLatin1Char('=') + value, &typed_, &reason))
        reason = tr("the path or the value cannot be read");
    if (!reason.isEmpty()) {
        count_->setText(tr("Cannot use this path: %1").arg(reason));
        return;
    }
    count_->setText(tr("Counting the messages this finds..."));
    countDelay_->start();
}

void EraseByFieldDialog::count()
{
    const int generation = generation_;
    const ErasureMatch match = typed_;
    auto result = std::make_shared<MessageErasure::Result>();
    worker_->post(
        this,
        [match, result](const Database &db) {
            *result = MessageErasure::run(db, {{}, {match}}, true);
        },
        [this, generation, match, result] {
            if (generation != generation_)
                return;
            counted_ = match;
            showCount(result->report, result->error, result->ok);
        });
}

void EraseByFieldDialog::showCount(const ErasureReport &report, const QString &error, bool ok)
{
    if (!ok) {
        count_->setText(tr("Cannot count the messages: %1").arg(error));
        return;
    }
    if (report.messages == 0 && report.storeRecords == 0) {
        count_->setText(tr("No message and no store record matches: there is nothing to erase."));
        return;
    }
    QStringList lines;
    lines << tr("Erases %n message(s) and their attempts' bodies.", nullptr, int(report.messages));
    if (report.children > 0)
        lines << tr("%n of them were produced from endpoints' responses.", nullptr, int(report.children));
    if (report.storeRecords > 0)
        lines << tr("Also %n store record(s) kept by polls.", nullptr, int(report.storeRecords));
    lines << tr("This cannot be undone.");
    count_->setText(lines.join(QLatin1Char('\n')));
    erase_->setEnabled(true);
}
