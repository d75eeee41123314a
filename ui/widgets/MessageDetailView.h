#pragma once

#include <QJsonObject>
#include <QWidget>

class BackgroundWorker;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QTabWidget;
class QTreeWidget;
class QTreeWidgetItem;

// Everything about one message: payload (tree and raw), each delivery with every attempt down to the
// bytes, parent and children, notifications. Loads through the worker (the `show --json` shape).
class MessageDetailView : public QWidget
{
    Q_OBJECT
public:
    explicit MessageDetailView(BackgroundWorker *worker, QWidget *parent = nullptr);

    void showMessage(const QString &messageId); // empty: clears
    void reload();
    QString messageId() const { return messageId_; }
    bool isErased() const { return message_.value(QStringLiteral("erased_at")).isString(); }
    const QJsonObject &message() const { return message_; } // the `show --json` object
    // The attempt selected in the deliveries tree, else the latest attempt of the first delivery.
    QJsonObject currentAttempt() const;
    // {"message", "message_id", "payload"}: what was sent.
    QByteArray messageJson() const;

Q_SIGNALS:
    void relatedMessageRequested(const QString &messageId);
    void loaded();

private:
    // A row of the deliveries tree by position: the delivery, and its attempt (-1 for the delivery's own
    // row). Deliveries and their attempts are only ever added after those already there.
    struct TreePosition
    {
        int delivery = -1;
        int attempt = -1;
    };

    void render(bool payloadChanged = true);
    static QJsonObject payloadOf(const QJsonObject &message);
    TreePosition currentPosition() const;
    void setCurrentPosition(const TreePosition &position);
    void renderPayload();
    void renderDeliveries();
    void renderRelated();
    void showAttempt(QTreeWidgetItem *item);
    static void addJson(QTreeWidgetItem *parent, const QString &key, const QJsonValue &value);
    static QString waitText(const QJsonObject &delivery); // empty unless its ordering key holds it back

    BackgroundWorker *worker_;
    QString messageId_;
    QJsonObject message_;
    int generation_ = 0;
    QLabel *heading_;
    QLabel *erasedNotice_; // shown instead of an empty payload once the message's data was erased
    QTabWidget *tabs_;
    QTreeWidget *payloadTree_;
    QPlainTextEdit *payloadRaw_;
    QTreeWidget *deliveries_;
    QPlainTextEdit *attemptText_;
    QListWidget *related_;
    QListWidget *notifications_;
};
