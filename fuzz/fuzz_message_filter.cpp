// MessageFilter: the filter rules of a mapping as users write them in the config file or the control
// panel, and the JSON paths inside them (utils/JsonPath). The input is the filter on its first line and
// the message it is tried on after it:
//   {"path": "payload.order.status", "operator": "eq", "value": "complete"}
//   {"message": "order:new", "payload": {"order": {"status": "complete"}}}
// An accepted filter must survive the round trip through toJson() and judge the message the same.
#include "model/MessageFilter.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstdint>
#include <cstdlib>

namespace {

QJsonValue jsonFrom(const QByteArray &text)
{
    const QJsonDocument document = QJsonDocument::fromJson(text);
    if (document.isObject())
        return document.object();
    if (document.isArray())
        return document.array();
    return QJsonValue(QString::fromUtf8(text)); // a bare string still reaches fromJson's type checks
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype newline = bytes.indexOf('\n');
    const QJsonValue filterJson = jsonFrom(newline < 0 ? bytes : bytes.left(newline));
    const QJsonObject message =
        newline < 0 ? QJsonObject() : QJsonDocument::fromJson(bytes.mid(newline + 1)).object();

    MessageFilter filter;
    QString error;
    if (!MessageFilter::fromJson(filterJson, &filter, &error))
        return 0;
    const bool passes = filter.matches(message);
    filter.describe();
    MessageFilter again;
    if (!MessageFilter::fromJson(filter.toJson(), &again, &error))
        abort(); // toJson() wrote a filter that fromJson refuses
    if (again.matches(message) != passes)
        abort(); // the round trip changed what the filter lets through
    MessageFilter::allMatch({filter, again}, message);
    return 0;
}
