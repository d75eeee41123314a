#include "DemoIndexQuery.h"

#include "DemoTime.h"

#include <QUrlQuery>

#include <algorithm>

namespace {

int positiveOr(const QString &text, int fallback)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    return ok && value > 0 ? value : fallback;
}

} // namespace

QList<QPair<QString, QString>> DemoIndexQuery::decode(const QByteArray &encodedQuery)
{
    QByteArray query = encodedQuery;
    query.replace('+', QByteArrayLiteral("%20"));
    return QUrlQuery(QString::fromUtf8(query)).queryItems(QUrl::FullyDecoded);
}

DemoIndexQuery::DemoIndexQuery(const QList<QPair<QString, QString>> &items, int maxPerPage)
{
    for (const auto &[key, value] : items) {
        if (key == QStringLiteral("page"))
            page_ = positiveOr(value, 1);
        else if (key == QStringLiteral("per_page") || key == QStringLiteral("limit"))
            perPage_ = qMin(positiveOr(value, DefaultPerPage), maxPerPage);
        else if (key == QStringLiteral("q[s]") || key == QStringLiteral("q[sorts]"))
            readSort(value);
        else if (key == QStringLiteral("sort"))
            readSignedSort(value);
        else if (key == QStringLiteral("q[completed_at_not_null]") ||
                 key == QStringLiteral("filter[completed_at_not_null]"))
            completedOnly_ = value == QStringLiteral("1") || value == QStringLiteral("true");
        else if (key.startsWith(QStringLiteral("q[")) && key.endsWith(QLatin1Char(']')))
            readCondition(key.mid(2, key.size() - 3), value);
        else if (key.startsWith(QStringLiteral("filter[")) && key.endsWith(QLatin1Char(']')))
            readCondition(key.mid(7, key.size() - 8), value);
    }
}

void DemoIndexQuery::readSignedSort(const QString &value)
{
    const QString first = value.split(QLatin1Char(',')).first().trimmed();
    const bool descending = first.startsWith(QLatin1Char('-'));
    Field field = Field::Id;
    if (!readField(descending ? first.mid(1) : first, &field))
        return;
    sortField_ = field;
    descending_ = descending;
}

// Longest first: "_gteq" must not be read as "_gt" of an attribute ending in "eq".
const QList<QPair<QString, DemoIndexQuery::Predicate>> &DemoIndexQuery::predicateSuffixes()
{
    static const QList<QPair<QString, Predicate>> suffixes = {
        {QStringLiteral("_gteq"), Predicate::Gteq}, {QStringLiteral("_lteq"), Predicate::Lteq},
        {QStringLiteral("_gt"), Predicate::Gt},     {QStringLiteral("_lt"), Predicate::Lt},
        {QStringLiteral("_eq"), Predicate::Eq},
    };
    return suffixes;
}

void DemoIndexQuery::readCondition(const QString &expression, const QString &value)
{
    for (const auto &[suffix, predicate] : predicateSuffixes()) {
        if (!expression.endsWith(suffix))
            continue;
        Condition condition{Field::Id, predicate, 0};
        if (readField(expression.chopped(suffix.size()), &condition.field) &&
            readValue(condition.field, value, &condition.value))
            conditions_.append(condition);
        return;
    }
}

void DemoIndexQuery::readSort(const QString &value)
{
    const QStringList parts = value.simplified().split(QLatin1Char(' '));
    Field field = Field::Id;
    if (!readField(parts.first(), &field))
        return;
    sortField_ = field;
    descending_ = parts.size() > 1 && parts.at(1).compare(QStringLiteral("desc"), Qt::CaseInsensitive) == 0;
}

bool DemoIndexQuery::readField(const QString &name, Field *field)
{
    if (name == QStringLiteral("id"))
        *field = Field::Id;
    else if (name == QStringLiteral("created_at"))
        *field = Field::CreatedAt;
    else if (name == QStringLiteral("updated_at"))
        *field = Field::UpdatedAt;
    else
        return false;
    return true;
}

bool DemoIndexQuery::readValue(Field field, const QString &text, qint64 *value)
{
    if (field != Field::Id)
        return DemoTime::parse(text, value);
    bool ok = false;
    *value = text.trimmed().toLongLong(&ok);
    return ok;
}

qint64 DemoIndexQuery::valueOf(const DemoIndexEntry &entry, Field field)
{
    switch (field) {
    case Field::Id:
        return entry.id;
    case Field::CreatedAt:
        return entry.createdAtMs;
    case Field::UpdatedAt:
        return entry.updatedAtMs;
    }
    return 0;
}

bool DemoIndexQuery::matches(const DemoIndexEntry &entry) const
{
    if (completedOnly_ && !entry.completed)
        return false;
    for (const Condition &condition : conditions_) {
        const qint64 value = valueOf(entry, condition.field);
        bool ok = false;
        switch (condition.predicate) {
        case Predicate::Gt:
            ok = value > condition.value;
            break;
        case Predicate::Gteq:
            ok = value >= condition.value;
            break;
        case Predicate::Lt:
            ok = value < condition.value;
            break;
        case Predicate::Lteq:
            ok = value <= condition.value;
            break;
        case Predicate::Eq:
            ok = value == condition.value;
            break;
        }
        if (!ok)
            return false;
    }
    return true;
}

// Equal sort keys fall back to id ascending in both directions, so paging through records that share an
// updated_at neither repeats nor skips one.
bool DemoIndexQuery::before(const DemoIndexEntry &left, const DemoIndexEntry &right) const
{
    const qint64 a = valueOf(left, sortField_);
    const qint64 b = valueOf(right, sortField_);
    if (a != b)
        return descending_ ? a > b : a < b;
    return left.id < right.id;
}

DemoIndexQuery::Page DemoIndexQuery::apply(QList<DemoIndexEntry> entries) const
{
    entries.erase(std::remove_if(entries.begin(), entries.end(),
                                 [this](const DemoIndexEntry &entry) { return !matches(entry); }),
                  entries.end());
    std::sort(
        entries.begin(), entries.end(),
        [this](const DemoIndexEntry &left, const DemoIndexEntry &right) { return before(left, right); });
    Page page;
    page.totalCount = int(entries.size());
    page.currentPage = page_;
    page.perPage = perPage_;
    page.pages = (page.totalCount + perPage_ - 1) / perPage_;
    const qsizetype first = qsizetype(page_ - 1) * perPage_;
    for (qsizetype i = first; i < entries.size() && i < first + perPage_; ++i)
        page.ids.append(entries.at(i).id);
    return page;
}
