#include "http/HttpRequestReader.h"

namespace {

// RFC 9110 token characters: what method and header names may be made of.
bool isToken(const QByteArray &text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && !QByteArrayView("!#$%&'*+-.^_`|~").contains(c))
            return false;
    }
    return true;
}

bool hasControlCharacters(const QByteArray &text, bool tabAllowed)
{
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && !(tabAllowed && c == '\t')) || byte == 0x7f)
            return true;
    }
    return false;
}

bool isDigits(const QByteArray &text)
{
    if (text.isEmpty() || text.size() > 18) // more would overflow qint64; no body is that big anyway
        return false;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

} // namespace

QByteArray HttpRequest::header(const QByteArray &lowercaseName) const
{
    for (const auto &field : headers) {
        if (field.first == lowercaseName)
            return field.second;
    }
    return {};
}

bool HttpRequest::hasHeader(const QByteArray &lowercaseName) const
{
    for (const auto &field : headers) {
        if (field.first == lowercaseName)
            return true;
    }
    return false;
}

QMap<QByteArray, QByteArray> HttpRequest::joinedHeaders() const
{
    QMap<QByteArray, QByteArray> joined;
    for (const auto &field : headers) {
        QByteArray &value = joined[field.first];
        value.append(value.isEmpty() ? "" : ", ").append(field.second);
    }
    return joined;
}

QByteArray HttpRequest::path() const
{
    const qsizetype query = target.indexOf('?');
    return query < 0 ? target : target.left(query);
}

bool HttpRequest::keepAlive() const
{
    bool close = false;
    bool keepAlive = false;
    for (const auto &field : headers) {
        if (field.first != "connection")
            continue;
        for (const QByteArray &option : field.second.split(',')) {
            const QByteArray token = option.trimmed().toLower();
            close = close || token == "close";
            keepAlive = keepAlive || token == "keep-alive";
        }
    }
    // HTTP/1.1 keeps the connection unless told otherwise; HTTP/1.0 closes unless told otherwise.
    return minorVersion >= 1 ? !close : keepAlive && !close;
}

HttpRequestReader::HttpRequestReader(qint64 maxBodyBytes)
    : maxBodyBytes_(maxBodyBytes)
{}

void HttpRequestReader::append(const QByteArray &data)
{
    buffer_.append(data);
}

HttpRequestReader::State HttpRequestReader::next()
{
    if (failureStatus_ != 0)
        return State::Failed;
    if (!headRead_) {
        const State head = readHead();
        if (head != State::Complete)
            return head;
    }
    if (buffer_.size() < contentLength_)
        return State::Incomplete;
    request_.body = buffer_.left(contentLength_);
    buffer_.remove(0, contentLength_);
    headRead_ = false;
    continueWanted_ = false;
    contentLength_ = 0;
    scannedTo_ = 0;
    return State::Complete;
}

HttpRequest HttpRequestReader::takeRequest()
{
    HttpRequest request = std::move(request_);
    request_ = HttpRequest();
    return request;
}

bool HttpRequestReader::takeContinueRequest()
{
    if (!headRead_ || !continueWanted_)
        return false;
    continueWanted_ = false;
    return buffer_.size() < contentLength_;
}

HttpRequestReader::State HttpRequestReader::fail(int status, const QString &reason)
{
    failureStatus_ = status;
    failureReason_ = reason;
    buffer_.clear();
    return State::Failed;
}

HttpRequestReader::State HttpRequestReader::readHead()
{
    // Clients may send empty lines between requests (RFC 9112 section 2.2). Their CR and LF can arrive
    // in different reads, so they are skipped whenever the buffer starts with one, not only on a fresh
    // scan: otherwise the request line would read as empty.
    while (buffer_.startsWith("\r\n")) {
        buffer_.remove(0, 2);
        scannedTo_ = qMax<qsizetype>(0, scannedTo_ - 2);
    }
    const qsizetype end = buffer_.indexOf("\r\n\r\n", qMax<qsizetype>(0, scannedTo_ - 3));
    if (end < 0 || end + 4 > kMaxHeaderBytes) {
        if (buffer_.size() > kMaxHeaderBytes)
            return fail(
                431,
                QStringLiteral("the request headers are over the limit of %1 bytes").arg(kMaxHeaderBytes));
        scannedTo_ = buffer_.size();
        return State::Incomplete;
    }
    const QList<QByteArray> lines = buffer_.left(end + 2).split('\n');
    buffer_.remove(0, end + 4);
    request_ = HttpRequest();
    // split() leaves an empty piece after the last line's line feed.
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        if (!lines.at(i).endsWith('\r'))
            return fail(400, QStringLiteral("a request line or header does not end with CRLF"));
        const QByteArray line = lines.at(i).chopped(1);
        if (i == 0 ? !parseRequestLine(line) : !parseHeaderLine(line))
            return State::Failed;
    }
    if (!applyFraming())
        return State::Failed;
    headRead_ = true;
    return State::Complete;
}

bool HttpRequestReader::parseRequestLine(const QByteArray &line)
{
    const QList<QByteArray> parts = line.split(' ');
    if (parts.size() != 3 || !isToken(parts.at(0)) || !parts.at(1).startsWith('/') ||
        hasControlCharacters(parts.at(1), false)) {
        fail(400, QStringLiteral("malformed request line"));
        return false;
    }
    const QByteArray &version = parts.at(2);
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        const bool wellFormed = version.size() == 8 && version.startsWith("HTTP/") && version.at(6) == '.';
        fail(wellFormed ? 505 : 400, wellFormed ? QStringLiteral("only HTTP/1.0 and HTTP/1.1 are spoken here")
                                                : QStringLiteral("malformed request line"));
        return false;
    }
    request_.method = parts.at(0);
    request_.target = parts.at(1);
    request_.minorVersion = version.endsWith('1') ? 1 : 0;
    return true;
}

bool HttpRequestReader::parseHeaderLine(const QByteArray &line)
{
    // Folded continuation lines are obsolete and a known request-smuggling vector.
    const qsizetype colon = line.indexOf(':');
    if (line.startsWith(' ') || line.startsWith('\t') || colon <= 0 || !isToken(line.left(colon))) {
        fail(400, QStringLiteral("malformed header line"));
        return false;
    }
    const QByteArray value = line.mid(colon + 1).trimmed();
    if (hasControlCharacters(value, true)) {
        fail(400,
             QStringLiteral("control characters in header %1").arg(QString::fromLatin1(line.left(colon))));
        return false;
    }
    request_.headers.append({line.left(colon).toLower(), value});
    return true;
}

bool HttpRequestReader::applyFraming()
{
    if (request_.hasHeader("transfer-encoding")) {
        fail(501, QStringLiteral("Transfer-Encoding is not supported; send the body with a Content-Length"));
        return false;
    }
    contentLength_ = 0;
    for (const auto &field : std::as_const(request_.headers)) {
        if (field.first != "content-length")
            continue;
        // Disagreeing lengths would let two readers of the stream see different requests.
        const qint64 length = isDigits(field.second) ? field.second.toLongLong() : -1;
        if (length < 0 || (request_.hasContentLength && length != contentLength_)) {
            fail(400, QStringLiteral("invalid Content-Length"));
            return false;
        }
        contentLength_ = length;
        request_.hasContentLength = true;
    }
    if (contentLength_ > maxBodyBytes_) {
        fail(413, QStringLiteral("the body of %1 bytes is over the limit of %2 bytes")
                      .arg(contentLength_)
                      .arg(maxBodyBytes_));
        return false;
    }
    continueWanted_ = contentLength_ > 0 && request_.header("expect").toLower() == "100-continue";
    return true;
}
