#include "model/Message.h"
#include "utils/ObjectId.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {

QJsonObject objectFrom(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        qFatal("test JSON %s is not an object", json.constData());
    return document.object();
}

} // namespace

class TestMessage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void typeErrorAccepts_data();
    void typeErrorAccepts();
    void typeErrorRefuses_data();
    void typeErrorRefuses();
    void fromJsonAssignsIdWhenAbsent_data();
    void fromJsonAssignsIdWhenAbsent();
    void fromJsonKeepsGivenId();
    void fromJsonRefuses_data();
    void fromJsonRefuses();
    void fromJsonMissingPayloadIsEmptyObject();
    void toJsonRoundTrip();
    void parseSingleObject();
    void parseArray();
    void parseMessagesObject();
    void parseRefusesEmpty_data();
    void parseRefusesEmpty();
    void parseMalformedJsonNamesOffset_data();
    void parseMalformedJsonNamesOffset();
    void parseOneBadMessageRefusesAll_data();
    void parseOneBadMessageRefusesAll();
};

void TestMessage::typeErrorAccepts_data()
{
    QTest::addColumn<QString>("type");

    QTest::newRow("order:new") << QStringLiteral("order:new");
    QTest::newRow("notification:info") << QStringLiteral("notification:info");
    QTest::newRow("three segments") << QStringLiteral("a:b:c");
    QTest::newRow("digits and underscores") << QStringLiteral("x_1:y_2");
    QTest::newRow("exactly 200 characters") << QStringLiteral("a:") + QString(198, QLatin1Char('b'));
}

void TestMessage::typeErrorAccepts()
{
    QFETCH(QString, type);
    QCOMPARE(Message::typeError(type), QString());
}

void TestMessage::typeErrorRefuses_data()
{
    QTest::addColumn<QString>("type");

    QTest::newRow("empty") << QString();
    QTest::newRow("no colon") << QStringLiteral("order");
    QTest::newRow("uppercase") << QStringLiteral("Order:new");
    QTest::newRow("uppercase after colon") << QStringLiteral("order:New");
    QTest::newRow("space inside") << QStringLiteral("order: new");
    QTest::newRow("leading space") << QStringLiteral(" order:new");
    QTest::newRow("trailing space") << QStringLiteral("order:new ");
    QTest::newRow("trailing colon") << QStringLiteral("order:new:");
    QTest::newRow("leading colon") << QStringLiteral(":order:new");
    QTest::newRow("double colon") << QStringLiteral("order::new");
    QTest::newRow("dash") << QStringLiteral("order:new-one");
    QTest::newRow("dot") << QStringLiteral("order.new");
    QTest::newRow("trailing newline") << QStringLiteral("order:new\n");
    QTest::newRow("201 characters") << QStringLiteral("a:") + QString(199, QLatin1Char('b'));
    QTest::newRow("far too long") << QStringLiteral("order:") + QString(500, QLatin1Char('x'));
}

void TestMessage::typeErrorRefuses()
{
    QFETCH(QString, type);
    const QString error = Message::typeError(type);
    QVERIFY2(!error.isEmpty(), qPrintable(QStringLiteral("\"%1\" was accepted").arg(type)));
}

void TestMessage::fromJsonAssignsIdWhenAbsent_data()
{
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("no message_id") << QByteArray(R"({"message": "order:new", "payload": {"n": 1}})");
    QTest::newRow("null message_id") << QByteArray(
        R"({"message": "order:new", "message_id": null, "payload": {"n": 1}})");
}

void TestMessage::fromJsonAssignsIdWhenAbsent()
{
    QFETCH(QByteArray, json);

    Message first;
    Message second;
    QString error;
    QVERIFY2(Message::fromJson(objectFrom(json), &first, &error), qPrintable(error));
    QVERIFY2(Message::fromJson(objectFrom(json), &second, &error), qPrintable(error));
    QCOMPARE(first.id.size(), 24);
    QVERIFY2(ObjectId::isValid(first.id), qPrintable(first.id));
    for (const QChar c : std::as_const(first.id))
        QVERIFY2((c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
                     (c >= QLatin1Char('a') && c <= QLatin1Char('f')),
                 qPrintable(first.id));
    QVERIFY2(first.id != second.id, qPrintable(first.id));
    QCOMPARE(first.type, QStringLiteral("order:new"));
    QCOMPARE(first.payload, objectFrom(R"({"n": 1})"));
}

void TestMessage::fromJsonKeepsGivenId()
{
    const QString id = QStringLiteral("5f1a2b3c4d5e6f7a8b9c0d1e");
    const QJsonObject json{{QStringLiteral("message"), QStringLiteral("order:new")},
                           {QStringLiteral("message_id"), id},
                           {QStringLiteral("payload"), QJsonObject{{QStringLiteral("total"), 42.5}}}};
    Message message;
    QString error;
    QVERIFY2(Message::fromJson(json, &message, &error), qPrintable(error));
    QCOMPARE(message.id, id);
    QCOMPARE(message.type, QStringLiteral("order:new"));
    QCOMPARE(message.payload.value(QStringLiteral("total")).toDouble(), 42.5);
}

void TestMessage::fromJsonRefuses_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("uppercase id")
        << QByteArray(R"({"message": "order:new", "message_id": "5F1A2B3C4D5E6F7A8B9C0D1E", "payload": {}})")
        << QStringLiteral("message_id");
    QTest::newRow("short id")
        << QByteArray(R"({"message": "order:new", "message_id": "5f1a2b3c4d5e6f7a8b9c0d1", "payload": {}})")
        << QStringLiteral("message_id");
    QTest::newRow("long id")
        << QByteArray(R"({"message": "order:new", "message_id": "5f1a2b3c4d5e6f7a8b9c0d1e0", "payload": {}})")
        << QStringLiteral("message_id");
    QTest::newRow("non-hex id")
        << QByteArray(R"({"message": "order:new", "message_id": "5f1a2b3c4d5e6f7a8b9c0d1g", "payload": {}})")
        << QStringLiteral("message_id");
    QTest::newRow("empty id") << QByteArray(R"({"message": "order:new", "message_id": "", "payload": {}})")
                              << QStringLiteral("message_id");
    QTest::newRow("numeric id") << QByteArray(R"({"message": "order:new", "message_id": 12, "payload": {}})")
                                << QStringLiteral("message_id");
    QTest::newRow("array payload") << QByteArray(R"({"message": "order:new", "payload": [1, 2]})")
                                   << QStringLiteral("payload");
    QTest::newRow("string payload") << QByteArray(R"({"message": "order:new", "payload": "x"})")
                                    << QStringLiteral("payload");
    QTest::newRow("number payload") << QByteArray(R"({"message": "order:new", "payload": 3})")
                                    << QStringLiteral("payload");
    QTest::newRow("boolean payload") << QByteArray(R"({"message": "order:new", "payload": true})")
                                     << QStringLiteral("payload");
    QTest::newRow("missing message") << QByteArray(R"({"payload": {}})") << QStringLiteral("\"message\"");
    QTest::newRow("numeric message") << QByteArray(R"({"message": 5, "payload": {}})")
                                     << QStringLiteral("\"message\"");
    QTest::newRow("null message") << QByteArray(R"({"message": null, "payload": {}})")
                                  << QStringLiteral("\"message\"");
    QTest::newRow("object message") << QByteArray(R"({"message": {"type": "order:new"}, "payload": {}})")
                                    << QStringLiteral("\"message\"");
    QTest::newRow("bad message type")
        << QByteArray(R"({"message": "Order:New", "payload": {}})") << QStringLiteral("Order:New");
}

void TestMessage::fromJsonRefuses()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, mentions);

    Message message;
    message.type = QStringLiteral("untouched:type");
    QString error;
    QVERIFY(!Message::fromJson(objectFrom(json), &message, &error));
    QVERIFY2(error.contains(mentions), qPrintable(error));
    QCOMPARE(message.type, QStringLiteral("untouched:type"));
}

void TestMessage::fromJsonMissingPayloadIsEmptyObject()
{
    Message message;
    message.payload = QJsonObject{{QStringLiteral("stale"), true}};
    QString error;
    QVERIFY2(Message::fromJson(objectFrom(R"({"message": "order:new"})"), &message, &error),
             qPrintable(error));
    QVERIFY(message.payload.isEmpty());
    QCOMPARE(message.type, QStringLiteral("order:new"));
    QVERIFY(ObjectId::isValid(message.id));
}

void TestMessage::toJsonRoundTrip()
{
    const QJsonObject json = objectFrom(R"({"message": "order:new", "message_id": "5f1a2b3c4d5e6f7a8b9c0d1e",
        "payload": {"order": {"number": "R1"}}})");
    Message message;
    QString error;
    QVERIFY2(Message::fromJson(json, &message, &error), qPrintable(error));
    QCOMPARE(message.toJson(), json);
}

void TestMessage::parseSingleObject()
{
    const MessageBatch batch = MessageBatch::parse(R"({"message": "order:new", "payload": {"n": 7}})");
    QCOMPARE(batch.error, QString());
    QCOMPARE(batch.messages.size(), 1);
    QCOMPARE(batch.messages.first().type, QStringLiteral("order:new"));
    QCOMPARE(batch.messages.first().payload.value(QStringLiteral("n")).toInt(), 7);
    QVERIFY(ObjectId::isValid(batch.messages.first().id));
}

void TestMessage::parseArray()
{
    const MessageBatch batch = MessageBatch::parse(R"([
        {"message": "order:new", "message_id": "5f1a2b3c4d5e6f7a8b9c0d1e", "payload": {}},
        {"message": "customer:new", "payload": {"email": "a@b.c"}},
        {"message": "notification:info"}
    ])");
    QCOMPARE(batch.error, QString());
    QCOMPARE(batch.messages.size(), 3);
    QCOMPARE(batch.messages.at(0).type, QStringLiteral("order:new"));
    QCOMPARE(batch.messages.at(0).id, QStringLiteral("5f1a2b3c4d5e6f7a8b9c0d1e"));
    QCOMPARE(batch.messages.at(1).type, QStringLiteral("customer:new"));
    QCOMPARE(batch.messages.at(1).payload.value(QStringLiteral("email")).toString(), QStringLiteral("a@b.c"));
    QCOMPARE(batch.messages.at(2).type, QStringLiteral("notification:info"));
    QVERIFY(batch.messages.at(2).payload.isEmpty());
}

void TestMessage::parseMessagesObject()
{
    const MessageBatch batch = MessageBatch::parse(R"({"messages": [
        {"message": "order:new", "payload": {"n": 1}},
        {"message": "order:shipped", "payload": {"n": 2}}
    ]})");
    QCOMPARE(batch.error, QString());
    QCOMPARE(batch.messages.size(), 2);
    QCOMPARE(batch.messages.at(0).type, QStringLiteral("order:new"));
    QCOMPARE(batch.messages.at(1).type, QStringLiteral("order:shipped"));
    QCOMPARE(batch.messages.at(1).payload.value(QStringLiteral("n")).toInt(), 2);
    QVERIFY(batch.messages.at(0).id != batch.messages.at(1).id);
}

void TestMessage::parseRefusesEmpty_data()
{
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("empty array") << QByteArray("[]");
    QTest::newRow("empty messages array") << QByteArray(R"({"messages": []})");
    QTest::newRow("messages not an array") << QByteArray(R"({"messages": {"message": "order:new"}})");
    QTest::newRow("empty object") << QByteArray("{}");
}

void TestMessage::parseRefusesEmpty()
{
    QFETCH(QByteArray, json);
    const MessageBatch batch = MessageBatch::parse(json);
    QVERIFY2(!batch.error.isEmpty(), json.constData());
    QVERIFY(batch.messages.isEmpty());
}

void TestMessage::parseMalformedJsonNamesOffset_data()
{
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("truncated object") << QByteArray(R"({"message": "order:new", "payload": )");
    QTest::newRow("trailing comma") << QByteArray(R"([{"message": "order:new"},])");
    QTest::newRow("not JSON at all") << QByteArray("order:new");
    QTest::newRow("empty input") << QByteArray();
}

void TestMessage::parseMalformedJsonNamesOffset()
{
    QFETCH(QByteArray, json);

    QJsonParseError expected;
    QJsonDocument::fromJson(json, &expected);
    QVERIFY(expected.error != QJsonParseError::NoError);

    const MessageBatch batch = MessageBatch::parse(json);
    QVERIFY(batch.messages.isEmpty());
    QVERIFY2(batch.error.contains(QStringLiteral("offset %1").arg(expected.offset)), qPrintable(batch.error));
    QVERIFY2(!batch.error.contains(QLatin1Char('\n')), qPrintable(batch.error));
}

void TestMessage::parseOneBadMessageRefusesAll_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("prefix");

    QTest::newRow("second has bad type") << QByteArray(R"([
        {"message": "order:new", "payload": {}},
        {"message": "Order:Bad", "payload": {}},
        {"message": "order:other", "payload": {}}
    ])") << QStringLiteral("message 2: ");
    QTest::newRow("third has bad id") << QByteArray(R"([
        {"message": "order:new"},
        {"message": "order:new"},
        {"message": "order:new", "message_id": "nope"}
    ])") << QStringLiteral("message 3: ");
    QTest::newRow("first is not an object")
        << QByteArray(R"(["order:new", {"message": "order:new"}])") << QStringLiteral("message 1: ");
    QTest::newRow("inside messages object") << QByteArray(R"({"messages": [
        {"message": "order:new"},
        {"message": "order:new", "payload": []}
    ]})") << QStringLiteral("message 2: ");
}

void TestMessage::parseOneBadMessageRefusesAll()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, prefix);

    const MessageBatch batch = MessageBatch::parse(json);
    QVERIFY2(batch.messages.isEmpty(), qPrintable(QString::number(batch.messages.size())));
    QVERIFY2(batch.error.startsWith(prefix), qPrintable(batch.error));
    QVERIFY2(batch.error.size() > prefix.size(), qPrintable(batch.error));
}

QTEST_APPLESS_MAIN(TestMessage)

#include "tst_message.moc"
