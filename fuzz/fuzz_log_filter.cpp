// The other text people type to pick messages out of the log: the times of `messages --since/--until`
// (Timestamps::parse) and the PATH=VALUE of `erase --match` (ErasureMatch). The input is the text on the
// first line and, after it, a message to try the match on. An accepted time must read back from the
// ISO form it is shown in.
#include "model/ErasureMatch.h"
#include "utils/Timestamps.h"

#include <QJsonDocument>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype newline = bytes.indexOf('\n');
    const QString text = QString::fromUtf8(newline < 0 ? bytes : bytes.left(newline));

    if (const std::optional<qint64> ms = Timestamps::parse(text)) {
        if (Timestamps::parse(Timestamps::iso(*ms)) != ms)
            abort(); // a time that is shown differently from what it means
    }
    ErasureMatch match;
    QString error;
    if (ErasureMatch::parse(text, &match, &error) && newline >= 0)
        match.matches(QJsonDocument::fromJson(bytes.mid(newline + 1)).object());
    return 0;
}
