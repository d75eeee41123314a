#pragma once

#include "model/Attempt.h"
#include "model/Endpoint.h"
#include "model/Message.h"

#include <QList>

#include <functional>

class CredentialStore;
class Database;
class QNetworkAccessManager;

// Sends one message to one service of an endpoint, exactly as the dispatcher would (same headers,
// token and signature), without storing it: a person checks the URL, the token and the service before
// mapping real traffic to it. Whatever the endpoint answers (messages, parameters) is only reported.
namespace EndpointTestMessage {
constexpr qint64 kTimeoutMs = 30000;

struct Request
{
    Endpoint endpoint;
    QString token;                 // empty: no token headers
    QString basicAuth;             // "user:password"; empty: no Authorization header
    QList<QByteArray> signingKeys; // decoded signing secrets; empty: unsigned
    QString path;                  // the service, "/order_confirmation"
    Message message;               // an id is assigned when empty
    qint64 timeoutMs = kTimeoutMs;
};

struct Result
{
    bool delivered = false; // the endpoint accepted it (a synchronous or asynchronous answer)
    int status = 0;         // 0: no HTTP answer
    QString summary;        // one line: the status and what it means, or why it failed
};
using Callback = std::function<void(const Result &)>;

// The message's envelope with a notification:info payload saying where it came from.
Message notificationMessage();
// Completes the request's secrets for an endpoint that is saved: the stored token when none was typed,
// and the signing secrets. An endpoint not saved yet keeps what the request holds. Blocks on the
// database and the keychain.
bool loadSecrets(const Database &db, CredentialStore &credentials, Request *request, QString *error);
// Starts the POST; `done` runs on the network manager's thread.
void send(QNetworkAccessManager *network, Request request, Callback done);
Result interpret(const Attempt &attempt, const QUrl &url);
} // namespace EndpointTestMessage
