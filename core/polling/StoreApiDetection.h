#pragma once

#include "model/Attempt.h"
#include "model/Store.h"

#include <QObject>
#include <QStringList>

#include <functional>

class QNetworkAccessManager;

// Finds out which of Spree's APIs a store speaks: the configured one first, and when that is not there
// (404) the others, each with the credential it takes. Says what it found in one line. Deletes itself
// once it has called back.
class StoreApiDetection : public QObject
{
    Q_OBJECT
public:
    struct Finding
    {
        QString api;     // the API that answered, or empty when none did
        bool ok = false; // it answered a page with the credentials given
        int status = 0;  // the HTTP status of its last answer, 0 for none
        QString summary; // one line
    };
    using Callback = std::function<void(const Finding &)>;

    StoreApiDetection(QNetworkAccessManager *network, Store store, QString apiKey, QString clientSecret,
                      Callback done);
    void start();

    // The probe order: the configured API, then the others, newest first.
    static QStringList probeOrder(const QString &configured);

private:
    void probe();
    void get(const QUrl &url, const QByteArray &header, const QByteArray &value);
    void onAnswer(const Attempt &attempt);
    void found(Finding finding);
    QUrl probeUrl(const QString &api) const;
    QString collection() const;

    QNetworkAccessManager *network_;
    Store store_;
    QString apiKey_;
    QString clientSecret_;
    Callback done_;
    QStringList pending_;
    QString current_;
};
