// endpoint.json as endpoints of the hosted product described themselves: services with paths,
// required parameters and a recommended mapping each; anything else is refused in one line.
#include "model/EndpointDescription.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {

// moc does not read raw strings that span lines: one piece per line.
const QByteArray kMailer =
    R"({)"
    R"(  "name": "mailer", "display": "Mailer", "description": "Sends order e-mails", "help": "https://example.com",)"
    R"(  "services": [)"
    R"(    { "name": "order_confirmation", "path": "/order_confirmation", "description": "Confirms new orders",)"
    R"(      "requires": { "parameters": [ { "name": "mailer.api_key", "optional": false },)"
    R"(                                    { "name": "mailer.from", "default": "shop@example.com", "optional": true,)"
    R"(                                      "allowed": ["shop@example.com", "orders@example.com"] } ] },)"
    R"(      "recommends": { "messages": ["order:new", "order:updated"],)"
    R"(                      "identifiers": { "order_number": "payload.order.number" },)"
    R"(                      "filters": [ { "path": "payload.order.status", "operator": "eq", "value": "complete" } ],)"
    R"(                      "options": { "retries_allowed": false } } },)"
    R"(    { "path": "/shipment_email", "requires": { "parameters": ["mailer.api_key"] },)"
    R"(      "recommends": { "messages": ["shipment:*"] } },)"
    R"(    { "name": "ping", "path": "/ping" })"
    R"(  ])"
    R"(})";

} // namespace

class TestEndpointDescription : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsServicesAndRecommendations();
    void recommendedMappingIsAValidMapping();
    void serviceWithoutRecommendationCannotBeMapped();
    void badRecommendationSaysWhy();
    void refusesWhatIsNotADescription_data();
    void refusesWhatIsNotADescription();
    void locationIsBesideTheEndpointUrl_data();
    void locationIsBesideTheEndpointUrl();
};

void TestEndpointDescription::readsServicesAndRecommendations()
{
    EndpointDescription description;
    QString error;
    QVERIFY2(EndpointDescription::parse(kMailer, &description, &error), qPrintable(error));
    QCOMPARE(description.name, QStringLiteral("mailer"));
    QCOMPARE(description.display, QStringLiteral("Mailer"));
    QCOMPARE(description.description, QStringLiteral("Sends order e-mails"));
    QCOMPARE(description.help, QStringLiteral("https://example.com"));
    QCOMPARE(description.services.size(), 3);
    const EndpointDescription::Service &confirmation = description.services.at(0);
    QCOMPARE(confirmation.name, QStringLiteral("order_confirmation"));
    QCOMPARE(confirmation.path, QStringLiteral("/order_confirmation"));
    QCOMPARE(confirmation.description, QStringLiteral("Confirms new orders"));
    QCOMPARE(confirmation.recommendedMessages(),
             (QStringList{QStringLiteral("order:new"), QStringLiteral("order:updated")}));
    QCOMPARE(confirmation.parameters.size(), 2);
    QCOMPARE(confirmation.parameters.at(0).name, QStringLiteral("mailer.api_key"));
    QVERIFY(!confirmation.parameters.at(0).optional);
    QVERIFY(confirmation.parameters.at(0).defaultValue.isUndefined());
    QCOMPARE(confirmation.parameters.at(1).defaultValue.toString(), QStringLiteral("shop@example.com"));
    QVERIFY(confirmation.parameters.at(1).optional);
    QCOMPARE(confirmation.parameters.at(1).allowed.size(), 2);
    // A service without a name is called by its path; a bare parameter name is read too.
    QCOMPARE(description.services.at(1).name, QStringLiteral("shipment_email"));
    QCOMPARE(description.services.at(1).parameters.at(0).name, QStringLiteral("mailer.api_key"));
    QVERIFY(description.services.at(2).recommendedMessages().isEmpty());
}

void TestEndpointDescription::recommendedMappingIsAValidMapping()
{
    EndpointDescription description;
    QString error;
    QVERIFY(EndpointDescription::parse(kMailer, &description, &error));
    Mapping mapping;
    QVERIFY2(description.services.at(0).recommendedMapping(QStringLiteral("shop-mailer"), &mapping, &error),
             qPrintable(error));
    QCOMPARE(mapping.name, QStringLiteral("shop-mailer order_confirmation"));
    QCOMPARE(mapping.endpoint, QStringLiteral("shop-mailer"));
    QCOMPARE(mapping.path, QStringLiteral("/order_confirmation"));
    QCOMPARE(mapping.messages, (QStringList{QStringLiteral("order:new"), QStringLiteral("order:updated")}));
    QCOMPARE(mapping.identifiers.size(), 1);
    QCOMPARE(mapping.identifiers.first().first, QStringLiteral("order_number"));
    QCOMPARE(mapping.identifiers.first().second, QStringLiteral("payload.order.number"));
    QCOMPARE(mapping.filters.size(), 1);
    QCOMPARE(mapping.filters.first().path, QStringLiteral("payload.order.status"));
    QVERIFY(!mapping.options.retriesAllowed);
    QCOMPARE(mapping.parameters,
             (QStringList{QStringLiteral("mailer.api_key"), QStringLiteral("mailer.from")}));
    QVERIFY(mapping.enabled);

    QVERIFY2(description.services.at(1).recommendedMapping(QStringLiteral("m"), &mapping, &error),
             qPrintable(error));
    QCOMPARE(mapping.messages, QStringList{QStringLiteral("shipment:*")});
    QVERIFY(mapping.options.retriesAllowed);
}

void TestEndpointDescription::serviceWithoutRecommendationCannotBeMapped()
{
    EndpointDescription description;
    QString error;
    QVERIFY(EndpointDescription::parse(kMailer, &description, &error));
    Mapping mapping;
    QVERIFY(!description.services.at(2).recommendedMapping(QStringLiteral("m"), &mapping, &error));
    QVERIFY2(error.contains(QStringLiteral("\"ping\"")) && error.contains(QStringLiteral("messages")),
             qPrintable(error));
    QVERIFY(!error.contains(QLatin1Char('\n')));
}

void TestEndpointDescription::badRecommendationSaysWhy()
{
    const QByteArray json = R"({"services": [{"path": "/x", "recommends": {"messages": ["order:new"],)"
                            R"("filters": [{"path": "payload.total", "operator": "bigger", "value": 1}]}}]})";
    EndpointDescription description;
    QString error;
    QVERIFY2(EndpointDescription::parse(json, &description, &error), qPrintable(error));
    Mapping mapping;
    QVERIFY(!description.services.first().recommendedMapping(QStringLiteral("m"), &mapping, &error));
    QVERIFY2(error.contains(QStringLiteral("bigger")), qPrintable(error));
}

void TestEndpointDescription::refusesWhatIsNotADescription_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    QTest::newRow("html") << QByteArray("<html>Not found</html>") << QStringLiteral("not JSON");
    QTest::newRow("truncated") << QByteArray(R"({"services": [)") << QStringLiteral("not JSON");
    QTest::newRow("array") << QByteArray("[]") << QStringLiteral("no \"services\" list");
    QTest::newRow("no services") << QByteArray(R"({"name": "x"})") << QStringLiteral("no \"services\" list");
    QTest::newRow("services not a list")
        << QByteArray(R"({"services": {}})") << QStringLiteral("no \"services\" list");
    QTest::newRow("service without path")
        << QByteArray(R"({"services": [{"name": "a"}]})") << QStringLiteral("service 1 has no \"path\"");
    QTest::newRow("relative path") << QByteArray(R"({"services": [{"path": "/a"}, {"path": "b"}]})")
                                   << QStringLiteral("service 2 has no \"path\"");
    QTest::newRow("service not an object")
        << QByteArray(R"({"services": ["/a"]})") << QStringLiteral("service 1 has no \"path\"");
    QTest::newRow("recommends not an object")
        << QByteArray(R"({"services": [{"path": "/a", "recommends": []}]})")
        << QStringLiteral("\"recommends\" must be an object");
    QTest::newRow("parameters not a list")
        << QByteArray(R"({"services": [{"path": "/a", "requires": {"parameters": "x"}}]})")
        << QStringLiteral("\"requires.parameters\" must be a list");
    QTest::newRow("parameter without name")
        << QByteArray(R"({"services": [{"path": "/a", "requires": {"parameters": [{"default": 1}]}}]})")
        << QStringLiteral("a required parameter has no name");
}

void TestEndpointDescription::refusesWhatIsNotADescription()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    EndpointDescription description;
    description.name = QStringLiteral("untouched");
    QString error;
    QVERIFY(!EndpointDescription::parse(json, &description, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY(!error.contains(QLatin1Char('\n')));
    QCOMPARE(description.name, QStringLiteral("untouched"));
}

void TestEndpointDescription::locationIsBesideTheEndpointUrl_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("expected");
    QTest::newRow("root") << QStringLiteral("http://127.0.0.1:9001")
                          << QStringLiteral("http://127.0.0.1:9001/endpoint.json");
    QTest::newRow("slash") << QStringLiteral("http://127.0.0.1:9001/")
                           << QStringLiteral("http://127.0.0.1:9001/endpoint.json");
    QTest::newRow("base path") << QStringLiteral("https://hooks.example.com/mailer/")
                               << QStringLiteral("https://hooks.example.com/mailer/endpoint.json");
    QTest::newRow("query dropped") << QStringLiteral("https://hooks.example.com/m?x=1#f")
                                   << QStringLiteral("https://hooks.example.com/m/endpoint.json");
}

void TestEndpointDescription::locationIsBesideTheEndpointUrl()
{
    QFETCH(QString, endpoint);
    QFETCH(QString, expected);
    QCOMPARE(EndpointDescription::locationFor(QUrl(endpoint)).toString(), expected);
}

QTEST_APPLESS_MAIN(TestEndpointDescription)
#include "tst_endpointdescription.moc"
