#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

// A PostgreSQL server of the test's own (initdb in a temporary folder) that the test stops and starts,
// as an outage or a restart does. The server run-tests.sh starts is shared by every other test and must
// not go away. Trust authentication on 127.0.0.1 only; thrown away with the object.
class PostgresCluster
{
public:
    PostgresCluster();
    ~PostgresCluster();
    PostgresCluster(const PostgresCluster &) = delete;
    PostgresCluster &operator=(const PostgresCluster &) = delete;

    bool start(QString *error); // creates the cluster the first time
    bool stop(QString *error);  // a fast shutdown: open connections are cut
    QString url() const;

private:
    bool run(const QString &tool, const QStringList &arguments, QString *error) const;

    QTemporaryDir dir_;
    QString bin_;
    quint16 port_ = 0;
    bool created_ = false;
    bool running_ = false;
};
