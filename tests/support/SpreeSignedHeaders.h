#pragma once

#include "HttpPostClient.h"
#include "webhooks/SpreeWebhookVerifier.h"

// The signature headers as a Spree store of each era computes them for `body`, written out here from
// Spree's code rather than taken from the code under test (SpreeWebhookVerifier::signatureHeaders).
class SpreeSignedHeaders
{
public:
    static HttpHeaders of(SpreeWebhookVerifier::Scheme scheme, const QByteArray &body,
                          qint64 timestampSeconds, const QByteArray &secret);
};
