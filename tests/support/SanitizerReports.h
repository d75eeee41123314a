#pragma once

#include <QProcess>
#include <QStringList>

// In a sanitizer build run-tests.sh sends the reports to files (log_path in ASAN_OPTIONS and
// UBSAN_OPTIONS) rather than stderr: tests read an `integrator` child's stderr themselves, and a report
// mixed into it would go unseen or break what they check. This finds the reports of one child.
class SanitizerReports
{
public:
    // The report files a process with this pid and environment wrote; none outside a sanitizer run.
    static QStringList filesOf(qint64 pid, const QProcessEnvironment &environment);
    // Records a failure of the running test for each report of the finished child.
    static void failOnReports(qint64 pid, const QProcessEnvironment &environment);

private:
    static QStringList logPathsIn(const QProcessEnvironment &environment);
};
