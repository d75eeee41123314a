#include "SpreeStoreServer.h"

#include "DemoAdminV3.h"
#include "DemoHttpConnection.h"
#include "DemoIndexQuery.h"
#include "DemoPlatformV2.h"
#include "DemoStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrlQuery>

#include <optional>

namespace {

DemoHttpResponse jsonResponse(int status, const QJsonObject &body)
{
    DemoHttpResponse response;
    response.status = status;
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

DemoHttpResponse errorResponse(int status, const QString &message)
{
    return jsonResponse(status, {{QStringLiteral("error"), message}});
}

DemoHttpResponse notFound()
{
    return errorResponse(404, QStringLiteral("The resource you were looking for could not be found."));
}

// A store that falls over answers from its proxy or error page: HTML, not JSON, unless a test says otherwise.
DemoHttpResponse failureResponse(int status, const QByteArray &body)
{
    DemoHttpResponse response;
    response.status = status;
    response.body = body;
    const QByteArray start = body.trimmed().left(1);
    if (body.isEmpty()) {
        response.contentType = QByteArrayLiteral("text/html; charset=utf-8");
        const QByteArray code = QByteArray::number(status);
        response.body =
            QByteArrayLiteral("<!DOCTYPE html>\n<html><head><title>") + code +
            QByteArrayLiteral(" - We're sorry, but something went wrong</title></head>\n<body><h1>") + code +
            QByteArrayLiteral(" - We're sorry, but something went wrong.</h1></body></html>\n");
    } else if (start == "<") {
        response.contentType = QByteArrayLiteral("text/html; charset=utf-8");
    } else if (start != "{" && start != "[") {
        response.contentType = QByteArrayLiteral("text/plain; charset=utf-8");
    }
    return response;
}

std::optional<DemoStore::Collection> collectionNamed(const QString &name)
{
    if (name == QStringLiteral("orders"))
        return DemoStore::Collection::Orders;
    if (name == QStringLiteral("users"))
        return DemoStore::Collection::Users;
    if (name == QStringLiteral("products"))
        return DemoStore::Collection::Products;
    if (name == QStringLiteral("shipments"))
        return DemoStore::Collection::Shipments;
    return std::nullopt;
}

// "/api/orders" gives {"orders"}, "/api/v1/orders/R100000001.json" {"orders", "R100000001"}: Spree serves
// both route prefixes and an optional format suffix. Empty for any other path. Segments are split before
// they are decoded, as Rails routes do, so "%2F" in an order number stays inside its segment.
QStringList resourceSegments(const QByteArray &path)
{
    QByteArray resource = path;
    bool matched = false;
    for (const QByteArray &prefix : {QByteArrayLiteral("/api/v1/"), QByteArrayLiteral("/api/")}) {
        if (!matched && resource.startsWith(prefix)) {
            resource.remove(0, prefix.size());
            matched = true;
        }
    }
    if (resource.endsWith('/'))
        resource.chop(1);
    if (resource.endsWith(".json"))
        resource.chop(5);
    QStringList segments;
    for (const QByteArray &segment : resource.split('/'))
        segments.append(QUrl::fromPercentEncoding(segment));
    if (!matched || segments.contains(QString()))
        return {};
    return segments;
}

// Spree has no single-shipment GET; its shipments are read through their order.
bool routeExists(const QStringList &segments)
{
    if (segments.isEmpty() || segments.size() > 2 || !collectionNamed(segments.first()))
        return false;
    return segments.size() == 1 || segments.first() != QStringLiteral("shipments");
}

} // namespace

SpreeStoreServer::SpreeStoreServer(QObject *parent)
    : QObject(parent)
    , server_(new QTcpServer(this))
    , store_(std::make_unique<DemoStore>())
{
    connect(server_, &QTcpServer::newConnection, this, &SpreeStoreServer::acceptConnections);
}

SpreeStoreServer::~SpreeStoreServer()
{
    close();
}

bool SpreeStoreServer::listen(quint16 port)
{
    if (!server_->listen(QHostAddress::LocalHost, port)) {
        // A bare false would leave the failing test without a reason.
        qWarning("SpreeStoreServer: cannot listen on 127.0.0.1:%u: %s", unsigned(port),
                 qPrintable(server_->errorString()));
        return false;
    }
    port_ = server_->serverPort();
    return true;
}

quint16 SpreeStoreServer::port() const
{
    return port_;
}

QUrl SpreeStoreServer::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port_));
}

void SpreeStoreServer::setApiKey(const QString &key)
{
    apiKey_ = key;
}

QString SpreeStoreServer::apiKey() const
{
    return apiKey_;
}

void SpreeStoreServer::setOAuthClient(const QString &clientId, const QString &clientSecret)
{
    clientId_ = clientId;
    clientSecret_ = clientSecret;
}

QString SpreeStoreServer::clientId() const
{
    return clientId_;
}

QString SpreeStoreServer::clientSecret() const
{
    return clientSecret_;
}

void SpreeStoreServer::setTokenLifetime(int seconds)
{
    tokenLifetimeSeconds_ = seconds;
}

void SpreeStoreServer::expireTokens()
{
    tokens_.clear();
}

int SpreeStoreServer::tokensIssued() const
{
    return tokensIssued_;
}

void SpreeStoreServer::serveOnly(const QString &api)
{
    onlyApi_ = api;
}

void SpreeStoreServer::close()
{
    server_->close();
    const auto connections = findChildren<DemoHttpConnection *>(Qt::FindDirectChildrenOnly);
    for (DemoHttpConnection *connection : connections)
        connection->drop();
}

void SpreeStoreServer::seed(int orders, int users, int products)
{
    store_->seed(orders, users, products);
}

QString SpreeStoreServer::addOrder(const QString &state, const QString &number)
{
    return store_->addOrder(state, number);
}

bool SpreeStoreServer::updateOrder(const QString &number, const std::function<void(QJsonObject &)> &change)
{
    return store_->updateOrder(number, change);
}

bool SpreeStoreServer::setOrderState(const QString &number, const QString &state)
{
    return store_->setOrderState(number, state);
}

bool SpreeStoreServer::setShipmentState(const QString &shipmentNumber, const QString &state,
                                        const QString &tracking)
{
    return store_->setShipmentState(shipmentNumber, state, tracking);
}

int SpreeStoreServer::addUser(const QString &email)
{
    return store_->addUser(email);
}

int SpreeStoreServer::addProduct(const QString &name)
{
    return store_->addProduct(name);
}

bool SpreeStoreServer::updateProduct(int id, const std::function<void(QJsonObject &)> &change)
{
    return store_->updateProduct(id, change);
}

QJsonObject SpreeStoreServer::order(const QString &number) const
{
    return store_->order(number);
}

QStringList SpreeStoreServer::orderNumbers() const
{
    return store_->orderNumbers();
}

QStringList SpreeStoreServer::shipmentNumbers(const QString &orderNumber) const
{
    return store_->shipmentNumbers(orderNumber);
}

void SpreeStoreServer::freezeClock(const QDateTime &t)
{
    store_->freezeClock(t.toMSecsSinceEpoch());
}

void SpreeStoreServer::unfreezeClock()
{
    store_->unfreezeClock();
}

void SpreeStoreServer::setFailure(int status, const QByteArray &body)
{
    failureStatus_ = status;
    failureBody_ = body;
}

void SpreeStoreServer::setMalformed(bool on)
{
    malformed_ = on;
}

void SpreeStoreServer::setHang(bool on)
{
    hang_ = on;
}

void SpreeStoreServer::failAfterPages(int pages, int status)
{
    pagesBeforeFailure_ = pages;
    pageFailureStatus_ = status;
}

void SpreeStoreServer::rateLimitNext(int requests, int retryAfterSeconds)
{
    rateLimited_ = requests;
    retryAfterSeconds_ = retryAfterSeconds;
}

void SpreeStoreServer::clearFailures()
{
    rateLimited_ = 0;
    failureStatus_ = 0;
    failureBody_.clear();
    malformed_ = false;
    hang_ = false;
    pagesBeforeFailure_ = -1;
}

int SpreeStoreServer::requestCount() const
{
    return int(requestedUrls_.size());
}

QList<QUrl> SpreeStoreServer::requestedUrls() const
{
    return requestedUrls_;
}

void SpreeStoreServer::acceptConnections()
{
    while (QTcpSocket *socket = server_->nextPendingConnection()) {
        auto *connection = new DemoHttpConnection(
            socket, [this](const DemoHttpRequest &request) { return handle(request); }, this);
        connect(connection, &DemoHttpConnection::answered, this, &SpreeStoreServer::requestServed);
        connection->start();
    }
}

DemoHttpResponse SpreeStoreServer::handle(const DemoHttpRequest &request)
{
    requestedUrls_.append(QUrl::fromEncoded(request.target));
    if (hang_) {
        DemoHttpResponse response;
        response.hang = true;
        return response;
    }
    if (failureStatus_ != 0)
        return failureResponse(failureStatus_, failureBody_);
    if (rateLimited_ > 0) {
        --rateLimited_;
        DemoHttpResponse response =
            errorResponse(429, QStringLiteral("Rate limit exceeded. Try again later."));
        response.headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(retryAfterSeconds_)});
        return response;
    }
    DemoHttpResponse response = route(request, DemoIndexQuery::decode(request.query()));
    if (malformed_) {
        // Cut inside the outermost object, so no JSON parser accepts what is left.
        response.status = 200;
        response.contentType = QByteArrayLiteral("application/json; charset=utf-8");
        response.body.truncate(qMax<qsizetype>(1, response.body.size() / 2));
    }
    return response;
}

// Rails' order: an unknown route is 404 before any authentication, a known one needs the key, and a
// record that does not exist is 404 again.
DemoHttpResponse SpreeStoreServer::route(const DemoHttpRequest &request,
                                         const QList<QPair<QString, QString>> &query)
{
    const QByteArray path = request.path();
    if (!onlyApi_.isEmpty()) {
        const QString api = path == "/spree_oauth/token" || path.startsWith("/api/v2/platform/")
                                ? QStringLiteral("platform_v2")
                            : path.startsWith("/api/v3/admin/") ? QStringLiteral("admin_v3")
                                                                : QStringLiteral("v1");
        if (api != onlyApi_)
            return notFound();
    }
    if (path == "/spree_oauth/token")
        return issueToken(request);
    if (request.method != "GET") {
        DemoHttpResponse response =
            errorResponse(405, QStringLiteral("This API only answers GET; the demo store is read-only."));
        response.headers.append({QByteArrayLiteral("Allow"), QByteArrayLiteral("GET")});
        return response;
    }
    static const QByteArray platform = QByteArrayLiteral("/api/v2/platform/");
    static const QByteArray admin = QByteArrayLiteral("/api/v3/admin/");
    if (path.startsWith(platform))
        return servePlatformV2(request, QString::fromLatin1(path.mid(platform.size())), query);
    if (path.startsWith(admin))
        return serveAdminV3(request, QString::fromLatin1(path.mid(admin.size())), query);
    const QStringList segments = resourceSegments(path);
    if (!routeExists(segments))
        return notFound();
    if (!authorized(request, query))
        return errorResponse(401, QStringLiteral("You are not authorized to perform that action."));
    if (segments.size() == 1)
        return serveIndex(segments.first(), query);
    return serveRecord(segments.first(), segments.at(1));
}

bool SpreeStoreServer::pageAllowed()
{
    if (pagesBeforeFailure_ == 0)
        return false;
    if (pagesBeforeFailure_ > 0)
        --pagesBeforeFailure_;
    return true;
}

DemoHttpResponse SpreeStoreServer::serveIndex(const QString &collection,
                                              const QList<QPair<QString, QString>> &query)
{
    if (!pageAllowed())
        return failureResponse(pageFailureStatus_, {});
    const DemoStore::Collection kind = *collectionNamed(collection);
    const DemoIndexQuery::Page page = DemoIndexQuery(query).apply(store_->entries(kind));
    QJsonArray items;
    for (const int id : page.ids)
        items.append(store_->indexItem(kind, id));
    return jsonResponse(200, {{collection, items},
                              {QStringLiteral("count"), int(items.size())},
                              {QStringLiteral("total_count"), page.totalCount},
                              {QStringLiteral("current_page"), page.currentPage},
                              {QStringLiteral("pages"), page.pages},
                              {QStringLiteral("per_page"), page.perPage}});
}

DemoHttpResponse SpreeStoreServer::serveRecord(const QString &collection, const QString &key) const
{
    QJsonObject record;
    if (collection == QStringLiteral("orders"))
        record = store_->order(key);
    else if (collection == QStringLiteral("users"))
        record = store_->user(key.toInt());
    else if (collection == QStringLiteral("products"))
        record = store_->product(key);
    return record.isEmpty() ? notFound() : jsonResponse(200, record);
}

// Spree reads the header first and falls back to ?token= only when the header is absent.
bool SpreeStoreServer::authorized(const DemoHttpRequest &request,
                                  const QList<QPair<QString, QString>> &query) const
{
    if (apiKey_.isEmpty())
        return true;
    QString given = QString::fromUtf8(request.headers.value(QByteArrayLiteral("x-spree-token")));
    for (qsizetype i = 0; given.isEmpty() && i < query.size(); ++i) {
        if (query.at(i).first == QStringLiteral("token"))
            given = query.at(i).second;
    }
    return given == apiKey_;
}

// Doorkeeper's client_credentials grant, with the parameters as JSON or as a form.
DemoHttpResponse SpreeStoreServer::issueToken(const DemoHttpRequest &request)
{
    if (request.method != "POST")
        return errorResponse(405, QStringLiteral("POST the grant to /spree_oauth/token."));
    QJsonObject grant = QJsonDocument::fromJson(request.body).object();
    if (grant.isEmpty()) {
        for (const auto &[name, value] : DemoIndexQuery::decode(request.body))
            grant.insert(name, value);
    }
    if (grant.value(QStringLiteral("grant_type")).toString() != QStringLiteral("client_credentials"))
        return jsonResponse(400, {{QStringLiteral("error"), QStringLiteral("unsupported_grant_type")}});
    if (grant.value(QStringLiteral("client_id")).toString() != clientId_ ||
        grant.value(QStringLiteral("client_secret")).toString() != clientSecret_)
        return jsonResponse(
            401, {{QStringLiteral("error"), QStringLiteral("invalid_client")},
                  {QStringLiteral("error_description"),
                   QStringLiteral("Client authentication failed due to unknown client, no client "
                                  "authentication included, or unsupported authentication method.")}});
    const QString scope = grant.value(QStringLiteral("scope")).toString(QStringLiteral("admin"));
    if (scope != QStringLiteral("admin") && scope != QStringLiteral("read"))
        return jsonResponse(400, {{QStringLiteral("error"), QStringLiteral("invalid_scope")}});
    QByteArray raw(32, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(raw.data()), raw.size() / 4);
    const QString token = QString::fromLatin1(raw.toHex());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    tokens_.insert(token, now + qint64(tokenLifetimeSeconds_) * 1000);
    ++tokensIssued_;
    return jsonResponse(200, {{QStringLiteral("access_token"), token},
                              {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                              {QStringLiteral("expires_in"), tokenLifetimeSeconds_},
                              {QStringLiteral("scope"), scope},
                              {QStringLiteral("created_at"), now / 1000}});
}

bool SpreeStoreServer::bearerValid(const DemoHttpRequest &request) const
{
    const QByteArray header = request.headers.value(QByteArrayLiteral("authorization"));
    if (!header.startsWith("Bearer "))
        return false;
    const auto it = tokens_.constFind(QString::fromLatin1(header.mid(7).trimmed()));
    return it != tokens_.constEnd() && QDateTime::currentMSecsSinceEpoch() < it.value();
}

DemoHttpResponse SpreeStoreServer::servePlatformV2(const DemoHttpRequest &request, const QString &collection,
                                                   const QList<QPair<QString, QString>> &query)
{
    const std::optional<DemoStore::Collection> kind = collectionNamed(collection);
    if (!kind)
        return notFound();
    if (!bearerValid(request)) {
        DemoHttpResponse response =
            jsonResponse(401, {{QStringLiteral("error"), QStringLiteral("The access token is invalid")}});
        response.contentType = QByteArrayLiteral("application/vnd.api+json");
        return response;
    }
    if (!pageAllowed())
        return failureResponse(pageFailureStatus_, {});
    QString include;
    for (const auto &[name, value] : query) {
        if (name == QStringLiteral("include"))
            include = value;
    }
    const DemoIndexQuery::Page page = DemoIndexQuery(query, 500).apply(store_->entries(*kind));
    DemoHttpResponse response = jsonResponse(
        200, DemoPlatformV2(*store_, include).page(*kind, page, QString::fromLatin1(request.path())));
    response.contentType = QByteArrayLiteral("application/vnd.api+json");
    return response;
}

DemoHttpResponse SpreeStoreServer::serveAdminV3(const DemoHttpRequest &request, const QString &resource,
                                                const QList<QPair<QString, QString>> &query)
{
    std::optional<DemoStore::Collection> kind;
    if (resource == QStringLiteral("orders"))
        kind = DemoStore::Collection::Orders;
    else if (resource == QStringLiteral("customers"))
        kind = DemoStore::Collection::Users;
    else if (resource == QStringLiteral("products"))
        kind = DemoStore::Collection::Products;
    if (!kind)
        return notFound();
    const QString given = QString::fromUtf8(request.headers.value(QByteArrayLiteral("x-spree-api-key")));
    if (given.isEmpty() || given != apiKey_)
        return jsonResponse(
            401, {{QStringLiteral("error"),
                   QJsonObject{{QStringLiteral("code"), QStringLiteral("authentication_required")},
                               {QStringLiteral("message"), QStringLiteral("Authentication required")}}}});
    if (!pageAllowed())
        return failureResponse(pageFailureStatus_, {});
    QString expand;
    for (const auto &[name, value] : query) {
        if (name == QStringLiteral("expand"))
            expand = value;
    }
    const DemoIndexQuery::Page page = DemoIndexQuery(query, 100).apply(store_->entries(*kind));
    return jsonResponse(200, DemoAdminV3(*store_, expand).page(*kind, page));
}
