#include "utils/JsonPath.h"

#include <QJsonDocument>
#include <QTest>

namespace {

// An order:new message shaped like the ones a Spree store sends.
QJsonObject orderMessage()
{
    const QByteArray json = R"({
        "message": "order:new",
        "message_id": "5f1a2b3c4d5e6f7a8b9c0d1e",
        "payload": {
            "order": {
                "number": "R123",
                "status": "complete",
                "total": 42.5,
                "line_items": [{"sku": "A-1", "quantity": 2}, {"sku": "B-2", "quantity": 1}],
                "shipments": [
                    {"number": "H1", "tracking": "1Z999", "items": [{"sku": "A-1"}, {"sku": "B-2"}]},
                    {"number": "H2", "items": [{"sku": "C-3"}]},
                    {"number": "H3", "items": []}
                ],
                "totals": {"item": 40, "tax": 2.5, "shipping": 0},
                "note": null
            }
        }
    })";
    return QJsonDocument::fromJson(json).object();
}

QJsonArray parse(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).array();
}

} // namespace

class TestJsonPath : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void resolve_data();
    void resolve();
    void wildcardOverObjectValues();
    void wildcardOverScalarFindsNothing();
    void syntaxError_data();
    void syntaxError();
};

void TestJsonPath::resolve_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("top-level key") << QStringLiteral("message") << QByteArray(R"(["order:new"])");
    QTest::newRow("nested key") << QStringLiteral("payload.order.status") << QByteArray(R"(["complete"])");
    QTest::newRow("number") << QStringLiteral("payload.order.total") << QByteArray("[42.5]");
    QTest::newRow("null is a value") << QStringLiteral("payload.order.note") << QByteArray("[null]");
    QTest::newRow("object as a value")
        << QStringLiteral("payload.order.totals") << QByteArray(R"([{"item":40,"tax":2.5,"shipping":0}])");
    QTest::newRow("numeric index") << QStringLiteral("payload.order.line_items.1.sku")
                                   << QByteArray(R"(["B-2"])");
    QTest::newRow("index out of range")
        << QStringLiteral("payload.order.line_items.2.sku") << QByteArray("[]");
    QTest::newRow("numeric segment on an object")
        << QStringLiteral("payload.order.totals.0") << QByteArray("[]");
    QTest::newRow("wildcard over array")
        << QStringLiteral("payload.order.line_items.*.sku") << QByteArray(R"(["A-1","B-2"])");
    QTest::newRow("nested wildcards")
        << QStringLiteral("payload.order.shipments.*.items.*.sku") << QByteArray(R"(["A-1","B-2","C-3"])");
    QTest::newRow("wildcard last") << QStringLiteral("payload.order.shipments.1.items.*")
                                   << QByteArray(R"([{"sku":"C-3"}])");
    QTest::newRow("wildcard over empty array")
        << QStringLiteral("payload.order.shipments.2.items.*") << QByteArray("[]");
    QTest::newRow("missing top-level key") << QStringLiteral("event") << QByteArray("[]");
    QTest::newRow("missing nested key") << QStringLiteral("payload.order.customer.email") << QByteArray("[]");
    QTest::newRow("key below a scalar") << QStringLiteral("payload.order.status.code") << QByteArray("[]");
    QTest::newRow("some elements lack the key")
        << QStringLiteral("payload.order.shipments.*.tracking") << QByteArray(R"(["1Z999"])");
    QTest::newRow("empty path") << QString() << QByteArray("[]");
    QTest::newRow("empty segment") << QStringLiteral("payload..order") << QByteArray("[]");
}

void TestJsonPath::resolve()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, expected);
    QCOMPARE(JsonPath::resolve(orderMessage(), path), parse(expected));
}

void TestJsonPath::wildcardOverObjectValues()
{
    // QJsonObject iterates in key order, so the values come sorted by key: item, shipping, tax.
    QCOMPARE(JsonPath::resolve(orderMessage(), QStringLiteral("payload.order.totals.*")),
             parse("[40, 0, 2.5]"));
}

void TestJsonPath::wildcardOverScalarFindsNothing()
{
    QVERIFY(JsonPath::resolve(orderMessage(), QStringLiteral("payload.order.number.*")).isEmpty());
}

void TestJsonPath::syntaxError_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << QStringLiteral("payload.order.status") << QString();
    QTest::newRow("index and wildcard")
        << QStringLiteral("payload.order.shipments.*.items.0.sku") << QString();
    QTest::newRow("dash and underscore") << QStringLiteral("payload.x-ref.line_items") << QString();
    QTest::newRow("single segment") << QStringLiteral("message") << QString();
    QTest::newRow("empty") << QString()
                           << QStringLiteral("path is empty; write dotted keys such as payload.order.status");
    QTest::newRow("double dot") << QStringLiteral("payload..order")
                                << QStringLiteral("path \"payload..order\" has an empty segment");
    QTest::newRow("leading dot") << QStringLiteral(".payload")
                                 << QStringLiteral("path \".payload\" has an empty segment");
    QTest::newRow("trailing dot") << QStringLiteral("payload.")
                                  << QStringLiteral("path \"payload.\" has an empty segment");
    QTest::newRow("space") << QStringLiteral("payload.order status")
                           << QStringLiteral(
                                  "path \"payload.order status\": segment \"order status\" may hold "
                                  "only letters, digits, \"_\" and \"-\", or be \"*\" alone");
    QTest::newRow("partial wildcard")
        << QStringLiteral("payload.ord*")
        << QStringLiteral("path \"payload.ord*\": segment \"ord*\" may hold only "
                          "letters, digits, \"_\" and \"-\", or be \"*\" alone");
    QTest::newRow("brackets") << QStringLiteral("payload.items[0]")
                              << QStringLiteral(
                                     "path \"payload.items[0]\": segment \"items[0]\" may hold only "
                                     "letters, digits, \"_\" and \"-\", or be \"*\" alone");
}

void TestJsonPath::syntaxError()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    QCOMPARE(JsonPath::syntaxError(path), expected);
}

QTEST_APPLESS_MAIN(TestJsonPath)
#include "tst_jsonpath.moc"
