#include "utils/JsonPath.h"

namespace {

void step(const QJsonValue &value, QStringView segment, QJsonArray *next)
{
    if (segment == u"*") {
        if (value.isArray()) {
            for (const QJsonValue &element : value.toArray())
                next->append(element);
        } else if (value.isObject()) {
            for (const QJsonValue &member : value.toObject())
                next->append(member);
        }
        return;
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        const auto it = object.constFind(segment);
        if (it != object.constEnd())
            next->append(it.value());
        return;
    }
    bool isIndex = false;
    const qsizetype index = segment.toLongLong(&isIndex);
    if (value.isArray() && isIndex && index >= 0 && index < value.toArray().size())
        next->append(value.toArray().at(index));
}

bool isSegmentChar(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'_' ||
           c == u'-';
}

} // namespace

QJsonArray JsonPath::resolve(const QJsonObject &root, const QString &path)
{
    if (path.isEmpty())
        return {};
    QJsonArray current{root};
    for (QStringView segment : QStringView(path).split(u'.')) {
        if (segment.isEmpty())
            return {};
        QJsonArray next;
        for (const QJsonValue &value : std::as_const(current))
            step(value, segment, &next);
        if (next.isEmpty())
            return {};
        current = next;
    }
    return current;
}

QString JsonPath::syntaxError(const QString &path)
{
    if (path.isEmpty())
        return QStringLiteral("path is empty; write dotted keys such as payload.order.status");
    for (QStringView segment : QStringView(path).split(u'.')) {
        if (segment.isEmpty())
            return QStringLiteral("path \"%1\" has an empty segment").arg(path);
        if (segment == u"*")
            continue;
        for (QChar c : segment) {
            if (!isSegmentChar(c))
                return QStringLiteral("path \"%1\": segment \"%2\" may hold only letters, digits, \"_\" and "
                                      "\"-\", or be \"*\" alone")
                    .arg(path, segment.toString());
        }
    }
    return {};
}
