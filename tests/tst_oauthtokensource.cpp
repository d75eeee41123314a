// The Platform API v2's token source against the demo store's /spree_oauth/token on 127.0.0.1, with the
// process's Clock moved forward instead of waiting for a token to age.
#include "polling/OAuthTokenSource.h"
#include "SpreeStoreServer.h"
#include "utils/Clock.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

namespace {

struct Answer
{
    QString token;
    QString error;
};

Answer fetch(OAuthTokenSource &source)
{
    Answer answer;
    bool done = false;
    source.fetch([&](const QString &token, const QString &error) {
        answer = {token, error};
        done = true;
    });
    if (!QTest::qWaitFor([&done] { return done; }, 10000))
        answer.error = QStringLiteral("no answer within 10 s");
    return answer;
}

} // namespace

class TestOAuthTokenSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { Clock::resetForTesting(); }
    void tokenIsKeptAndRenewedBeforeItExpires();
    void invalidatedTokenIsFetchedAgain();
    void refusedClientIsOneLineWithoutTheSecret();
    void unreachableTokenEndpointSaysSo();
};

void TestOAuthTokenSource::tokenIsKeptAndRenewedBeforeItExpires()
{
    SpreeStoreServer store;
    QVERIFY(store.listen());
    store.setTokenLifetime(100);
    QNetworkAccessManager network;
    OAuthTokenSource source(&network, store.url(), store.clientId(), store.clientSecret(), 5);
    const Answer first = fetch(source);
    QCOMPARE(first.error, QString());
    QVERIFY(!first.token.isEmpty());
    QCOMPARE(store.tokensIssued(), 1);

    Clock::advanceForTesting(50 * 1000); // half its life: the same token
    QCOMPARE(fetch(source).token, first.token);
    QCOMPARE(store.tokensIssued(), 1);

    Clock::advanceForTesting(41 * 1000); // 9 s before expiry, inside the last tenth: a new one
    const Answer renewed = fetch(source);
    QCOMPARE(renewed.error, QString());
    QVERIFY(renewed.token != first.token);
    QCOMPARE(store.tokensIssued(), 2);
    QCOMPARE(source.tokensFetched(), 2);
}

void TestOAuthTokenSource::invalidatedTokenIsFetchedAgain()
{
    SpreeStoreServer store;
    QVERIFY(store.listen());
    QNetworkAccessManager network;
    OAuthTokenSource source(&network, store.url(), store.clientId(), store.clientSecret(), 5);
    const Answer first = fetch(source);
    QVERIFY(source.hasValidToken());
    source.invalidate();
    QVERIFY(!source.hasValidToken());
    const Answer second = fetch(source);
    QCOMPARE(second.error, QString());
    QVERIFY(second.token != first.token);
    QCOMPARE(store.tokensIssued(), 2);
}

void TestOAuthTokenSource::refusedClientIsOneLineWithoutTheSecret()
{
    SpreeStoreServer store;
    QVERIFY(store.listen());
    QNetworkAccessManager network;
    OAuthTokenSource source(&network, store.url(), store.clientId(), QStringLiteral("a-wrong-client-secret"),
                            5);
    const Answer answer = fetch(source);
    QVERIFY(answer.token.isEmpty());
    QVERIFY2(answer.error.startsWith(QStringLiteral("the token endpoint refused the OAuth client (HTTP 401, "
                                                    "invalid_client); check client_id and client_secret")),
             qPrintable(answer.error));
    QVERIFY(!answer.error.contains(QLatin1Char('\n')));
    QVERIFY(!answer.error.contains(QStringLiteral("a-wrong-client-secret")));
    QVERIFY(!source.hasValidToken());
}

void TestOAuthTokenSource::unreachableTokenEndpointSaysSo()
{
    SpreeStoreServer store;
    QVERIFY(store.listen());
    const QUrl url = store.url();
    store.close();
    QNetworkAccessManager network;
    OAuthTokenSource source(&network, url, QStringLiteral("id"), QStringLiteral("secret"), 5);
    const Answer answer = fetch(source);
    QVERIFY2(answer.error.startsWith(QStringLiteral("the token request failed: ")) &&
                 answer.error.contains(QStringLiteral("connection refused")),
             qPrintable(answer.error));
}

QTEST_GUILESS_MAIN(TestOAuthTokenSource)
#include "tst_oauthtokensource.moc"
