#pragma once

#include "model/Attempt.h"
#include "model/Endpoint.h"
#include "model/EndpointDescription.h"

#include <functional>

class QNetworkAccessManager;

// Reads an endpoint's endpoint.json: one GET with a short timeout and a size cap, so a wrong URL or a
// hostile server costs the person a few seconds and a one-line reason, never a hung view.
namespace EndpointDescriptionFetch {
constexpr qint64 kTimeoutMs = 10000;
constexpr qint64 kBackstopMs = 5000;

struct Result
{
    bool ok = false;
    EndpointDescription description;
    QString error; // one line when !ok
};
using Callback = std::function<void(const Result &)>;

// Starts the request; `done` runs on the network manager's thread once it is answered or has failed.
void start(QNetworkAccessManager *network, const Endpoint &endpoint, Callback done,
           qint64 timeoutMs = kTimeoutMs);
// What an answer to GET endpoint.json means.
Result interpret(const Attempt &attempt);
} // namespace EndpointDescriptionFetch
