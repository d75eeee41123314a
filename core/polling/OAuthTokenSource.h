#pragma once

#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

// The Platform API v2's access token: POST /spree_oauth/token with the client_credentials grant of the
// store's OAuth application. The token is kept and handed out again until shortly before it expires
// (expires_in, by Clock, so tests move time instead of waiting); invalidate() after a 401 fetches a new one.
class OAuthTokenSource : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const QString &token, const QString &error)>;

    OAuthTokenSource(QNetworkAccessManager *network, const QUrl &storeUrl, QString clientId,
                     QString clientSecret, double timeoutSeconds, QObject *parent = nullptr);

    static constexpr qint64 kMaxRenewMarginMs = 60 * 1000;
    static QString scope() { return QStringLiteral("admin"); } // what Spree's own docs ask for

    // `done` gets the token, or a one-line error without the store's name; it may run before fetch returns.
    void fetch(Callback done);
    void invalidate();
    bool hasValidToken() const;
    // Whether this source stands for that application of that store (a changed configuration needs a new
    // one).
    bool isFor(const QUrl &storeUrl, const QString &clientId, const QString &clientSecret) const;
    int tokensFetched() const { return fetched_; }

private:
    void onAnswer(int status, const QByteArray &body, const QString &networkError, const Callback &done);

    QNetworkAccessManager *network_;
    QUrl tokenUrl_;
    QString clientId_;
    QString clientSecret_;
    double timeoutSeconds_;
    QString token_;
    qint64 renewAtMs_ = 0;
    int fetched_ = 0;
};
