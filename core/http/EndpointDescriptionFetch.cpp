#include "http/EndpointDescriptionFetch.h"

#include "http/HttpExchange.h"
#include "http/HttpStatus.h"

#include <QTimer>

#include <memory>

namespace EndpointDescriptionFetch {

void start(QNetworkAccessManager *network, const Endpoint &endpoint, Callback done, qint64 timeoutMs)
{
    HttpExchange::Request request;
    request.url = EndpointDescription::locationFor(endpoint.url);
    request.get = true;
    // The deadline below ends the wait; the exchange's own timeout is only a backstop.
    request.timeoutMs = timeoutMs + kBackstopMs;
    request.maxBodyBytes = EndpointDescription::kMaxBytes;
    request.allowSelfSigned = endpoint.allowSelfSigned;
    request.headers = {
        {"Accept", "application/json"},
        {"User-Agent", QByteArrayLiteral("Integrator/") + QByteArrayLiteral(INTEGRATOR_VERSION)}};
    auto *exchange = new HttpExchange(network, request);
    auto *deadline = new QTimer(exchange);
    deadline->setSingleShot(true);
    deadline->setTimerType(Qt::PreciseTimer);
    const auto finish = std::make_shared<Callback>(std::move(done));
    QObject::connect(exchange, &HttpExchange::finished, exchange,
                     [exchange, deadline, finish](const Attempt &attempt) {
                         deadline->stop(); // answered once only
                         exchange->deleteLater();
                         (*finish)(interpret(attempt));
                     });
    QObject::connect(deadline, &QTimer::timeout, exchange, [exchange, finish, request, timeoutMs] {
        QObject::disconnect(exchange, &HttpExchange::finished, nullptr, nullptr);
        exchange->deleteLater(); // aborts the request
        Result result;
        result.error = QStringLiteral("no answer from %1 within %2 s")
                           .arg(request.url.toString())
                           .arg(double(timeoutMs) / 1000);
        (*finish)(result);
    });
    deadline->start(int(timeoutMs));
    exchange->start();
}

Result interpret(const Attempt &attempt)
{
    Result result;
    const QString where = attempt.url;
    if (attempt.truncated) {
        result.error = QStringLiteral("%1 is larger than %2 KiB: not an endpoint description")
                           .arg(where)
                           .arg(EndpointDescription::kMaxBytes / 1024);
    } else if (!attempt.error.isEmpty()) {
        result.error = attempt.error;
    } else if (attempt.status != 200) {
        const QString reason = QString::fromLatin1(HttpStatus::reasonPhrase(attempt.status));
        result.error = QStringLiteral("%1 answered HTTP %2%3")
                           .arg(where)
                           .arg(attempt.status)
                           .arg(reason.isEmpty() ? QString() : QLatin1Char(' ') + reason);
    } else {
        result.ok = EndpointDescription::parse(attempt.responseBody, &result.description, &result.error);
    }
    return result;
}

} // namespace EndpointDescriptionFetch
