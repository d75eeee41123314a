#pragma once

#include <QByteArray>

// Comparisons of secrets whose time does not depend on where the inputs differ (libsodium's
// sodium_memcmp), so an attacker cannot guess a signature byte by byte from the answer's delay.
namespace ConstantTime {
// False when the lengths differ (a length is no secret: every signature of a scheme has the same one)
// or when either side is empty.
bool equal(const QByteArray &a, const QByteArray &b);
} // namespace ConstantTime
