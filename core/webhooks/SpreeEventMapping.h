#pragma once

#include <QString>

// Which Integrator message a Spree webhook event becomes (the README's table). Spree's legacy webhooks
// (4.4 - 5.2) and its new ones (5.3+) name events differently; both map onto the message types a poll
// produces. An event without a row becomes "spree:" + its name with dots as underscores
// (payment.paid -> spree:payment_paid), so nothing Spree sends is lost and a mapping can still route it.
namespace SpreeEventMapping {

QString messageType(const QString &eventName);
// "spree:" + the name, as for an event without a row; also for an event whose row does not apply.
QString keptType(const QString &eventName);
// The payload key of the event's object, as in a poll's message ("order", "shipment", "user",
// "product"), or empty for an event whose object has no hub form.
QString hubKey(const QString &eventName);

} // namespace SpreeEventMapping
