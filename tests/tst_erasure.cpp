// `integrator erase` on the built binary, beside a running engine: two customers' orders are delivered
// to a real endpoint, which answers with the customer's address in its body, a child message and a
// notification. Erasing one customer by --match (and then by id) removes her address from every byte of
// the database files (SQLite: the file and its -wal; PostgreSQL: pg_dump), keeps the other's, keeps the
// delivery history, marks the message erased in show and messages, refuses its replay, and records a
// notification that does not repeat the address. --dry-run counts and changes nothing.
#include "EngineHarness.h"
#include "IntegratorProcess.h"
#include "ScriptedEndpoint.h"
#include "TestDatabase.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

namespace {

const QString kAna = QStringLiteral("ana.erasure.7f3@example.com");
const QString kBob = QStringLiteral("bob.keeps.5c1@example.com");
const QString kToken = QStringLiteral("tok_erasure_0123456789abcdefghijkl");

QJsonObject order(const QString &number, const QString &email)
{
    return {{QStringLiteral("order"), QJsonObject{{QStringLiteral("number"), number},
                                                  {QStringLiteral("email"), email},
                                                  {QStringLiteral("status"), QStringLiteral("complete")}}}};
}

// What a mailer answers: the address in its own attributes, in a child message and in a notification.
ScriptedResponse mailerAnswer(const RecordedRequest &request)
{
    const QJsonObject message = request.json();
    const QString email =
        message[QStringLiteral("payload")][QStringLiteral("order")][QStringLiteral("email")].toString();
    return ScriptedResponse::json(
        200,
        {{QStringLiteral("message_id"), message[QStringLiteral("message_id")]},
         {QStringLiteral("sent_to"), email},
         {QStringLiteral("summary"), QStringLiteral("Mail sent to %1").arg(email)},
         {QStringLiteral("messages"),
          QJsonArray{QJsonObject{{QStringLiteral("message"), QStringLiteral("mail:sent")},
                                 {QStringLiteral("payload"), QJsonObject{{QStringLiteral("to"), email}}}}}},
         {QStringLiteral("notifications"),
          QJsonArray{QJsonObject{{QStringLiteral("level"), QStringLiteral("info")},
                                 {QStringLiteral("subject"), QStringLiteral("Mail sent")},
                                 {QStringLiteral("description"), QStringLiteral("to %1").arg(email)}}}}});
}

QJsonObject jsonOf(const CliResult &result)
{
    return QJsonDocument::fromJson(result.out).object();
}

QJsonArray arrayOf(const CliResult &result)
{
    return QJsonDocument::fromJson(result.out).array();
}

// States of the deliveries and, per attempt, its status and outcome: the history that must stay.
QStringList history(const QJsonObject &shown)
{
    QStringList lines;
    for (const QJsonValue &delivery : shown[QStringLiteral("deliveries")].toArray()) {
        lines << delivery[QStringLiteral("mapping")].toString() + QLatin1Char('=') +
                     delivery[QStringLiteral("state")].toString();
        for (const QJsonValue &attempt : delivery[QStringLiteral("attempt_log")].toArray())
            lines << QStringLiteral("  %1 %2 %3")
                         .arg(attempt[QStringLiteral("started_at")].toString())
                         .arg(attempt[QStringLiteral("status")].toInt())
                         .arg(attempt[QStringLiteral("outcome")].toString());
    }
    return lines;
}

QString childOf(const QJsonObject &shown)
{
    return shown[QStringLiteral("children")][0][QStringLiteral("message_id")].toString();
}

} // namespace

class TestErasure : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void dryRunCountsAndChangesNothing();
    void eraseByMatchRemovesOnlyThatCustomersBytes();
    void eraseByIdTakesTheMessageAndItsChildren();
    void badArgumentsAreRefusedWithOneLine();

private:
    QStringList cli(const QStringList &arguments) const { return harness_->cliArguments() + arguments; }
    QJsonObject showCli(const QString &id) const;

    std::unique_ptr<ScriptedEndpoint> endpoint_;
    std::unique_ptr<EngineHarness> harness_;
    QString ana_, bob_;
};

void TestErasure::init()
{
    endpoint_ = std::make_unique<ScriptedEndpoint>();
    QVERIFY(endpoint_->listen());
    endpoint_->setHandler(mailerAnswer);
    harness_ = std::make_unique<EngineHarness>();
    QVERIFY2(harness_->isValid(), qPrintable(harness_->error()));
    QJsonObject mapping = testMapping(QStringLiteral("confirmation"), QStringLiteral("mailer"),
                                      QStringLiteral("/confirm"), {QStringLiteral("order:new")});
    mapping.insert(QStringLiteral("identifiers"),
                   QJsonObject{{QStringLiteral("email"), QStringLiteral("payload.order.email")}});
    QCOMPARE(harness_->importConfig(
                 {{QStringLiteral("endpoints"),
                   QJsonArray{testEndpoint(QStringLiteral("mailer"), endpoint_->url(), kToken)}},
                  {QStringLiteral("mappings"), QJsonArray{mapping}}}),
             QString());
    ana_ = harness_->push(QStringLiteral("order:new"), order(QStringLiteral("R100"), kAna));
    bob_ = harness_->push(QStringLiteral("order:new"), order(QStringLiteral("R200"), kBob));
    QVERIFY(harness_->runUntilIdle());
    QCOMPARE(endpoint_->requestCount(), 2);
    const QJsonObject attempt =
        harness_->delivery(ana_, QStringLiteral("confirmation"))[QStringLiteral("attempt_log")][0].toObject();
    QVERIFY(attempt[QStringLiteral("response_body")].toString().contains(kAna));
    QVERIFY(!childOf(harness_->show(ana_)).isEmpty());
    const QByteArray before = harness_->databaseBytes();
    QVERIFY(before.contains(kAna.toUtf8()));
    QVERIFY(before.contains(kBob.toUtf8()));
}

void TestErasure::cleanup()
{
    harness_.reset();
    endpoint_.reset();
}

QJsonObject TestErasure::showCli(const QString &id) const
{
    const CliResult shown = runIntegrator(cli({QStringLiteral("show"), id, QStringLiteral("--json")}));
    if (shown.exitCode != 0)
        qWarning("%s", qPrintable(shown.describe()));
    return jsonOf(shown);
}

void TestErasure::dryRunCountsAndChangesNothing()
{
    const QJsonObject before = showCli(ana_);
    const CliResult dry = runIntegrator(cli({QStringLiteral("erase"), QStringLiteral("--match"),
                                             QStringLiteral("payload.order.email=%1").arg(kAna.toUpper()),
                                             QStringLiteral("--dry-run"), QStringLiteral("--json")}));
    QVERIFY2(dry.exitCode == 0, qPrintable(dry.describe()));
    const QJsonObject report = jsonOf(dry);
    QCOMPARE(report[QStringLiteral("dry_run")].toBool(), true);
    QCOMPARE(report[QStringLiteral("messages")].toInt(), 2); // the order and the mailer's mail:sent child
    QCOMPARE(report[QStringLiteral("children")].toInt(), 1);
    QCOMPARE(report[QStringLiteral("attempts")].toInt(), 1);
    QCOMPARE(report[QStringLiteral("identities")].toInt(), 1);
    QCOMPARE(report[QStringLiteral("notifications")].toInt(), 1); // "Mail sent: to ana…"
    QCOMPARE(report[QStringLiteral("match")].toArray(), QJsonArray{QStringLiteral("payload.order.email")});
    QCOMPARE(showCli(ana_), before);
    QVERIFY(harness_->databaseBytes().contains(kAna.toUtf8()));
}

void TestErasure::eraseByMatchRemovesOnlyThatCustomersBytes()
{
    const QStringList anaHistory = history(showCli(ana_));
    const QJsonObject bobBefore = showCli(bob_);
    const QString child = childOf(showCli(ana_));
    // The endpoint's summary is shown with its attempt, until the erasure takes it too.
    const QByteArray summaryLine = "summary: Mail sent to " + kAna.toUtf8();
    const CliResult before = runIntegrator(cli({QStringLiteral("show"), ana_}));
    QVERIFY2(before.out.contains(summaryLine), before.out.constData());

    const CliResult erased =
        runIntegrator(cli({QStringLiteral("erase"), QStringLiteral("--match"),
                           QStringLiteral("payload.order.email=%1").arg(kAna), QStringLiteral("--json")}));
    QVERIFY2(erased.exitCode == 0, qPrintable(erased.describe()));
    const QJsonObject report = jsonOf(erased);
    QCOMPARE(report[QStringLiteral("dry_run")].toBool(), false);
    QCOMPARE(report[QStringLiteral("messages")].toInt(), 2);
    QCOMPARE(report[QStringLiteral("attempts")].toInt(), 1);
    QCOMPARE(report[QStringLiteral("identities")].toInt(), 1);
    QVERIFY(report[QStringLiteral("erased_at")].isString());

    // The bytes are gone from the database files; the other customer's are still there.
    const QByteArray after = harness_->databaseBytes();
    QVERIFY(!after.contains(kAna.toUtf8()));
    QVERIFY(after.contains(kBob.toUtf8()));

    // The history stays and the message says it was erased, in JSON and in text.
    const QJsonObject ana = showCli(ana_);
    QCOMPARE(ana[QStringLiteral("erased_at")], report[QStringLiteral("erased_at")]);
    QCOMPARE(ana[QStringLiteral("payload")].toObject(), QJsonObject());
    QCOMPARE(history(ana), anaHistory);
    QCOMPARE(ana[QStringLiteral("deliveries")][0][QStringLiteral("state")].toString(),
             QStringLiteral("delivered"));
    QCOMPARE(ana[QStringLiteral("deliveries")][0][QStringLiteral("attempt_log")][0]
                [QStringLiteral("response_body")]
                    .toString(),
             QString());
    QVERIFY(showCli(child)[QStringLiteral("erased_at")].isString());
    const CliResult text = runIntegrator(cli({QStringLiteral("show"), ana_}));
    QVERIFY2(text.out.contains("erased on " + report[QStringLiteral("erased_at")].toString().toUtf8()),
             text.out.constData());
    QVERIFY2(!text.out.contains("summary:"), text.out.constData());
    QCOMPARE(showCli(bob_), bobBefore);
    for (const QJsonValue &message :
         arrayOf(runIntegrator(cli({QStringLiteral("messages"), QStringLiteral("--json")})))) {
        const QString id = message[QStringLiteral("message_id")].toString();
        QCOMPARE(message[QStringLiteral("erased_at")].isString(), id == ana_ || id == child);
    }

    // Replaying it is refused with the reason.
    const CliResult replay = runIntegrator(cli({QStringLiteral("replay"), ana_}));
    QCOMPARE(replay.exitCode, 1);
    QVERIFY2(replay.err.contains("was erased on") && replay.err.count('\n') == 1,
             qPrintable(replay.describe()));

    // The notification says when and what, without the address.
    const QJsonArray notifications =
        arrayOf(runIntegrator(cli({QStringLiteral("notifications"), QStringLiteral("--json")})));
    QJsonObject record;
    for (const QJsonValue &n : notifications) {
        if (n[QStringLiteral("subject")].toString() == QLatin1String("Personal data erased"))
            record = n.toObject();
    }
    QVERIFY2(!record.isEmpty(), QJsonDocument(notifications).toJson().constData());
    const QString description = record[QStringLiteral("description")].toString();
    QVERIFY2(description.contains(QLatin1String("2 messages matching payload.order.email")) &&
                 description.contains(report[QStringLiteral("erased_at")].toString()) &&
                 !description.contains(kAna, Qt::CaseInsensitive),
             qPrintable(description));

    // The engine ran all along and still delivers; the address can come again as a new order.
    const QString again = harness_->push(QStringLiteral("order:new"), order(QStringLiteral("R300"), kAna));
    QVERIFY(harness_->runUntilIdle());
    QCOMPARE(harness_->delivery(again, QStringLiteral("confirmation"))[QStringLiteral("state")].toString(),
             QStringLiteral("delivered"));
}

void TestErasure::eraseByIdTakesTheMessageAndItsChildren()
{
    const QStringList bobHistory = history(showCli(bob_));
    const QString child = childOf(showCli(bob_));
    const CliResult erased = runIntegrator(cli({QStringLiteral("erase"), bob_, QStringLiteral("--json")}));
    QVERIFY2(erased.exitCode == 0, qPrintable(erased.describe()));
    const QJsonObject report = jsonOf(erased);
    QCOMPARE(report[QStringLiteral("messages")].toInt(), 2);
    QCOMPARE(report[QStringLiteral("children")].toInt(), 1);
    QCOMPARE(report[QStringLiteral("match")].toArray(), QJsonArray());
    const QByteArray after = harness_->databaseBytes();
    QVERIFY(!after.contains(kBob.toUtf8()));
    QVERIFY(after.contains(kAna.toUtf8()));
    QCOMPARE(history(showCli(bob_)), bobHistory);
    QVERIFY(showCli(child)[QStringLiteral("erased_at")].isString());

    // Again: nothing left to erase, and it says so.
    const CliResult again = runIntegrator(cli({QStringLiteral("erase"), bob_, QStringLiteral("--json")}));
    QVERIFY2(again.exitCode == 0, qPrintable(again.describe()));
    QCOMPARE(jsonOf(again)[QStringLiteral("messages")].toInt(), 0);
    QCOMPARE(jsonOf(again)[QStringLiteral("already_erased")].toInt(), 1);
}

void TestErasure::badArgumentsAreRefusedWithOneLine()
{
    const QJsonObject before = showCli(ana_);
    struct Case
    {
        QStringList arguments;
        int exitCode;
        QByteArray says;
    };
    const QList<Case> cases{
        {{QStringLiteral("erase")}, 2, "erase takes message ids, or --match PATH=VALUE"},
        {{QStringLiteral("erase"), ana_, QStringLiteral("--match"), QStringLiteral("payload.a=b")},
         2,
         "not both"},
        {{QStringLiteral("erase"), QStringLiteral("--match"), QStringLiteral("payload.order.email")},
         2,
         "no \"=\""},
        {{QStringLiteral("erase"), QStringLiteral("--match"), QStringLiteral("payload..email=x")},
         2,
         "empty segment"},
        {{QStringLiteral("erase"), QStringLiteral("--match"), QStringLiteral("payload.order.email=")},
         2,
         "no value"},
        {{QStringLiteral("erase"), ana_, QStringLiteral("ffffffffffffffffffffffff")},
         1,
         "nothing erased: no message with id ffffffffffffffffffffffff"},
    };
    for (const Case &c : cases) {
        const CliResult result = runIntegrator(cli(c.arguments));
        QVERIFY2(result.exitCode == c.exitCode && result.err.contains(c.says) && result.err.count('\n') == 1,
                 qPrintable(result.describe()));
    }
    QCOMPARE(showCli(ana_), before); // an unknown id among the ids erases none of them
}

QTEST_GUILESS_MAIN(TestErasure)
#include "tst_erasure.moc"
