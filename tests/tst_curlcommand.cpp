#include "utils/CurlCommand.h"

#include <QTest>

// Copy as curl: headers as recorded, a masked secret turned into a shell variable, quoting that
// survives the shell.
class TestCurlCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void maskedSecretsBecomeShellVariables()
    {
        const QString command =
            CurlCommand::forAttempt(QStringLiteral("http://127.0.0.1:9001/mail"),
                                    {{QStringLiteral("Content-Type"), QStringLiteral("application/json")},
                                     {QStringLiteral("X-Hub-Token"), QStringLiteral("abcd") + QChar(0x2026)}},
                                    QByteArrayLiteral(R"({"message":"order:new"})"));
        QVERIFY2(command.startsWith(QStringLiteral("curl -X POST 'http://127.0.0.1:9001/mail'")),
                 qPrintable(command));
        QVERIFY(command.contains(QStringLiteral("-H 'Content-Type: application/json'")));
        QVERIFY(command.contains(QStringLiteral("-H \"X-Hub-Token: $X_HUB_TOKEN\"")));
        QVERIFY(!command.contains(QStringLiteral("abcd")));
        QVERIFY(command.contains(QStringLiteral(R"(--data-binary '{"message":"order:new"}')")));
    }

    void userInfoInTheUrlIsLeftToTheShell()
    {
        // An attempt recorded before URLs were masked may hold a password in its URL.
        const QString command = CurlCommand::forAttempt(
            QStringLiteral("http://ada:s3cret@127.0.0.1:9001/mail"), {}, QByteArrayLiteral("{}"));
        QVERIFY2(command.startsWith(QStringLiteral("curl -X POST 'http://127.0.0.1:9001/mail'")),
                 qPrintable(command));
        QVERIFY2(command.contains(QStringLiteral("--user \"$URL_USER_INFO\"")), qPrintable(command));
        QVERIFY2(!command.contains(QStringLiteral("s3cret")) && !command.contains(QStringLiteral("ada")),
                 qPrintable(command));
    }

    void singleQuotesAreQuotedForTheShell()
    {
        QCOMPARE(CurlCommand::shellQuote(QStringLiteral("it's")), QStringLiteral("'it'\\''s'"));
    }
};

QTEST_GUILESS_MAIN(TestCurlCommand)
#include "tst_curlcommand.moc"
