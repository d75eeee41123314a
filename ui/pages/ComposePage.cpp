#include "pages/ComposePage.h"

#include "BackgroundWorker.h"
#include "EngineHost.h"
#include "model/Message.h"
#include "storage/MessageRepository.h"

#include <QComboBox>
#include <QFile>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace {

const QStringList kSamples{QStringLiteral("order_new"), QStringLiteral("order_updated"),
                           QStringLiteral("shipment_ready"), QStringLiteral("customer_new"),
                           QStringLiteral("notification_info")};

} // namespace

ComposePage::ComposePage(UiContext context, QWidget *parent)
    : Page(context, parent)
    , samples_(new QComboBox)
    , editor_(new QPlainTextEdit)
    , validation_(new QLabel)
    , push_(new QPushButton(tr("&Push")))
{
    samples_->setObjectName(QStringLiteral("composeSamples"));
    editor_->setObjectName(QStringLiteral("composeEditor"));
    validation_->setObjectName(QStringLiteral("composeValidation"));
    push_->setObjectName(QStringLiteral("composePush"));
    push_->setShortcut(QKeySequence(tr("Ctrl+Return")));
    push_->setToolTip(tr("Accept the message(s) and route them to the subscribed mappings (Ctrl+Return)"));
    editor_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    editor_->setTabChangesFocus(false);
    validation_->setWordWrap(true);
    validation_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    samples_->addItem(tr("Insert a sample message..."));
    for (const QString &sample : kSamples)
        samples_->addItem(QString(sample).replace(QLatin1Char('_'), QLatin1Char(':')), sample);

    auto *top = new QHBoxLayout;
    top->addWidget(
        new QLabel(tr("One message, an array of messages, or {\"messages\": [...]}. A message_id is "
                      "assigned when absent.")),
        1);
    top->addWidget(samples_);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(validation_, 1);
    bottom->addWidget(push_);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(editor_, 1);
    layout->addLayout(bottom);

    connect(samples_, &QComboBox::activated, this, &ComposePage::loadSample);
    connect(editor_, &QPlainTextEdit::textChanged, this, &ComposePage::validate);
    connect(push_, &QPushButton::clicked, this, &ComposePage::push);
    loadSample(1);
}

void ComposePage::loadSample(int index)
{
    const QString name = samples_->itemData(index).toString();
    if (name.isEmpty())
        return;
    QFile file(QStringLiteral(":/samples/%1.json").arg(name));
    if (file.open(QIODevice::ReadOnly))
        setDocument(QString::fromUtf8(file.readAll()));
    samples_->setCurrentIndex(0);
}

void ComposePage::setDocument(const QString &json)
{
    editor_->setPlainText(json);
    validate();
}

QString ComposePage::document() const
{
    return editor_->toPlainText();
}

void ComposePage::validate()
{
    const QByteArray json = editor_->toPlainText().toUtf8();
    QJsonParseError parseError;
    QJsonDocument::fromJson(json, &parseError);
    QString problem;
    if (parseError.error != QJsonParseError::NoError) {
        // Line and column help more than a byte offset in an editor.
        const QByteArray before = json.left(parseError.offset);
        const int line = int(before.count('\n')) + 1;
        const int column = int(parseError.offset - before.lastIndexOf('\n'));
        problem = tr("Line %1, column %2: %3").arg(line).arg(column).arg(parseError.errorString());
    } else {
        const MessageBatch batch = MessageBatch::parse(json);
        problem = batch.error;
        if (problem.isEmpty())
            validation_->setText(
                tr("Valid: %n message(s) ready to push.", nullptr, int(batch.messages.size())));
    }
    if (!problem.isEmpty())
        validation_->setText(tr("Not valid: %1").arg(problem));
    validation_->setForegroundRole(problem.isEmpty() ? QPalette::WindowText : QPalette::Link);
    push_->setEnabled(problem.isEmpty());
}

void ComposePage::push()
{
    const MessageBatch batch = MessageBatch::parse(editor_->toPlainText().toUtf8());
    if (!batch.error.isEmpty())
        return;
    push_->setEnabled(false);
    auto accepted = std::make_shared<QStringList>();
    auto error = std::make_shared<QString>();
    auto ok = std::make_shared<bool>(false);
    const QList<Message> messages = batch.messages;
    context_.worker->post(
        this,
        [messages, accepted, error, ok](const Database &db) {
            *ok = MessageRepository(db).accept(messages, QStringLiteral("compose"), accepted.get(),
                                               error.get());
        },
        [this, messages, accepted, error, ok] {
            push_->setEnabled(true);
            if (!*ok) {
                validation_->setText(tr("Nothing pushed: %1").arg(*error));
                return;
            }
            context_.engine->wake();
            QStringList ids;
            for (const Message &message : messages)
                ids << message.id;
            validation_->setText(tr("Pushed %1 (%n new).", nullptr, int(accepted->size()))
                                     .arg(ids.join(QStringLiteral(", "))));
            Q_EMIT statusMessage(validation_->text());
            Q_EMIT pushed(ids);
        });
}
