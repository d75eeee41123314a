#pragma once

#include <QCommandLineParser>
#include <QStringList>

// `integrator sample-webhook URL [--scheme 5.4|5.3|legacy] [--event NAME] [--event-id ID]`: posts one
// Spree-style webhook event, signed with the secret read from standard input (never an argument, which
// other users could see in the process list), and prints the answer. For trying
// /api/stores/STORE/spree-webhooks without a Spree store.
class SampleWebhookCommand
{
public:
    explicit SampleWebhookCommand(const QCommandLineParser &parser);

    int run(const QStringList &arguments);

private:
    const QCommandLineParser &parser_;
};
