#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <memory>

class DemoStore;
class QTcpServer;
struct DemoHttpRequest;
struct DemoHttpResponse;

// A Spree store on loopback, for the tests' pollers and the program's demo mode, speaking three APIs from the
// same records: API v1 (orders, users, products and shipments indexes with ransack updated_at filters and
// sort, Kaminari paging; order, user and product details; X-Spree-Token), the Platform API v2 (JSON:API
// indexes with filter[…], sort, per_page and include=, behind OAuth tokens from POST /spree_oauth/token that
// expire) and the Admin API v3 (q[…], sort, limit and expand=, prefixed ids, X-Spree-Api-Key). The caller
// changes the records between polls; failures are injected on demand. Lives in the thread that created it;
// every call belongs there.
class SpreeStoreServer : public QObject
{
    Q_OBJECT
public:
    explicit SpreeStoreServer(QObject *parent = nullptr);
    ~SpreeStoreServer() override;

    bool listen(quint16 port = 0); // 127.0.0.1 only
    // The last port listened on, kept after close() so listen(port()) brings the store back at the same url.
    quint16 port() const;
    QUrl url() const;                   // http://127.0.0.1:PORT
    void setApiKey(const QString &key); // default "spree-demo-key"; an empty key lets every request in
    QString apiKey() const;             // API v1's X-Spree-Token and the Admin API v3's X-Spree-Api-Key
    // The Platform API's OAuth application; default "demo-client-id" and "demo-client-secret".
    void setOAuthClient(const QString &clientId, const QString &clientSecret);
    QString clientId() const;
    QString clientSecret() const;
    void setTokenLifetime(int seconds); // expires_in of the tokens issued from now on; default 7200
    void expireTokens();                // every token issued so far is refused with 401 from now on
    int tokensIssued() const;
    // Answers only the API named ("v1", "platform_v2", "admin_v3"), as a store of one Spree version does,
    // and 404 to the others; "none" answers 404 to every API, empty (the default) serves all three.
    void serveOnly(const QString &api);
    void close(); // stops listening and drops every connection: the store is down, connections are refused

    // Data. Ids count up from 1; every change sets updated_at from the store's clock.
    // Products, then users, then orders (mostly complete, some shipped, some carts and cancellations), all
    // dated over the 30 days before now. The same calls give the same content on every run.
    void seed(int orders, int users, int products);
    // Returns the new order's number ("R100000001", or `number` when given), or an empty string for a
    // state Spree does not have or a number already taken.
    QString addOrder(const QString &state = QStringLiteral("complete"), const QString &number = {});
    // The order as the detail shows it; id and number cannot change, updated_at is set afterwards.
    bool updateOrder(const QString &number, const std::function<void(QJsonObject &order)> &change);
    bool setOrderState(const QString &number, const QString &state);
    // "pending", "ready", "shipped" (sets shipped_at) or "canceled"; a non-empty tracking replaces the old.
    bool setShipmentState(const QString &shipmentNumber, const QString &state, const QString &tracking = {});
    int addUser(const QString &email = {}); // 0 when a user already has that email
    int addProduct(const QString &name = {});
    bool updateProduct(int id, const std::function<void(QJsonObject &product)> &change);
    QJsonObject order(const QString &number) const;
    QStringList orderNumbers() const;
    QStringList shipmentNumbers(const QString &orderNumber = {}) const;

    // By default updated_at is now but strictly increasing, at least 1 ms over the last one given. While
    // frozen every change gets exactly t, so several records can share one updated_at.
    void freezeClock(const QDateTime &t);
    void unfreezeClock();

    // Failure injection; each applies to every later request until cleared. Precedence: hang, then
    // failure, then malformed, then the page failure.
    void setFailure(int status, const QByteArray &body = {}); // an empty body gives an HTML error page
    void setMalformed(bool on);                               // 200 with the answer's JSON cut in half
    void setHang(bool on);                                    // read the request, never answer
    // The next `pages` index requests succeed and every later one fails with status; -1 disables.
    void failAfterPages(int pages, int status = 500);
    // The next `requests` requests are answered 429 with Retry-After: seconds (Spree 5.5's rate limit).
    void rateLimitNext(int requests, int retryAfterSeconds);
    void clearFailures();
    int requestCount() const;
    QList<QUrl> requestedUrls() const; // path and query of every request, in order

Q_SIGNALS:
    // After the answer is written; a request left hanging is never served.
    void requestServed(const QUrl &url, int status);

private:
    void acceptConnections();
    DemoHttpResponse handle(const DemoHttpRequest &request);
    DemoHttpResponse route(const DemoHttpRequest &request, const QList<QPair<QString, QString>> &query);
    DemoHttpResponse serveIndex(const QString &collection, const QList<QPair<QString, QString>> &query);
    DemoHttpResponse serveRecord(const QString &collection, const QString &key) const;
    bool authorized(const DemoHttpRequest &request, const QList<QPair<QString, QString>> &query) const;
    DemoHttpResponse issueToken(const DemoHttpRequest &request);
    bool bearerValid(const DemoHttpRequest &request) const;
    DemoHttpResponse servePlatformV2(const DemoHttpRequest &request, const QString &collection,
                                     const QList<QPair<QString, QString>> &query);
    DemoHttpResponse serveAdminV3(const DemoHttpRequest &request, const QString &resource,
                                  const QList<QPair<QString, QString>> &query);
    bool pageAllowed(); // counts an index page for failAfterPages()

    QTcpServer *server_;
    std::unique_ptr<DemoStore> store_;
    QString apiKey_ = QStringLiteral("spree-demo-key");
    QString clientId_ = QStringLiteral("demo-client-id");
    QString clientSecret_ = QStringLiteral("demo-client-secret");
    int tokenLifetimeSeconds_ = 7200;
    QHash<QString, qint64> tokens_; // access token -> expiry, ms since the epoch
    int tokensIssued_ = 0;
    QString onlyApi_;
    quint16 port_ = 0;
    int failureStatus_ = 0;
    QByteArray failureBody_;
    bool malformed_ = false;
    bool hang_ = false;
    int pagesBeforeFailure_ = -1;
    int pageFailureStatus_ = 500;
    int rateLimited_ = 0;
    int retryAfterSeconds_ = 1;
    QList<QUrl> requestedUrls_;
};
