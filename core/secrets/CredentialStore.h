#pragma once

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QString>

#include <optional>

// The one place secrets go: the operating system's keychain through QtKeychain, under scoped keys
// ("endpoint/mailer/token", "parameter/mailer.api_key"). When no keychain service answers, secrets are
// kept in this process's memory only, and available() says so; they are never written in plain text.
//
// Calls block on a local event loop until the keychain answers (or kJobTimeoutMs passes, with a
// warning). QtKeychain's jobs must run on one thread, so calls from other threads (the dispatcher)
// are carried out on the thread that owns this object, whose event loop must be running.
class CredentialStore : public QObject
{
    Q_OBJECT
public:
    explicit CredentialStore(QString service = QStringLiteral("Integrator"), QObject *parent = nullptr);

    bool write(const QString &key, const QString &secret, QString *error);
    // nullopt when there is no such secret (or it cannot be read; *error then says why).
    std::optional<QString> read(const QString &key, QString *error);
    bool remove(const QString &key, QString *error);

    // False once the keychain was found missing; unavailableReason() is the one line to show.
    bool available() const;
    QString unavailableReason() const;

    static constexpr int kJobTimeoutMs = 10000;

private:
    enum class Operation
    {
        Read,
        Write,
        Remove
    };
    struct Result
    {
        bool ok = false;
        bool notFound = false;
        bool noService = false;
        QString value;
        QString error;
    };
    Result run(Operation operation, const QString &key, const QString &secret);
    Result runOnOwnerThread(Operation operation, const QString &key, const QString &secret);
    void markUnavailable(const QString &reason);

    QString service_;
    mutable QMutex mutex_;
    QString unavailableReason_;
    QHash<QString, QString> memoryOnly_;
};
