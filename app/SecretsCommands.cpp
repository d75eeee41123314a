#include "SecretsCommands.h"

#include "secrets/CredentialStore.h"
#include "secrets/MasterKeyFile.h"
#include "secrets/MasterKeyRotation.h"
#include "storage/Database.h"
#include "storage/SealedSecretRepository.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace {

void print(const QByteArray &line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
}

} // namespace

SecretsCommands::SecretsCommands(const QCommandLineParser &parser, CredentialStore &credentials,
                                 DatabaseOpener openDatabase)
    : parser_(parser)
    , credentials_(credentials)
    , openDatabase_(std::move(openDatabase))
{}

int SecretsCommands::fail(const QString &message, int exitStatus) const
{
    std::fprintf(stderr, "integrator: %s\n", qUtf8Printable(message));
    return exitStatus;
}

int SecretsCommands::run(const QStringList &arguments)
{
    const QString command = arguments.value(0);
    if (arguments.size() == 1 && command == QLatin1String("new-key"))
        return newKey();
    if (arguments.size() == 1 && command == QLatin1String("export-key"))
        return exportKey();
    if (arguments.size() == 1 && command == QLatin1String("rotate-key"))
        return rotateKey();
    if (arguments.size() == 1 && command == QLatin1String("status"))
        return status();
    return fail(
        QStringLiteral("secrets takes new-key, export-key, rotate-key [--new-key-file PATH] or status"), 2);
}

int SecretsCommands::newKey()
{
    print(MasterKey::generate().encoded() + '\n');
    return 0;
}

int SecretsCommands::exportKey()
{
    std::unique_ptr<Database> db;
    if (!openDatabase_(&db))
        return 1;
    if (const QString reason = credentials_.lockedReason(*db); !reason.isEmpty())
        return fail(reason);
    const std::optional<MasterKey> key = credentials_.masterKey();
    if (!key)
        return fail(QStringLiteral("this process has no master key (%1)").arg(credentials_.keyProblem()));
    print(key->encoded() + '\n');
    return 0;
}

int SecretsCommands::rotateKey()
{
    std::unique_ptr<Database> db;
    if (!openDatabase_(&db))
        return 1;
    if (const QString reason = credentials_.lockedReason(*db); !reason.isEmpty())
        return fail(reason);
    const std::optional<MasterKey> current = credentials_.masterKey();
    if (!current)
        return fail(
            QStringLiteral("this process has no master key to rotate (%1)").arg(credentials_.keyProblem()));
    const bool inKeychain = credentials_.keyOrigin() == QLatin1String("keychain");
    const QString newKeyFile = parser_.value(QStringLiteral("new-key-file"));
    if (newKeyFile.isEmpty() && !inKeychain)
        return fail(
            QStringLiteral("the master key comes from %1: write a new one with `integrator secrets new-key > "
                           "FILE`, then give --new-key-file FILE")
                .arg(credentials_.keyOrigin()),
            2);
    QString error;
    std::optional<MasterKey> next =
        newKeyFile.isEmpty() ? MasterKey::generate() : MasterKeyFile::read(newKeyFile, &error);
    if (!next)
        return fail(error);
    int resealed = 0;
    if (!MasterKeyRotation::rotate(*db, *current, *next, &resealed, &error))
        return fail(QStringLiteral("nothing rotated: %1").arg(error));
    if (inKeychain) {
        const KeychainAccess::Result saved = credentials_.keychain().writeNow(
            CredentialStore::keychainEntry(), QString::fromLatin1(next->encoded()));
        if (saved.status != KeychainAccess::Status::Ok)
            return fail(
                QStringLiteral("rotated to key %1, but the keychain did not take it (%2): save its export, "
                               "printed below, in a key file now\n%3")
                    .arg(next->id(), saved.error, QString::fromLatin1(next->encoded())));
    }
    print(
        QStringLiteral("re-sealed %1 secret(s) with key %2 (%3); key %4 no longer opens them\n")
            .arg(resealed)
            .arg(next->id(), inKeychain ? QStringLiteral("saved in the keychain") : newKeyFile, current->id())
            .toUtf8());
    return 0;
}

int SecretsCommands::status()
{
    std::unique_ptr<Database> db;
    if (!openDatabase_(&db))
        return 1;
    SealedSecretRepository repository(*db);
    QString databaseKeyId, error;
    QList<SealedSecretRepository::Row> rows;
    if (!repository.keyId(&databaseKeyId, &error) || !repository.all(&rows, &error))
        return fail(error);
    const std::optional<MasterKey> key = credentials_.masterKey();
    const QString locked = credentials_.lockedReason(*db);
    const QString state = !locked.isEmpty() ? (key ? QStringLiteral("wrong-key") : QStringLiteral("no-key"))
                                            : (key ? QStringLiteral("ok") : QStringLiteral("no-secrets"));
    QJsonObject object{{QStringLiteral("state"), state},
                       {QStringLiteral("key_source"), key ? credentials_.keyOrigin() : QString()},
                       {QStringLiteral("key_id"), key ? key->id() : QString()},
                       {QStringLiteral("database_key_id"), databaseKeyId},
                       {QStringLiteral("sealed_secrets"), int(rows.size())},
                       {QStringLiteral("problem"), !locked.isEmpty() ? locked : credentials_.keyProblem()}};
    if (parser_.isSet(QStringLiteral("json"))) {
        print(QJsonDocument(object).toJson(QJsonDocument::Indented));
        return 0;
    }
    QString text = QStringLiteral("master key:      %1\n")
                       .arg(key ? QStringLiteral("%1 from %2").arg(key->id(), credentials_.keyOrigin())
                                : QStringLiteral("none"));
    text += QStringLiteral("database sealed: %1 secret(s)%2\n")
                .arg(rows.size())
                .arg(databaseKeyId.isEmpty() ? QString() : QStringLiteral(" with key %1").arg(databaseKeyId));
    if (!object.value(QStringLiteral("problem")).toString().isEmpty())
        text +=
            QStringLiteral("problem:         %1\n").arg(object.value(QStringLiteral("problem")).toString());
    print(text.toUtf8());
    return 0;
}
