#include "config/ConfigFile.h"
#include "IntegratorProcess.h"
#include "secrets/CredentialStore.h"
#include "storage/Database.h"
#include "storage/MessageLog.h"
#include "storage/MessageRepository.h"
#include "TestDatabase.h"
#include "utils/Timestamps.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>
#include <memory>
#include <optional>

namespace {

// 2026-01-01T00:00:00Z; message row n is created n minutes later.
constexpr qint64 kStartMs = 1767225600000;
constexpr qint64 kMinuteMs = 60000;
constexpr int kMessages = 60;

// One delivery as both readers show it, and as the seeded tables say it is.
struct Delivery
{
    QString mapping, endpoint, state;
    bool operator==(const Delivery &other) const
    {
        return mapping == other.mapping && endpoint == other.endpoint && state == other.state;
    }
};

struct Listed
{
    QString messageId, type;
    qint64 createdAtMs = 0;
    QList<Delivery> deliveries;
    bool operator==(const Listed &other) const
    {
        return messageId == other.messageId && type == other.type && createdAtMs == other.createdAtMs &&
               deliveries == other.deliveries;
    }
};

QString describe(const QList<Listed> &list)
{
    QStringList lines;
    for (const Listed &message : list) {
        QStringList deliveries;
        for (const Delivery &delivery : message.deliveries)
            deliveries << QStringLiteral("%1/%2=%3").arg(delivery.mapping, delivery.endpoint, delivery.state);
        lines << QStringLiteral("%1 %2 %3 [%4]")
                     .arg(message.messageId, message.type, Timestamps::iso(message.createdAtMs),
                          deliveries.join(QLatin1Char(',')));
    }
    return lines.join(QLatin1Char('\n'));
}

QByteArray config()
{
    const auto endpoint = [](const char *name) {
        return QJsonObject{{QStringLiteral("name"), QString::fromLatin1(name)},
                           {QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9")}};
    };
    const auto mapping = [](const char *name, const char *endpointName, const QStringList &messages) {
        return QJsonObject{{QStringLiteral("name"), QString::fromLatin1(name)},
                           {QStringLiteral("endpoint"), QString::fromLatin1(endpointName)},
                           {QStringLiteral("messages"), QJsonArray::fromStringList(messages)}};
    };
    return QJsonDocument(
               QJsonObject{{QStringLiteral("endpoints"), QJsonArray{endpoint("mailer"), endpoint("erp")}},
                           {QStringLiteral("mappings"),
                            QJsonArray{mapping("mail", "mailer",
                                               {QStringLiteral("order:*"), QStringLiteral("shipment:*")}),
                                       mapping("erp orders", "erp", {QStringLiteral("order:new")}),
                                       mapping("users", "erp", {QStringLiteral("user:*")})}}})
        .toJson();
}

// A filter as the CLI's flags and as the control panel's MessageLog::Filter.
struct Case
{
    QStringList flags;
    MessageLog::Filter filter;
    int limit = 1000;
};

} // namespace

Q_DECLARE_METATYPE(Case)

// The CLI's `messages` and the control panel's Messages view read the log through one query
// (MessageLog): for the same filter they list the same messages, newest first, with the same
// deliveries, on SQLite and PostgreSQL. A plain reading of the seeded tables says which ones those are.
class TestMessageLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void cliAndControlPanelListTheSameMessages_data();
    void cliAndControlPanelListTheSameMessages();
    void pagesByKeysetCoverTheFilterOnce();

private:
    QList<Listed> fromCli(const Case &sample);
    QList<Listed> fromControlPanel(const Case &sample);
    QList<Listed> fromTables(const Case &sample);

    std::unique_ptr<TestDatabase> database_;
    std::unique_ptr<Database> db_;
};

// Types in turn, one of them routed nowhere; every delivery's state from its row id, so each state
// occurs for each mapping.
void TestMessageLog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    database_ = std::make_unique<TestDatabase>();
    QVERIFY2(database_->isValid(), qPrintable(database_->error()));
    db_ = std::make_unique<Database>(database_->location(), QStringLiteral("test"));
    QString error;
    QVERIFY2(db_->open(&error), qPrintable(error));
    CredentialStore credentials;
    ConfigFile::ImportSummary summary;
    QVERIFY2(ConfigFile::import(config(), *db_, credentials, &summary, &error), qPrintable(error));
    const QStringList types{QStringLiteral("order:new"), QStringLiteral("order:updated"),
                            QStringLiteral("shipment:ready"), QStringLiteral("user:new"),
                            QStringLiteral("refund:issued")};
    QList<Message> messages;
    for (int i = 0; i < kMessages; ++i) {
        Message message;
        QVERIFY2(Message::fromJson(QJsonObject{{QStringLiteral("message"), types.at(i % types.size())}},
                                   &message, &error),
                 qPrintable(error));
        messages << message;
    }
    QStringList accepted;
    QVERIFY2(MessageRepository(*db_).accept(messages, QStringLiteral("test"), &accepted, &error),
             qPrintable(error));
    QSqlQuery query(db_->connection());
    QVERIFY(query.exec(
        QStringLiteral("UPDATE messages SET created_at = %1 + id * %2").arg(kStartMs).arg(kMinuteMs)));
    QVERIFY(query.exec(QStringLiteral(
        "UPDATE deliveries SET state = CASE id % 5 WHEN 0 THEN 'delivered' WHEN 1 THEN 'parked'"
        " WHEN 2 THEN 'retrying' WHEN 3 THEN 'archived' ELSE 'pending' END, due_at = NULL")));
}

void TestMessageLog::cleanupTestCase()
{
    db_.reset();
    database_.reset();
}

void TestMessageLog::cliAndControlPanelListTheSameMessages_data()
{
    QTest::addColumn<Case>("sample");
    const auto at = [](int minutes) { return kStartMs + minutes * kMinuteMs; };
    const auto state = [](const char *name) {
        MessageLog::Filter filter;
        filter.states = {QString::fromLatin1(name)};
        return filter;
    };
    MessageLog::Filter filter;
    QTest::newRow("everything") << Case{{}, {}};
    QTest::newRow("newest 7") << Case{{QStringLiteral("--limit"), QStringLiteral("7")}, {}, 7};
    QTest::newRow("parked") << Case{{QStringLiteral("--state"), QStringLiteral("parked")}, state("parked")};
    QTest::newRow("delivered, newest 5") << Case{{QStringLiteral("--state"), QStringLiteral("delivered"),
                                                  QStringLiteral("--limit"), QStringLiteral("5")},
                                                 state("delivered"),
                                                 5};
    filter = {};
    filter.type = QStringLiteral("order:new");
    QTest::newRow("type") << Case{{QStringLiteral("--type"), QStringLiteral("order:new")}, filter};
    filter.type = QStringLiteral("order:*");
    QTest::newRow("type prefix") << Case{{QStringLiteral("--type"), QStringLiteral("order:*")}, filter};
    filter.type = QStringLiteral("*:*");
    QTest::newRow("any type") << Case{{QStringLiteral("--type"), QStringLiteral("*:*")}, filter};
    filter = {};
    filter.mapping = QStringLiteral("erp orders");
    QTest::newRow("mapping") << Case{{QStringLiteral("--mapping"), QStringLiteral("erp orders")}, filter};
    filter = {};
    filter.endpoint = QStringLiteral("erp");
    QTest::newRow("endpoint") << Case{{QStringLiteral("--endpoint"), QStringLiteral("erp")}, filter};
    filter = state("retrying");
    filter.mapping = QStringLiteral("mail");
    QTest::newRow("state of one mapping's delivery")
        << Case{{QStringLiteral("--state"), QStringLiteral("retrying"), QStringLiteral("--mapping"),
                 QStringLiteral("mail")},
                filter};
    filter = state("parked");
    filter.endpoint = QStringLiteral("erp");
    filter.type = QStringLiteral("order:*");
    QTest::newRow("state, endpoint and type prefix")
        << Case{{QStringLiteral("--state"), QStringLiteral("parked"), QStringLiteral("--endpoint"),
                 QStringLiteral("erp"), QStringLiteral("--type"), QStringLiteral("order:*")},
                filter};
    filter = {};
    filter.fromMs = at(10);
    filter.toMs = at(25);
    QTest::newRow("since and until") << Case{{QStringLiteral("--since"), Timestamps::iso(at(10)),
                                              QStringLiteral("--until"), Timestamps::iso(at(25))},
                                             filter};
    filter = state("pending");
    filter.fromMs = at(40);
    QTest::newRow("state since a time without an offset (UTC)")
        << Case{{QStringLiteral("--state"), QStringLiteral("pending"), QStringLiteral("--since"),
                 QStringLiteral("2026-01-01T00:40:00")},
                filter};
}

void TestMessageLog::cliAndControlPanelListTheSameMessages()
{
    QFETCH(Case, sample);
    const QList<Listed> expected = fromTables(sample);
    QVERIFY(!expected.isEmpty());
    const QList<Listed> cli = fromCli(sample);
    QVERIFY2(cli == expected,
             qPrintable(QStringLiteral("CLI:\n%1\nexpected:\n%2").arg(describe(cli), describe(expected))));
    const QList<Listed> panel = fromControlPanel(sample);
    QVERIFY2(
        panel == expected,
        qPrintable(
            QStringLiteral("control panel:\n%1\nexpected:\n%2").arg(describe(panel), describe(expected))));
}

// The control panel scrolls by keyset: pages of 4 under a filter, each below the last row seen, list
// every match once, in the order of one long list.
void TestMessageLog::pagesByKeysetCoverTheFilterOnce()
{
    Case sample;
    sample.filter.states = {QStringLiteral("parked"), QStringLiteral("retrying")};
    sample.filter.type = QStringLiteral("order:*");
    const QList<Listed> expected = fromTables(sample);
    QVERIFY(expected.size() > 8);
    QList<Listed> paged;
    std::optional<qint64> before;
    const MessageLog log(*db_);
    QString error;
    for (;;) {
        QList<MessageLog::Row> rows;
        QVERIFY2(log.page(sample.filter, before, 4, &rows, &error), qPrintable(error));
        for (const MessageLog::Row &row : std::as_const(rows)) {
            Listed listed{row.messageId, row.type, row.createdAtMs, {}};
            for (const MessageLog::Delivery &delivery : row.deliveries)
                listed.deliveries << Delivery{delivery.mapping, delivery.endpoint, delivery.state};
            paged << listed;
        }
        if (rows.size() < 4)
            break;
        before = rows.last().row;
    }
    QVERIFY2(paged == expected, qPrintable(describe(paged)));
}

QList<Listed> TestMessageLog::fromCli(const Case &sample)
{
    const CliResult result =
        runIntegrator(database_->cliArguments() +
                      QStringList{QStringLiteral("messages"), QStringLiteral("--json"),
                                  QStringLiteral("--limit"), QString::number(sample.limit)} +
                      sample.flags);
    if (result.exitCode != 0) {
        qWarning("%s", qPrintable(result.describe()));
        return {};
    }
    QList<Listed> list;
    for (const QJsonValue &value : QJsonDocument::fromJson(result.out).array()) {
        const QJsonObject message = value.toObject();
        Listed listed{
            message.value(QStringLiteral("message_id")).toString(),
            message.value(QStringLiteral("message")).toString(),
            QDateTime::fromString(message.value(QStringLiteral("created_at")).toString(), Qt::ISODateWithMs)
                .toMSecsSinceEpoch(),
            {}};
        for (const QJsonValue &delivery : message.value(QStringLiteral("deliveries")).toArray())
            listed.deliveries << Delivery{delivery[QStringLiteral("mapping")].toString(),
                                          delivery[QStringLiteral("endpoint")].toString(),
                                          delivery[QStringLiteral("state")].toString()};
        list << listed;
    }
    return list;
}

QList<Listed> TestMessageLog::fromControlPanel(const Case &sample)
{
    QList<MessageLog::Row> rows;
    QString error;
    if (!MessageLog(*db_).page(sample.filter, std::nullopt, sample.limit, &rows, &error)) {
        qWarning("%s", qPrintable(error));
        return {};
    }
    QList<Listed> list;
    for (const MessageLog::Row &row : std::as_const(rows)) {
        Listed listed{row.messageId, row.type, row.createdAtMs, {}};
        for (const MessageLog::Delivery &delivery : row.deliveries)
            listed.deliveries << Delivery{delivery.mapping, delivery.endpoint, delivery.state};
        list << listed;
    }
    return list;
}

// Every message with its deliveries, read plainly, and the filter applied here: a match is a message
// of the type, in the time range, with one delivery that has the state, mapping and endpoint asked for.
QList<Listed> TestMessageLog::fromTables(const Case &sample)
{
    QSqlQuery query(db_->connection());
    if (!query.exec(QStringLiteral(
            "SELECT m.message_id, m.type, m.created_at, mp.name, e.name, d.state FROM messages m"
            " LEFT JOIN deliveries d ON d.message_row = m.id LEFT JOIN mappings mp ON mp.id = d.mapping_id"
            " LEFT JOIN endpoints e ON e.id = d.endpoint_id ORDER BY m.id DESC, d.id"))) {
        qWarning("cannot read the seeded tables");
        return {};
    }
    QList<Listed> all;
    while (query.next()) {
        if (all.isEmpty() || all.last().messageId != query.value(0).toString())
            all << Listed{
                query.value(0).toString(), query.value(1).toString(), query.value(2).toLongLong(), {}};
        if (!query.value(3).isNull())
            all.last().deliveries << Delivery{query.value(3).toString(), query.value(4).toString(),
                                              query.value(5).toString()};
    }
    const MessageLog::Filter &filter = sample.filter;
    const auto typeMatches = [&](const QString &type) {
        if (filter.type.isEmpty() || filter.type == QLatin1String("*:*"))
            return true;
        return filter.type.endsWith(QLatin1String(":*")) ? type.startsWith(filter.type.chopped(1))
                                                         : type == filter.type;
    };
    const auto deliveryMatches = [&](const Delivery &delivery) {
        return (filter.states.isEmpty() || filter.states.contains(delivery.state)) &&
               (filter.mapping.isEmpty() || delivery.mapping == filter.mapping) &&
               (filter.endpoint.isEmpty() || delivery.endpoint == filter.endpoint);
    };
    const bool anyDelivery = filter.states.isEmpty() && filter.mapping.isEmpty() && filter.endpoint.isEmpty();
    QList<Listed> matches;
    for (const Listed &message : std::as_const(all)) {
        if (matches.size() == sample.limit)
            break;
        if (!typeMatches(message.type) || (filter.fromMs && message.createdAtMs < *filter.fromMs) ||
            (filter.toMs && message.createdAtMs >= *filter.toMs))
            continue;
        if (anyDelivery || std::any_of(message.deliveries.begin(), message.deliveries.end(), deliveryMatches))
            matches << message;
    }
    return matches;
}

QTEST_GUILESS_MAIN(TestMessageLog)
#include "tst_messagelog.moc"
