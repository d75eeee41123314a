// ResponseReading on an endpoint's answer, written as the HTTP response it came in:
//   HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nRetry-After: 5\r\n\r\n{"message_id": ...}
// The status line and headers become the Attempt the way HttpExchange fills it; what the dispatcher does
// with the reading (messages and parameters it accepts) is run too.
#include "delivery/ResponseReading.h"
#include "model/Message.h"
#include "model/Parameter.h"

#include <QJsonValue>

#include <cstdint>

namespace {

const QUrl kServiceUrl(QStringLiteral("http://127.0.0.1:8080/jobs/start"));
const QStringList kUpdateOrigins{QStringLiteral("https://status.example.com")};
constexpr qint64 kNowMs = 1445412480000; // Wed, 21 Oct 2015 07:28:00 GMT

// "HTTP/1.1 503 ..." gives 503; anything unreadable gives 0, which is how no response at all is stored.
int statusFrom(const QByteArray &statusLine)
{
    const QList<QByteArray> parts = statusLine.split(' ');
    bool ok = false;
    const int status = parts.size() > 1 ? parts.at(1).toInt(&ok) : 0;
    return ok && status >= 100 && status <= 999 ? status : 0;
}

Attempt attemptFrom(const QByteArray &bytes)
{
    Attempt attempt;
    attempt.url = kServiceUrl.toString();
    const qsizetype headEnd = bytes.indexOf("\r\n\r\n");
    const QByteArray head = headEnd < 0 ? bytes : bytes.left(headEnd);
    attempt.responseBody = headEnd < 0 ? QByteArray() : bytes.mid(headEnd + 4).left(Attempt::kMaxBodyBytes);
    const QList<QByteArray> lines = head.split('\n');
    attempt.status = statusFrom(lines.value(0).trimmed());
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = lines.at(i).left(colon).trimmed();
        const QByteArray value = lines.at(i).mid(colon + 1).trimmed();
        attempt.responseHeaders.insert(QString::fromLatin1(name).toLower(), QString::fromUtf8(value));
        if (name.compare("retry-after", Qt::CaseInsensitive) == 0)
            attempt.retryAfter = value;
    }
    return attempt;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const Attempt attempt = attemptFrom(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    for (const bool poll : {false, true}) {
        Attempt asRead = attempt;
        if (poll) {
            asRead.kind = QStringLiteral("update");
            asRead.url = QStringLiteral("https://status.example.com/jobs/7");
        }
        const ResponseReading reading = ResponseReading::read(asRead, kServiceUrl, kNowMs, kUpdateOrigins);
        MessageBatch::fromJsonArray(reading.messages);
        for (const QJsonValue &item : reading.parameters) {
            Parameter parameter;
            QString error;
            Parameter::fromConfig(item.toObject(), &parameter, &error);
        }
    }
    return 0;
}
