#include "SpreeApiMocks.h"

#include "SpreeApiSpecs.h"

bool SpreeApiMocks::start(QString *error)
{
    if (!specs_.isValid()) {
        *error = QStringLiteral("no temporary folder for the specs: %1").arg(specs_.errorString());
        return false;
    }
    const QString platformSpec = specs_.filePath(QStringLiteral("platform-v2-with-token.yaml"));
    const QString adminSpec = specs_.filePath(QStringLiteral("admin-v3-either-credential.yaml"));
    if (!SpreeApiSpecs::writePlatformV2WithToken(platformSpec, error) ||
        !SpreeApiSpecs::writeAdminV3EitherCredential(adminSpec, error))
        return false;
    platform_ = std::make_unique<PrismMock>(platformSpec);
    admin_ = std::make_unique<PrismMock>(adminSpec);
    for (PrismMock *mock : {platform_.get(), admin_.get()}) {
        if (!mock->start()) {
            *error = mock->failure();
            return false;
        }
    }
    return true;
}
