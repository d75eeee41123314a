#include "utils/ObjectId.h"

#include <QAtomicInteger>
#include <QDateTime>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <array>

namespace {

std::array<quint8, 5> processRandom()
{
    std::array<quint8, 5> bytes{};
    for (auto &b : bytes)
        b = static_cast<quint8>(QRandomGenerator::system()->bounded(256));
    return bytes;
}

} // namespace

QString ObjectId::generate()
{
    static const std::array<quint8, 5> random = processRandom();
    static QAtomicInteger<quint32> counter(QRandomGenerator::system()->bounded(0x1000000u));

    const quint32 seconds = static_cast<quint32>(QDateTime::currentSecsSinceEpoch());
    const quint32 count = counter.fetchAndAddRelaxed(1) & 0xffffff;

    QByteArray raw(12, Qt::Uninitialized);
    raw[0] = static_cast<char>(seconds >> 24);
    raw[1] = static_cast<char>(seconds >> 16);
    raw[2] = static_cast<char>(seconds >> 8);
    raw[3] = static_cast<char>(seconds);
    for (int i = 0; i < 5; ++i)
        raw[4 + i] = static_cast<char>(random[static_cast<size_t>(i)]);
    raw[9] = static_cast<char>(count >> 16);
    raw[10] = static_cast<char>(count >> 8);
    raw[11] = static_cast<char>(count);
    return QString::fromLatin1(raw.toHex());
}

bool ObjectId::isValid(const QString &id)
{
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(QStringLiteral("[0-9a-f]{24}")));
    return pattern.match(id).hasMatch();
}
