// HttpRequestReader (the push API's and the metrics server's request reader) on arbitrary bytes. The
// same bytes are read twice, all at once and in chunks that trickle in, and must read the same: a
// reader that depends on how TCP happened to split the stream would be a smuggling risk.
#include "http/HttpRequestReader.h"

#include <QList>

#include <cstdint>
#include <cstdlib>

namespace {

constexpr qint64 kMaxBodyBytes = 512; // small, so the fuzzer also reaches the 413 refusal

struct Outcome
{
    QList<HttpRequest> requests;
    HttpRequestReader::State last = HttpRequestReader::State::Incomplete;
    int failureStatus = 0;
    QString failureReason;
};

bool sameRequest(const HttpRequest &a, const HttpRequest &b)
{
    return a.method == b.method && a.target == b.target && a.minorVersion == b.minorVersion &&
           a.headers == b.headers && a.hasContentLength == b.hasContentLength && a.body == b.body;
}

void drain(HttpRequestReader &reader, Outcome *outcome)
{
    for (;;) {
        reader.takeContinueRequest();
        outcome->last = reader.next();
        if (outcome->last != HttpRequestReader::State::Complete)
            break;
        const HttpRequest request = reader.takeRequest();
        // What the servers do with every request: none of it may crash.
        request.joinedHeaders();
        request.path();
        request.keepAlive();
        request.header("content-type");
        outcome->requests.append(request);
    }
    outcome->failureStatus = reader.failureStatus();
    outcome->failureReason = reader.failureReason();
}

// Chunk sizes of 1 to 16 bytes from a generator seeded with the input, so they change as it mutates.
Outcome readInChunks(const QByteArray &bytes)
{
    quint32 state = 2166136261u;
    for (const char c : bytes)
        state = (state ^ static_cast<unsigned char>(c)) * 16777619u;
    HttpRequestReader reader(kMaxBodyBytes);
    Outcome outcome;
    for (qsizetype at = 0; at < bytes.size();) {
        state = state * 1664525u + 1013904223u;
        const qsizetype size = qMin<qsizetype>(1 + (state >> 28), bytes.size() - at);
        reader.append(bytes.mid(at, size));
        at += size;
        drain(reader, &outcome);
    }
    return outcome;
}

Outcome readAtOnce(const QByteArray &bytes)
{
    HttpRequestReader reader(kMaxBodyBytes);
    reader.append(bytes);
    Outcome outcome;
    drain(reader, &outcome);
    return outcome;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const Outcome whole = readAtOnce(bytes);
    const Outcome chunked = readInChunks(bytes);
    bool same = whole.last == chunked.last && whole.failureStatus == chunked.failureStatus &&
                whole.failureReason == chunked.failureReason &&
                whole.requests.size() == chunked.requests.size();
    for (qsizetype i = 0; same && i < whole.requests.size(); ++i)
        same = sameRequest(whole.requests.at(i), chunked.requests.at(i));
    if (!same)
        abort(); // the reading depends on how the bytes were split
    return 0;
}
