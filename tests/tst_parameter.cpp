#include "model/Parameter.h"

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

// The value of {"v": json}, so rows can be written as JSON text.
QJsonValue valueFrom(const QByteArray &json)
{
    return objectFrom("{\"v\": " + json + "}").value(QStringLiteral("v"));
}

} // namespace

class TestParameter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void typeOf_data();
    void typeOf();
    void valueError_data();
    void valueError();
    void valueErrorUnknownType();
    void fromConfigName_data();
    void fromConfigName();
    void fromConfigReadsFields();
    void fromConfigRefuses_data();
    void fromConfigRefuses();
    void toConfigNeverHoldsASecret();
    void toConfigRoundTrip_data();
    void toConfigRoundTrip();
};

void TestParameter::typeOf_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("expected");

    QTest::newRow("true") << QByteArray("true") << QStringLiteral("boolean");
    QTest::newRow("false") << QByteArray("false") << QStringLiteral("boolean");
    QTest::newRow("array") << QByteArray("[1, \"a\"]") << QStringLiteral("list");
    QTest::newRow("empty array") << QByteArray("[]") << QStringLiteral("list");
    QTest::newRow("integer") << QByteArray("42") << QStringLiteral("integer");
    QTest::newRow("zero") << QByteArray("0") << QStringLiteral("integer");
    QTest::newRow("negative integer") << QByteArray("-7") << QStringLiteral("integer");
    QTest::newRow("integer written with .0") << QByteArray("3.0") << QStringLiteral("integer");
    QTest::newRow("float") << QByteArray("2.5") << QStringLiteral("float");
    QTest::newRow("negative float") << QByteArray("-0.125") << QStringLiteral("float");
    QTest::newRow("huge number") << QByteArray("1e300") << QStringLiteral("float");
    QTest::newRow("string") << QByteArray("\"hello\"") << QStringLiteral("string");
    QTest::newRow("numeric string") << QByteArray("\"42\"") << QStringLiteral("string");
    QTest::newRow("empty string") << QByteArray("\"\"") << QStringLiteral("string");
}

void TestParameter::typeOf()
{
    QFETCH(QByteArray, value);
    QFETCH(QString, expected);
    QCOMPARE(Parameter::typeOf(valueFrom(value)), expected);
}

void TestParameter::valueError_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("fits");

    const auto row = [](const char *type, const char *value, bool fits) {
        QTest::addRow("%s %s", type, value) << QString::fromLatin1(type) << QByteArray(value) << fits;
    };

    row("string", "\"x\"", true);
    row("string", "\"\"", true);
    row("string", "5", false);
    row("string", "true", false);
    row("string", "[\"x\"]", false);
    row("integer", "3", true);
    row("integer", "-3", true);
    row("integer", "3.0", true);
    row("integer", "2.5", false);
    row("integer", "\"3\"", false);
    row("integer", "true", false);
    row("float", "2.5", true);
    row("float", "3", true);
    row("float", "\"2.5\"", false);
    row("float", "[2.5]", false);
    row("boolean", "true", true);
    row("boolean", "false", true);
    row("boolean", "\"true\"", false);
    row("boolean", "0", false);
    row("list", "[]", true);
    row("list", "[1, \"a\", true]", true);
    row("list", "\"a,b\"", false);
    row("list", "{\"a\": 1}", false);
}

void TestParameter::valueError()
{
    QFETCH(QString, type);
    QFETCH(QByteArray, value);
    QFETCH(bool, fits);

    const QString error = Parameter::valueError(QStringLiteral("shop.param"), type, valueFrom(value));
    QCOMPARE(error.isEmpty(), fits);
    if (!fits) {
        QVERIFY2(error.contains(QStringLiteral("shop.param")), qPrintable(error));
        QVERIFY2(error.contains(type), qPrintable(error));
    }
}

void TestParameter::valueErrorUnknownType()
{
    const QString error = Parameter::valueError(QStringLiteral("p"), QStringLiteral("number"), QJsonValue(1));
    QVERIFY(!error.isEmpty());
    QVERIFY2(error.contains(QStringLiteral("\"number\"")), qPrintable(error));
    QVERIFY(!Parameter::valueError(QStringLiteral("p"), QString(), QJsonValue(1)).isEmpty());
    QVERIFY(
        !Parameter::valueError(QStringLiteral("p"), QStringLiteral("String"), QJsonValue(QStringLiteral("x")))
             .isEmpty());
}

void TestParameter::fromConfigName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");

    QTest::newRow("dotted") << QStringLiteral("mailer.api_key") << true;
    QTest::newRow("dash") << QStringLiteral("store-name") << true;
    QTest::newRow("capitals and digits") << QStringLiteral("Shop2.URL") << true;
    QTest::newRow("single character") << QStringLiteral("x") << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("space") << QStringLiteral("api key") << false;
    QTest::newRow("slash") << QStringLiteral("mailer/api_key") << false;
    QTest::newRow("colon") << QStringLiteral("mailer:key") << false;
    QTest::newRow("accented letter") << QStringLiteral("caf\u00e9") << false;
    QTest::newRow("trailing newline") << QStringLiteral("mailer.api_key\n") << false;
}

void TestParameter::fromConfigName()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);

    const QJsonObject object{{QStringLiteral("name"), name}, {QStringLiteral("value"), QStringLiteral("v")}};
    Parameter parameter;
    QString error;
    QCOMPARE(Parameter::fromConfig(object, &parameter, &error), valid);
    if (valid)
        QCOMPARE(parameter.name, name);
    else
        QVERIFY2(error.contains(QStringLiteral("parameter name")), qPrintable(error));
}

void TestParameter::fromConfigReadsFields()
{
    Parameter parameter;
    QString error;

    QVERIFY2(Parameter::fromConfig(objectFrom(R"({"name": "n", "value": 3})"), &parameter, &error),
             qPrintable(error));
    QCOMPARE(parameter.type, QStringLiteral("integer"));
    QCOMPARE(parameter.value.toInt(), 3);
    QCOMPARE(parameter.secret, false);

    QVERIFY2(Parameter::fromConfig(objectFrom(R"({"name": "n", "type": "float", "value": 3})"), &parameter,
                                   &error),
             qPrintable(error));
    QCOMPARE(parameter.type, QStringLiteral("float"));

    QVERIFY2(Parameter::fromConfig(objectFrom(R"({"name": "n", "value": ["a", "b"]})"), &parameter, &error),
             qPrintable(error));
    QCOMPARE(parameter.type, QStringLiteral("list"));
    QCOMPARE(parameter.value.toArray().size(), 2);

    QVERIFY2(Parameter::fromConfig(objectFrom(R"({"name": "key", "value": "s3cret", "secret": true})"),
                                   &parameter, &error),
             qPrintable(error));
    QCOMPARE(parameter.secret, true);
    QCOMPARE(parameter.type, QStringLiteral("string"));
    QCOMPARE(parameter.value.toString(), QStringLiteral("s3cret"));
}

void TestParameter::fromConfigRefuses_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("contains");

    QTest::newRow("missing value") << QByteArray(R"({"name": "n"})") << QStringLiteral("no \"value\"");
    QTest::newRow("null value") << QByteArray(R"({"name": "n", "value": null})")
                                << QStringLiteral("no \"value\"");
    QTest::newRow("missing value with type")
        << QByteArray(R"({"name": "n", "type": "string"})") << QStringLiteral("no \"value\"");
    QTest::newRow("secret number") << QByteArray(R"({"name": "n", "value": 5, "secret": true})")
                                   << QStringLiteral("must have a string value");
    QTest::newRow("secret boolean") << QByteArray(R"({"name": "n", "value": true, "secret": true})")
                                    << QStringLiteral("must have a string value");
    QTest::newRow("secret list") << QByteArray(R"({"name": "n", "value": ["a"], "secret": true})")
                                 << QStringLiteral("must have a string value");
    QTest::newRow("integer given text")
        << QByteArray(R"({"name": "n", "type": "integer", "value": "3"})") << QStringLiteral("integer");
    QTest::newRow("integer given fraction")
        << QByteArray(R"({"name": "n", "type": "integer", "value": 2.5})") << QStringLiteral("integer");
    QTest::newRow("boolean given number")
        << QByteArray(R"({"name": "n", "type": "boolean", "value": 1})") << QStringLiteral("boolean");
    QTest::newRow("string given number")
        << QByteArray(R"({"name": "n", "type": "string", "value": 1})") << QStringLiteral("string");
    QTest::newRow("list given string")
        << QByteArray(R"({"name": "n", "type": "list", "value": "a"})") << QStringLiteral("list");
    QTest::newRow("unknown type") << QByteArray(R"({"name": "n", "type": "text", "value": "a"})")
                                  << QStringLiteral("\"text\"");
}

void TestParameter::fromConfigRefuses()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, contains);

    Parameter parameter;
    parameter.name = QStringLiteral("untouched");
    QString error;
    QVERIFY(!Parameter::fromConfig(objectFrom(json), &parameter, &error));
    QVERIFY2(error.contains(contains), qPrintable(error));
    QCOMPARE(parameter.name, QStringLiteral("untouched"));
}

void TestParameter::toConfigNeverHoldsASecret()
{
    Parameter parameter;
    QString error;
    QVERIFY2(
        Parameter::fromConfig(objectFrom(R"({"name": "mailer.api_key", "value": "s3cret", "secret": true})"),
                              &parameter, &error),
        qPrintable(error));
    QJsonObject config = parameter.toConfig();
    QVERIFY(!config.contains(QStringLiteral("value")));
    QCOMPARE(config.value(QStringLiteral("secret")), QJsonValue(true));
    QCOMPARE(config.value(QStringLiteral("name")).toString(), QStringLiteral("mailer.api_key"));
    QVERIFY(!QJsonDocument(config).toJson().contains("s3cret"));

    // The value filled in at send time stays out of the configuration too.
    Parameter inMemory;
    inMemory.name = QStringLiteral("token");
    inMemory.secret = true;
    inMemory.value = QStringLiteral("live-token");
    config = inMemory.toConfig();
    QVERIFY(!config.contains(QStringLiteral("value")));
    QVERIFY(!QJsonDocument(config).toJson().contains("live-token"));
}

void TestParameter::toConfigRoundTrip_data()
{
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("string") << QByteArray(R"({"name": "store.name", "type": "string", "value": "Lyon"})");
    QTest::newRow("integer") << QByteArray(R"({"name": "batch", "type": "integer", "value": 50})");
    QTest::newRow("float") << QByteArray(R"({"name": "rate", "type": "float", "value": 0.2})");
    QTest::newRow("boolean") << QByteArray(R"({"name": "live", "type": "boolean", "value": false})");
    QTest::newRow("list") << QByteArray(R"({"name": "skus", "type": "list", "value": ["A-1", "B-2"]})");
}

void TestParameter::toConfigRoundTrip()
{
    QFETCH(QByteArray, json);
    const QJsonObject config = objectFrom(json);
    Parameter parameter;
    QString error;
    QVERIFY2(Parameter::fromConfig(config, &parameter, &error), qPrintable(error));
    QCOMPARE(parameter.toConfig(), config);
}

QTEST_APPLESS_MAIN(TestParameter)

#include "tst_parameter.moc"
