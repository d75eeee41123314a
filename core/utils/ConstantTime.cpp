#include "utils/ConstantTime.h"

#include "secrets/Sodium.h"

#include <sodium.h>

bool ConstantTime::equal(const QByteArray &a, const QByteArray &b)
{
    if (a.isEmpty() || a.size() != b.size())
        return false;
    Sodium::initialize();
    return sodium_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}
