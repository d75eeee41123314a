#include "secrets/Sodium.h"

#include <QtGlobal>

#include <sodium.h>

void Sodium::initialize()
{
    // Thread-safe and idempotent; fails only without a usable random source, where sealing must not run.
    static const int status = sodium_init();
    if (status < 0)
        qFatal("Integrator: libsodium cannot be initialised (no random source)");
}
