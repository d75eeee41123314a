#include "http/HttpExchange.h"

#include "utils/Clock.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace {
// Small read buffer: QNetworkReply then stops reading the socket instead of buffering a huge body.
constexpr qint64 kReadBufferBytes = 256 * 1024;
} // namespace

HttpExchange::HttpExchange(QNetworkAccessManager *network, Request request, QObject *parent)
    : QObject(parent)
    , network_(network)
    , request_(std::move(request))
{
    timeout_.setSingleShot(true);
    connect(&timeout_, &QTimer::timeout, this, &HttpExchange::onTimeout);
}

HttpExchange::~HttpExchange()
{
    if (reply_) {
        reply_->disconnect(this);
        reply_->abort();
        reply_->deleteLater();
    }
}

QString HttpExchange::maskSecret(const QByteArray &value)
{
    return QString::fromUtf8(value.left(4)) + QStringLiteral("…");
}

void HttpExchange::start()
{
    // The record never holds a user name or password of the URL.
    attempt_.url = request_.url.toString(QUrl::RemoveUserInfo);
    attempt_.startedAtMs = Clock::nowMs();
    if (!request_.refusal.isEmpty()) {
        // Nothing goes on the wire. Queued, so the caller's connections see it as they see an answer.
        attempt_.error = request_.refusal;
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT finished(attempt_); }, Qt::QueuedConnection);
        return;
    }
    QNetworkRequest request(request_.url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    for (const auto &[name, value] : std::as_const(request_.headers)) {
        request.setRawHeader(name, value);
        const bool secret = request_.secretHeaders.contains(name);
        attempt_.requestHeaders.insert(QString::fromLatin1(name),
                                       secret ? maskSecret(value) : QString::fromUtf8(value));
    }
    clock_.start();
    reply_ = request_.get ? network_->get(request) : network_->post(request, request_.body);
    reply_->setReadBufferSize(kReadBufferBytes);
    connect(reply_, &QNetworkReply::readyRead, this, &HttpExchange::readAvailable);
    connect(reply_, &QNetworkReply::finished, this, &HttpExchange::onFinished);
    connect(reply_, &QNetworkReply::sslErrors, this, &HttpExchange::onSslErrors);
    timeout_.start(int(qMin<qint64>(request_.timeoutMs, std::numeric_limits<int>::max())));
}

void HttpExchange::readAvailable()
{
    const qint64 room = request_.maxBodyBytes - attempt_.responseBody.size();
    attempt_.responseBody += reply_->read(qMax<qint64>(0, room));
    if (reply_->bytesAvailable() > 0 && attempt_.responseBody.size() >= request_.maxBodyBytes) {
        overCap_ = true;
        attempt_.truncated = true;
        reply_->abort(); // stop downloading: the rest would be thrown away anyway
    }
}

// Only the endpoint's own opt-in lets a self-signed certificate through, and only that error:
// an expired certificate or a wrong host name still fails.
void HttpExchange::onSslErrors(const QList<QSslError> &errors)
{
    if (!request_.allowSelfSigned)
        return;
    QList<QSslError> tolerated;
    for (const QSslError &error : errors) {
        if (error.error() != QSslError::SelfSignedCertificate &&
            error.error() != QSslError::SelfSignedCertificateInChain)
            return;
        tolerated.append(error);
    }
    reply_->ignoreSslErrors(tolerated);
}

void HttpExchange::onTimeout()
{
    timedOut_ = true;
    if (reply_)
        reply_->abort();
}

QString HttpExchange::describeNetworkError() const
{
    const QString where = request_.url.toString(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery);
    const bool store = request_.peer == Request::Peer::Store;
    if (timedOut_)
        return QStringLiteral("no complete response from %1 within %2 s (the %3's timeout)")
            .arg(where)
            .arg(double(request_.timeoutMs) / 1000.0)
            .arg(store ? QStringLiteral("store") : QStringLiteral("mapping"));
    if (overCap_)
        return QStringLiteral("response body larger than %1 MiB; kept the first %1 MiB")
            .arg(request_.maxBodyBytes / (1024 * 1024));
    switch (reply_->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("connection refused by %1: is the %2 running?")
            .arg(where, store ? QStringLiteral("store") : QStringLiteral("endpoint"));
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("host of %1 not found").arg(where);
    case QNetworkReply::RemoteHostClosedError:
        return QStringLiteral("%1 closed the connection before answering").arg(where);
    case QNetworkReply::SslHandshakeFailedError:
        return QStringLiteral("TLS handshake with %1 failed: %2").arg(where, reply_->errorString());
    default:
        return QStringLiteral("network error talking to %1: %2").arg(where, reply_->errorString());
    }
}

void HttpExchange::onFinished()
{
    timeout_.stop();
    if (reply_->bytesAvailable() > 0 && !overCap_)
        readAvailable();
    attempt_.durationMs = clock_.elapsed();
    attempt_.status = reply_->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    for (const auto &[name, value] : reply_->rawHeaderPairs())
        attempt_.responseHeaders.insert(QString::fromLatin1(name).toLower(), QString::fromUtf8(value));
    attempt_.retryAfter = reply_->rawHeader("Retry-After");
    // A status with an HTTP-level error (404, 500) still counts as a response; only transport failures,
    // our timeout and our size cap are errors of their own.
    const bool transportError =
        reply_->error() != QNetworkReply::NoError && (attempt_.status == 0 || timedOut_ || overCap_);
    if (transportError)
        attempt_.error = describeNetworkError();
    if (timedOut_)
        attempt_.status = 0;
    reply_->deleteLater();
    Q_EMIT finished(attempt_);
}
