#pragma once

#include "PrismMock.h"

#include <QTemporaryDir>

#include <memory>

// Spree's two APIs as Prism mocks, each on its own port: the Platform API v2 (with the OAuth token
// endpoint) and the Admin API v3, served from the copies SpreeApiSpecs writes. Prism is part of the
// suite (tests/run-tests.sh installs it): a test without it fails, never skips.
class SpreeApiMocks
{
public:
    // Writes the specs and starts both; false with *error saying why.
    bool start(QString *error);
    PrismMock &platformV2() { return *platform_; }
    PrismMock &adminV3() { return *admin_; }

private:
    QTemporaryDir specs_;
    std::unique_ptr<PrismMock> platform_;
    std::unique_ptr<PrismMock> admin_;
};
