// MessageBatch::parse: what `integrator push` reads from a file or stdin and the push API from a request
// body (one message, an array of them, or {"messages": [...]}). An accepted batch must be what it says:
// every message with a valid type and an id, and its JSON form read back to the same batch.
#include "model/Message.h"

#include <QJsonArray>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const MessageBatch batch =
        MessageBatch::parse(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!batch.error.isEmpty())
        return 0;
    QJsonArray again;
    for (const Message &message : batch.messages) {
        if (!Message::typeError(message.type).isEmpty() || message.id.isEmpty())
            abort(); // accepted a message that is not one
        again.append(message.toJson());
    }
    const MessageBatch reread = MessageBatch::fromJsonArray(again);
    if (!reread.error.isEmpty() || reread.messages.size() != batch.messages.size())
        abort(); // the accepted batch does not read back
    return 0;
}
