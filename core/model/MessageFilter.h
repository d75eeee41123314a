#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

// One filter rule of a mapping, in the original product's JSON form:
// {"path": "payload.order.status", "operator": "eq", "value": "complete", "match_rule": "all"}.
// The path may reach several values (wildcards); matchRule says whether all or any of them must pass.
// A path that reaches nothing passes only "empty": with "all" there is no vacuous truth.
struct MessageFilter
{
    enum class Operator
    {
        Eq,
        Neq,
        Gt,
        Lt,
        Begin,
        Contains,
        End,
        Present,
        Empty,
        Match
    };
    enum class MatchRule
    {
        All,
        Any
    };

    QString path;
    Operator op = Operator::Eq;
    QJsonValue value;
    MatchRule matchRule = MatchRule::All;

    bool matches(const QJsonObject &message) const;
    // Round-trips with fromJson; omits match_rule when All and value when the operator is present/empty.
    QJsonObject toJson() const;
    // Returns false and a one-line reason for: not an object, unknown operator, bad path syntax,
    // missing value, invalid regular expression. Keys outside kKeys are left to the config's parser
    // (Mapping::fromConfig refuses them), so that a stored definition always reads.
    static const QStringList kKeys;
    static bool fromJson(const QJsonValue &json, MessageFilter *out, QString *error);
    // Every filter must pass; an empty list passes.
    static bool allMatch(const QList<MessageFilter> &filters, const QJsonObject &message);
    // For logs, e.g. `payload.order.status eq "complete"`.
    QString describe() const;

private:
    // Compiled once by fromJson because filters run for every accepted message; matches() falls back to a
    // fresh expression when the fields were set by hand.
    QRegularExpression m_regex;

    bool valuePasses(const QJsonValue &found) const;
};
