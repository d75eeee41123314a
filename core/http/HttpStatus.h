#pragma once

#include <QByteArray>

namespace HttpStatus {
// The standard reason phrase of an HTTP status, or empty for one not listed (HTTP allows that).
QByteArray reasonPhrase(int status);
} // namespace HttpStatus
