#include "model/Mapping.h"

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

Mapping mappingFrom(const QByteArray &json)
{
    Mapping mapping;
    QString error;
    if (!Mapping::fromConfig(objectFrom(json), &mapping, &error))
        qFatal("test mapping %s refused: %s", json.constData(), qPrintable(error));
    return mapping;
}

Mapping identifiedMapping()
{
    return mappingFrom(R"({"name": "confirm", "endpoint": "mailer", "path": "/confirm",
        "messages": ["order:new"],
        "identifiers": {"number": "payload.order.number", "store": "payload.store"}})");
}

QJsonObject orderMessage(const QByteArray &payload)
{
    return objectFrom(R"({"message": "order:new", "message_id": "5f1a2b3c4d5e6f7a8b9c0d1e", "payload": )" +
                      payload + "}");
}

} // namespace

class TestMapping : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void subscribes_data();
    void subscribes();
    void typePatternError_data();
    void typePatternError();
    void fromConfigRefuses_data();
    void fromConfigRefuses();
    void fromConfigReadsFields();
    void fromConfigDefaults();
    void fromConfigTimeoutBoundary();
    void roundTripCanonical();
    void roundTripMinimal();
    void identityIgnoresUnrelatedPayload();
    void identityDiffersForDifferentValues();
    void identityEmptyWithoutIdentifiers();
    void identityMissingValueIsNull();
    void orderingOptionsRoundTrip();
    void orderingOptionsDefaultToNone();
    void orderingKeyOf_data();
    void orderingKeyOf();
};

void TestMapping::subscribes_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<bool>("expected");

    QTest::newRow("prefix: order:new") << QStringLiteral("order:new") << true;
    QTest::newRow("prefix: deeper type") << QStringLiteral("order:shipment:ready") << true;
    QTest::newRow("prefix: orders:new") << QStringLiteral("orders:new") << false;
    QTest::newRow("prefix: bare order") << QStringLiteral("order") << false;
    QTest::newRow("prefix: ord:new") << QStringLiteral("ord:new") << false;
    QTest::newRow("prefix: suffix match") << QStringLiteral("pre_order:new") << false;
    QTest::newRow("exact: customer:new") << QStringLiteral("customer:new") << true;
    QTest::newRow("exact: customer:update") << QStringLiteral("customer:update") << false;
    QTest::newRow("exact: deeper type") << QStringLiteral("customer:new:vip") << false;
    QTest::newRow("exact: prefix of pattern") << QStringLiteral("customer:ne") << false;
    QTest::newRow("unrelated") << QStringLiteral("product:new") << false;
}

void TestMapping::subscribes()
{
    QFETCH(QString, type);
    QFETCH(bool, expected);

    Mapping mapping;
    mapping.messages = {QStringLiteral("order:*"), QStringLiteral("customer:new")};
    QCOMPARE(mapping.subscribes(type), expected);

    Mapping none;
    QVERIFY(!none.subscribes(type));
}

void TestMapping::typePatternError_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<bool>("valid");

    QTest::newRow("exact") << QStringLiteral("order:new") << true;
    QTest::newRow("deep exact") << QStringLiteral("order:shipment:ready") << true;
    QTest::newRow("prefix") << QStringLiteral("order:*") << true;
    QTest::newRow("deep prefix") << QStringLiteral("order:shipment:*") << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("bare word") << QStringLiteral("order") << false;
    QTest::newRow("bare star") << QStringLiteral("*") << false;
    QTest::newRow("star without colon") << QStringLiteral("order*") << false;
    QTest::newRow("double star") << QStringLiteral("order:**") << false;
    QTest::newRow("star in the middle") << QStringLiteral("order:*:new") << false;
    QTest::newRow("empty prefix") << QStringLiteral(":*") << false;
    QTest::newRow("uppercase prefix") << QStringLiteral("Order:*") << false;
    QTest::newRow("uppercase type") << QStringLiteral("order:New") << false;
    QTest::newRow("space") << QStringLiteral("order: new") << false;
    QTest::newRow("trailing colon") << QStringLiteral("order:") << false;
}

void TestMapping::typePatternError()
{
    QFETCH(QString, pattern);
    QFETCH(bool, valid);
    const QString error = Mapping::typePatternError(pattern);
    QVERIFY2(error.isEmpty() == valid, qPrintable(QStringLiteral("\"%1\": \"%2\"").arg(pattern, error)));
}

void TestMapping::fromConfigRefuses_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("contains");

    const auto row = [](const char *name, const QByteArray &json, const QString &contains) {
        QTest::newRow(name) << json << contains;
    };
    // Everything but the one faulty field is valid.
    const auto withOptions = [](const QByteArray &options) {
        return QByteArray(R"({"name": "m", "endpoint": "e", "messages": ["order:new"], "options": )") +
               options + "}";
    };

    row("no name", R"({"endpoint": "e", "messages": ["order:new"]})", QStringLiteral("no \"name\""));
    row("blank name", R"({"name": "  ", "endpoint": "e", "messages": ["order:new"]})",
        QStringLiteral("no \"name\""));
    row("no endpoint", R"({"name": "m", "messages": ["order:new"]})",
        QStringLiteral("mapping \"m\" has no \"endpoint\""));
    row("blank endpoint", R"({"name": "m", "endpoint": " ", "messages": ["order:new"]})",
        QStringLiteral("mapping \"m\" has no \"endpoint\""));
    row("empty messages", R"({"name": "m", "endpoint": "e", "messages": []})",
        QStringLiteral("mapping \"m\": \"messages\""));
    row("missing messages", R"({"name": "m", "endpoint": "e"})",
        QStringLiteral("mapping \"m\": \"messages\""));
    row("messages not a list", R"({"name": "m", "endpoint": "e", "messages": "order:new"})",
        QStringLiteral("mapping \"m\": \"messages\""));
    row("bad message pattern", R"({"name": "m", "endpoint": "e", "messages": ["order:new", "Order:New"]})",
        QStringLiteral("Order:New"));
    row("path without slash",
        R"({"name": "m", "endpoint": "e", "path": "confirm", "messages": ["order:new"]})",
        QStringLiteral("mapping \"m\": \"path\" must start with /"));
    row("bad first filter",
        R"({"name": "m", "endpoint": "e", "messages": ["order:new"],
            "filters": [{"path": "payload.a", "operator": "bogus", "value": 1}]})",
        QStringLiteral("mapping \"m\": filter 1: filter operator \"bogus\""));
    row("bad second filter",
        R"({"name": "m", "endpoint": "e", "messages": ["order:new"],
            "filters": [{"path": "payload.a", "operator": "eq", "value": 1}, {"path": "payload.b"}]})",
        QStringLiteral("mapping \"m\": filter 2: "));
    row("filters not a list",
        R"({"name": "m", "endpoint": "e", "messages": ["order:new"],
            "filters": {"path": "payload.a", "operator": "eq", "value": 1}})",
        QStringLiteral("\"filters\""));
    row("identifier with bad path",
        R"({"name": "m", "endpoint": "e", "messages": ["order:new"],
            "identifiers": {"id": "payload..number"}})",
        QStringLiteral("mapping \"m\": identifier \"id\": "));
    row("identifier with empty path",
        R"({"name": "m", "endpoint": "e", "messages": ["order:new"], "identifiers": {"id": ""}})",
        QStringLiteral("identifier \"id\": "));
    row("identifier path not a string",
        R"({"name": "m", "endpoint": "e", "messages": ["order:new"], "identifiers": {"id": 5}})",
        QStringLiteral("identifier \"id\": path must be a string"));
    row("identifiers not an object",
        R"({"name": "m", "endpoint": "e", "messages": ["order:new"], "identifiers": ["payload.number"]})",
        QStringLiteral("\"identifiers\""));
    row("options not an object", withOptions("[]"), QStringLiteral("\"options\" must be an object"));
    row("timeout 0", withOptions(R"({"timeout": 0})"), QStringLiteral("\"timeout\""));
    row("timeout negative", withOptions(R"({"timeout": -5})"), QStringLiteral("\"timeout\""));
    row("timeout over an hour", withOptions(R"({"timeout": 3600.5})"), QStringLiteral("\"timeout\""));
    row("timeout as text", withOptions(R"({"timeout": "60"})"), QStringLiteral("\"timeout\""));
    row("retry_schedule not an array", withOptions(R"({"retry_schedule": 5})"),
        QStringLiteral("\"retry_schedule\""));
    row("retry_schedule object", withOptions(R"({"retry_schedule": {"a": 5}})"),
        QStringLiteral("\"retry_schedule\""));
    row("retry_schedule empty", withOptions(R"({"retry_schedule": []})"),
        QStringLiteral("\"retry_schedule\""));
    row("retry_schedule negative entry", withOptions(R"({"retry_schedule": [5, -1, 60]})"),
        QStringLiteral("-1"));
    row("retry_schedule text entry", withOptions(R"({"retry_schedule": [5, "60"]})"),
        QStringLiteral("\"retry_schedule\""));
    // A week at most: past it a delay in milliseconds could overflow into an immediate retry.
    row("retry_schedule over a week", withOptions(R"({"retry_schedule": [5, 604800.5]})"),
        QStringLiteral("from 0 to 604800 (7 days)"));
    row("retry_schedule huge", withOptions(R"({"retry_schedule": [1e300]})"),
        QStringLiteral("from 0 to 604800 (7 days)"));
    row("ordering_key number", withOptions(R"({"ordering_key": 5})"), QStringLiteral("\"ordering_key\""));
    row("ordering_key bad path", withOptions(R"({"ordering_key": "payload.order."})"),
        QStringLiteral("mapping \"m\": \"ordering_key\": "));
    row("on_park unknown", withOptions(R"({"ordering_key": "payload.order.number", "on_park": "drop"})"),
        QStringLiteral("\"on_park\" must be \"hold\" or \"skip\""));
    row("on_park without ordering_key", withOptions(R"({"on_park": "hold"})"),
        QStringLiteral("\"on_park\" needs \"ordering_key\""));
    row("retries_allowed text", withOptions(R"({"retries_allowed": "yes"})"),
        QStringLiteral("\"retries_allowed\""));
    row("retries_allowed number", withOptions(R"({"retries_allowed": 1})"),
        QStringLiteral("\"retries_allowed\""));
}

void TestMapping::fromConfigRefuses()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, contains);

    Mapping mapping;
    mapping.name = QStringLiteral("untouched");
    QString error;
    QVERIFY2(!Mapping::fromConfig(objectFrom(json), &mapping, &error), json.constData());
    QVERIFY2(error.contains(contains), qPrintable(error));
    QCOMPARE(mapping.name, QStringLiteral("untouched"));
}

void TestMapping::fromConfigReadsFields()
{
    const Mapping mapping = mappingFrom(R"({
        "name": " confirm ", "endpoint": " mailer ", "path": "/order_confirmation",
        "messages": ["order:new", "order:shipment:*"],
        "filters": [{"path": "payload.order.status", "operator": "eq", "value": "complete"}],
        "identifiers": {"number": "payload.order.number"},
        "parameters": ["mailer.api_key"],
        "options": {"retries_allowed": false, "timeout": 30, "retry_schedule": [1, 2.5]},
        "enabled": false
    })");
    QCOMPARE(mapping.name, QStringLiteral("confirm"));
    QCOMPARE(mapping.endpoint, QStringLiteral("mailer"));
    QCOMPARE(mapping.path, QStringLiteral("/order_confirmation"));
    QCOMPARE(mapping.messages,
             (QStringList{QStringLiteral("order:new"), QStringLiteral("order:shipment:*")}));
    QCOMPARE(mapping.filters.size(), 1);
    QCOMPARE(mapping.filters.first().path, QStringLiteral("payload.order.status"));
    QCOMPARE(mapping.identifiers.size(), 1);
    QCOMPARE(mapping.identifiers.first().first, QStringLiteral("number"));
    QCOMPARE(mapping.identifiers.first().second, QStringLiteral("payload.order.number"));
    QCOMPARE(mapping.parameters, QStringList{QStringLiteral("mailer.api_key")});
    QCOMPARE(mapping.options.retriesAllowed, false);
    QCOMPARE(mapping.options.timeoutSeconds, 30.0);
    QCOMPARE(mapping.options.retrySchedule, (QList<double>{1, 2.5}));
    QCOMPARE(mapping.enabled, false);
}

void TestMapping::fromConfigDefaults()
{
    const Mapping mapping = mappingFrom(R"({"name": "m", "endpoint": "e", "messages": ["order:new"]})");
    QCOMPARE(mapping.path, QStringLiteral("/"));
    QVERIFY(mapping.filters.isEmpty());
    QVERIFY(mapping.identifiers.isEmpty());
    QVERIFY(mapping.parameters.isEmpty());
    QCOMPARE(mapping.options.retriesAllowed, true);
    QCOMPARE(mapping.options.timeoutSeconds, 180.0);
    QVERIFY(mapping.options.retrySchedule.isEmpty());
    QCOMPARE(mapping.enabled, true);
}

void TestMapping::fromConfigTimeoutBoundary()
{
    const Mapping longest = mappingFrom(
        R"({"name": "m", "endpoint": "e", "messages": ["order:new"], "options": {"timeout": 3600}})");
    QCOMPARE(longest.options.timeoutSeconds, 3600.0);
    const Mapping shortest = mappingFrom(
        R"({"name": "m", "endpoint": "e", "messages": ["order:new"], "options": {"timeout": 0.01}})");
    QCOMPARE(shortest.options.timeoutSeconds, 0.01);
    const Mapping zeroDelay = mappingFrom(
        R"({"name": "m", "endpoint": "e", "messages": ["order:new"], "options": {"retry_schedule": [0]}})");
    QCOMPARE(zeroDelay.options.retrySchedule, QList<double>{0});
    const Mapping week = mappingFrom(
        R"({"name": "m", "endpoint": "e", "messages": ["order:new"], "options": {"retry_schedule": [604800]}})");
    QCOMPARE(week.options.retrySchedule, QList<double>{604800});
}

void TestMapping::roundTripCanonical()
{
    const QJsonObject config = objectFrom(R"({
        "name": "confirm", "endpoint": "mailer", "path": "/order_confirmation",
        "messages": ["order:new", "order:shipment:*"],
        "filters": [{"path": "payload.order.status", "operator": "eq", "value": "complete"},
                    {"path": "payload.order.items.*.qty", "operator": "gt", "value": 2, "match_rule": "any"}],
        "identifiers": {"number": "payload.order.number", "store": "payload.store"},
        "parameters": ["mailer.api_key", "store.name"],
        "options": {"retries_allowed": false, "timeout": 30, "retry_schedule": [1, 2.5, 60]},
        "enabled": false
    })");
    Mapping mapping;
    QString error;
    QVERIFY2(Mapping::fromConfig(config, &mapping, &error), qPrintable(error));
    QCOMPARE(mapping.toConfig(), config);

    Mapping again;
    QVERIFY2(Mapping::fromConfig(mapping.toConfig(), &again, &error), qPrintable(error));
    QCOMPARE(again.toConfig(), config);
    QCOMPARE(again.identifiers, mapping.identifiers);
    QCOMPARE(again.options.retrySchedule, mapping.options.retrySchedule);
}

void TestMapping::roundTripMinimal()
{
    const Mapping mapping = mappingFrom(R"({"name": "m", "endpoint": "e", "messages": ["order:*"]})");
    const QJsonObject config = mapping.toConfig();
    QVERIFY(!config.contains(QStringLiteral("enabled")));
    QCOMPARE(config.value(QStringLiteral("path")).toString(), QStringLiteral("/"));

    Mapping again;
    QString error;
    QVERIFY2(Mapping::fromConfig(config, &again, &error), qPrintable(error));
    QCOMPARE(again.toConfig(), config);
    QCOMPARE(again.name, mapping.name);
    QCOMPARE(again.endpoint, mapping.endpoint);
    QCOMPARE(again.messages, mapping.messages);
    QCOMPARE(again.options.timeoutSeconds, mapping.options.timeoutSeconds);
    QCOMPARE(again.options.retriesAllowed, mapping.options.retriesAllowed);
    QCOMPARE(again.enabled, true);
}

void TestMapping::identityIgnoresUnrelatedPayload()
{
    const Mapping mapping = identifiedMapping();
    const QString first = mapping.identityOf(
        orderMessage(R"({"store": "lyon", "order": {"number": "R100", "total": 10, "note": "gift"}})"));
    const QString second = mapping.identityOf(orderMessage(
        R"({"order": {"total": 99, "number": "R100"}, "customer": {"id": 7}, "store": "lyon"})"));
    QVERIFY(!first.isEmpty());
    QCOMPARE(second, first);
    QVERIFY2(first.contains(QStringLiteral("R100")) && first.contains(QStringLiteral("lyon")),
             qPrintable(first));
}

void TestMapping::identityDiffersForDifferentValues()
{
    const Mapping mapping = identifiedMapping();
    const QString base =
        mapping.identityOf(orderMessage(R"({"store": "lyon", "order": {"number": "R100"}})"));
    const QString otherNumber =
        mapping.identityOf(orderMessage(R"({"store": "lyon", "order": {"number": "R101"}})"));
    const QString otherStore =
        mapping.identityOf(orderMessage(R"({"store": "nice", "order": {"number": "R100"}})"));
    const QString numericNumber =
        mapping.identityOf(orderMessage(R"({"store": "lyon", "order": {"number": 100}})"));
    const QString textNumber =
        mapping.identityOf(orderMessage(R"({"store": "lyon", "order": {"number": "100"}})"));
    QVERIFY(!base.isEmpty());
    QVERIFY(otherNumber != base);
    QVERIFY(otherStore != base);
    QVERIFY(otherNumber != otherStore);
    QVERIFY(numericNumber != textNumber);
}

void TestMapping::identityEmptyWithoutIdentifiers()
{
    const Mapping mapping = mappingFrom(R"({"name": "m", "endpoint": "e", "messages": ["order:new"]})");
    QCOMPARE(mapping.identityOf(orderMessage(R"({"order": {"number": "R100"}})")), QString());
    QCOMPARE(mapping.identityOf(QJsonObject()), QString());
}

void TestMapping::identityMissingValueIsNull()
{
    const Mapping mapping = identifiedMapping();
    const QString identity = mapping.identityOf(orderMessage(R"({"order": {"number": "R100"}})"));
    QVERIFY(!identity.isEmpty());

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(identity.toUtf8(), &parseError);
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(identity));
    const QJsonObject values = document.object();
    QVERIFY2(values.contains(QStringLiteral("store")), qPrintable(identity));
    QVERIFY2(values.value(QStringLiteral("store")).isNull(), qPrintable(identity));
    QCOMPARE(values.value(QStringLiteral("number")).toString(), QStringLiteral("R100"));

    // Two messages missing the same value still collide; a present value does not collide with a missing one.
    QCOMPARE(mapping.identityOf(orderMessage(R"({"order": {"number": "R100"}, "other": 1})")), identity);
    QVERIFY(mapping.identityOf(orderMessage(R"({"order": {"number": "R100"}, "store": "lyon"})")) !=
            identity);
    QVERIFY(mapping.identityOf(orderMessage(R"({"order": {"number": "R100"}, "store": ""})")) != identity);
}

void TestMapping::orderingOptionsRoundTrip()
{
    for (const char *onPark : {"hold", "skip"}) {
        const QJsonObject config = objectFrom(
            QByteArray(R"({"name": "m", "endpoint": "e", "path": "/", "messages": ["order:*"], "filters": [],
                "identifiers": {}, "parameters": [],
                "options": {"retries_allowed": true, "timeout": 180, "ordering_key": "payload.order.number",
                            "on_park": ")") +
            onPark + R"("}})");
        Mapping mapping;
        QString error;
        QVERIFY2(Mapping::fromConfig(config, &mapping, &error), qPrintable(error));
        QCOMPARE(mapping.options.orderingKey, QStringLiteral("payload.order.number"));
        QCOMPARE(mapping.options.onPark,
                 qstrcmp(onPark, "skip") == 0 ? MappingOptions::OnPark::Skip : MappingOptions::OnPark::Hold);
        QCOMPARE(mapping.toConfig(), config);
        Mapping stored = mapping;
        QVERIFY2(Mapping::applyDefinition(mapping.definitionJson(), &stored, &error), qPrintable(error));
        QCOMPARE(stored.options.orderingKey, mapping.options.orderingKey);
        QCOMPARE(stored.options.onPark, mapping.options.onPark);
    }
    // on_park defaults to hold, and the export says so.
    const Mapping implicitHold = mappingFrom(
        R"({"name": "m", "endpoint": "e", "messages": ["order:new"], "options": {"ordering_key": "payload.n"}})");
    QCOMPARE(implicitHold.options.onPark, MappingOptions::OnPark::Hold);
    QCOMPARE(implicitHold.toConfig()[QStringLiteral("options")][QStringLiteral("on_park")].toString(),
             QStringLiteral("hold"));
}

void TestMapping::orderingOptionsDefaultToNone()
{
    const Mapping mapping = mappingFrom(R"({"name": "m", "endpoint": "e", "messages": ["order:new"]})");
    QVERIFY(mapping.options.orderingKey.isEmpty());
    const QJsonObject options = mapping.toConfig()[QStringLiteral("options")].toObject();
    QVERIFY(!options.contains(QStringLiteral("ordering_key")));
    QVERIFY(!options.contains(QStringLiteral("on_park")));
    QCOMPARE(mapping.orderingKeyOf(orderMessage(R"({"order": {"number": "R100"}})")), QString());
}

void TestMapping::orderingKeyOf_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("expected");
    QTest::newRow("string") << "payload.order.number" << QByteArray(R"({"order": {"number": "R100"}})")
                            << "R100";
    QTest::newRow("number") << "payload.order.id" << QByteArray(R"({"order": {"id": 42}})") << "42";
    QTest::newRow("object") << "payload.order" << QByteArray(R"({"order": {"b": 1, "a": "x"}})")
                            << R"({"a":"x","b":1})";
    QTest::newRow("several values") << "payload.items.*.sku"
                                    << QByteArray(R"({"items": [{"sku": "A"}, {"sku": "B"}]})")
                                    << R"(["A","B"])";
    QTest::newRow("missing: not ordered") << "payload.order.number" << QByteArray(R"({"order": {}})") << "";
    QTest::newRow("null: not ordered")
        << "payload.order.number" << QByteArray(R"({"order": {"number": null}})") << "";
    QTest::newRow("the type") << "message" << QByteArray(R"({})") << "order:new";
}

void TestMapping::orderingKeyOf()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, payload);
    QFETCH(QString, expected);
    Mapping mapping = mappingFrom(R"({"name": "m", "endpoint": "e", "messages": ["order:new"]})");
    mapping.options.orderingKey = path;
    QCOMPARE(mapping.orderingKeyOf(orderMessage(payload)), expected);
}

QTEST_APPLESS_MAIN(TestMapping)

#include "tst_mapping.moc"
