#include "EraseCommand.h"

#include "engine/WakeChannel.h"
#include "model/ErasureMatch.h"
#include "storage/Database.h"
#include "storage/MessageEraser.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace {

void print(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

} // namespace

EraseCommand::EraseCommand(const QCommandLineParser &parser, DatabaseLocation location,
                           DatabaseOpener openDatabase)
    : parser_(parser)
    , location_(std::move(location))
    , openDatabase_(std::move(openDatabase))
{}

int EraseCommand::fail(const QString &message, int exitStatus) const
{
    std::fprintf(stderr, "integrator: %s\n", qUtf8Printable(message));
    return exitStatus;
}

int EraseCommand::run(const QStringList &messageIds)
{
    const QStringList matchTexts = parser_.values(QStringLiteral("match"));
    if (matchTexts.isEmpty() == messageIds.isEmpty())
        return fail(QStringLiteral("erase takes message ids, or --match PATH=VALUE (one or more), not both"),
                    2);
    QList<ErasureMatch> matches;
    for (const QString &text : matchTexts) {
        ErasureMatch match;
        QString reason;
        if (!ErasureMatch::parse(text, &match, &reason))
            return fail(reason, 2);
        matches << match;
    }
    std::unique_ptr<Database> db;
    if (!openDatabase_(&db))
        return 1;
    MessageEraser::Options options;
    options.dryRun = parser_.isSet(QStringLiteral("dry-run"));
    MessageEraser eraser(*db, options);
    QString error;
    const bool ok =
        matches.isEmpty() ? eraser.eraseIds(messageIds, &error) : eraser.eraseMatching(matches, &error);
    const ErasureReport &report = eraser.report();
    if (!ok && report.messages == 0 && report.storeRecords == 0)
        return fail(QStringLiteral("nothing erased: %1").arg(error));
    if (!ok)
        return fail(
            QStringLiteral("erasure stopped after %1 message(s): %2").arg(report.messages).arg(error));
    // Archived deliveries may have held back later ones of their ordering key.
    if (!options.dryRun && report.deliveriesArchived > 0)
        WakeChannel::notify(location_);
    if (parser_.isSet(QStringLiteral("json")))
        print(QString::fromUtf8(QJsonDocument(report.toJson()).toJson(QJsonDocument::Indented)));
    else
        print(report.describe());
    if (report.inFlight > 0)
        return fail(
            QStringLiteral("%1 message(s) were being sent the whole time and were not erased; run the "
                           "same erase again once their attempts are recorded")
                .arg(report.inFlight));
    return 0;
}
