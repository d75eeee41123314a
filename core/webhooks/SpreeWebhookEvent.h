#pragma once

#include "model/Message.h"

#include <QByteArray>
#include <QString>

// One Spree webhook body read into the message it becomes. Legacy bodies (4.4 - 5.2) are JSON:API
// ({"data": {"id", "type", "attributes"}, "event_id", "event_type"}); new ones (5.3+) are
// {"id", "name", "data": {...flat...}}. The event's object, flattened, is put in hub form under its key
// ({"order": {...}}) as a poll would, beside "original" (the flattened object) and "spree_event" (the
// whole body, so nothing Spree sent is dropped).
struct SpreeWebhookEvent
{
    QString eventId; // legacy event_id or the new id; at most once per store
    QString name;
    Message message;

    // False and a one-line reason when the body is not a Spree webhook.
    static bool parse(const QByteArray &body, SpreeWebhookEvent *out, QString *error);
};
