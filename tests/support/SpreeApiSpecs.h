#pragma once

#include <QString>

// Spree's own OpenAPI files (tests/spree-api/, kept byte for byte; see its README) and the two copies
// the tests serve with Prism. The copies are written at test time so the originals stay Spree's:
// - Platform API v2 with the OAuth token endpoint of oauth.yml merged in, because a real store serves
//   both on one host and a poller finds the token URL from the store's URL.
// - Admin API v3 taking either credential, as real Spree does: the spec declares the API key and the
//   admin JWT as both required, so a key-only request (what a poller sends) would be refused.
// The write functions return false with a one-line reason in *error when Spree's files no longer have
// the layout the patch expects (a newer spec copied in): then the patch needs updating.
namespace SpreeApiSpecs {
QString platformV2Path();
QString adminV3Path();
QString oauthPath();

bool writePlatformV2WithToken(const QString &target, QString *error);
bool writeAdminV3EitherCredential(const QString &target, QString *error);
} // namespace SpreeApiSpecs
