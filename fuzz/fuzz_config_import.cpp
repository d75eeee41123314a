// ConfigFile::validate: every check `integrator config import` and the control panel's import make on a
// JSON config file before anything is written (endpoints, mappings with their filters, stores,
// parameters, retention). No database is needed for that part.
#include "config/ConfigFile.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QString error;
    ConfigFile::validate(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)), &error);
    return 0;
}
