#include "utils/ConfigKeys.h"

#include <QList>

#include <algorithm>

namespace {

// Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.
int editDistance(const QString &a, const QString &b)
{
    const int n = int(a.size()), m = int(b.size());
    QList<QList<int>> d(n + 1, QList<int>(m + 1, 0));
    for (int i = 0; i <= n; ++i)
        d[i][0] = i;
    for (int j = 0; j <= m; ++j)
        d[0][j] = j;
    for (int i = 1; i <= n; ++i) {
        for (int j = 1; j <= m; ++j) {
            const int cost = a.at(i - 1) == b.at(j - 1) ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a.at(i - 1) == b.at(j - 2) && a.at(i - 2) == b.at(j - 1))
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[n][m];
}

} // namespace

QString ConfigKeys::closest(const QString &key, const QStringList &valid)
{
    const QString lowered = key.toLower();
    QString best;
    // Within 2 edits; a key of 3 letters or fewer within 1, or "id" would suggest "url".
    int bestDistance = lowered.size() <= 3 ? 2 : 3;
    for (const QString &candidate : valid) {
        const int distance = editDistance(lowered, candidate);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = candidate;
        }
    }
    if (!best.isEmpty())
        return best;
    // "timeout_seconds" for "timeout", "collection" for "collections": the longest valid key that is a
    // prefix of the unknown one, or that it is a prefix of (3 letters at least, to stay meaningful).
    for (const QString &candidate : valid) {
        const bool prefix = (lowered.size() >= 3 && candidate.startsWith(lowered)) ||
                            (candidate.size() >= 3 && lowered.startsWith(candidate));
        if (prefix && candidate.size() > best.size())
            best = candidate;
    }
    return best;
}

QString ConfigKeys::firstUnknown(const QJsonObject &object, const QStringList &valid)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!valid.contains(it.key()))
            return it.key();
    }
    return {};
}

QString ConfigKeys::unknownKey(const QJsonObject &object, const QStringList &valid, const QString &where)
{
    const QString key = firstUnknown(object, valid);
    if (key.isEmpty())
        return {};
    QString line = QStringLiteral("unknown key \"%1\"").arg(key);
    if (!where.isEmpty())
        line += QStringLiteral(" in %1").arg(where);
    const QString suggestion = closest(key, valid);
    line += suggestion.isEmpty() ? QStringLiteral(" (expected %1)").arg(valid.join(QStringLiteral(", ")))
                                 : QStringLiteral(" (did you mean \"%1\"?)").arg(suggestion);
    return line;
}
