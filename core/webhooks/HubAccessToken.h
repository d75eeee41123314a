#pragma once

#include "http/HttpRequestReader.h"

#include <QByteArray>

// X-Hub-Access-Token as the hub-era store clients send it: either the store's push token itself, or a
// hex HMAC-SHA1 keyed with the push token, of the body or (when X-Hub-Timestamp is sent) of the
// timestamp followed by the body. Constant-time comparisons throughout.
namespace HubAccessToken {

bool matches(const HttpRequest &request, const QByteArray &pushToken);
// The HMAC form for `body` (and `timestamp`, when not empty): what a client sends.
QByteArray hmacToken(const QByteArray &pushToken, const QByteArray &timestamp, const QByteArray &body);

} // namespace HubAccessToken
