#include "webhooks/HubAccessToken.h"

#include "utils/ConstantTime.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

QByteArray HubAccessToken::hmacToken(const QByteArray &pushToken, const QByteArray &timestamp,
                                     const QByteArray &body)
{
    return QMessageAuthenticationCode::hash(timestamp + body, pushToken, QCryptographicHash::Sha1).toHex();
}

bool HubAccessToken::matches(const HttpRequest &request, const QByteArray &pushToken)
{
    if (pushToken.isEmpty())
        return false;
    const QByteArray given = request.header("x-hub-access-token");
    // The plain token is compared by digest, so its length does not show in the time taken either.
    const bool plain = ConstantTime::equal(QCryptographicHash::hash(given, QCryptographicHash::Sha256),
                                           QCryptographicHash::hash(pushToken, QCryptographicHash::Sha256));
    const QByteArray lower = given.toLower();
    const bool ofBody = ConstantTime::equal(lower, hmacToken(pushToken, {}, request.body));
    const QByteArray timestamp = request.header("x-hub-timestamp");
    const bool ofTimestampAndBody =
        !timestamp.isEmpty() && ConstantTime::equal(lower, hmacToken(pushToken, timestamp, request.body));
    return plain || ofBody || ofTimestampAndBody;
}
