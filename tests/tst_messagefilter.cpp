#include "model/MessageFilter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {

QJsonObject orderMessage()
{
    const QByteArray json = R"({
        "message": "order:new",
        "message_id": "5f1a2b3c4d5e6f7a8b9c0d1e",
        "payload": {
            "order": {
                "status": "complete",
                "email": "ann@b.com",
                "total": 42.5,
                "count": 3,
                "five": 5.0,
                "order_number": 100000000000,
                "zero": 0,
                "count_text": "3",
                "hundred_text": "100",
                "price_text": "abc",
                "paid": true,
                "refunded": false,
                "note": null,
                "blank": "",
                "null_text": "null",
                "tags": ["gift", "rush"],
                "no_tags": [],
                "address": {"city": "Lyon"},
                "no_address": {},
                "skus": ["A-1", "B-2", "A-3"],
                "items": [{"qty": 1}, {"qty": 5}]
            }
        }
    })";
    return QJsonDocument::fromJson(json).object();
}

QJsonValue parseValue(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object().value(QStringLiteral("v"));
}

MessageFilter filterFrom(const QByteArray &json)
{
    MessageFilter filter;
    QString error;
    if (!MessageFilter::fromJson(QJsonDocument::fromJson(json).object(), &filter, &error))
        qFatal("test filter %s refused: %s", json.constData(), qPrintable(error));
    return filter;
}

} // namespace

class TestMessageFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matches_data();
    void matches();
    void matchRule_data();
    void matchRule();
    void handBuiltMatchFilterStillMatches();
    void fromJsonRefuses_data();
    void fromJsonRefuses();
    void fromJsonReadsFields();
    void fromJsonDropsValueForPresentAndEmpty();
    void roundTrip_data();
    void roundTrip();
    void allMatch();
    void describe_data();
    void describe();
};

void TestMessageFilter::matches_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("op");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("expected");

    const auto row = [](const char *name, const char *field, const char *op, const char *value,
                        bool expected) {
        QTest::newRow(name) << QString::fromLatin1(field) << QString::fromLatin1(op) << QByteArray(value)
                            << expected;
    };

    row("eq string", "status", "eq", R"("complete")", true);
    row("eq other string", "status", "eq", R"("canceled")", false);
    row("eq is case-sensitive", "status", "eq", R"("Complete")", false);
    row("eq integer to numeric string", "count", "eq", R"("3")", true);
    row("eq integer to number", "count", "eq", "3", true);
    row("eq 5.0 renders as 5", "five", "eq", R"("5")", true);
    row("eq 5.0 does not render as 5.0", "five", "eq", R"("5.0")", false);
    row("eq round integer without exponent", "order_number", "eq", R"("100000000000")", true);
    row("eq fraction", "total", "eq", R"("42.5")", true);
    row("eq numeric string to number", "count_text", "eq", "3", true);
    row("eq boolean", "paid", "eq", "true", true);
    row("eq boolean to string", "paid", "eq", R"("true")", true);
    row("eq wrong boolean", "paid", "eq", "false", false);
    row("eq array as compact JSON", "tags", "eq", R"("[\"gift\",\"rush\"]")", true);
    row("eq missing path", "customer", "eq", R"("x")", false);
    row("eq missing path to empty string", "customer", "eq", R"("")", false);

    row("neq other string", "status", "neq", R"("canceled")", true);
    row("neq same string", "status", "neq", R"("complete")", false);
    row("neq integer to numeric string", "count", "neq", R"("3")", false);
    row("neq missing path", "customer", "neq", R"("x")", false);

    row("gt number", "total", "gt", "40", true);
    row("gt equal number", "total", "gt", "42.5", false);
    row("gt larger number", "total", "gt", "50", false);
    row("lt number", "total", "lt", "50", true);
    row("lt equal number", "total", "lt", "42.5", false);
    row("gt numeric string value", "count_text", "gt", "2", true);
    row("gt numeric string rule", "count", "gt", R"("2")", true);
    row("gt compares numbers not text", "hundred_text", "gt", R"("20")", true);
    row("lt compares numbers not text", "hundred_text", "lt", R"("20")", false);
    row("gt non-numeric value", "price_text", "gt", "1", false);
    row("lt non-numeric value", "price_text", "lt", "1", false);
    row("gt non-numeric rule", "total", "gt", R"("abc")", false);
    row("lt non-numeric rule", "total", "lt", R"("abc")", false);
    row("gt boolean is not a number", "paid", "gt", "0", false);
    row("lt boolean rule is not a number", "zero", "lt", "true", false);
    row("gt null", "note", "gt", "-1", false);
    row("gt missing path", "customer", "gt", "0", false);

    row("begin", "email", "begin", R"("ann@")", true);
    row("begin fails", "email", "begin", R"("b")", false);
    row("begin on number", "total", "begin", R"("42.")", true);
    row("contains", "email", "contains", R"("@b.")", true);
    row("contains fails", "email", "contains", R"("x")", false);
    row("contains on array text", "tags", "contains", R"("rush")", true);
    row("contains on object text", "address", "contains", R"("\"city\":\"Lyon\"")", true);
    row("end", "email", "end", R"(".com")", true);
    row("end fails", "email", "end", R"(".org")", false);
    row("end missing path", "customer", "end", R"("")", false);

    row("present string", "status", "present", "null", true);
    row("present zero", "zero", "present", "null", true);
    row("present false", "refunded", "present", "null", true);
    row("present null", "note", "present", "null", false);
    row("present empty string", "blank", "present", "null", false);
    row("present \"null\" string", "null_text", "present", "null", false);
    row("present missing path", "customer", "present", "null", false);
    row("present array", "tags", "present", "null", true);
    row("present empty array", "no_tags", "present", "null", false);
    row("present object", "address", "present", "null", true);
    row("present empty object", "no_address", "present", "null", false);

    row("empty string value", "status", "empty", "null", false);
    row("empty zero", "zero", "empty", "null", false);
    row("empty null", "note", "empty", "null", true);
    row("empty empty string", "blank", "empty", "null", true);
    row("empty \"null\" string", "null_text", "empty", "null", true);
    row("empty missing path", "customer", "empty", "null", true);
    row("empty array", "tags", "empty", "null", false);
    row("empty empty array", "no_tags", "empty", "null", true);
    row("empty empty object", "no_address", "empty", "null", true);

    row("match anchored", "email", "match", R"("^[a-z]+@b\\.com$")", true);
    row("match searches unanchored", "status", "match", R"("plet")", true);
    row("match anchored fails", "status", "match", R"("^plete")", false);
    row("match is case-sensitive", "status", "match", R"("COMPLETE")", false);
    row("match inline case-insensitive", "status", "match", R"("(?i)COMPLETE")", true);
    row("match number text", "total", "match", R"("^42\\.5$")", true);
    row("match missing path", "customer", "match", R"(".*")", false);
}

void TestMessageFilter::matches()
{
    QFETCH(QString, field);
    QFETCH(QString, op);
    QFETCH(QByteArray, value);
    QFETCH(bool, expected);

    QJsonObject json{{QStringLiteral("path"), QStringLiteral("payload.order.") + field},
                     {QStringLiteral("operator"), op}};
    const QJsonValue ruleValue = parseValue("{\"v\": " + value + "}");
    if (!ruleValue.isNull())
        json.insert(QStringLiteral("value"), ruleValue);
    MessageFilter filter;
    QString error;
    QVERIFY2(MessageFilter::fromJson(json, &filter, &error), qPrintable(error));
    QCOMPARE(filter.matches(orderMessage()), expected);
}

void TestMessageFilter::matchRule_data()
{
    QTest::addColumn<QByteArray>("filter");
    QTest::addColumn<bool>("expected");

    QTest::newRow("all skus begin with A")
        << QByteArray(R"({"path": "payload.order.skus.*", "operator": "begin",
        "value": "A"})")
        << false;
    QTest::newRow("any sku begins with A")
        << QByteArray(R"({"path": "payload.order.skus.*", "operator": "begin",
        "value": "A", "match_rule": "any"})")
        << true;
    QTest::newRow("explicit all") << QByteArray(R"({"path": "payload.order.skus.*", "operator": "begin",
        "value": "A", "match_rule": "all"})")
                                  << false;
    QTest::newRow("any sku begins with Z")
        << QByteArray(R"({"path": "payload.order.skus.*", "operator": "begin",
        "value": "Z", "match_rule": "any"})")
        << false;
    QTest::newRow("all skus contain a dash") << QByteArray(R"({"path": "payload.order.skus.*",
        "operator": "contains", "value": "-"})")
                                             << true;
    QTest::newRow("all quantities above 2") << QByteArray(R"({"path": "payload.order.items.*.qty",
        "operator": "gt", "value": 2})") << false;
    QTest::newRow("any quantity above 2") << QByteArray(R"({"path": "payload.order.items.*.qty",
        "operator": "gt", "value": 2, "match_rule": "any"})")
                                          << true;
    QTest::newRow("all of nothing is not true") << QByteArray(R"({"path": "payload.order.items.*.sku",
        "operator": "neq", "value": "x"})") << false;
    QTest::newRow("any of nothing") << QByteArray(R"({"path": "payload.order.items.*.sku",
        "operator": "neq", "value": "x", "match_rule": "any"})")
                                    << false;
    QTest::newRow("empty over nothing") << QByteArray(R"({"path": "payload.order.items.*.sku",
        "operator": "empty"})") << true;
    QTest::newRow("empty over nothing with any") << QByteArray(R"({"path": "payload.order.items.*.sku",
        "operator": "empty", "match_rule": "any"})")
                                                 << true;
    QTest::newRow("all skus present") << QByteArray(R"({"path": "payload.order.skus.*",
        "operator": "present"})") << true;
    QTest::newRow("all skus empty") << QByteArray(R"({"path": "payload.order.skus.*",
        "operator": "empty"})") << false;
}

void TestMessageFilter::matchRule()
{
    QFETCH(QByteArray, filter);
    QFETCH(bool, expected);
    QCOMPARE(filterFrom(filter).matches(orderMessage()), expected);
}

void TestMessageFilter::handBuiltMatchFilterStillMatches()
{
    MessageFilter filter;
    filter.path = QStringLiteral("payload.order.email");
    filter.op = MessageFilter::Operator::Match;
    filter.value = QStringLiteral("@b\\.com$");
    QVERIFY(filter.matches(orderMessage()));
    filter.value = QStringLiteral("@c\\.com$");
    QVERIFY(!filter.matches(orderMessage()));
}

void TestMessageFilter::fromJsonRefuses_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");

    const QString operators = QStringLiteral("eq, neq, gt, lt, begin, contains, end, present, empty, match");
    const QString needsValue = QStringLiteral("filter operator \"%1\" needs a \"value\" that is a string, "
                                              "number or boolean");

    QTest::newRow("not an object") << QByteArray(R"(["payload.order.status", "eq", "complete"])")
                                   << QStringLiteral("a filter must be a JSON object such as {\"path\": "
                                                     "\"payload.order.status\", \"operator\": \"eq\", "
                                                     "\"value\": \"complete\"}");
    QTest::newRow("unknown operator")
        << QByteArray(R"({"path": "payload.order.status", "operator": "equals", "value": "x"})")
        << QStringLiteral("filter operator \"equals\" is not one of %1").arg(operators);
    QTest::newRow("operator in capitals")
        << QByteArray(R"({"path": "payload.order.status", "operator": "EQ", "value": "x"})")
        << QStringLiteral("filter operator \"EQ\" is not one of %1").arg(operators);
    QTest::newRow("missing operator") << QByteArray(R"({"path": "payload.order.status", "value": "x"})")
                                      << QStringLiteral("filter \"operator\" is missing or not a string; use "
                                                        "one of %1")
                                             .arg(operators);
    QTest::newRow("missing path") << QByteArray(R"({"operator": "eq", "value": "x"})")
                                  << QStringLiteral("filter \"path\" is missing or not a string");
    QTest::newRow("bad path") << QByteArray(R"({"path": "payload..status", "operator": "eq", "value": "x"})")
                              << QStringLiteral("filter path \"payload..status\" has an empty segment");
    QTest::newRow("missing value") << QByteArray(R"({"path": "payload.order.status", "operator": "eq"})")
                                   << needsValue.arg(QStringLiteral("eq"));
    QTest::newRow("null value") << QByteArray(
                                       R"({"path": "payload.a", "operator": "contains", "value": null})")
                                << needsValue.arg(QStringLiteral("contains"));
    QTest::newRow("object value") << QByteArray(
                                         R"({"path": "payload.a", "operator": "gt", "value": {"n": 1}})")
                                  << needsValue.arg(QStringLiteral("gt"));
    QTest::newRow("missing regex") << QByteArray(R"({"path": "payload.a", "operator": "match"})")
                                   << needsValue.arg(QStringLiteral("match"));
    QTest::newRow("invalid regex") << QByteArray(
                                          R"({"path": "payload.a", "operator": "match", "value": "(ab"})")
                                   << QStringLiteral(
                                          "filter regular expression \"(ab\" is invalid at offset 3: "
                                          "missing closing parenthesis");
    QTest::newRow("unknown match rule")
        << QByteArray(R"({"path": "payload.a", "operator": "eq", "value": "x", "match_rule": "some"})")
        << QStringLiteral("filter \"match_rule\" must be \"all\" or \"any\"");
}

void TestMessageFilter::fromJsonRefuses()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);

    const QJsonDocument document = QJsonDocument::fromJson(json);
    const QJsonValue value =
        document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    MessageFilter filter;
    filter.path = QStringLiteral("untouched");
    QString error;
    QVERIFY(!MessageFilter::fromJson(value, &filter, &error));
    QCOMPARE(error, expected);
    QCOMPARE(filter.path, QStringLiteral("untouched"));
}

void TestMessageFilter::fromJsonReadsFields()
{
    const MessageFilter filter = filterFrom(R"({"path": "payload.order.total", "operator": "lt",
        "value": 100, "match_rule": "any"})");
    QCOMPARE(filter.path, QStringLiteral("payload.order.total"));
    QCOMPARE(filter.op, MessageFilter::Operator::Lt);
    QCOMPARE(filter.value, QJsonValue(100));
    QCOMPARE(filter.matchRule, MessageFilter::MatchRule::Any);
    QCOMPARE(filterFrom(R"({"path": "a", "operator": "eq", "value": "x"})").matchRule,
             MessageFilter::MatchRule::All);
}

void TestMessageFilter::fromJsonDropsValueForPresentAndEmpty()
{
    const MessageFilter filter =
        filterFrom(R"({"path": "payload.order.note", "operator": "empty", "value": 1})");
    QCOMPARE(filter.value, QJsonValue());
    QCOMPARE(filter.toJson(),
             QJsonDocument::fromJson(R"({"path": "payload.order.note", "operator": "empty"})").object());
}

void TestMessageFilter::roundTrip_data()
{
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("eq string") << QByteArray(R"({"path": "payload.order.status", "operator": "eq",
        "value": "complete"})");
    QTest::newRow("gt number any") << QByteArray(R"({"path": "payload.order.items.*.qty", "operator": "gt",
        "value": 2.5, "match_rule": "any"})");
    QTest::newRow("neq boolean") << QByteArray(R"({"path": "payload.order.paid", "operator": "neq",
        "value": false})");
    QTest::newRow("present") << QByteArray(R"({"path": "payload.order.email", "operator": "present"})");
    QTest::newRow("empty any") << QByteArray(R"({"path": "payload.order.skus.*", "operator": "empty",
        "match_rule": "any"})");
    QTest::newRow("match") << QByteArray(R"({"path": "message", "operator": "match", "value": "^order:"})");
}

void TestMessageFilter::roundTrip()
{
    QFETCH(QByteArray, json);
    const QJsonObject original = QJsonDocument::fromJson(json).object();
    QVERIFY(!original.isEmpty());
    const MessageFilter filter = filterFrom(json);
    QCOMPARE(filter.toJson(), original);

    MessageFilter again;
    QString error;
    QVERIFY2(MessageFilter::fromJson(filter.toJson(), &again, &error), qPrintable(error));
    QCOMPARE(again.toJson(), original);
    QCOMPARE(again.matches(orderMessage()), filter.matches(orderMessage()));
}

void TestMessageFilter::allMatch()
{
    const MessageFilter complete = filterFrom(R"({"path": "payload.order.status", "operator": "eq",
        "value": "complete"})");
    const MessageFilter expensive = filterFrom(R"({"path": "payload.order.total", "operator": "gt",
        "value": 40})");
    const MessageFilter canceled = filterFrom(R"({"path": "payload.order.status", "operator": "eq",
        "value": "canceled"})");
    const QJsonObject message = orderMessage();

    QVERIFY(MessageFilter::allMatch({}, message));
    QVERIFY(MessageFilter::allMatch({complete, expensive}, message));
    QVERIFY(!MessageFilter::allMatch({complete, canceled}, message));
    QVERIFY(!MessageFilter::allMatch({canceled, expensive}, message));
}

void TestMessageFilter::describe_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");

    QTest::newRow("string") << QByteArray(R"({"path": "payload.order.status", "operator": "eq",
        "value": "complete"})")
                            << QStringLiteral("payload.order.status eq \"complete\"");
    QTest::newRow("number") << QByteArray(
                                   R"({"path": "payload.order.total", "operator": "gt", "value": 100})")
                            << QStringLiteral("payload.order.total gt 100");
    QTest::newRow("boolean") << QByteArray(
                                    R"({"path": "payload.order.paid", "operator": "eq", "value": true})")
                             << QStringLiteral("payload.order.paid eq true");
    QTest::newRow("present") << QByteArray(R"({"path": "payload.order.email", "operator": "present"})")
                             << QStringLiteral("payload.order.email present");
    QTest::newRow("any") << QByteArray(R"({"path": "payload.order.skus.*", "operator": "begin", "value": "A",
        "match_rule": "any"})")
                         << QStringLiteral("payload.order.skus.* begin \"A\" (any value)");
}

void TestMessageFilter::describe()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    QCOMPARE(filterFrom(json).describe(), expected);
}

QTEST_APPLESS_MAIN(TestMessageFilter)
#include "tst_messagefilter.moc"
