#pragma once

#include "model/Attempt.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QSslError>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

// One request (a POST, or a GET for store polls) with a hard overall timeout and a capped response body: a
// hostile or broken endpoint can make us wait at most `timeoutMs` and hold at most Attempt::kMaxBodyBytes of
// its answer.
class HttpExchange : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QUrl url;
        QList<QPair<QByteArray, QByteArray>> headers;
        QList<QByteArray> secretHeaders; // header names whose values are masked in the record
        QByteArray body;
        qint64 timeoutMs = 180000;
        bool allowSelfSigned = false;
        bool get = false; // a GET (store polls) instead of a POST of body
        qint64 maxBodyBytes = Attempt::kMaxBodyBytes;
        // Non-empty: nothing is sent, and the attempt fails with this error (DeliveryRequestBuilder's
        // refusal of an update_url on another origin than the endpoint's).
        QString refusal;
        // Whom the request goes to, so a transport error names what the person should check.
        enum class Peer
        {
            Endpoint,
            Store
        };
        Peer peer = Peer::Endpoint;
    };

    HttpExchange(QNetworkAccessManager *network, Request request, QObject *parent = nullptr);
    ~HttpExchange() override;
    void start();
    static QString maskSecret(const QByteArray &value);

Q_SIGNALS:
    void finished(const Attempt &attempt);

private:
    void readAvailable();
    void onSslErrors(const QList<QSslError> &errors);
    void onTimeout();
    void onFinished();
    QString describeNetworkError() const;

    QNetworkAccessManager *network_;
    Request request_;
    QPointer<QNetworkReply> reply_;
    QTimer timeout_;
    QElapsedTimer clock_;
    Attempt attempt_;
    bool timedOut_ = false;
    bool overCap_ = false;
};
