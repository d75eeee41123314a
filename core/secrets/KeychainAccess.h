#pragma once

#include <QMutex>
#include <QObject>
#include <QString>

#include <functional>

// The operating system's keychain through QtKeychain, for the few entries Integrator keeps there: the
// master key, and secrets of databases made before secrets were sealed (read once, then removed).
//
// Jobs run on the thread that owns this object (QtKeychain's backends answer on the thread that started
// them), and are asynchronous there: the GUI thread never waits. A backend that is not there yet (a
// Secret Service started late) is asked again a few times with back-off before "no keychain" is final.
// The *Now() forms block the calling thread: command-line tools and worker threads only.
class KeychainAccess : public QObject
{
    Q_OBJECT
public:
    enum class Status
    {
        Ok,
        NotFound,
        NoKeychain,
        Failed
    };
    struct Result
    {
        Status status = Status::NoKeychain;
        QString value; // what a read found
        QString error; // one line when status is NoKeychain or Failed
    };
    using Callback = std::function<void(const Result &)>;

    explicit KeychainAccess(QString service, QObject *parent = nullptr);

    // False at once when no keychain can exist here (no D-Bus session bus); available() may still
    // turn out false after a job.
    bool available() const;
    QString unavailableReason() const;

    // The callback runs on this object's thread.
    void read(const QString &key, const Callback &done);
    void write(const QString &key, const QString &value, const Callback &done);
    void remove(const QString &key, const Callback &done);

    Result readNow(const QString &key);
    Result writeNow(const QString &key, const QString &value);
    Result removeNow(const QString &key);

    // Back-off between attempts while a Secret Service starts (and the total wait for one job).
    static constexpr int kRetryDelaysMs[] = {500, 1000, 2000, 4000};
    static constexpr int kJobTimeoutMs = 15000;

private:
    enum class Operation
    {
        Read,
        Write,
        Remove
    };
    void start(Operation operation, const QString &key, const QString &value, int retry,
               const Callback &done);
    Result runNow(Operation operation, const QString &key, const QString &value);
    void noteUnavailable(const QString &reason);

    QString service_;
    mutable QMutex mutex_;
    QString unavailableReason_;
};
