#pragma once

#include "secrets/MasterKey.h"

#include <QString>

#include <optional>

// Where a server's master key comes from before the keychain is asked, first match wins: the
// --master-key-file option, INTEGRATOR_MASTER_KEY_FILE, then systemd's credential
// $CREDENTIALS_DIRECTORY/integrator-master-key (LoadCredential=).
namespace MasterKeyFile {

struct Choice
{
    QString path;
    QString origin; // how a person would name it: "key file /etc/integrator/master.key"
};

// nullopt when none of the three is set: then the keychain holds the key, if anything does.
std::optional<Choice> choose(const QString &optionPath);
// The key in that file; nullopt and a one-line reason when it is missing, readable by others than its
// owner, or not a key.
std::optional<MasterKey> read(const QString &path, QString *error);

} // namespace MasterKeyFile
