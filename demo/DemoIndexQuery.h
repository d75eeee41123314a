#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

// What an index needs of one record to filter, sort and page it; the JSON is rendered for the page only.
struct DemoIndexEntry
{
    int id = 0;
    qint64 createdAtMs = 0;
    qint64 updatedAtMs = 0;
    bool completed = true; // an order's completed_at is set (carts have none)
};

// One index request's ransack conditions, sort and paging, read the way Spree reads them (API v1's q[…],
// q[s], page and per_page; the Platform API's filter[…], sort and per_page; the Admin API's q[…], sort and
// limit): an unknown
// attribute or predicate, or a value that is no timestamp, drops the condition instead of failing the
// request, and paging values out of range fall back to the defaults or limits.
class DemoIndexQuery
{
public:
    static constexpr int DefaultPerPage = 25;
    static constexpr int MaxPerPage = 100;

    struct Page
    {
        QList<int> ids; // the page's records in order
        int totalCount = 0;
        int currentPage = 1;
        int pages = 0; // 0 for an empty result, as Kaminari counts
        int perPage = DefaultPerPage;
    };

    // Form decoding as Rails does it: "+" is a space, then percent-escapes (including "%5B" for "[").
    static QList<QPair<QString, QString>> decode(const QByteArray &encodedQuery);

    explicit DemoIndexQuery(const QList<QPair<QString, QString>> &items, int maxPerPage = MaxPerPage);

    Page apply(QList<DemoIndexEntry> entries) const;

private:
    enum class Field
    {
        Id,
        CreatedAt,
        UpdatedAt
    };
    enum class Predicate
    {
        Gt,
        Gteq,
        Lt,
        Lteq,
        Eq
    };

    struct Condition
    {
        Field field;
        Predicate predicate;
        qint64 value;
    };

    static const QList<QPair<QString, Predicate>> &predicateSuffixes();
    void readCondition(const QString &expression, const QString &value);
    void readSort(const QString &value);
    void readSignedSort(const QString &value); // "updated_at" or "-updated_at"
    static bool readField(const QString &name, Field *field);
    static bool readValue(Field field, const QString &text, qint64 *value);
    static qint64 valueOf(const DemoIndexEntry &entry, Field field);
    bool matches(const DemoIndexEntry &entry) const;
    bool before(const DemoIndexEntry &left, const DemoIndexEntry &right) const;

    QList<Condition> conditions_;
    Field sortField_ = Field::Id;
    bool descending_ = false;
    int page_ = 1;
    int perPage_ = DefaultPerPage;
    bool completedOnly_ = false;
};
