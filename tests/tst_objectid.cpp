#include "utils/ObjectId.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

namespace {

quint32 hexField(const QString &id, int from, int length)
{
    bool ok = false;
    const quint32 value = QStringView(id).mid(from, length).toUInt(&ok, 16);
    if (!ok)
        qFatal("id %s has no hex digits at %d..%d", qPrintable(id), from, from + length);
    return value;
}

} // namespace

class TestObjectId : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isTwentyFourLowercaseHex();
    void tenThousandAreUnique();
    void firstEightDigitsAreUnixSeconds();
    void middleTenDigitsArePerProcess();
    void counterIncreasesByOne();
    void isValid_data();
    void isValid();
};

void TestObjectId::isTwentyFourLowercaseHex()
{
    static const QRegularExpression pattern(QStringLiteral("\\A[0-9a-f]{24}\\z"));
    for (int i = 0; i < 100; ++i) {
        const QString id = ObjectId::generate();
        QVERIFY2(pattern.match(id).hasMatch(), qPrintable(id));
        QVERIFY2(ObjectId::isValid(id), qPrintable(id));
    }
}

void TestObjectId::tenThousandAreUnique()
{
    QSet<QString> seen;
    seen.reserve(10000);
    for (int i = 0; i < 10000; ++i) {
        const QString id = ObjectId::generate();
        QVERIFY2(!seen.contains(id), qPrintable(QStringLiteral("duplicate %1 after %2 ids").arg(id).arg(i)));
        seen.insert(id);
    }
    QCOMPARE(seen.size(), 10000);
}

void TestObjectId::firstEightDigitsAreUnixSeconds()
{
    for (int i = 0; i < 5; ++i) {
        const qint64 before = QDateTime::currentSecsSinceEpoch();
        const QString id = ObjectId::generate();
        const qint64 after = QDateTime::currentSecsSinceEpoch();
        const qint64 seconds = hexField(id, 0, 8);
        QVERIFY2(seconds >= before - 2 && seconds <= after + 2,
                 qPrintable(QStringLiteral("%1 encodes %2, now is %3").arg(id).arg(seconds).arg(before)));
    }
}

void TestObjectId::middleTenDigitsArePerProcess()
{
    const QString first = ObjectId::generate();
    for (int i = 0; i < 100; ++i) {
        const QString next = ObjectId::generate();
        QCOMPARE(next.mid(8, 10), first.mid(8, 10));
    }
}

void TestObjectId::counterIncreasesByOne()
{
    QString previous = ObjectId::generate();
    for (int i = 0; i < 5000; ++i) {
        const QString next = ObjectId::generate();
        const quint32 before = hexField(previous, 18, 6);
        const quint32 after = hexField(next, 18, 6);
        QVERIFY2(((after - before) & 0xffffffu) == 1u,
                 qPrintable(QStringLiteral("%1 then %2").arg(previous, next)));
        previous = next;
    }
}

void TestObjectId::isValid_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("valid");

    QTest::newRow("generated") << ObjectId::generate() << true;
    QTest::newRow("digits and a-f") << QStringLiteral("5f1a2b3c4d5e6f7a8b9c0d1e") << true;
    QTest::newRow("all zeros") << QStringLiteral("000000000000000000000000") << true;
    QTest::newRow("all f") << QStringLiteral("ffffffffffffffffffffffff") << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("uppercase") << QStringLiteral("5F1A2B3C4D5E6F7A8B9C0D1E") << false;
    QTest::newRow("one uppercase digit") << QStringLiteral("5f1a2b3c4d5e6f7a8b9c0d1E") << false;
    QTest::newRow("23 digits") << QStringLiteral("5f1a2b3c4d5e6f7a8b9c0d1") << false;
    QTest::newRow("25 digits") << QStringLiteral("5f1a2b3c4d5e6f7a8b9c0d1e0") << false;
    QTest::newRow("non-hex letter") << QStringLiteral("5f1a2b3c4d5e6f7a8b9c0d1g") << false;
    QTest::newRow("leading space") << QStringLiteral(" 5f1a2b3c4d5e6f7a8b9c0d1e") << false;
    QTest::newRow("trailing space") << QStringLiteral("5f1a2b3c4d5e6f7a8b9c0d1e ") << false;
    QTest::newRow("trailing newline") << QStringLiteral("5f1a2b3c4d5e6f7a8b9c0d1e\n") << false;
    QTest::newRow("braced") << QStringLiteral("{5f1a2b3c4d5e6f7a8b9c0d}") << false;
}

void TestObjectId::isValid()
{
    QFETCH(QString, id);
    QFETCH(bool, valid);
    QCOMPARE(ObjectId::isValid(id), valid);
}

QTEST_APPLESS_MAIN(TestObjectId)

#include "tst_objectid.moc"
