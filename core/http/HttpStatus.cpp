#include "http/HttpStatus.h"

#include <QHash>

QByteArray HttpStatus::reasonPhrase(int status)
{
    static const QHash<int, QByteArray> phrases = {
        {200, QByteArrayLiteral("OK")},
        {201, QByteArrayLiteral("Created")},
        {202, QByteArrayLiteral("Accepted")},
        {204, QByteArrayLiteral("No Content")},
        {301, QByteArrayLiteral("Moved Permanently")},
        {302, QByteArrayLiteral("Found")},
        {303, QByteArrayLiteral("See Other")},
        {307, QByteArrayLiteral("Temporary Redirect")},
        {308, QByteArrayLiteral("Permanent Redirect")},
        {400, QByteArrayLiteral("Bad Request")},
        {401, QByteArrayLiteral("Unauthorized")},
        {403, QByteArrayLiteral("Forbidden")},
        {404, QByteArrayLiteral("Not Found")},
        {405, QByteArrayLiteral("Method Not Allowed")},
        {406, QByteArrayLiteral("Not Acceptable")},
        {408, QByteArrayLiteral("Request Timeout")},
        {409, QByteArrayLiteral("Conflict")},
        {411, QByteArrayLiteral("Length Required")},
        {413, QByteArrayLiteral("Content Too Large")},
        {422, QByteArrayLiteral("Unprocessable Content")},
        {429, QByteArrayLiteral("Too Many Requests")},
        {431, QByteArrayLiteral("Request Header Fields Too Large")},
        {500, QByteArrayLiteral("Internal Server Error")},
        {501, QByteArrayLiteral("Not Implemented")},
        {502, QByteArrayLiteral("Bad Gateway")},
        {503, QByteArrayLiteral("Service Unavailable")},
        {504, QByteArrayLiteral("Gateway Timeout")},
        {505, QByteArrayLiteral("HTTP Version Not Supported")},
    };
    return phrases.value(status);
}
