#include "SampleWebhookCommand.h"

#include "DemoWebhookSender.h"
#include "utils/ObjectId.h"

#include <QCoreApplication>
#include <QFile>
#include <QUrl>

#include <cstdio>

namespace {

int fail(const QString &message, int exitStatus = 1)
{
    std::fprintf(stderr, "integrator: %s\n", qUtf8Printable(message));
    return exitStatus;
}

} // namespace

SampleWebhookCommand::SampleWebhookCommand(const QCommandLineParser &parser)
    : parser_(parser)
{}

int SampleWebhookCommand::run(const QStringList &arguments)
{
    const QString usage = QStringLiteral("use: echo \"$secret\" | integrator sample-webhook "
                                         "http://HOST:PORT/api/stores/STORE/spree-webhooks "
                                         "[--scheme 5.4|5.3|legacy] [--event order.completed]");
    const QUrl url(arguments.value(0), QUrl::StrictMode);
    if (arguments.size() != 1 || !url.isValid() || !url.scheme().startsWith(QLatin1String("http")))
        return fail(usage, 2);
    DemoWebhookSender::Scheme scheme = DemoWebhookSender::Scheme::Timestamped;
    if (parser_.isSet(QStringLiteral("scheme")) &&
        !SpreeWebhookVerifier::parseScheme(parser_.value(QStringLiteral("scheme")), &scheme))
        return fail(QStringLiteral("--scheme must be 5.4, 5.3 or legacy"), 2);
    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read the secret from standard input"));
    const QByteArray secret = input.readLine().trimmed();
    if (secret.isEmpty())
        return fail(QStringLiteral("no secret on standard input; %1").arg(usage), 2);
    const bool legacy = scheme == DemoWebhookSender::Scheme::Legacy;
    const QString event = parser_.isSet(QStringLiteral("event"))
                              ? parser_.value(QStringLiteral("event"))
                              : (legacy ? QStringLiteral("order.placed") : QStringLiteral("order.completed"));
    const QString eventId = parser_.isSet(QStringLiteral("event-id"))
                                ? parser_.value(QStringLiteral("event-id"))
                                : ObjectId::generate();
    DemoWebhookSender sender;
    int exitStatus = 1;
    QObject::connect(&sender, &DemoWebhookSender::finished, qApp,
                     [&exitStatus](int status, const QByteArray &body, const QString &error) {
                         if (status == 0) {
                             fail(QStringLiteral("no answer: %1").arg(error));
                         } else {
                             std::printf("%d %s\n", status, body.constData());
                             exitStatus = status >= 200 && status < 300 ? 0 : 1;
                         }
                         QCoreApplication::quit();
                     });
    sender.send(url, secret, scheme,
                DemoWebhookSender::sampleEvent(scheme, event, eventId, QStringLiteral("R100")));
    QCoreApplication::exec();
    return exitStatus;
}
