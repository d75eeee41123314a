#include "widgets/MessageDetailView.h"

#include "BackgroundWorker.h"
#include "models/MessageTableModel.h"
#include "storage/MessageQuery.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

QString formatTime(const QJsonValue &iso)
{
    const QDateTime time = QDateTime::fromString(iso.toString(), Qt::ISODateWithMs);
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))
                          : iso.toString();
}

QString prettyJson(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented));
    return value.toVariant().toString();
}

} // namespace

MessageDetailView::MessageDetailView(BackgroundWorker *worker, QWidget *parent)
    : QWidget(parent)
    , worker_(worker)
    , heading_(new QLabel)
    , erasedNotice_(new QLabel)
    , tabs_(new QTabWidget)
    , payloadTree_(new QTreeWidget)
    , payloadRaw_(new QPlainTextEdit)
    , deliveries_(new QTreeWidget)
    , attemptText_(new QPlainTextEdit)
    , related_(new QListWidget)
    , notifications_(new QListWidget)
{
    setObjectName(QStringLiteral("messageDetail"));
    heading_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    heading_->setWordWrap(true);
    erasedNotice_->setObjectName(QStringLiteral("erasedNotice"));
    erasedNotice_->setWordWrap(true);
    erasedNotice_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    erasedNotice_->setFrameShape(QFrame::StyledPanel);
    erasedNotice_->setMargin(6);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    payloadRaw_->setReadOnly(true);
    payloadRaw_->setFont(mono);
    payloadRaw_->setObjectName(QStringLiteral("payloadRaw"));
    attemptText_->setReadOnly(true);
    attemptText_->setFont(mono);
    attemptText_->setObjectName(QStringLiteral("attemptText"));
    payloadTree_->setHeaderLabels({tr("Key"), tr("Value")});
    payloadTree_->setObjectName(QStringLiteral("payloadTree"));
    deliveries_->setHeaderLabels(
        {tr("Delivery / attempt"), tr("State"), tr("Status"), tr("Duration"), tr("Error")});
    deliveries_->setObjectName(QStringLiteral("deliveryTree"));
    related_->setObjectName(QStringLiteral("relatedMessages"));

    auto *copy = new QPushButton(tr("Copy JSON"));
    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(QString::fromUtf8(messageJson())); });
    auto *payload = new QSplitter(Qt::Vertical);
    payload->addWidget(payloadTree_);
    auto *raw = new QWidget;
    auto *rawLayout = new QVBoxLayout(raw);
    rawLayout->setContentsMargins(0, 0, 0, 0);
    rawLayout->addWidget(payloadRaw_);
    rawLayout->addWidget(copy, 0, Qt::AlignRight);
    payload->addWidget(raw);
    tabs_->addTab(payload, tr("Payload"));

    auto *deliveries = new QSplitter(Qt::Vertical);
    deliveries->addWidget(deliveries_);
    deliveries->addWidget(attemptText_);
    tabs_->addTab(deliveries, tr("Deliveries"));
    connect(deliveries_, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem *item) { showAttempt(item); });

    auto *relatedPane = new QWidget;
    auto *relatedLayout = new QVBoxLayout(relatedPane);
    relatedLayout->addWidget(new QLabel(tr("Parent and children (double-click to open)")));
    relatedLayout->addWidget(related_);
    relatedLayout->addWidget(new QLabel(tr("Notifications")));
    relatedLayout->addWidget(notifications_);
    tabs_->addTab(relatedPane, tr("Related"));
    connect(related_, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        Q_EMIT relatedMessageRequested(item->data(Qt::UserRole).toString());
    });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(heading_);
    layout->addWidget(erasedNotice_);
    layout->addWidget(tabs_, 1);
    showMessage({});
}

void MessageDetailView::showMessage(const QString &messageId)
{
    messageId_ = messageId;
    if (messageId.isEmpty()) {
        ++generation_;
        message_ = {};
        render();
        return;
    }
    reload();
}

void MessageDetailView::reload()
{
    if (messageId_.isEmpty())
        return;
    const int generation = ++generation_;
    const QString id = messageId_;
    auto result = std::make_shared<QJsonObject>();
    auto error = std::make_shared<QString>();
    worker_->post(
        this,
        [id, result, error](const Database &db) { MessageQuery(db).show(id, result.get(), error.get()); },
        [this, generation, id, result, error] {
            if (generation != generation_)
                return;
            // The same message again keeps the delivery or attempt the person picked, and what it shows.
            const bool same = message_.value(QStringLiteral("message_id")).toString() == id;
            const TreePosition picked = same ? currentPosition() : TreePosition();
            // Nor does an unchanged payload collapse the branches the person opened.
            const bool payloadChanged = !same || payloadOf(*result) != payloadOf(message_);
            message_ = *result;
            render(payloadChanged);
            setCurrentPosition(picked);
            if (!error->isEmpty())
                heading_->setText(tr("Cannot show %1: %2").arg(messageId_, *error));
            Q_EMIT loaded();
        });
}

void MessageDetailView::render(bool payloadChanged)
{
    if (message_.isEmpty())
        heading_->setText(tr("Select a message to see its payload, deliveries and attempts."));
    else
        heading_->setText(tr("<b>%1</b> &nbsp; %2 &nbsp; created %3 by %4")
                              .arg(message_.value(QStringLiteral("message")).toString().toHtmlEscaped(),
                                   message_.value(QStringLiteral("message_id")).toString(),
                                   formatTime(message_.value(QStringLiteral("created_at"))),
                                   message_.value(QStringLiteral("source")).toString().toHtmlEscaped()));
    if (payloadChanged)
        renderPayload();
    renderDeliveries();
    renderRelated();
}

void MessageDetailView::renderPayload()
{
    payloadTree_->clear();
    erasedNotice_->setVisible(isErased());
    if (isErased()) {
        const QString notice =
            tr("Erased on %1: the payload, the attempts' response bodies and the identifier values are gone. "
               "The delivery history (states, times, statuses) stays; the message cannot be replayed.")
                .arg(formatTime(message_.value(QStringLiteral("erased_at"))));
        erasedNotice_->setText(notice);
        payloadRaw_->setPlainText(notice);
        return;
    }
    payloadRaw_->setPlainText(message_.isEmpty() ? QString() : QString::fromUtf8(messageJson()));
    const QJsonObject payload = message_.value(QStringLiteral("payload")).toObject();
    for (auto it = payload.begin(); it != payload.end(); ++it)
        addJson(payloadTree_->invisibleRootItem(), it.key(), it.value());
    payloadTree_->expandToDepth(1);
    payloadTree_->resizeColumnToContents(0);
}

void MessageDetailView::addJson(QTreeWidgetItem *parent, const QString &key, const QJsonValue &value)
{
    auto *item = new QTreeWidgetItem(parent, {key});
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            addJson(item, it.key(), it.value());
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (int i = 0; i < array.size(); ++i)
            addJson(item, QStringLiteral("[%1]").arg(i), array.at(i));
    } else {
        item->setText(1, value.isNull() ? QStringLiteral("null") : value.toVariant().toString());
    }
}

void MessageDetailView::renderDeliveries()
{
    deliveries_->clear();
    attemptText_->clear();
    const QJsonArray deliveries = message_.value(QStringLiteral("deliveries")).toArray();
    for (const QJsonValue &value : deliveries) {
        const QJsonObject delivery = value.toObject();
        const QString state = delivery.value(QStringLiteral("state")).toString();
        // What holds the delivery back now says more than the error of its last attempt.
        const QString wait = waitText(delivery);
        auto *item = new QTreeWidgetItem(
            deliveries_,
            {delivery.value(QStringLiteral("mapping")).toString(), MessageTableModel::stateLabel(state),
             delivery.value(QStringLiteral("last_status")).toVariant().toString(), QString(),
             wait.isEmpty() ? delivery.value(QStringLiteral("last_error")).toString() : wait});
        item->setData(0, Qt::UserRole, QVariant::fromValue(delivery.toVariantMap()));
        const QJsonArray attempts = delivery.value(QStringLiteral("attempt_log")).toArray();
        for (const QJsonValue &attemptValue : attempts) {
            const QJsonObject attempt = attemptValue.toObject();
            auto *child = new QTreeWidgetItem(
                item, {formatTime(attempt.value(QStringLiteral("started_at"))),
                       attempt.value(QStringLiteral("outcome")).toString(),
                       attempt.value(QStringLiteral("status")).toVariant().toString(),
                       tr("%1 ms").arg(attempt.value(QStringLiteral("duration_ms")).toInt()),
                       attempt.value(QStringLiteral("error")).toString()});
            child->setData(0, Qt::UserRole + 1, QVariant::fromValue(attempt.toVariantMap()));
        }
    }
    deliveries_->expandAll();
    for (int column = 0; column < deliveries_->columnCount() - 1; ++column)
        deliveries_->resizeColumnToContents(column);
}

MessageDetailView::TreePosition MessageDetailView::currentPosition() const
{
    QTreeWidgetItem *item = deliveries_->currentItem();
    if (!item)
        return {};
    QTreeWidgetItem *parent = item->parent();
    if (!parent)
        return {deliveries_->indexOfTopLevelItem(item), -1};
    return {deliveries_->indexOfTopLevelItem(parent), parent->indexOfChild(item)};
}

void MessageDetailView::setCurrentPosition(const TreePosition &position)
{
    QTreeWidgetItem *delivery = deliveries_->topLevelItem(position.delivery);
    if (!delivery)
        return;
    QTreeWidgetItem *item = position.attempt < 0 ? delivery : delivery->child(position.attempt);
    if (item)
        deliveries_->setCurrentItem(item);
}

QString MessageDetailView::waitText(const QJsonObject &delivery)
{
    const QJsonObject waitsFor = delivery.value(QStringLiteral("waits_for")).toObject();
    const QJsonValue paused = delivery.value(QStringLiteral("endpoint_paused"));
    if (waitsFor.isEmpty() && paused.isString())
        return tr("Waits for endpoint %1 to resume (%2)")
            .arg(delivery.value(QStringLiteral("endpoint")).toString(), paused.toString());
    if (waitsFor.isEmpty())
        return {};
    return tr("Waits for message %1 (ordering key %2), %3")
        .arg(waitsFor.value(QStringLiteral("message_id")).toString(),
             delivery.value(QStringLiteral("ordering_key")).toString(),
             MessageTableModel::stateLabel(waitsFor.value(QStringLiteral("state")).toString()));
}

void MessageDetailView::showAttempt(QTreeWidgetItem *item)
{
    if (!item || !item->data(0, Qt::UserRole + 1).isValid()) {
        attemptText_->clear();
        return;
    }
    const QJsonObject attempt = QJsonObject::fromVariantMap(item->data(0, Qt::UserRole + 1).toMap());
    QString text = tr("%1 %2\n").arg(attempt.value(QStringLiteral("kind")).toString().toUpper(),
                                     attempt.value(QStringLiteral("url")).toString());
    text += tr("\nRequest headers (secrets masked):\n%1")
                .arg(prettyJson(attempt.value(QStringLiteral("request_headers"))));
    const QJsonValue status = attempt.value(QStringLiteral("status"));
    text += tr("\nResponse status: %1\n").arg(status.isNull() ? tr("none") : status.toVariant().toString());
    text += tr("Response headers:\n%1").arg(prettyJson(attempt.value(QStringLiteral("response_headers"))));
    text += tr("\nResponse body%1:\n%2\n")
                .arg(attempt.value(QStringLiteral("response_truncated")).toBool() ? tr(" (truncated)")
                                                                                  : QString(),
                     attempt.value(QStringLiteral("response_body")).toString());
    const QString error = attempt.value(QStringLiteral("error")).toString();
    if (!error.isEmpty())
        text += tr("\nError: %1\n").arg(error);
    const QJsonValue summary = attempt.value(QStringLiteral("extra"))[QStringLiteral("summary")];
    if (summary.isString())
        text += tr("\nSummary: %1\n").arg(summary.toString().simplified());
    text += tr("\nDuration: %1 ms").arg(attempt.value(QStringLiteral("duration_ms")).toInt());
    attemptText_->setPlainText(text);
}

QJsonObject MessageDetailView::currentAttempt() const
{
    QTreeWidgetItem *item = deliveries_->currentItem();
    if (item && item->data(0, Qt::UserRole + 1).isValid())
        return QJsonObject::fromVariantMap(item->data(0, Qt::UserRole + 1).toMap());
    const QJsonArray deliveries = message_.value(QStringLiteral("deliveries")).toArray();
    for (const QJsonValue &delivery : deliveries) {
        const QJsonArray attempts = delivery.toObject().value(QStringLiteral("attempt_log")).toArray();
        if (!attempts.isEmpty())
            return attempts.last().toObject();
    }
    return {};
}

// What the payload tab shows of a message: its payload, or that it was erased.
QJsonObject MessageDetailView::payloadOf(const QJsonObject &message)
{
    return {{QStringLiteral("payload"), message.value(QStringLiteral("payload"))},
            {QStringLiteral("erased_at"), message.value(QStringLiteral("erased_at"))}};
}

QByteArray MessageDetailView::messageJson() const
{
    const QJsonObject sent{{QStringLiteral("message"), message_.value(QStringLiteral("message"))},
                           {QStringLiteral("message_id"), message_.value(QStringLiteral("message_id"))},
                           {QStringLiteral("payload"), message_.value(QStringLiteral("payload"))}};
    return QJsonDocument(sent).toJson(QJsonDocument::Indented);
}

void MessageDetailView::renderRelated()
{
    related_->clear();
    notifications_->clear();
    const QString parent = message_.value(QStringLiteral("parent_id")).toString();
    if (!parent.isEmpty()) {
        auto *item = new QListWidgetItem(tr("Parent: %1").arg(parent), related_);
        item->setData(Qt::UserRole, parent);
    }
    const QJsonArray children = message_.value(QStringLiteral("children")).toArray();
    for (const QJsonValue &value : children) {
        const QJsonObject child = value.toObject();
        const QString id = child.value(QStringLiteral("message_id")).toString();
        auto *item = new QListWidgetItem(
            tr("Child: %1 %2").arg(child.value(QStringLiteral("message")).toString(), id), related_);
        item->setData(Qt::UserRole, id);
    }
    const QJsonArray notifications = message_.value(QStringLiteral("notifications")).toArray();
    for (const QJsonValue &value : notifications) {
        const QJsonObject entry = value.toObject();
        new QListWidgetItem(
            tr("[%1] %2: %3 (%n time(s))", nullptr, entry.value(QStringLiteral("occurrences")).toInt())
                .arg(entry.value(QStringLiteral("level")).toString(),
                     entry.value(QStringLiteral("subject")).toString(),
                     entry.value(QStringLiteral("description")).toString()),
            notifications_);
    }
}
