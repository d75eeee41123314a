#include "SpreeApiSpecs.h"

#include <QFile>

namespace {
QString specPath(const char *name)
{
    return QStringLiteral(INTEGRATOR_SPREE_API_DIR "/") + QLatin1String(name);
}

bool readFile(const QString &path, QByteArray *text, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    *text = file.readAll();
    return true;
}

bool writeFile(const QString &path, const QByteArray &text, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

// The text between two markers, both of which must be there: the markers are top-level YAML keys, so
// what lies between is one section's body.
bool sectionBetween(const QByteArray &text, const QByteArray &from, const QByteArray &to, QByteArray *section)
{
    const qsizetype start = text.indexOf(from);
    const qsizetype end = start < 0 ? -1 : text.indexOf(to, start + from.size());
    if (end < 0)
        return false;
    *section = text.mid(start + from.size(), end - start - from.size());
    return true;
}

bool insertAfter(QByteArray *text, const QByteArray &marker, const QByteArray &insertion)
{
    const qsizetype at = text->indexOf(marker);
    if (at < 0)
        return false;
    text->insert(at + marker.size(), insertion);
    return true;
}

// Replaces every occurrence; false when there was none, i.e. the spec's layout changed.
bool replaceAll(QByteArray *text, const QByteArray &before, const QByteArray &after)
{
    if (!text->contains(before))
        return false;
    text->replace(before, after);
    return true;
}
} // namespace

namespace SpreeApiSpecs {
QString platformV2Path()
{
    return specPath("platform-v2.yaml");
}

QString adminV3Path()
{
    return specPath("admin-v3.yaml");
}

QString oauthPath()
{
    return specPath("oauth.yml");
}

bool writePlatformV2WithToken(const QString &target, QString *error)
{
    QByteArray platform;
    QByteArray oauth;
    if (!readFile(platformV2Path(), &platform, error) || !readFile(oauthPath(), &oauth, error))
        return false;
    // Both files indent by two spaces, so oauth.yml's entries drop into platform's sections as they are.
    QByteArray tokenPaths;
    QByteArray tokenSchemas;
    if (!sectionBetween(oauth, "\npaths:\n", "\ncomponents:\n", &tokenPaths) ||
        !sectionBetween(oauth, "\ncomponents:\n  schemas:\n", "\ntags:\n", &tokenSchemas) ||
        !insertAfter(&platform, "\npaths:\n", tokenPaths + '\n') ||
        !insertAfter(&platform,
                     "\ncomponents:\n  securitySchemes:\n    bearer_auth:\n      type: http\n"
                     "      scheme: bearer\n  schemas:\n",
                     tokenSchemas + '\n')) {
        *error = QStringLiteral("%1 or %2 no longer has the sections SpreeApiSpecs merges; update the merge")
                     .arg(platformV2Path(), oauthPath());
        return false;
    }
    return writeFile(target, platform, error);
}

bool writeAdminV3EitherCredential(const QString &target, QString *error)
{
    QByteArray admin;
    if (!readFile(adminV3Path(), &admin, error))
        return false;
    // One security requirement listing both schemes means both; two requirements mean either.
    if (!replaceAll(&admin, "      security:\n      - api_key: []\n        bearer_auth: []\n",
                    "      security:\n      - api_key: []\n      - bearer_auth: []\n") ||
        !replaceAll(&admin, "      - name: x-spree-api-key\n        in: header\n        required: true\n",
                    "      - name: x-spree-api-key\n        in: header\n        required: false\n") ||
        !replaceAll(&admin, "      - name: Authorization\n        in: header\n        required: true\n",
                    "      - name: Authorization\n        in: header\n        required: false\n")) {
        *error = QStringLiteral("%1 no longer declares its credentials the way SpreeApiSpecs patches them; "
                                "update the patch")
                     .arg(adminV3Path());
        return false;
    }
    return writeFile(target, admin, error);
}
} // namespace SpreeApiSpecs
