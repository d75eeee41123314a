#include "MappingFormat.h"

#include <QLocale>

QString MappingFormat::joinList(const QStringList &items)
{
    return items.join(QStringLiteral(", "));
}

QStringList MappingFormat::splitList(const QString &text)
{
    QStringList items;
    for (const QString &item : text.split(QLatin1Char(','))) {
        if (!item.trimmed().isEmpty())
            items << item.trimmed();
    }
    return items;
}

QString MappingFormat::numberText(double number)
{
    return QString::number(number, 'g', QLocale::FloatingPointShortest);
}

QString MappingFormat::valueText(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isDouble())
        return numberText(value.toDouble());
    return value.toString();
}

bool MappingFormat::sameMapping(const Mapping &a, const Mapping &b)
{
    return a.id == b.id && a.toConfig() == b.toConfig();
}

QString MappingFormat::suggestedName(const QString &type, const MappingService &service,
                                     const QStringList &taken)
{
    const QString base = QStringLiteral("%1 \u2192 %2 %3").arg(type, service.endpoint, service.path);
    QString name = base;
    for (int copy = 2; taken.contains(name); ++copy)
        name = QStringLiteral("%1 (%2)").arg(base).arg(copy);
    return name;
}
